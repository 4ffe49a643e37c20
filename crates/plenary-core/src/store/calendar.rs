//! Calendars (RFC 5545) for the office's diaries: a meeting with its sessions, the office's
//! meetings (all of them or one year's), and "my" assignments, as `.ics` text written by the
//! `icalendar` crate.
//!
//! - **Instants.** Sessions are written in UTC (`…Z`), computed from the venue's time zone with
//!   the time-zone database, so they land right in any calendar whatever its zone and across
//!   daylight-saving changes; the description says the venue's and the home clock times.
//!   Meetings are all-day events whose `DTEND` is the day after the last day, as the standard
//!   wants.
//! - **Updates, not duplicates.** A `UID` is the record's id (UUIDv7) at `org.plenary.desktop`,
//!   so importing again updates the events; `SEQUENCE` is the record's version (it grows with
//!   every change), `DTSTAMP` and `LAST-MODIFIED` its last change, so exporting twice with
//!   nothing changed writes the same text.
//! - A cancelled meeting, and its sessions, are `STATUS:CANCELLED`; a postponed one tentative.

use chrono::{DateTime, NaiveDate, Utc};
use icalendar::{Calendar, Component, Event, EventLike, EventStatus};
use jiff::civil::Date;
use serde::Serialize;

use crate::{CoreError, Meeting, MeetingStatus, Session, Store};

use super::Result;

/// What a calendar file holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CalendarScope {
    /// One meeting: the meeting (all day) and its sessions.
    Meeting { meeting_id: String },
    /// The office's meetings, every one or those touching one year.
    Office { year: Option<i16> },
    /// "Me"'s assignments (from today, or every one).
    Mine { include_past: bool },
}

/// A calendar, ready to be written to a file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct CalendarFile {
    /// A sensible file name ("WHA78 sessions.ics").
    pub file_name: String,
    /// The iCalendar text (CRLF lines, folded at 75 octets).
    pub text: String,
    /// How many events it holds.
    pub events: u32,
}

/// The domain every UID is in.
const UID_DOMAIN: &str = "org.plenary.desktop";

fn uid(id: &str) -> String {
    format!("{id}@{UID_DOMAIN}")
}

fn naive(date: Date) -> NaiveDate {
    NaiveDate::from_ymd_opt(
        i32::from(date.year()),
        u32::try_from(date.month()).unwrap_or(1),
        u32::try_from(date.day()).unwrap_or(1),
    )
    .unwrap_or_default()
}

/// An RFC 3339 instant as chrono's UTC (the store writes every instant so).
fn instant(rfc3339: &str) -> Result<DateTime<Utc>> {
    DateTime::parse_from_rfc3339(rfc3339)
        .map(|t| t.with_timezone(&Utc))
        .map_err(|_| CoreError::Storage(format!("a stored time is not readable: {rfc3339}")))
}

fn status(meeting: &Meeting) -> EventStatus {
    match meeting.fields.status {
        MeetingStatus::Cancelled => EventStatus::Cancelled,
        MeetingStatus::Postponed => EventStatus::Tentative,
        _ => EventStatus::Confirmed,
    }
}

fn location(meeting: &Meeting, room: &str) -> String {
    let f = &meeting.fields;
    [room, &f.venue, &f.city, &f.country]
        .into_iter()
        .filter(|part| !part.trim().is_empty())
        .collect::<Vec<_>>()
        .join(", ")
}

/// The fields every event of a record carries: identity, version and last change.
fn stamped(event: &mut Event, id: &str, version: u32, updated_at: &str) -> Result<()> {
    let changed = instant(updated_at)?;
    event
        .uid(&uid(id))
        .sequence(version.saturating_sub(1))
        .timestamp(changed)
        .last_modified(changed);
    Ok(())
}

