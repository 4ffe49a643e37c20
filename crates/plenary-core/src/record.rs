//! Meeting records (notes, minutes, outcomes, debriefs) with versions: a draft is edited in
//! place; a final record is locked, and changing it makes a new version. Every version is kept.

use serde::{Deserialize, Serialize};

use crate::error::{CoreError, FieldError};

pub const MAX_TITLE: usize = 300;
pub const MAX_BODY: usize = 500_000;
pub const MAX_AUTHOR: usize = 200;
/// More votes than any assembly has members.
pub const MAX_VOTES: u32 = 100_000;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum RecordKind {
    #[default]
    Notes,
    Minutes,
    /// What was decided, possibly with a vote.
    Outcome,
    /// The delegation's account afterwards.
    Debrief,
}

impl RecordKind {
    pub const ALL: [RecordKind; 4] = [
        RecordKind::Notes,
        RecordKind::Minutes,
        RecordKind::Outcome,
        RecordKind::Debrief,
    ];

    pub fn label(self) -> &'static str {
        match self {
            RecordKind::Notes => "Notes",
            RecordKind::Minutes => "Minutes",
            RecordKind::Outcome => "Outcome",
            RecordKind::Debrief => "Debrief",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum RecordStatus {
    Draft,
    Final,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum VoteResult {
    Adopted,
    Rejected,
    Deferred,
    Withdrawn,
}

impl VoteResult {
    pub const ALL: [VoteResult; 4] = [
        VoteResult::Adopted,
        VoteResult::Rejected,
        VoteResult::Deferred,
        VoteResult::Withdrawn,
    ];

    pub fn label(self) -> &'static str {
        match self {
            VoteResult::Adopted => "Adopted",
            VoteResult::Rejected => "Rejected",
            VoteResult::Deferred => "Deferred",
            VoteResult::Withdrawn => "Withdrawn",
        }
    }
}

/// How a vote went: counts (any may be unknown) and the result.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Vote {
    pub in_favour: Option<u32>,
    pub against: Option<u32>,
    pub abstentions: Option<u32>,
    pub result: Option<VoteResult>,
}

impl Vote {
    pub fn is_empty(&self) -> bool {
        *self == Vote::default()
    }
}

/// A record as its form submits it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct RecordDraft {
    /// The agenda item it is about, or empty for the meeting as a whole.
    pub agenda_item_id: String,
    pub kind: RecordKind,
    pub author: String,
    pub title: String,
    /// Markdown.
    pub body: String,
    /// Counts as typed; empty when unknown.
    pub votes_in_favour: String,
    pub votes_against: String,
    pub abstentions: String,
    pub vote_result: Option<VoteResult>,
    /// Marked "For the report": its text goes into the delegate's report. Marking changes the
    /// record, not its content, so a final record stays final.
    #[serde(default)]
    pub for_report: bool,
}

/// What a version holds.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct RecordContent {
    pub title: String,
    pub body: String,
    pub author: String,
    pub vote: Vote,
}

/// A stored record with its current version's content.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Record {
    pub id: String,
    pub meeting_id: String,
    pub agenda_item_id: Option<String>,
    pub kind: RecordKind,
    pub status: RecordStatus,
    /// The number of the current version (1, 2, ...).
    pub current_version: u32,
    pub content: RecordContent,
    /// Marked "For the report" (see [`RecordDraft::for_report`]).
    pub for_report: bool,
    pub created_at: String,
    pub updated_at: String,
    pub version: u32,
}

/// One kept version.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct RecordVersion {
    pub number: u32,
    pub content: RecordContent,
    /// When it was made final, if it was.
    pub finalized_at: Option<String>,
    pub created_at: String,
    pub updated_at: String,
}

