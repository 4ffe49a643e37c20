//! Search queries: turning what a person types into a safe FTS5 query over folded text, and
//! marking what matched in the text as written.

use crate::fold::fold;

/// At most this many words of a query are used.
const MAX_WORDS: usize = 12;

/// What a person typed, folded and split into words as the index splits text: every word must
/// match, the last one as a prefix (so results appear while typing).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SearchTerms {
    words: Vec<String>,
}

impl SearchTerms {
    /// `None` when there is nothing to search for.
    pub fn parse(text: &str) -> Option<SearchTerms> {
        let folded = fold(text);
        let words: Vec<String> = words_of(&folded)
            .map(|(_, word)| word.to_owned())
            .take(MAX_WORDS)
            .collect();
        (!words.is_empty()).then_some(SearchTerms { words })
    }

    /// The FTS5 query. Words are quoted, so FTS5 syntax in the input ("AND", `*`, `"`, `NEAR(`)
    /// is matched as text, never interpreted.
    pub fn fts_query(&self) -> String {
        let mut query = self
            .words
            .iter()
            .map(|word| format!("\"{word}\""))
            .collect::<Vec<_>>()
            .join(" ");
        query.push('*');
        query
    }

    /// Whether a word of the text (as written) matches: equal to a term once folded, or
    /// beginning with the last term.
    fn matches(&self, word: &str) -> bool {
        let folded = fold(word);
        let (last, rest) = self.words.split_last().expect("terms are never empty");
        folded.starts_with(last.as_str()) || rest.contains(&folded)
    }

    /// `text` with every matching word wrapped in `start` … `end`.
    pub fn mark(&self, text: &str, start: char, end: char) -> String {
        let mut out = String::with_capacity(text.len() + 8);
        let mut copied = 0;
        for (at, word) in words_of(text) {
            if self.matches(word) {
                out.push_str(&text[copied..at]);
                out.push(start);
                out.push_str(word);
                out.push(end);
                copied = at + word.len();
            }
        }
        out.push_str(&text[copied..]);
        out
    }

    /// About `length` words of `text` around its first match (from the start when nothing in it
    /// matches), matches marked, with "…" where text was left out.
    pub fn excerpt(&self, text: &str, length: usize, start: char, end: char) -> String {
        let words: Vec<(usize, &str)> = words_of(text).collect();
        if words.is_empty() {
            return String::new();
        }
        let first_match = words
            .iter()
            .position(|(_, word)| self.matches(word))
            .unwrap_or(0);
        let from = first_match.saturating_sub(length / 4);
        let to = (from + length).min(words.len());
        let begin = if from == 0 { 0 } else { words[from].0 };
        let finish = if to == words.len() {
            text.len()
        } else {
            let (at, word) = words[to - 1];
            at + word.len()
        };
        let mut out = String::new();
        if begin > 0 {
            out.push('…');
        }
        out.push_str(&self.mark(text[begin..finish].trim(), start, end));
        if finish < text.len() {
            out.push('…');
        }
        out
    }
}

/// The words of `text` (runs of letters and digits) with their byte offsets.
fn words_of(text: &str) -> impl Iterator<Item = (usize, &str)> {
    let mut rest = text.char_indices().peekable();
    std::iter::from_fn(move || {
        while let Some(&(_, c)) = rest.peek() {
            if c.is_alphanumeric() {
                break;
            }
            rest.next();
        }
        let (start, _) = *rest.peek()?;
        let mut finish = start;
        while let Some(&(at, c)) = rest.peek() {
            if !c.is_alphanumeric() {
                break;
            }
            finish = at + c.len_utf8();
            rest.next();
        }
        Some((start, &text[start..finish]))
    })
}

/// The FTS5 query for free text, or `None` when there is nothing to search for.
pub fn fts_query(text: &str) -> Option<String> {
    SearchTerms::parse(text).map(|terms| terms.fts_query())
}

#[cfg(test)]
mod tests {
    use super::{SearchTerms, fts_query};

    #[test]
    fn every_word_is_folded_and_quoted_and_the_last_is_a_prefix() {
        assert_eq!(
            fts_query("São paulo").as_deref(),
            Some("\"sao\" \"paulo\"*")
        );
        assert_eq!(fts_query("  WHA77 ").as_deref(), Some("\"wha77\"*"));
        assert_eq!(fts_query("A77/9").as_deref(), Some("\"a77\" \"9\"*"));
        assert_eq!(
            fts_query("NEAR(a b) OR \"x").as_deref(),
            Some("\"near\" \"a\" \"b\" \"or\" \"x\"*")
        );
        assert_eq!(fts_query("Ngũgĩ 김").as_deref(), Some("\"ngugi\" \"김\"*"));
        assert_eq!(fts_query("Østergaard").as_deref(), Some("\"ostergaard\"*"));
        assert_eq!(fts_query(" -*\" "), None);
        assert_eq!(fts_query(""), None);
    }

    #[test]
    fn matches_are_marked_in_the_text_as_written() {
        let terms = SearchTerms::parse("soren oster").unwrap();
        assert_eq!(
            terms.mark("Dr Søren Østergaard (Søren)", '[', ']'),
            "Dr [Søren] [Østergaard] ([Søren])"
        );
        // Only the last word is a prefix.
        let terms = SearchTerms::parse("sor oster").unwrap();
        assert_eq!(
            terms.mark("Søren Østergaard", '[', ']'),
            "Søren [Østergaard]"
        );
    }

    #[test]
    fn an_excerpt_is_cut_around_the_first_match() {
        let terms = SearchTerms::parse("tuesday").unwrap();
        let text = "one two three four five six seven eight nine ten Tuesday eleven twelve \
                    thirteen fourteen fifteen sixteen seventeen eighteen";
        assert_eq!(
            terms.excerpt(text, 8, '[', ']'),
            "…nine ten [Tuesday] eleven twelve thirteen fourteen fifteen…"
        );
        assert_eq!(terms.excerpt("Tuesday only", 8, '[', ']'), "[Tuesday] only");
        assert_eq!(terms.excerpt("nothing here", 8, '[', ']'), "nothing here");
        assert_eq!(terms.excerpt("", 8, '[', ']'), "");
    }
}
