//! Search queries: turning what a person types into a safe FTS5 query.

/// Builds an FTS5 query from free text: every word must match, the last one as a prefix (so
/// results appear while typing). Words are quoted, so FTS5 syntax in the input ("AND", `*`, `"`,
/// `NEAR(`) is matched as text, never interpreted. `None` when there is nothing to search for.
pub fn fts_query(text: &str) -> Option<String> {
    let words: Vec<String> = text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|word| !word.is_empty())
        .take(12)
        .map(|word| format!("\"{word}\""))
        .collect();
    let (last, rest) = words.split_last()?;
    let mut query = rest.join(" ");
    if !query.is_empty() {
        query.push(' ');
    }
    query.push_str(last);
    query.push('*');
    Some(query)
}

#[cfg(test)]
mod tests {
    use super::fts_query;

    #[test]
    fn every_word_is_quoted_and_the_last_is_a_prefix() {
        assert_eq!(
            fts_query("sao paulo").as_deref(),
            Some("\"sao\" \"paulo\"*")
        );
        assert_eq!(fts_query("  WHA77 ").as_deref(), Some("\"WHA77\"*"));
        assert_eq!(fts_query("A77/9").as_deref(), Some("\"A77\" \"9\"*"));
        assert_eq!(
            fts_query("NEAR(a b) OR \"x").as_deref(),
            Some("\"NEAR\" \"a\" \"b\" \"OR\" \"x\"*")
        );
        assert_eq!(fts_query("Ngũgĩ 김").as_deref(), Some("\"Ngũgĩ\" \"김\"*"));
        assert_eq!(fts_query(" -*\" "), None);
        assert_eq!(fts_query(""), None);
    }
}
