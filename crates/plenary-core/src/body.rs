//! Bodies that convene meetings or take agenda items: the WMA's and the WHO's (seeded into every
//! new database) and those the office adds (another association's meeting, a UN event...).
//! Bodies are data, so the office can add its own without a new release.

use serde::{Deserialize, Serialize};

use crate::error::{CoreError, FieldError};
use crate::meeting::ordinal_suffixed;

pub const MAX_NAME: usize = 200;
pub const MAX_SHORT_NAME: usize = 40;
pub const MAX_PATTERN: usize = 200;

/// Whose body it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum BodyOrganization {
    Wma,
    Who,
    Other,
}

impl BodyOrganization {
    pub const ALL: [BodyOrganization; 3] = [
        BodyOrganization::Wma,
        BodyOrganization::Who,
        BodyOrganization::Other,
    ];

    pub fn label(self) -> &'static str {
        match self {
            BodyOrganization::Wma => "World Medical Association",
            BodyOrganization::Who => "World Health Organization",
            BodyOrganization::Other => "Other",
        }
    }
}

/// A body as its form submits it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct BodyDraft {
    pub name: String,
    pub short_name: String,
    pub organization: Option<BodyOrganization>,
    /// The body this one sits within (Committee A within the World Health Assembly), or empty.
    pub parent_id: String,
    /// How its meetings are usually titled: `{n}` is the ordinal as a number, `{nth}` with its
    /// suffix ("WHA{n}" → "WHA77", "{nth} WMA General Assembly" → "74th WMA General Assembly").
    pub title_pattern: String,
}

/// The checked content of a body.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct BodyFields {
    pub name: String,
    pub short_name: String,
    pub organization: BodyOrganization,
    pub parent_id: Option<String>,
    pub title_pattern: String,
}

/// A stored body.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Body {
    /// A stable name for the bodies every database starts with (`world_health_assembly`), a
    /// UUIDv7 for those the office adds.
    pub id: String,
    #[serde(flatten)]
    #[cfg_attr(feature = "ts", ts(flatten))]
    pub fields: BodyFields,
    /// Part of every new database (cannot be deleted).
    pub seeded: bool,
    pub created_at: String,
    pub updated_at: String,
    pub version: u32,
}

impl BodyDraft {
    pub fn validate(&self) -> Result<BodyFields, CoreError> {
        let mut errors = Vec::new();
        let name = self.name.trim();
        if name.is_empty() {
            errors.push(FieldError::new(
                "name",
                "Enter the body's name, such as \"Council of Europe Committee on Bioethics\".",
            ));
        }
        for (field, label, value, max) in [
            ("name", "The name", name, MAX_NAME),
            (
                "short_name",
                "The short name",
                self.short_name.trim(),
                MAX_SHORT_NAME,
            ),
            (
                "title_pattern",
                "The title pattern",
                self.title_pattern.trim(),
                MAX_PATTERN,
            ),
        ] {
            crate::form::check_length(&mut errors, field, label, value, max);
        }
        if self.organization.is_none() {
            errors.push(FieldError::new(
                "organization",
                "Choose whose body it is (WMA, WHO or other).",
            ));
        }
        let pattern = self.title_pattern.trim();
        if let Some(unknown) = unknown_placeholder(pattern) {
            errors.push(FieldError::new(
                "title_pattern",
                format!(
                    "\"{{{unknown}}}\" is not a placeholder; use {{n}} for 77 or {{nth}} for 77th."
                ),
            ));
        }
        match (self.organization, errors.is_empty()) {
            (Some(organization), true) => Ok(BodyFields {
                name: name.to_owned(),
                short_name: self.short_name.trim().to_owned(),
                organization,
                parent_id: Some(self.parent_id.trim().to_owned()).filter(|p| !p.is_empty()),
                title_pattern: pattern.to_owned(),
            }),
            _ => Err(CoreError::Validation(errors)),
        }
    }
}

impl BodyFields {
    /// The title a meeting of this body usually carries. With an ordinal, the pattern filled in
    /// ("WHA77"); without one, the body's name. `None` when the body has no pattern and an
    /// ordinal was given (nothing sensible to suggest).
    pub fn default_title(&self, ordinal: Option<u32>) -> Option<String> {
        match ordinal {
            None => Some(self.name.clone()),
            Some(_) if self.title_pattern.is_empty() => None,
            Some(n) => Some(
                self.title_pattern
                    .replace("{nth}", &ordinal_suffixed(n))
                    .replace("{n}", &n.to_string()),
            ),
        }
    }
}

fn unknown_placeholder(pattern: &str) -> Option<&str> {
    let mut rest = pattern;
    while let Some(open) = rest.find('{') {
        let after = &rest[open + 1..];
        let close = after.find('}')?;
        let name = &after[..close];
        if name != "n" && name != "nth" {
            return Some(name);
        }
        rest = &after[close + 1..];
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn draft(pattern: &str) -> BodyDraft {
        BodyDraft {
            name: "European Forum of Medical Associations".into(),
            short_name: "EFMA".into(),
            organization: Some(BodyOrganization::Other),
            parent_id: String::new(),
            title_pattern: pattern.into(),
        }
    }

    #[test]
    fn titles_follow_the_pattern() {
        let fields = draft("{nth} EFMA/WHO meeting").validate().unwrap();
        assert_eq!(
            fields.default_title(Some(32)).as_deref(),
            Some("32nd EFMA/WHO meeting")
        );
        assert_eq!(
            fields.default_title(None).as_deref(),
            Some("European Forum of Medical Associations")
        );
        let wha = BodyFields {
            title_pattern: "WHA{n}".into(),
            ..fields.clone()
        };
        assert_eq!(wha.default_title(Some(77)).as_deref(), Some("WHA77"));
        let plain = draft("").validate().unwrap();
        assert_eq!(plain.default_title(Some(3)), None);
    }

    #[test]
    fn bad_bodies_are_refused_with_every_reason() {
        let mut bad = draft("{year} meeting");
        bad.name = " ".into();
        bad.organization = None;
        let Err(CoreError::Validation(errors)) = bad.validate() else {
            panic!("accepted")
        };
        let fields: Vec<_> = errors.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(fields, ["name", "organization", "title_pattern"]);
        assert!(errors[2].message.contains("{year}"));
        let long = BodyDraft {
            short_name: "x".repeat(41),
            ..draft("")
        };
        assert!(
            matches!(long.validate(), Err(CoreError::Validation(e)) if e[0].field == "short_name")
        );
    }
}
