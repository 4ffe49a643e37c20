//! Sessions: time slots of a meeting in the venue's wall-clock time, shown beside the delegate's
//! home time and UTC. Instants come from the time-zone database, so daylight-saving changes are
//! right by construction (a session across the autumn change lasts an hour longer).

use jiff::civil::{Date, DateTime, Time};
use jiff::tz::{Disambiguation, TimeZone};
use serde::{Deserialize, Serialize};

use crate::error::{CoreError, FieldError};
use crate::meeting::{MeetingFields, human_date, parse_date};

pub const MAX_TITLE: usize = 200;
pub const MAX_ROOM: usize = 200;

/// A session as its form submits it: one day, a start and an end time at the venue.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct SessionDraft {
    pub title: String,
    /// ISO `YYYY-MM-DD`.
    pub date: String,
    /// `HH:MM`, venue time.
    pub start_time: String,
    /// `HH:MM`, venue time.
    pub end_time: String,
    pub room: String,
    /// Agenda items taken in this session (of the same meeting).
    pub agenda_item_ids: Vec<String>,
}

/// The checked content of a session.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct SessionFields {
    pub title: String,
    /// Venue wall-clock time, `YYYY-MM-DDTHH:MM`.
    pub starts_at: String,
    /// Venue wall-clock time, `YYYY-MM-DDTHH:MM`.
    pub ends_at: String,
    pub room: String,
    pub agenda_item_ids: Vec<String>,
}

/// When a session happens, in the three clocks a delegate cares about.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct SessionTimes {
    /// RFC 3339 UTC.
    pub starts_utc: String,
    pub ends_utc: String,
    /// The venue's UTC offset at the start and end ("+02:00"), which differ across a DST change.
    pub venue_offset_start: String,
    pub venue_offset_end: String,
    /// Home wall-clock times (`YYYY-MM-DDTHH:MM`) when a home time zone is set.
    pub home_starts_at: Option<String>,
    pub home_ends_at: Option<String>,
    pub home_time_zone: Option<String>,
    pub duration_minutes: u32,
}

/// A stored session with its times worked out.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Session {
    pub id: String,
    pub meeting_id: String,
    #[serde(flatten)]
    #[cfg_attr(feature = "ts", ts(flatten))]
    pub fields: SessionFields,
    pub times: SessionTimes,
    pub created_at: String,
    pub updated_at: String,
    pub version: u32,
}

impl SessionDraft {
    /// Checks the session against its meeting's dates and time zone.
    pub fn validate(&self, meeting: &MeetingFields) -> Result<SessionFields, CoreError> {
        let mut errors = Vec::new();
        let date = match self.date.trim() {
            "" => {
                errors.push(FieldError::new("date", "Enter the session's day."));
                None
            }
            text => parse_date(text)
                .map_err(|p| errors.push(FieldError::new("date", format!("The day {p}."))))
                .ok(),
        };
        if let Some(day) = date
            && (day < meeting.start_date || day > meeting.end_date)
        {
            errors.push(FieldError::new(
                "date",
                format!(
                    "The meeting runs from {} to {}; choose a day within it.",
                    human_date(meeting.start_date),
                    human_date(meeting.end_date)
                ),
            ));
        }
        let start = parse_time(&mut errors, "start_time", "start time", &self.start_time);
        let end = parse_time(&mut errors, "end_time", "end time", &self.end_time);
        for (field, name, value, max) in [
            ("title", "The title", self.title.trim(), MAX_TITLE),
            ("room", "The room", self.room.trim(), MAX_ROOM),
        ] {
            crate::form::check_length(&mut errors, field, name, value, max);
        }
        if let (Some(date), Some(start), Some(end)) = (date, start, end) {
            let starts = date.to_datetime(start);
            let ends = date.to_datetime(end);
            match (
                venue_instant(starts, &meeting.time_zone),
                venue_instant(ends, &meeting.time_zone),
            ) {
                (Ok(a), Ok(b)) if b <= a => errors.push(FieldError::new(
                    "end_time",
                    format!(
                        "The session ends before it starts ({}). Choose a later end time.",
                        short_time(start)
                    ),
                )),
                (Err(problem), _) => errors.push(FieldError::new("start_time", problem)),
                (_, Err(problem)) => errors.push(FieldError::new("end_time", problem)),
                _ => {}
            }
        }
        let mut agenda_item_ids: Vec<String> = self
            .agenda_item_ids
            .iter()
            .map(|id| id.trim().to_owned())
            .collect();
        agenda_item_ids.sort();
        agenda_item_ids.dedup();
        match (date, start, end, errors.is_empty()) {
            (Some(date), Some(start), Some(end), true) => Ok(SessionFields {
                title: self.title.trim().to_owned(),
                starts_at: wall_clock(date.to_datetime(start)),
                ends_at: wall_clock(date.to_datetime(end)),
                room: self.room.trim().to_owned(),
                agenda_item_ids,
            }),
            _ => Err(CoreError::Validation(errors)),
        }
    }
}

