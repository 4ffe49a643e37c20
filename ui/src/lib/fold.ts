/**
 * Folding for matching, the same as the core's `fold` (crates/plenary-core/src/fold.rs); both
 * run the vectors in `fold_vectors.json`. Lower case, compatibility decomposition, marks removed,
 * recomposed, then the letters that do not decompose (ø, æ, ß, ł …) mapped to base letters.
 */
const UNDECOMPOSABLE: Record<string, string> = {
  ø: "o",
  æ: "ae",
  œ: "oe",
  ß: "ss",
  ł: "l",
  ŀ: "l",
  đ: "d",
  ð: "d",
  þ: "th",
  ı: "i",
  ħ: "h",
  ŧ: "t",
  ĸ: "k",
  ŋ: "n",
  ς: "σ",
};

const UNDECOMPOSABLE_LETTER = new RegExp(`[${Object.keys(UNDECOMPOSABLE).join("")}]`, "gu");

export function fold(text: string): string {
  return text
    .toLowerCase()
    .normalize("NFKD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .normalize("NFC")
    .replace(UNDECOMPOSABLE_LETTER, (letter) => UNDECOMPOSABLE[letter] ?? letter);
}
