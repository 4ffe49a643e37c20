//! The one search box: full-text search over every searchable record.

use rusqlite::params;
use serde::Serialize;

use super::Store;
use crate::error::Result;
use crate::search::SearchTerms;

/// Marks around matched words in [`SearchHit::title`] and [`SearchHit::excerpt`]; the UI turns
/// them into highlighting (and never renders the text as HTML).
pub const MATCH_START: char = '\u{2}';
pub const MATCH_END: char = '\u{3}';

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct SearchHit {
    /// The kind of record: "meeting", and others as areas are added.
    pub kind: String,
    pub record_id: String,
    /// The meeting the record belongs to (the meeting itself for a meeting), to open it there.
    pub meeting_id: Option<String>,
    /// The record's title with matches marked by `\u{2}` … `\u{3}`.
    pub title: String,
    /// A few words around the first match in the rest of the text, marked the same way.
    pub excerpt: String,
}

impl Store {
    /// Records matching every word of `text` (the last as a prefix), best first, at most `limit`.
    pub fn search(&self, text: &str, limit: u32) -> Result<Vec<SearchHit>> {
        let Some(terms) = SearchTerms::parse(text) else {
            return Ok(Vec::new());
        };
        // The index matches folded text; what is shown is the text as written, marked here with
        // the same folding (FTS5's own highlight would show the folded text).
        let mut statement = self.conn.prepare_cached(
            "SELECT kind, record_id, meeting_id, shown_title, shown_text
             FROM search_index WHERE search_index MATCH ?1
             ORDER BY bm25(search_index, 0.0, 0.0, 0.0, 4.0, 1.0, 0.0, 0.0) LIMIT ?2",
        )?;
        let rows = statement.query_map(params![terms.fts_query(), limit], |row| {
            let title: String = row.get(3)?;
            let text: Option<String> = row.get(4)?;
            Ok(SearchHit {
                kind: row.get(0)?,
                record_id: row.get(1)?,
                meeting_id: row.get(2)?,
                title: terms.mark(&title, MATCH_START, MATCH_END),
                excerpt: terms.excerpt(
                    text.as_deref().unwrap_or_default(),
                    EXCERPT_WORDS,
                    MATCH_START,
                    MATCH_END,
                ),
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}

/// How many words an excerpt shows.
const EXCERPT_WORDS: usize = 12;

#[cfg(test)]
mod tests {
    use super::*;
    use crate::meeting::tests::kigali;

    fn ids(store: &Store, text: &str) -> Vec<String> {
        store
            .search(text, 20)
            .unwrap()
            .into_iter()
            .map(|h| h.record_id)
            .collect()
    }

    #[test]
    fn meetings_are_found_by_any_word_with_diacritics_folded_and_prefixes() {
        let dir = tempfile::tempdir().unwrap();
        let mut store = Store::open_in(dir.path()).unwrap();
        let mut geneva = kigali();
        geneva.title = "WHA77".into();
        geneva.city = "Genève".into();
        geneva.venue = "Palais des Nations".into();
        geneva.country = "Switzerland".into();
        geneva.time_zone = "Europe/Zurich".into();
        geneva.notes = "Committee A takes 13.3 on Tuesday".into();
        let wha = store.create_meeting(&geneva).unwrap();
        let ga = store.create_meeting(&kigali()).unwrap();

        assert_eq!(ids(&store, "geneve"), [wha.id.as_str()]);
        assert_eq!(ids(&store, "GENÈVE palais"), [wha.id.as_str()]);
        assert_eq!(ids(&store, "kig"), [ga.id.as_str()]);
        assert_eq!(ids(&store, "tuesday"), [wha.id.as_str()]);
        assert!(ids(&store, "helsinki").is_empty());
        assert!(ids(&store, "\"unbalanced AND (").is_empty());

        let hit = &store.search("wha77", 5).unwrap()[0];
        assert_eq!(hit.kind, "meeting");
        assert_eq!(hit.title, "\u{2}WHA77\u{3}");

        // Edits and deletions reach the index.
        let mut moved = geneva.clone();
        moved.city = "São Paulo".into();
        store.update_meeting(&wha.id, 1, &moved).unwrap();
        assert!(ids(&store, "geneve").is_empty());
        assert_eq!(ids(&store, "sao paulo"), [wha.id.as_str()]);
        store.delete_meeting(&wha.id, 2).unwrap();
        assert!(ids(&store, "paulo").is_empty());
    }

    #[test]
    fn letters_without_a_mark_to_strip_are_found_and_shown_as_written() {
        let dir = tempfile::tempdir().unwrap();
        let mut store = Store::open_in(dir.path()).unwrap();
        let mut draft = kigali();
        draft.title = "Nordic meeting with Søren Østergaard".into();
        draft.notes = "Hosted by Æsop Łukasiewicz in Straße 5, İstanbul".into();
        let meeting = store.create_meeting(&draft).unwrap();
        for query in [
            "ostergaard",
            "soren",
            "ØSTER",
            "aesop",
            "lukasiewicz",
            "strasse",
            "istanbul",
        ] {
            assert_eq!(ids(&store, query), [meeting.id.as_str()], "{query}");
        }
        let hit = &store.search("soren ostergaard", 5).unwrap()[0];
        assert_eq!(
            hit.title,
            "Nordic meeting with \u{2}Søren\u{3} \u{2}Østergaard\u{3}"
        );
        let hit = &store.search("aesop", 5).unwrap()[0];
        assert!(hit.excerpt.contains("\u{2}Æsop\u{3}"), "{}", hit.excerpt);
    }
}
