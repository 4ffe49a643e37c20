//! Text folding for matching: case, diacritics and compatibility forms are ignored ("São Paulo"
//! matches "sao paulo", "Østergaard" matches "ostergaard"). The one folding used by search (the
//! index and the query), duplicate checks, filters and the city → time-zone lookup; the UI's
//! `ui/src/lib/fold.ts` does the same, and both run the vectors in `fold_vectors.json`.

use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

/// Lower case, compatibility decomposition (NFKD), marks removed, lower case again (for forms
/// that decompose to capitals), recomposed (NFC), then the
/// letters that do not decompose (ø, æ, ß, ł …) mapped to their base letters.
pub fn fold(text: &str) -> String {
    // `str::to_lowercase` (not per char) so a final capital sigma becomes ς, as in the UI.
    let lower = text.to_lowercase();
    // Lower case again after decomposition: compatibility forms can decompose to capitals
    // (ℌ → H, ㎒ → MHz).
    let stripped = lower
        .nfkd()
        .filter(|c| !is_combining_mark(*c))
        .collect::<String>()
        .to_lowercase();
    let mut out = String::with_capacity(stripped.len());
    for c in stripped.nfc() {
        match undecomposable(c) {
            Some(base) => out.push_str(base),
            None => out.push(c),
        }
    }
    out
}

/// Letters that carry their mark inside the letter, so decomposition leaves them alone.
fn undecomposable(c: char) -> Option<&'static str> {
    Some(match c {
        'ø' => "o",
        'æ' => "ae",
        'œ' => "oe",
        'ß' => "ss",
        'ł' | 'ŀ' => "l",
        'đ' | 'ð' => "d",
        'þ' => "th",
        'ı' => "i",
        'ħ' => "h",
        'ŧ' => "t",
        'ĸ' => "k",
        'ŋ' => "n",
        'ς' => "σ",
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::fold;

    #[derive(serde::Deserialize)]
    struct Vectors {
        vectors: Vec<Vector>,
    }

    #[derive(serde::Deserialize)]
    struct Vector {
        input: String,
        folded: String,
    }

    #[test]
    fn agrees_with_the_shared_vectors() {
        let file: Vectors = serde_json::from_str(include_str!("fold_vectors.json")).unwrap();
        assert!(file.vectors.len() > 40);
        for v in file.vectors {
            assert_eq!(fold(&v.input), v.folded, "fold({:?})", v.input);
        }
    }

    #[test]
    fn letters_without_a_mark_to_strip_fold_too() {
        assert_eq!(fold("Søren Østergaard"), "soren ostergaard");
        assert_eq!(fold("Æsop"), "aesop");
        assert_eq!(fold("İstanbul"), fold("istanbul"));
    }
}