impl From<&SessionFields> for SessionDraft {
    fn from(fields: &SessionFields) -> Self {
        SessionDraft {
            title: fields.title.clone(),
            date: fields.starts_at.get(..10).unwrap_or_default().to_owned(),
            start_time: fields.starts_at.get(11..16).unwrap_or_default().to_owned(),
            end_time: fields.ends_at.get(11..16).unwrap_or_default().to_owned(),
            room: fields.room.clone(),
            agenda_item_ids: fields.agenda_item_ids.clone(),
        }
    }
}

/// The times of a session whose wall-clock times are in `venue_zone`, with home times in
/// `home_zone` when given. Stored sessions were checked when saved, so failures here only come
/// from a changed time zone database; they fall back to reading the time as UTC.
pub fn session_times(
    fields: &SessionFields,
    venue_zone: &str,
    home_zone: Option<&str>,
) -> SessionTimes {
    let read = |text: &str| -> jiff::ZonedDateTime {
        let local: DateTime = text.parse().unwrap_or_default();
        let zone = TimeZone::get(venue_zone).unwrap_or(TimeZone::UTC);
        zone.to_zoned_datetime(local)
            .unwrap_or_else(|_| local.to_zoned_datetime(TimeZone::UTC).unwrap_or_default())
    };
    let starts = read(&fields.starts_at);
    let ends = read(&fields.ends_at);
    let home = home_zone.and_then(|name| TimeZone::get(name).ok().map(|zone| (name, zone)));
    let in_home = |instant: &jiff::ZonedDateTime| {
        home.as_ref()
            .map(|(_, zone)| wall_clock(instant.with_time_zone(zone.clone()).datetime()))
    };
    let minutes = (ends.timestamp().as_second() - starts.timestamp().as_second()).max(0) / 60;
    SessionTimes {
        starts_utc: starts.timestamp().to_string(),
        ends_utc: ends.timestamp().to_string(),
        venue_offset_start: starts.offset().to_string(),
        venue_offset_end: ends.offset().to_string(),
        home_starts_at: in_home(&starts),
        home_ends_at: in_home(&ends),
        home_time_zone: home.map(|(name, _)| name.to_owned()),
        duration_minutes: u32::try_from(minutes).unwrap_or(u32::MAX),
    }
}

/// The instant of a venue wall-clock time. A time that does not exist (skipped by the spring
/// daylight-saving change) is refused rather than silently moved.
fn venue_instant(local: DateTime, zone_name: &str) -> Result<jiff::Timestamp, String> {
    let zone = TimeZone::get(zone_name)
        .map_err(|_| format!("The meeting's time zone {zone_name} is not known."))?;
    let ambiguous = zone.to_ambiguous_zoned_datetime(local);
    if matches!(ambiguous.offset(), jiff::tz::AmbiguousOffset::Gap { .. }) {
        return Err(format!(
            "{} does not exist in {zone_name}: clocks skip that hour for daylight saving time. Choose another time.",
            short_time(local.time())
        ));
    }
    // In the autumn's repeated hour, the first occurrence is meant.
    ambiguous
        .disambiguate(Disambiguation::Earlier)
        .map(|z| z.timestamp())
        .map_err(|e| e.to_string())
}

fn parse_time(errors: &mut Vec<FieldError>, field: &str, name: &str, text: &str) -> Option<Time> {
    let text = text.trim();
    if text.is_empty() {
        errors.push(FieldError::new(
            field,
            format!("Enter the {name}, such as 09:30."),
        ));
        return None;
    }
    let well_formed = text.len() == 5
        && text.as_bytes()[2] == b':'
        && text
            .bytes()
            .enumerate()
            .all(|(i, b)| i == 2 || b.is_ascii_digit());
    let parsed = well_formed
        .then(|| Time::new(text[..2].parse().ok()?, text[3..].parse().ok()?, 0, 0).ok())
        .flatten();
    if parsed.is_none() {
        errors.push(FieldError::new(
            field,
            format!("The {name} must be a 24-hour time HH:MM, such as 09:30 or 14:00."),
        ));
    }
    parsed
}

fn wall_clock(local: DateTime) -> String {
    local.strftime("%Y-%m-%dT%H:%M").to_string()
}

fn short_time(time: Time) -> String {
    time.strftime("%H:%M").to_string()
}

/// The day part of a wall-clock time.
pub fn day_of(wall_clock: &str) -> Option<Date> {
    wall_clock.get(..10)?.parse().ok()
}

#[cfg(test)]
mod tests;
