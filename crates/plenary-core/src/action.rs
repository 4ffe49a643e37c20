//! Action items: follow-ups from a meeting, an agenda item or a record, with an owner and a due date.

use jiff::civil::Date;
use serde::{Deserialize, Serialize};

use crate::error::{CoreError, FieldError};
use crate::meeting::parse_date;

pub const MAX_TITLE: usize = 300;
pub const MAX_OWNER: usize = 200;
pub const MAX_NOTES: usize = 20_000;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum ActionStatus {
    #[default]
    Open,
    Done,
    Dropped,
}

impl ActionStatus {
    pub const ALL: [ActionStatus; 3] = [
        ActionStatus::Open,
        ActionStatus::Done,
        ActionStatus::Dropped,
    ];

    pub fn label(self) -> &'static str {
        match self {
            ActionStatus::Open => "Open",
            ActionStatus::Done => "Done",
            ActionStatus::Dropped => "Dropped",
        }
    }
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ActionItemDraft {
    pub title: String,
    /// Who follows it up (a name, until people are kept in Plenary).
    pub owner: String,
    /// ISO `YYYY-MM-DD`, or empty.
    pub due_date: String,
    pub status: ActionStatus,
    /// The agenda item it came from, or empty.
    pub agenda_item_id: String,
    /// The record it came from, or empty.
    pub record_id: String,
    pub notes: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ActionItemFields {
    pub title: String,
    pub owner: String,
    #[cfg_attr(feature = "ts", ts(type = "string | null"))]
    pub due_date: Option<Date>,
    pub status: ActionStatus,
    pub agenda_item_id: Option<String>,
    pub record_id: Option<String>,
    pub notes: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ActionItem {
    pub id: String,
    pub meeting_id: String,
    #[serde(flatten)]
    #[cfg_attr(feature = "ts", ts(flatten))]
    pub fields: ActionItemFields,
    pub created_at: String,
    pub updated_at: String,
    pub version: u32,
}

impl ActionItemFields {
    /// Open and past its due date.
    pub fn is_overdue(&self, today: Date) -> bool {
        self.status == ActionStatus::Open && self.due_date.is_some_and(|due| due < today)
    }
}

impl ActionItemDraft {
    pub fn validate(&self) -> Result<ActionItemFields, CoreError> {
        let mut errors = Vec::new();
        let title = self.title.trim();
        if title.is_empty() {
            errors.push(FieldError::new(
                "title",
                "Say what is to be done, such as \"Send our comments on the draft to the WMA\".",
            ));
        }
        for (field, name, value, max) in [
            ("title", "The title", title, MAX_TITLE),
            ("owner", "The owner", self.owner.trim(), MAX_OWNER),
            ("notes", "The notes", self.notes.as_str(), MAX_NOTES),
        ] {
            crate::form::check_length(&mut errors, field, name, value, max);
        }
        let due_date = match self.due_date.trim() {
            "" => None,
            text => parse_date(text)
                .map_err(|p| errors.push(FieldError::new("due_date", format!("The due date {p}."))))
                .ok(),
        };
        if !errors.is_empty() {
            return Err(CoreError::Validation(errors));
        }
        let optional = |text: &str| Some(text.trim().to_owned()).filter(|t| !t.is_empty());
        Ok(ActionItemFields {
            title: title.to_owned(),
            owner: self.owner.trim().to_owned(),
            due_date,
            status: self.status,
            agenda_item_id: optional(&self.agenda_item_id),
            record_id: optional(&self.record_id),
            notes: self.notes.trim_end().to_owned(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn overdue_means_open_and_past_due() {
        let draft = ActionItemDraft {
            title: "Circulate the report".into(),
            due_date: "2024-06-10".into(),
            ..Default::default()
        };
        let fields = draft.validate().unwrap();
        assert!(fields.is_overdue(jiff::civil::date(2024, 6, 11)));
        assert!(!fields.is_overdue(jiff::civil::date(2024, 6, 10)));
        let done = ActionItemFields {
            status: ActionStatus::Done,
            ..fields.clone()
        };
        assert!(!done.is_overdue(jiff::civil::date(2025, 1, 1)));
        let undated = ActionItemFields {
            due_date: None,
            ..fields
        };
        assert!(!undated.is_overdue(jiff::civil::date(2025, 1, 1)));
    }

    #[test]
    fn bad_action_items_are_named() {
        let draft = ActionItemDraft {
            title: " ".into(),
            due_date: "next week".into(),
            ..Default::default()
        };
        let Err(CoreError::Validation(errors)) = draft.validate() else {
            panic!()
        };
        assert_eq!(
            errors.iter().map(|e| e.field.as_str()).collect::<Vec<_>>(),
            ["title", "due_date"]
        );
    }
}