impl Store {
    /// A calendar of `scope`. `today` decides which of "my" assignments are still ahead.
    pub fn calendar(&self, scope: &CalendarScope, today: Date) -> Result<CalendarFile> {
        let bodies: std::collections::HashMap<String, String> = self
            .bodies()?
            .into_iter()
            .map(|b| (b.id.clone(), b.fields.name))
            .collect();
        let body_name = |m: &Meeting| bodies.get(&m.fields.body_id).cloned().unwrap_or_default();
        let mut events = Vec::new();
        let (name, file_name) = match scope {
            CalendarScope::Meeting { meeting_id } => {
                let meeting = self.meeting(meeting_id)?;
                events.push(meeting_event(&meeting, &body_name(&meeting), None)?);
                let home = self
                    .setting_value(crate::SettingKey::HomeTimeZone)?
                    .unwrap_or_default();
                for session in self.sessions(meeting_id)? {
                    events.push(session_event(&meeting, &session, &home)?);
                }
                (
                    meeting.fields.title.clone(),
                    format!("{}.ics", file_safe(&meeting.fields.title)),
                )
            }
            CalendarScope::Office { year } => {
                for meeting in self.meetings()? {
                    let touches = year.is_none_or(|y| {
                        meeting.fields.start_date.year() <= y && meeting.fields.end_date.year() >= y
                    });
                    if touches {
                        events.push(meeting_event(&meeting, &body_name(&meeting), None)?);
                    }
                }
                match year {
                    Some(y) => (format!("Meetings {y}"), format!("Meetings {y}.ics")),
                    None => ("Meetings".to_owned(), "Meetings.ics".to_owned()),
                }
            }
            CalendarScope::Mine { include_past } => {
                let mine = self.my_assignments(today, *include_past)?;
                let Some(me) = mine.me else {
                    return Err(CoreError::validation(
                        "me",
                        "Choose who you are in Settings → Me first: \"My assignments\" are that \
                         person's.",
                    ));
                };
                for item in &mine.items {
                    let assignment = &item.view.assignment;
                    let meeting = self.meeting(&assignment.fields.meeting_id)?;
                    let role = format!(
                        "{} ({})",
                        assignment.fields.role.label(),
                        assignment.status.label()
                    );
                    let mut event = meeting_event(&meeting, &body_name(&meeting), Some(&role))?;
                    // One event per assignment, with its own identity; a change to either the
                    // assignment or the meeting raises its sequence.
                    let changed = assignment
                        .updated_at
                        .clone()
                        .max(meeting.updated_at.clone());
                    stamped(
                        &mut event,
                        &assignment.id,
                        assignment.version + meeting.version - 1,
                        &changed,
                    )?;
                    events.push(event);
                }
                (
                    format!("{}: assignments", me.fields.full_name),
                    format!("{} assignments.ics", file_safe(&me.fields.full_name)),
                )
            }
        };
        let count = u32::try_from(events.len()).unwrap_or(u32::MAX);
        let mut calendar = Calendar::empty();
        calendar
            .append_property(("VERSION", "2.0"))
            .append_property((
                "PRODID",
                concat!("-//Plenary//Plenary ", env!("CARGO_PKG_VERSION"), "//EN"),
            ))
            .append_property(("CALSCALE", "GREGORIAN"))
            .append_property(("METHOD", "PUBLISH"))
            .name(&name);
        for event in events {
            calendar.push(event);
        }
        Ok(CalendarFile {
            file_name,
            text: calendar.done().to_string(),
            events: count,
        })
    }
}

/// A meeting as an all-day event over its days (`role`: "my" part in it, for My assignments).
fn meeting_event(meeting: &Meeting, body: &str, role: Option<&str>) -> Result<Event> {
    let f = &meeting.fields;
    let mut event = Event::new();
    let summary = match (f.status, role) {
        (MeetingStatus::Postponed, _) => format!("{} (postponed)", f.title),
        (_, Some(role)) => format!("{}: {role}", f.title),
        _ => f.title.clone(),
    };
    let mut about = vec![body.to_owned()];
    if let Some(role) = role {
        about.push(format!("Your role: {role}"));
    }
    if let Some(deadline) = f.registration_deadline {
        about.push(format!("Registration closes {deadline}"));
    }
    about.push(format!("Times at the venue: {}", f.time_zone));
    event
        .summary(&summary)
        .starts(naive(f.start_date))
        // The day after the last: DTEND of an all-day event is not part of it.
        .ends(naive(f.end_date.tomorrow().unwrap_or(f.end_date)))
        .location(&location(meeting, ""))
        .description(
            &about
                .into_iter()
                .filter(|line| !line.is_empty())
                .collect::<Vec<_>>()
                .join("\n"),
        )
        .categories([body])
        .status(status(meeting))
        .add_property("TRANSP", "TRANSPARENT");
    stamped(
        &mut event,
        &meeting.id,
        meeting.version,
        &meeting.updated_at,
    )?;
    Ok(event)
}

/// A session at its instants, with the clock times at the venue and at home in its description.
fn session_event(meeting: &Meeting, session: &Session, home_zone: &str) -> Result<Event> {
    let s = &session.fields;
    let times = &session.times;
    let mut about = vec![format!(
        "{}–{} at the venue ({})",
        clock(&s.starts_at),
        clock(&s.ends_at),
        meeting.fields.time_zone
    )];
    if let (Some(from), Some(to), Some(zone)) = (
        &times.home_starts_at,
        &times.home_ends_at,
        &times.home_time_zone,
    ) && zone != &meeting.fields.time_zone
        && !home_zone.is_empty()
    {
        about.push(format!("{}–{} at home ({zone})", clock(from), clock(to)));
    }
    let mut event = Event::new();
    event
        .summary(&format!("{} — {}", s.title, meeting.fields.title))
        .starts(instant(&times.starts_utc)?)
        .ends(instant(&times.ends_utc)?)
        .location(&location(meeting, &s.room))
        .description(&about.join("\n"))
        .status(status(meeting));
    stamped(
        &mut event,
        &session.id,
        session.version,
        &session.updated_at,
    )?;
    Ok(event)
}

/// "2027-05-19T10:00" (or an RFC 3339 time) → "10:00".
fn clock(local: &str) -> String {
    local
        .split_once('T')
        .map(|(_, time)| time.chars().take(5).collect())
        .unwrap_or_else(|| local.to_owned())
}

/// A title as a file name: no path separators or characters file systems refuse.
pub fn file_safe(title: &str) -> String {
    let cleaned: String = title
        .chars()
        .map(|c| match c {
            '/' | '\\' | ':' | '*' | '?' | '"' | '<' | '>' | '|' => '-',
            c if c.is_control() => ' ',
            c => c,
        })
        .collect();
    let trimmed = cleaned.trim().trim_matches('.');
    if trimmed.is_empty() {
        "Plenary".to_owned()
    } else {
        trimmed.chars().take(100).collect()
    }
}

#[cfg(test)]
mod tests;
