//! Agenda items: hierarchical numbers ("13.3") that sort numerically (1.2 < 1.10 < 2), the forum
//! that takes each item, and the association's priority. An item nests under the item whose
//! number is its longest existing prefix ("13.3" under "13").

use serde::{Deserialize, Serialize};

use crate::error::{CoreError, FieldError};

pub const MAX_TITLE: usize = 500;
pub const MAX_NOTES: usize = 20_000;
/// Deepest nesting accepted ("1.2.3.4.5.6").
pub const MAX_DEPTH: usize = 6;

/// An agenda number: dot-separated positive whole numbers, kept in normal form ("13.03" → "13.3").
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct AgendaNumber(Vec<u32>);

impl AgendaNumber {
    pub fn parse(text: &str) -> Result<Self, String> {
        let text = text.trim();
        let problem = || {
            format!(
                "\"{}\" is not an agenda number. Use whole numbers separated by dots, such as 13 or 13.3 (at most {MAX_DEPTH} levels).",
                text.chars().take(30).collect::<String>()
            )
        };
        if text.is_empty() {
            return Err("Enter the item's number, such as 13.3.".to_owned());
        }
        let parts: Vec<&str> = text.split('.').collect();
        if parts.len() > MAX_DEPTH {
            return Err(problem());
        }
        let mut numbers = Vec::with_capacity(parts.len());
        for part in parts {
            if part.is_empty() || part.len() > 4 || !part.bytes().all(|b| b.is_ascii_digit()) {
                return Err(problem());
            }
            match part.parse::<u32>() {
                Ok(n) if n > 0 => numbers.push(n),
                _ => return Err(problem()),
            }
        }
        Ok(AgendaNumber(numbers))
    }

    pub fn parts(&self) -> &[u32] {
        &self.0
    }

    /// Text whose byte order is the numeric order: each part zero-padded to four digits.
    pub fn sort_key(&self) -> String {
        self.0
            .iter()
            .map(|n| format!("{n:04}"))
            .collect::<Vec<_>>()
            .join(".")
    }

    /// Whether `self` is a proper prefix of `other` ("13" of "13.3", not "1" of "13").
    pub fn is_ancestor_of(&self, other: &AgendaNumber) -> bool {
        other.0.len() > self.0.len() && other.0.starts_with(&self.0)
    }

    /// `self` moved from under `from` to under `to` ("13.3.1" from "13.3" to "14.1" → "14.1.1").
    pub fn rebased(&self, from: &AgendaNumber, to: &AgendaNumber) -> AgendaNumber {
        let mut parts = to.0.clone();
        parts.extend_from_slice(&self.0[from.0.len()..]);
        AgendaNumber(parts)
    }

    /// The same number with its last part changed (its sibling).
    pub fn with_last(&self, last: u32) -> AgendaNumber {
        let mut parts = self.0.clone();
        if let Some(end) = parts.last_mut() {
            *end = last;
        }
        AgendaNumber(parts)
    }
}

impl std::fmt::Display for AgendaNumber {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let text = self
            .0
            .iter()
            .map(u32::to_string)
            .collect::<Vec<_>>()
            .join(".");
        f.write_str(&text)
    }
}

/// The association's interest in an item.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum Priority {
    High,
    #[default]
    Normal,
    Low,
    /// Follow it, do not engage.
    Monitor,
}

impl Priority {
    pub const ALL: [Priority; 4] = [
        Priority::High,
        Priority::Normal,
        Priority::Low,
        Priority::Monitor,
    ];

    pub fn label(self) -> &'static str {
        match self {
            Priority::High => "High",
            Priority::Normal => "Normal",
            Priority::Low => "Low",
            Priority::Monitor => "Monitor only",
        }
    }
}

/// An agenda item as its form submits it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct AgendaItemDraft {
    /// "13.3".
    pub number: String,
    pub title: String,
    /// The body that takes it (WHA Committee A, MEC...), or empty.
    pub forum_body_id: String,
    pub priority: Priority,
    pub notes: String,
}

/// The checked content of an agenda item.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct AgendaItemFields {
    pub number: String,
    pub title: String,
    pub forum_body_id: Option<String>,
    pub priority: Priority,
    pub notes: String,
}

/// A stored agenda item.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct AgendaItem {
    pub id: String,
    pub meeting_id: String,
    #[serde(flatten)]
    #[cfg_attr(feature = "ts", ts(flatten))]
    pub fields: AgendaItemFields,
    /// How deep it sits: 0 for "13", 1 for "13.3" under an existing "13".
    pub depth: u32,
    pub created_at: String,
    pub updated_at: String,
    pub version: u32,
}

