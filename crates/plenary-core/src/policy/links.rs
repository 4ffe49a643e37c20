//! Links between documents (revises, supersedes, replaces a council resolution, related) and a
//! document's text versions (draft, consultation draft, amended, adopted).

use serde::{Deserialize, Serialize};

use crate::error::{CoreError, FieldError};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum LinkKind {
    Revises,
    Supersedes,
    /// A GA document that takes over a council resolution (linked, not duplicated).
    ReplacesCouncilResolution,
    #[default]
    Related,
}

impl LinkKind {
    pub const ALL: [LinkKind; 4] = [
        LinkKind::Revises,
        LinkKind::Supersedes,
        LinkKind::ReplacesCouncilResolution,
        LinkKind::Related,
    ];

    pub fn label(self) -> &'static str {
        match self {
            LinkKind::Revises => "Revises",
            LinkKind::Supersedes => "Supersedes",
            LinkKind::ReplacesCouncilResolution => "Replaces the council resolution",
            LinkKind::Related => "Related to",
        }
    }
}

/// A link seen from one document: `outgoing` when this document is the one that revises,
/// supersedes or replaces the other.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct PolicyLink {
    pub id: String,
    pub kind: LinkKind,
    pub outgoing: bool,
    pub other_id: String,
    pub other_title: String,
    pub created_at: String,
    pub updated_at: String,
    pub version: u32,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum TextStage {
    #[default]
    Draft,
    ConsultationDraft,
    Amended,
    Adopted,
}

impl TextStage {
    pub const ALL: [TextStage; 4] = [
        TextStage::Draft,
        TextStage::ConsultationDraft,
        TextStage::Amended,
        TextStage::Adopted,
    ];

    pub fn label(self) -> &'static str {
        match self {
            TextStage::Draft => "Draft",
            TextStage::ConsultationDraft => "Consultation draft",
            TextStage::Amended => "Amended",
            TextStage::Adopted => "Adopted",
        }
    }
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct TextVersionDraft {
    pub stage: TextStage,
    pub text: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct TextVersion {
    pub document_id: String,
    pub number: u32,
    pub stage: TextStage,
    pub text: String,
    pub created_at: String,
}

impl TextVersionDraft {
    pub fn validate(&self) -> Result<(TextStage, String), CoreError> {
        let text = self.text.trim_end();
        if text.trim().is_empty() {
            return Err(CoreError::Validation(vec![FieldError::new(
                "text",
                "Paste the text of this version.",
            )]));
        }
        if text.chars().count() > super::MAX_TEXT {
            return Err(CoreError::validation(
                "text",
                format!(
                    "The text is longer than {} characters; it cannot be kept.",
                    super::MAX_TEXT
                ),
            ));
        }
        Ok((self.stage, text.to_owned()))
    }
}
