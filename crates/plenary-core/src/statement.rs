//! Statements (interventions) the association delivers on an agenda item: who speaks and how,
//! the time limit and its word budget, the submission deadline, and a status workflow that only
//! moves along allowed steps.

use serde::{Deserialize, Serialize};

use crate::error::{CoreError, FieldError};

/// About how many words a speaker delivers in a minute (3 minutes ≈ 330 words).
pub const WORDS_PER_MINUTE: u32 = 110;
pub const MAX_MINUTES: u32 = 60;
pub const MAX_TEXT: usize = 100_000;
pub const MAX_SHORT: usize = 300;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum SpeakingMode {
    #[default]
    Individual,
    /// A joint statement with co-signers.
    Constituency,
    /// As part of a member state's delegation.
    MemberStateDelegation,
}

impl SpeakingMode {
    pub const ALL: [SpeakingMode; 3] = [
        SpeakingMode::Individual,
        SpeakingMode::Constituency,
        SpeakingMode::MemberStateDelegation,
    ];

    pub fn label(self) -> &'static str {
        match self {
            SpeakingMode::Individual => "Individual statement",
            SpeakingMode::Constituency => "Constituency (joint) statement",
            SpeakingMode::MemberStateDelegation => "Within a member state delegation",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum StatementStatus {
    #[default]
    Draft,
    InternalReview,
    Approved,
    Submitted,
    Delivered,
    Withdrawn,
}

impl StatementStatus {
    pub const ALL: [StatementStatus; 6] = [
        StatementStatus::Draft,
        StatementStatus::InternalReview,
        StatementStatus::Approved,
        StatementStatus::Submitted,
        StatementStatus::Delivered,
        StatementStatus::Withdrawn,
    ];

    pub fn label(self) -> &'static str {
        match self {
            StatementStatus::Draft => "Draft",
            StatementStatus::InternalReview => "Internal review",
            StatementStatus::Approved => "Approved",
            StatementStatus::Submitted => "Submitted",
            StatementStatus::Delivered => "Delivered",
            StatementStatus::Withdrawn => "Withdrawn",
        }
    }

    /// The steps allowed from here. Review may send a statement back to draft; anything not yet
    /// delivered may be withdrawn; delivered and withdrawn are final.
    pub fn next(self) -> &'static [StatementStatus] {
        use StatementStatus::*;
        match self {
            Draft => &[InternalReview, Withdrawn],
            InternalReview => &[Approved, Draft, Withdrawn],
            Approved => &[Submitted, Draft, Withdrawn],
            Submitted => &[Delivered, Withdrawn],
            Delivered | Withdrawn => &[],
        }
    }

    pub fn check_move(self, to: StatementStatus) -> Result<(), CoreError> {
        if self.next().contains(&to) {
            return Ok(());
        }
        let allowed: Vec<&str> = self.next().iter().map(|s| s.label()).collect();
        Err(CoreError::validation(
            "status",
            if allowed.is_empty() {
                format!(
                    "A {} statement does not change status any more.",
                    self.label().to_lowercase()
                )
            } else {
                format!(
                    "A statement cannot go from {} to {}. From {} it can go to: {}.",
                    self.label(),
                    to.label(),
                    self.label(),
                    allowed.join(", ")
                )
            },
        ))
    }
}

/// Words as a reader counts them: runs of letters or digits, with inner apostrophes and hyphens.
pub fn word_count(text: &str) -> u32 {
    let mut count = 0;
    let mut in_word = false;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if c.is_alphanumeric() {
            if !in_word {
                count += 1;
                in_word = true;
            }
        } else if in_word
            && matches!(c, '\'' | '’' | '-')
            && chars.peek().is_some_and(|n| n.is_alphanumeric())
        {
            // Still the same word (don't, well-being).
        } else {
            in_word = false;
        }
    }
    count
}

pub fn word_budget(minutes: u32) -> u32 {
    minutes * WORDS_PER_MINUTE
}