impl RecordDraft {
    pub fn validate(&self) -> Result<(Option<String>, RecordContent), CoreError> {
        let mut errors = Vec::new();
        let title = self.title.trim();
        if title.is_empty() {
            errors.push(FieldError::new(
                "title",
                "Enter a title, such as \"Committee A discussion of 13.3\".",
            ));
        }
        for (field, name, value, max) in [
            ("title", "The title", title, MAX_TITLE),
            ("author", "The author", self.author.trim(), MAX_AUTHOR),
            ("body", "The text", self.body.as_str(), MAX_BODY),
        ] {
            crate::form::check_length(&mut errors, field, name, value, max);
        }
        let mut count = |field: &str, name: &str, text: &str| -> Option<u32> {
            let text = text.trim();
            if text.is_empty() {
                return None;
            }
            match text.parse::<u32>() {
                Ok(n) if n <= MAX_VOTES && text.bytes().all(|b| b.is_ascii_digit()) => Some(n),
                _ => {
                    errors.push(FieldError::new(
                        field,
                        format!("{name} must be a whole number, such as 124, or empty if unknown."),
                    ));
                    None
                }
            }
        };
        let vote = Vote {
            in_favour: count("votes_in_favour", "Votes in favour", &self.votes_in_favour),
            against: count("votes_against", "Votes against", &self.votes_against),
            abstentions: count("abstentions", "Abstentions", &self.abstentions),
            result: self.vote_result,
        };
        if !vote.is_empty() && self.kind != RecordKind::Outcome {
            errors.push(FieldError::new(
                "kind",
                "Only outcome records carry a vote. Choose the kind Outcome, or clear the vote.",
            ));
        }
        if !errors.is_empty() {
            return Err(CoreError::Validation(errors));
        }
        let agenda_item = Some(self.agenda_item_id.trim().to_owned()).filter(|a| !a.is_empty());
        Ok((
            agenda_item,
            RecordContent {
                title: title.to_owned(),
                body: self.body.trim_end().to_owned(),
                author: self.author.trim().to_owned(),
                vote,
            },
        ))
    }
}

impl From<&Record> for RecordDraft {
    fn from(record: &Record) -> Self {
        let count = |n: Option<u32>| n.map(|n| n.to_string()).unwrap_or_default();
        RecordDraft {
            agenda_item_id: record.agenda_item_id.clone().unwrap_or_default(),
            kind: record.kind,
            author: record.content.author.clone(),
            title: record.content.title.clone(),
            body: record.content.body.clone(),
            votes_in_favour: count(record.content.vote.in_favour),
            votes_against: count(record.content.vote.against),
            abstentions: count(record.content.vote.abstentions),
            vote_result: record.content.vote.result,
            for_report: record.for_report,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn outcome() -> RecordDraft {
        RecordDraft {
            kind: RecordKind::Outcome,
            title: "WHA78.1 in Committee A".into(),
            votes_in_favour: "124".into(),
            votes_against: "0".into(),
            abstentions: "11".into(),
            vote_result: Some(VoteResult::Adopted),
            ..Default::default()
        }
    }

    #[test]
    fn an_outcome_carries_its_vote() {
        let (_, content) = outcome().validate().unwrap();
        assert_eq!(
            content.vote,
            Vote {
                in_favour: Some(124),
                against: Some(0),
                abstentions: Some(11),
                result: Some(VoteResult::Adopted)
            }
        );
    }

    #[test]
    fn bad_votes_and_missing_titles_are_named() {
        let mut bad = outcome();
        bad.title = "".into();
        bad.votes_against = "-1".into();
        bad.abstentions = "eleven".into();
        let Err(CoreError::Validation(errors)) = bad.validate() else {
            panic!()
        };
        let fields: Vec<_> = errors.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(fields, ["title", "votes_against", "abstentions"]);

        let mut notes = outcome();
        notes.kind = RecordKind::Notes;
        assert!(matches!(notes.validate(), Err(CoreError::Validation(e)) if e[0].field == "kind"));
        notes.votes_in_favour.clear();
        notes.votes_against.clear();
        notes.abstentions.clear();
        notes.vote_result = None;
        assert!(notes.validate().is_ok());
    }
}