impl AgendaItemDraft {
    pub fn validate(&self) -> Result<(AgendaNumber, AgendaItemFields), CoreError> {
        let mut errors = Vec::new();
        let number = AgendaNumber::parse(&self.number)
            .map_err(|m| errors.push(FieldError::new("number", m)))
            .ok();
        let title = self.title.trim();
        if title.is_empty() {
            errors.push(FieldError::new(
                "title",
                "Enter the item's title, such as \"Universal health coverage\".",
            ));
        }
        for (field, name, value, max) in [
            ("title", "The title", title, MAX_TITLE),
            ("notes", "The notes", self.notes.as_str(), MAX_NOTES),
        ] {
            crate::form::check_length(&mut errors, field, name, value, max);
        }
        match (number, errors.is_empty()) {
            (Some(number), true) => {
                let fields = AgendaItemFields {
                    number: number.to_string(),
                    title: title.to_owned(),
                    forum_body_id: Some(self.forum_body_id.trim().to_owned())
                        .filter(|f| !f.is_empty()),
                    priority: self.priority,
                    notes: self.notes.trim_end().to_owned(),
                };
                Ok((number, fields))
            }
            _ => Err(CoreError::Validation(errors)),
        }
    }
}

/// Depth of each number among `numbers`: how many of its proper prefixes exist.
pub fn depths(numbers: &[AgendaNumber]) -> Vec<u32> {
    let known: std::collections::HashSet<&[u32]> = numbers.iter().map(|n| n.parts()).collect();
    numbers
        .iter()
        .map(|n| {
            (1..n.parts().len())
                .filter(|&len| known.contains(&n.parts()[..len]))
                .count() as u32
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn number(text: &str) -> AgendaNumber {
        AgendaNumber::parse(text).unwrap()
    }

    #[test]
    fn numbers_are_normalised_and_sort_numerically() {
        assert_eq!(number(" 13.03 ").to_string(), "13.3");
        let mut numbers: Vec<AgendaNumber> = ["2", "1.10", "13.3", "1.2", "1", "13", "10", "1.2.1"]
            .map(number)
            .to_vec();
        numbers.sort_by_key(|n| n.sort_key());
        let sorted: Vec<String> = numbers.iter().map(ToString::to_string).collect();
        assert_eq!(
            sorted,
            ["1", "1.2", "1.2.1", "1.10", "2", "10", "13", "13.3"]
        );
        // The key's text order matches the numbers' own order.
        let mut by_value = numbers.clone();
        by_value.sort();
        assert_eq!(by_value, numbers);
    }

    #[test]
    fn malformed_numbers_are_refused_with_an_example() {
        for bad in [
            "13..3",
            ".3",
            "13.",
            "13.3a",
            "A77",
            "0",
            "13.0",
            "-1",
            "1 3",
            "12345",
            "1.2.3.4.5.6.7",
            "١٣",
        ] {
            let message = AgendaNumber::parse(bad).unwrap_err();
            assert!(message.contains("such as 13 or 13.3"), "{bad}: {message}");
        }
        assert!(AgendaNumber::parse("  ").unwrap_err().contains("Enter"));
    }

    #[test]
    fn prefixes_rebasing_and_siblings() {
        assert!(number("13").is_ancestor_of(&number("13.3")));
        assert!(!number("1").is_ancestor_of(&number("13")));
        assert!(!number("13").is_ancestor_of(&number("13")));
        assert_eq!(
            number("13.3.1")
                .rebased(&number("13.3"), &number("14.1"))
                .to_string(),
            "14.1.1"
        );
        assert_eq!(number("13.3").with_last(4).to_string(), "13.4");
    }

    #[test]
    fn depth_counts_existing_ancestors_only() {
        let numbers = ["13", "13.3", "13.3.1", "14.1", "2.1.1"]
            .map(number)
            .to_vec();
        assert_eq!(depths(&numbers), [0, 1, 2, 0, 0]);
    }

    #[test]
    fn drafts_are_checked_field_by_field() {
        let draft = AgendaItemDraft {
            number: "13.3".into(),
            title: "Antimicrobial resistance".into(),
            ..Default::default()
        };
        let (n, fields) = draft.validate().unwrap();
        assert_eq!(
            (n.to_string(), fields.priority, fields.forum_body_id),
            ("13.3".into(), Priority::Normal, None)
        );
        let bad = AgendaItemDraft {
            number: "13,3".into(),
            title: " ".into(),
            ..Default::default()
        };
        let Err(CoreError::Validation(errors)) = bad.validate() else {
            panic!()
        };
        assert_eq!(
            errors.iter().map(|e| e.field.as_str()).collect::<Vec<_>>(),
            ["number", "title"]
        );
    }
}
