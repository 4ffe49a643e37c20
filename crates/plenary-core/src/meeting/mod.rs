//! Meetings: what convenes, where and when, and the rules a meeting must satisfy.
//!
//! Pure domain logic; storage lives in [`crate::store`].

use jiff::civil::Date;
use serde::{Deserialize, Serialize};

use crate::error::{CoreError, FieldError};
use crate::time_zone;

/// Longest title, in characters.
pub const MAX_TITLE: usize = 200;
/// Longest city, country or venue, in characters.
pub const MAX_PLACE: usize = 200;
/// Longest notes, in characters.
pub const MAX_NOTES: usize = 20_000;
/// Highest ordinal accepted (the WMA Council is in its 230s, the WHA in its 70s).
pub const MAX_ORDINAL: u32 = 9_999;
/// Meetings are dated within these years; anything else is a typing mistake.
pub const YEARS: std::ops::RangeInclusive<i16> = 1900..=2200;

/// How people attend.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum MeetingFormat {
    #[default]
    InPerson,
    Hybrid,
    Online,
}

impl MeetingFormat {
    pub const ALL: [MeetingFormat; 3] = [
        MeetingFormat::InPerson,
        MeetingFormat::Hybrid,
        MeetingFormat::Online,
    ];

    pub fn label(self) -> &'static str {
        match self {
            MeetingFormat::InPerson => "In person",
            MeetingFormat::Hybrid => "Hybrid",
            MeetingFormat::Online => "Online",
        }
    }
}

/// Where a meeting stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum MeetingStatus {
    #[default]
    Planned,
    RegistrationOpen,
    InSession,
    Concluded,
    Postponed,
    Cancelled,
}

impl MeetingStatus {
    pub const ALL: [MeetingStatus; 6] = [
        MeetingStatus::Planned,
        MeetingStatus::RegistrationOpen,
        MeetingStatus::InSession,
        MeetingStatus::Concluded,
        MeetingStatus::Postponed,
        MeetingStatus::Cancelled,
    ];

    pub fn label(self) -> &'static str {
        match self {
            MeetingStatus::Planned => "Planned",
            MeetingStatus::RegistrationOpen => "Registration open",
            MeetingStatus::InSession => "In session",
            MeetingStatus::Concluded => "Concluded",
            MeetingStatus::Postponed => "Postponed",
            MeetingStatus::Cancelled => "Cancelled",
        }
    }
}

/// A meeting as a form submits it: free text where a person types, to be checked by
/// [`MeetingDraft::validate`]. Field names are the ones errors refer to.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct MeetingDraft {
    /// The convening body's id (see [`crate::body`]).
    pub body_id: String,
    /// The meeting this one is part of (a committee session within a GA week), or empty.
    pub parent_id: String,
    /// A positive whole number as typed ("74"), or empty.
    pub ordinal: String,
    pub title: String,
    pub city: String,
    pub country: String,
    pub venue: String,
    /// ISO `YYYY-MM-DD`.
    pub start_date: String,
    /// ISO `YYYY-MM-DD`.
    pub end_date: String,
    /// IANA name, e.g. `Africa/Kigali`.
    pub time_zone: String,
    pub format: MeetingFormat,
    pub status: MeetingStatus,
    /// ISO `YYYY-MM-DD`, or empty.
    pub registration_deadline: String,
    pub notes: String,
}

/// The checked content of a meeting: everything but identity and bookkeeping.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct MeetingFields {
    pub body_id: String,
    pub parent_id: Option<String>,
    pub ordinal: Option<u32>,
    pub title: String,
    pub city: String,
    pub country: String,
    pub venue: String,
    #[cfg_attr(feature = "ts", ts(type = "string"))]
    pub start_date: Date,
    #[cfg_attr(feature = "ts", ts(type = "string"))]
    pub end_date: Date,
    pub time_zone: String,
    pub format: MeetingFormat,
    pub status: MeetingStatus,
    #[cfg_attr(feature = "ts", ts(type = "string | null"))]
    pub registration_deadline: Option<Date>,
    pub notes: String,
}

