//! Word-level differences between two texts, for comparing versions of minutes and resolutions.

use serde::Serialize;
use similar::{ChangeTag, TextDiff};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum DiffKind {
    Same,
    Added,
    Removed,
}

/// A run of text that is the same in both, only in the newer, or only in the older text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct DiffSpan {
    pub kind: DiffKind,
    pub text: String,
}

/// The word-level difference from `old` to `new`, whitespace kept, adjacent runs of one kind
/// merged. Very long texts are diffed within a time limit (the result stays correct, only less
/// minimal).
pub fn word_diff(old: &str, new: &str) -> Vec<DiffSpan> {
    let diff = TextDiff::configure()
        .timeout(std::time::Duration::from_millis(500))
        .diff_words(old, new);
    let mut spans: Vec<DiffSpan> = Vec::new();
    for change in diff.iter_all_changes() {
        let kind = match change.tag() {
            ChangeTag::Equal => DiffKind::Same,
            ChangeTag::Insert => DiffKind::Added,
            ChangeTag::Delete => DiffKind::Removed,
        };
        match spans.last_mut() {
            Some(last) if last.kind == kind => last.text.push_str(change.value()),
            _ => spans.push(DiffSpan {
                kind,
                text: change.value().to_owned(),
            }),
        }
    }
    spans
}

#[cfg(test)]
mod tests {
    use super::*;

    fn render(spans: &[DiffSpan]) -> String {
        spans
            .iter()
            .map(|s| match s.kind {
                DiffKind::Same => s.text.clone(),
                DiffKind::Added => format!("[+{}]", s.text),
                DiffKind::Removed => format!("[-{}]", s.text),
            })
            .collect()
    }

    #[test]
    fn marks_changed_words_only() {
        let spans = word_diff(
            "The delegation supports the draft resolution.",
            "The delegation strongly supports the amended draft resolution.",
        );
        assert_eq!(
            render(&spans),
            "The delegation [+strongly ]supports the [+amended ]draft resolution."
        );
    }

    #[test]
    fn replacements_show_both_sides_and_the_texts_rebuild() {
        let old = "Vote: 120 for, 2 against.\nAdopted.";
        let new = "Vote: 124 for, 0 against.\nAdopted.";
        let spans = word_diff(old, new);
        let rebuilt = |keep: DiffKind| {
            spans
                .iter()
                .filter(|s| s.kind == DiffKind::Same || s.kind == keep)
                .map(|s| s.text.as_str())
                .collect::<String>()
        };
        assert_eq!(rebuilt(DiffKind::Removed), old);
        assert_eq!(rebuilt(DiffKind::Added), new);
        assert!(
            spans
                .iter()
                .any(|s| s.kind == DiffKind::Removed && s.text.contains("120"))
        );
        assert!(
            spans
                .iter()
                .any(|s| s.kind == DiffKind::Added && s.text.contains("124"))
        );
    }

    #[test]
    fn identical_and_empty_texts() {
        assert_eq!(
            word_diff("Same text", "Same text"),
            [DiffSpan {
                kind: DiffKind::Same,
                text: "Same text".into()
            }]
        );
        assert!(word_diff("", "").is_empty());
        assert_eq!(render(&word_diff("", "New")), "[+New]");
        assert_eq!(
            render(&word_diff("Ngũgĩ spoke", "Ngũgĩ wa Thiong'o spoke")),
            "Ngũgĩ [+wa Thiong'o ]spoke"
        );
    }
}
