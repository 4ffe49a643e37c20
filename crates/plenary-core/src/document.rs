//! Documents kept offline: a file (stored once under its SHA-256) with its official symbol
//! (`A77/9`, `Council 229/Activity Report/Apr2025`), title, language, source and retrieval date.

use jiff::civil::Date;
use serde::{Deserialize, Serialize};

use crate::error::{CoreError, FieldError};
use crate::meeting::parse_date;

pub const MAX_SYMBOL: usize = 200;
pub const MAX_TITLE: usize = 500;
pub const MAX_LANGUAGE: usize = 40;
pub const MAX_URL: usize = 2_000;
pub const MAX_FILE_NAME: usize = 255;
/// Largest file accepted (the biggest WHA documents are a few tens of MB).
pub const MAX_FILE_BYTES: usize = 200 * 1024 * 1024;

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct DocumentDraft {
    /// The agenda item it belongs to, or empty for the meeting as a whole.
    pub agenda_item_id: String,
    pub symbol: String,
    pub title: String,
    pub language: String,
    pub source_url: String,
    /// ISO `YYYY-MM-DD`, or empty.
    pub retrieved_on: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct DocumentFields {
    pub agenda_item_id: Option<String>,
    pub symbol: String,
    pub title: String,
    pub language: String,
    pub source_url: String,
    #[cfg_attr(feature = "ts", ts(type = "string | null"))]
    pub retrieved_on: Option<Date>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Document {
    pub id: String,
    pub meeting_id: String,
    #[serde(flatten)]
    #[cfg_attr(feature = "ts", ts(flatten))]
    pub fields: DocumentFields,
    /// The name the file had when attached.
    pub file_name: String,
    /// Bytes.
    pub size: u32,
    pub sha256: String,
    pub created_at: String,
    pub updated_at: String,
    pub version: u32,
}

/// A file received into the data folder, ready to attach.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct StoredFile {
    pub sha256: String,
    pub size: u32,
}

impl DocumentDraft {
    pub fn validate(&self) -> Result<DocumentFields, CoreError> {
        let mut errors = Vec::new();
        let title = self.title.trim();
        if title.is_empty() {
            errors.push(FieldError::new("title", "Enter the document's title, such as \"Antimicrobial resistance: report by the Director-General\"."));
        }
        for (field, name, value, max) in [
            ("symbol", "The symbol", self.symbol.trim(), MAX_SYMBOL),
            ("title", "The title", title, MAX_TITLE),
            (
                "language",
                "The language",
                self.language.trim(),
                MAX_LANGUAGE,
            ),
            (
                "source_url",
                "The source address",
                self.source_url.trim(),
                MAX_URL,
            ),
        ] {
            crate::form::check_length(&mut errors, field, name, value, max);
        }
        let url = self.source_url.trim();
        crate::form::check_web_address(&mut errors, "source_url", "https://apps.who.int/gb/", url);
        let retrieved_on = match self.retrieved_on.trim() {
            "" => None,
            text => parse_date(text)
                .map_err(|p| {
                    errors.push(FieldError::new(
                        "retrieved_on",
                        format!("The retrieval date {p}."),
                    ))
                })
                .ok(),
        };
        if !errors.is_empty() {
            return Err(CoreError::Validation(errors));
        }
        Ok(DocumentFields {
            agenda_item_id: Some(self.agenda_item_id.trim().to_owned()).filter(|a| !a.is_empty()),
            symbol: self.symbol.trim().to_owned(),
            title: title.to_owned(),
            language: self.language.trim().to_owned(),
            source_url: url.to_owned(),
            retrieved_on,
        })
    }
}

/// A file name safe to show and to use as a suggested name: path parts and control characters
/// removed, never empty.
pub fn clean_file_name(name: &str) -> String {
    let base = name.rsplit(['/', '\\']).next().unwrap_or_default();
    let cleaned: String = base
        .chars()
        .filter(|c| !c.is_control())
        .take(MAX_FILE_NAME)
        .collect();
    let cleaned = cleaned.trim().trim_start_matches('.').to_owned();
    if cleaned.is_empty() {
        "document".to_owned()
    } else {
        cleaned
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn documents_need_a_title_and_a_web_source() {
        let draft = DocumentDraft {
            symbol: "A77/9".into(),
            title: "Antimicrobial resistance".into(),
            language: "English".into(),
            source_url: "https://apps.who.int/gb/ebwha/pdf_files/WHA77/A77_9-en.pdf".into(),
            retrieved_on: "2024-05-20".into(),
            ..Default::default()
        };
        assert_eq!(draft.validate().unwrap().symbol, "A77/9");
        // An international domain name right after the scheme (this once panicked).
        let austrian = DocumentDraft {
            source_url: "http://ärztekammer.at".into(),
            ..draft.clone()
        };
        assert_eq!(
            austrian.validate().unwrap().source_url,
            "http://ärztekammer.at"
        );
        for bad in [
            "javascript:alert(1)",
            "file:///etc/passwd",
            "apps.who.int",
            "https://",
            "https://a b",
        ] {
            let d = DocumentDraft {
                source_url: bad.into(),
                ..draft.clone()
            };
            assert!(
                matches!(d.validate(), Err(CoreError::Validation(e)) if e[0].field == "source_url"),
                "{bad}"
            );
        }
        let d = DocumentDraft {
            title: "".into(),
            retrieved_on: "May 2024".into(),
            ..draft
        };
        let Err(CoreError::Validation(errors)) = d.validate() else {
            panic!()
        };
        assert_eq!(
            errors.iter().map(|e| e.field.as_str()).collect::<Vec<_>>(),
            ["title", "retrieved_on"]
        );
    }

    #[test]
    fn file_names_lose_their_paths() {
        assert_eq!(
            clean_file_name("C:\\Users\\me\\A77_9-en.pdf"),
            "A77_9-en.pdf"
        );
        assert_eq!(clean_file_name("../../etc/passwd"), "passwd");
        assert_eq!(clean_file_name("..."), "document");
        assert_eq!(clean_file_name("Résolution\u{0}.docx"), "Résolution.docx");
    }
}