/// A statement as its form submits it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct StatementDraft {
    pub agenda_item_id: String,
    /// The policy document it is about, or empty.
    pub document_id: String,
    pub title: String,
    /// Who speaks: "World Medical Association", or the association itself.
    pub organization: String,
    pub mode: SpeakingMode,
    /// For a constituency statement: the co-signing organizations.
    pub co_signers: String,
    pub speaker: String,
    /// Minutes as typed (e.g. "3").
    pub time_limit_minutes: String,
    /// Venue time `YYYY-MM-DDTHH:MM`; empty: one hour before the item's first session.
    pub submission_deadline: String,
    pub text: String,
    pub delivered_text: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct StatementFields {
    pub agenda_item_id: String,
    pub document_id: Option<String>,
    pub title: String,
    pub organization: String,
    pub mode: SpeakingMode,
    pub co_signers: String,
    pub speaker: String,
    pub time_limit_minutes: Option<u32>,
    pub submission_deadline: Option<String>,
    pub text: String,
    pub delivered_text: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Statement {
    pub id: String,
    pub meeting_id: String,
    #[serde(flatten)]
    #[cfg_attr(feature = "ts", ts(flatten))]
    pub fields: StatementFields,
    pub status: StatementStatus,
    /// The statuses it may move to next.
    pub next: Vec<StatementStatus>,
    /// Words the time limit allows (0 without one).
    pub word_budget: u32,
    pub word_count: u32,
    pub created_at: String,
    pub updated_at: String,
    pub version: u32,
}

impl StatementDraft {
    pub fn validate(&self) -> Result<StatementFields, CoreError> {
        let mut errors = Vec::new();
        let title = self.title.trim();
        if title.is_empty() {
            errors.push(FieldError::new(
                "title",
                "Enter a title, such as \"Statement on 11.1 Pandemic agreement\".",
            ));
        }
        if self.agenda_item_id.trim().is_empty() {
            errors.push(FieldError::new(
                "agenda_item_id",
                "Choose the agenda item the statement is for.",
            ));
        }
        for (field, name, value) in [
            ("title", "The title", title),
            ("organization", "The organization", self.organization.trim()),
            ("speaker", "The speaker", self.speaker.trim()),
            ("co_signers", "The co-signers", self.co_signers.trim()),
        ] {
            crate::form::check_length(&mut errors, field, name, value, MAX_SHORT);
        }
        if self.mode == SpeakingMode::Constituency && self.co_signers.trim().is_empty() {
            errors.push(FieldError::new(
                "co_signers",
                "A constituency statement names its co-signers.",
            ));
        }
        let minutes = self.time_limit_minutes.trim();
        let time_limit = if minutes.is_empty() {
            None
        } else {
            match minutes.parse::<u32>() {
                Ok(m)
                    if (1..=MAX_MINUTES).contains(&m)
                        && minutes.bytes().all(|b| b.is_ascii_digit()) =>
                {
                    Some(m)
                }
                _ => {
                    errors.push(FieldError::new(
                        "time_limit_minutes",
                        format!("Enter the time limit in whole minutes, 1 to {MAX_MINUTES} (3 minutes ≈ 330 words), or leave it empty."),
                    ));
                    None
                }
            }
        };
        let deadline_text = self.submission_deadline.trim();
        let deadline = if deadline_text.is_empty() {
            None
        } else {
            match deadline_text.parse::<jiff::civil::DateTime>() {
                Ok(at) => Some(at.strftime("%Y-%m-%dT%H:%M").to_string()),
                Err(_) => {
                    errors.push(FieldError::new(
                        "submission_deadline",
                        "Enter the deadline in venue time as YYYY-MM-DDTHH:MM, or leave it empty for one hour before the session.",
                    ));
                    None
                }
            }
        };
        for (field, name, value) in [
            ("text", "The text", &self.text),
            ("delivered_text", "The delivered text", &self.delivered_text),
        ] {
            crate::form::check_length(&mut errors, field, name, value, MAX_TEXT);
        }
        if !errors.is_empty() {
            return Err(CoreError::Validation(errors));
        }
        Ok(StatementFields {
            agenda_item_id: self.agenda_item_id.trim().to_owned(),
            document_id: Some(self.document_id.trim().to_owned()).filter(|d| !d.is_empty()),
            title: title.to_owned(),
            organization: self.organization.trim().to_owned(),
            mode: self.mode,
            co_signers: self.co_signers.trim().to_owned(),
            speaker: self.speaker.trim().to_owned(),
            time_limit_minutes: time_limit,
            submission_deadline: deadline,
            text: self.text.trim_end().to_owned(),
            delivered_text: self.delivered_text.trim_end().to_owned(),
        })
    }
}

/// One hour before a session's start (venue time `YYYY-MM-DDTHH:MM`).
pub fn default_deadline(session_start: &str) -> Option<String> {
    let start: jiff::civil::DateTime = session_start.parse().ok()?;
    let deadline = start.checked_sub(jiff::Span::new().hours(1)).ok()?;
    Some(deadline.strftime("%Y-%m-%dT%H:%M").to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use StatementStatus::*;

    #[test]
    fn word_budgets_and_counts() {
        assert_eq!(word_budget(3), 330);
        assert_eq!(word_budget(1), 110);
        assert_eq!(word_count(""), 0);
        assert_eq!(word_count("  Thank you, Chair.  "), 3);
        assert_eq!(word_count("The WMA's well-being agenda — 2025"), 5);
        assert_eq!(word_count("Ngũgĩ 김 محمد"), 3);
        assert_eq!(word_count(&"word ".repeat(331)), 331);
    }

    #[test]
    fn only_allowed_transitions() {
        for (from, to) in [
            (Draft, InternalReview),
            (InternalReview, Approved),
            (InternalReview, Draft),
            (Approved, Submitted),
            (Submitted, Delivered),
            (Draft, Withdrawn),
            (Submitted, Withdrawn),
        ] {
            assert!(from.check_move(to).is_ok(), "{from:?} → {to:?}");
        }
        for (from, to) in [
            (Draft, Approved),
            (Draft, Delivered),
            (InternalReview, Submitted),
            (Approved, Delivered),
            (Delivered, Draft),
            (Delivered, Withdrawn),
            (Withdrawn, Draft),
            (Draft, Draft),
        ] {
            let Err(CoreError::Validation(e)) = from.check_move(to) else {
                panic!("{from:?} → {to:?} allowed")
            };
            assert_eq!(e[0].field, "status");
        }
        let Err(CoreError::Validation(e)) = Draft.check_move(Delivered) else {
            panic!()
        };
        assert_eq!(
            e[0].message,
            "A statement cannot go from Draft to Delivered. From Draft it can go to: Internal review, Withdrawn."
        );
    }

    #[test]
    fn drafts_are_checked() {
        let good = StatementDraft {
            agenda_item_id: "item".into(),
            title: "On 11.1".into(),
            time_limit_minutes: "3".into(),
            ..Default::default()
        };
        assert_eq!(good.validate().unwrap().time_limit_minutes, Some(3));
        let bad = StatementDraft {
            mode: SpeakingMode::Constituency,
            time_limit_minutes: "three".into(),
            submission_deadline: "20 May, 09:00".into(),
            ..Default::default()
        };
        let Err(CoreError::Validation(e)) = bad.validate() else {
            panic!()
        };
        let fields: Vec<_> = e.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(
            fields,
            [
                "title",
                "agenda_item_id",
                "co_signers",
                "time_limit_minutes",
                "submission_deadline"
            ]
        );
        assert_eq!(
            default_deadline("2025-05-20T10:00").as_deref(),
            Some("2025-05-20T09:00")
        );
        assert_eq!(
            default_deadline("2025-05-20T00:30").as_deref(),
            Some("2025-05-19T23:30")
        );
    }
}
