/** Lower-cases and strips diacritics so "sao paulo" finds "São Paulo" (and "ngugi" finds "Ngũgĩ"). */
export function fold(text: string): string {
  return (
    text
      .normalize("NFKD")
      .replace(/\p{Mn}/gu, "")
      // Recompose what decomposition split without marks to strip (Hangul syllables, for one).
      .normalize("NFC")
      .replace(/ß/g, "ss")
      .replace(/[øØ]/g, "o")
      .replace(/[łŁ]/g, "l")
      .replace(/[đĐ]/g, "d")
      .toLowerCase()
  );
}