/// A stored meeting.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Meeting {
    /// UUIDv7.
    pub id: String,
    #[serde(flatten)]
    #[cfg_attr(feature = "ts", ts(flatten))]
    pub fields: MeetingFields,
    /// RFC 3339, UTC.
    pub created_at: String,
    /// RFC 3339, UTC.
    pub updated_at: String,
    /// Bumped by every update; an update must name the version it read.
    pub version: u32,
}

impl MeetingDraft {
    /// Checks every field and returns all problems at once, in form order.
    pub fn validate(&self) -> Result<MeetingFields, CoreError> {
        let mut errors = Vec::new();

        let body_id = self.body_id.trim();
        if body_id.is_empty() {
            errors.push(FieldError::new(
                "body_id",
                "Choose the body that convenes the meeting.",
            ));
        }
        let ordinal = parse_ordinal(&self.ordinal).unwrap_or_else(|e| {
            errors.push(e);
            None
        });

        let title = self.title.trim();
        if title.is_empty() {
            errors.push(FieldError::new(
                "title",
                "Enter a title, such as \"74th WMA General Assembly\".",
            ));
        }
        crate::form::check_length(&mut errors, "title", "The title", title, MAX_TITLE);
        for (field, name, value) in [
            ("city", "The city", &self.city),
            ("country", "The country", &self.country),
            ("venue", "The venue", &self.venue),
        ] {
            crate::form::check_length(&mut errors, field, name, value.trim(), MAX_PLACE);
        }

        let start = required_date(&mut errors, "start_date", "start date", &self.start_date);
        let end = required_date(&mut errors, "end_date", "end date", &self.end_date);
        if let (Some(start), Some(end)) = (start, end)
            && end < start
        {
            errors.push(FieldError::new(
                "end_date",
                format!(
                    "The end date is before the start date ({}). Choose {} or a later date.",
                    human_date(start),
                    human_date(start)
                ),
            ));
        }

        let time_zone = self.time_zone.trim();
        if time_zone.is_empty() {
            errors.push(FieldError::new(
                "time_zone",
                "Choose the venue's time zone, such as Europe/Zurich.",
            ));
        } else if !time_zone::is_known(time_zone) {
            errors.push(FieldError::new(
                "time_zone",
                crate::time_zone::unknown_zone_message(time_zone, "Africa/Kigali"),
            ));
        }

        let deadline = optional_date(
            &mut errors,
            "registration_deadline",
            "registration deadline",
            &self.registration_deadline,
        );
        if let (Some(deadline), Some(start)) = (deadline, start)
            && deadline > start
        {
            errors.push(FieldError::new(
                "registration_deadline",
                format!(
                    "The registration deadline is after the meeting starts ({}). Choose {} or an earlier date.",
                    human_date(start),
                    human_date(start)
                ),
            ));
        }

        crate::form::check_length(&mut errors, "notes", "The notes", &self.notes, MAX_NOTES);

        match (start, end, errors.is_empty()) {
            (Some(start_date), Some(end_date), true) => Ok(MeetingFields {
                body_id: body_id.to_owned(),
                parent_id: Some(self.parent_id.trim().to_owned()).filter(|p| !p.is_empty()),
                ordinal,
                title: title.to_owned(),
                city: self.city.trim().to_owned(),
                country: self.country.trim().to_owned(),
                venue: self.venue.trim().to_owned(),
                start_date,
                end_date,
                time_zone: time_zone.to_owned(),
                format: self.format,
                status: self.status,
                registration_deadline: deadline,
                notes: self.notes.trim_end().to_owned(),
            }),
            _ => Err(CoreError::Validation(errors)),
        }
    }
}

impl From<&MeetingFields> for MeetingDraft {
    fn from(fields: &MeetingFields) -> Self {
        MeetingDraft {
            body_id: fields.body_id.clone(),
            parent_id: fields.parent_id.clone().unwrap_or_default(),
            ordinal: fields.ordinal.map(|n| n.to_string()).unwrap_or_default(),
            title: fields.title.clone(),
            city: fields.city.clone(),
            country: fields.country.clone(),
            venue: fields.venue.clone(),
            start_date: fields.start_date.to_string(),
            end_date: fields.end_date.to_string(),
            time_zone: fields.time_zone.clone(),
            format: fields.format,
            status: fields.status,
            registration_deadline: fields
                .registration_deadline
                .map(|d| d.to_string())
                .unwrap_or_default(),
            notes: fields.notes.clone(),
        }
    }
}

/// "1st", "2nd", "3rd", "4th", "11th", "12th", "13th", "21st", "101st", "111th", "223rd".
pub fn ordinal_suffixed(n: u32) -> String {
    let suffix = match (n % 10, n % 100) {
        (_, 11..=13) => "th",
        (1, _) => "st",
        (2, _) => "nd",
        (3, _) => "rd",
        _ => "th",
    };
    format!("{n}{suffix}")
}

/// Parses an ordinal as typed: empty means none.
pub fn parse_ordinal(text: &str) -> Result<Option<u32>, FieldError> {
    let text = text.trim();
    if text.is_empty() {
        return Ok(None);
    }
    let problem = || {
        FieldError::new(
            "ordinal",
            format!(
                "The ordinal must be a whole number from 1 to {MAX_ORDINAL}, such as 74 for the 74th; \
                 leave it empty if the meeting has none."
            ),
        )
    };
    // Digits only: "+7", "7.0", "1e2" and "٧" are all typing mistakes here.
    if !text.bytes().all(|b| b.is_ascii_digit()) || text.len() > 6 {
        return Err(problem());
    }
    match text.parse::<u32>() {
        Ok(n) if (1..=MAX_ORDINAL).contains(&n) => Ok(Some(n)),
        _ => Err(problem()),
    }
}

/// Parses an ISO `YYYY-MM-DD` calendar date within [`YEARS`].
pub fn parse_date(text: &str) -> Result<Date, String> {
    let text = text.trim();
    let well_formed = text.len() == 10
        && text.bytes().enumerate().all(|(i, b)| match i {
            4 | 7 => b == b'-',
            _ => b.is_ascii_digit(),
        });
    if !well_formed {
        return Err("is not a date in the form YYYY-MM-DD, such as 2023-10-04".to_owned());
    }
    let date: Date = text
        .parse()
        .map_err(|_| "is not a real calendar date (check the day and month)".to_owned())?;
    if !YEARS.contains(&date.year()) {
        return Err(format!(
            "must be in a year from {} to {}",
            YEARS.start(),
            YEARS.end()
        ));
    }
    Ok(date)
}

fn required_date(
    errors: &mut Vec<FieldError>,
    field: &str,
    name: &str,
    text: &str,
) -> Option<Date> {
    if text.trim().is_empty() {
        errors.push(FieldError::new(field, format!("Enter the {name}.")));
        return None;
    }
    optional_date(errors, field, name, text)
}

fn optional_date(
    errors: &mut Vec<FieldError>,
    field: &str,
    name: &str,
    text: &str,
) -> Option<Date> {
    if text.trim().is_empty() {
        return None;
    }
    match parse_date(text) {
        Ok(date) => Some(date),
        Err(problem) => {
            errors.push(FieldError::new(field, format!("The {name} {problem}.")));
            None
        }
    }
}

/// "4 Oct 2023": unambiguous in every locale, unlike 04/10/2023.
pub fn human_date(date: Date) -> String {
    const MONTHS: [&str; 12] = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    format!(
        "{} {} {}",
        date.day(),
        MONTHS[(date.month() - 1) as usize],
        date.year()
    )
}

/// `text` cut to `max` characters, with "…" when cut: messages quote what was typed, never all of it.
pub(crate) fn truncate(text: &str, max: usize) -> String {
    match text.char_indices().nth(max) {
        Some((cut, _)) => format!("{}…", &text[..cut]),
        None => text.to_owned(),
    }
}

#[cfg(test)]
pub(crate) mod tests;
