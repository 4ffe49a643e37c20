//! The briefing book: a meeting's pack for its delegation, printable and readable offline, as a
//! PDF. [`BriefingBook`] is what goes into it, gathered from the store by
//! `Store::briefing_book` (`store/briefing.rs`); [`render`] lays it out and writes the PDF with
//! the `krilla` library, its fonts subset and embedded, so the text can be searched and copied.
//!
//! Travel details (arrival, departure, hotel, travel notes, and the person's nationality,
//! passport, dietary and access needs) are read from the store only when the person making the
//! book ticks them, and appear only then.

mod fonts;
mod layout;
mod pdf;

pub use fonts::{BriefingFonts, FONT_FILES};
pub use pdf::{Rendered, render};

use std::path::Path;

use serde::Serialize;

use crate::error::Result;
use crate::portable::Work;
use crate::store::Store;

use crate::action::ActionItem;
use crate::meeting::Meeting;
use crate::organization::CountryNote;
use crate::policy::PolicyDocument;

/// What the person asks for.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Deserialize, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct BriefingRequest {
    pub meeting_id: String,
    /// Ticked: the delegation's travel details are included.
    pub include_travel: bool,
}

/// A briefing book written to a file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct BriefingWritten {
    /// Where it was saved.
    pub path: String,
    pub pages: u32,
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub bytes: u64,
}

/// Gathers, renders and writes the briefing book of `request` to `path`, whole or not at all: a
/// refusal or a cancellation leaves no file (and an earlier file of that name as it was).
pub fn write(
    store: &Store,
    request: &BriefingRequest,
    fonts: &BriefingFonts,
    path: &Path,
    work: &Work<'_>,
) -> Result<BriefingWritten> {
    work.report("Gathering the meeting", 0, 1);
    let book = store.briefing_book(&request.meeting_id, request.include_travel)?;
    save(&book, fonts, path, work)
}

/// Renders a gathered `book` and writes it to `path`, whole or not at all.
pub fn save(
    book: &BriefingBook,
    fonts: &BriefingFonts,
    path: &Path,
    work: &Work<'_>,
) -> Result<BriefingWritten> {
    work.check()?;
    let rendered = render(book, fonts, work)?;
    work.check()?;
    crate::portable::write_whole(path, &rendered.bytes)?;
    Ok(BriefingWritten {
        path: path.display().to_string(),
        pages: rendered.pages,
        bytes: rendered.bytes.len() as u64,
    })
}

/// Everything a briefing book holds, in the order it is printed.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct BriefingBook {
    pub meeting: Meeting,
    /// The body whose meeting it is ("World Health Assembly").
    pub body: String,
    /// The meeting it is part of (a GA week), if any.
    pub part_of: Option<String>,
    /// Settings → Home time zone, when set.
    pub home_time_zone: Option<String>,
    pub include_travel: bool,
    /// The day it was made.
    pub made_on: jiff::civil::Date,
    pub delegation: Vec<Delegate>,
    /// The delegation's notes (Delegations board).
    pub delegation_notes: String,
    pub schedule: Vec<ScheduleEntry>,
    pub agenda: Vec<AgendaEntry>,
    /// Positions recorded for this meeting without an agenda item.
    pub other_positions: Vec<PositionEntry>,
    pub statements: Vec<StatementEntry>,
    pub documents: Vec<PolicyDocument>,
    /// The host country's notes, newest first.
    pub country_notes: Vec<CountryNote>,
    /// Action items still open.
    pub action_items: Vec<ActionItem>,
}

/// A member of the delegation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Delegate {
    pub name: String,
    pub honorifics: String,
    pub role: String,
    pub status: String,
    pub organization: String,
    pub title: String,
    pub email: String,
    pub phone: String,
    /// Only when travel details were asked for.
    pub travel: Option<Travel>,
}

/// A delegate's travel details.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Travel {
    pub arrival: String,
    pub departure: String,
    pub hotel: String,
    pub notes: String,
    pub nationality: String,
    pub passport_number: String,
    pub passport_expiry: String,
    pub dietary_needs: String,
    pub access_needs: String,
}

impl Travel {
    /// The details as labelled lines, those left empty out.
    pub fn lines(&self) -> Vec<(&'static str, &str)> {
        [
            ("Arrival", self.arrival.as_str()),
            ("Departure", &self.departure),
            ("Hotel", &self.hotel),
            ("Travel notes", &self.notes),
            ("Nationality", &self.nationality),
            ("Passport", &self.passport_number),
            ("Passport expiry", &self.passport_expiry),
            ("Dietary needs", &self.dietary_needs),
            ("Access needs", &self.access_needs),
        ]
        .into_iter()
        .filter(|(_, value)| !value.trim().is_empty())
        .collect()
    }
}

/// A session at the venue's clock and at home.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ScheduleEntry {
    pub title: String,
    pub room: String,
    /// "2027-05-19".
    pub date: String,
    /// "10:00–12:30".
    pub venue_time: String,
    /// "09:00–11:30 (Europe/London)", or empty when home is the venue's zone or not set.
    pub home_time: String,
    /// Agenda item numbers taken in it.
    pub items: Vec<String>,
}

/// An agenda item with the association's position on it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AgendaEntry {
    pub number: String,
    pub title: String,
    /// Nesting by number: 0 for "13", 1 for "13.3".
    pub depth: u32,
    /// The body that takes it (Committee A, MEC…), if named.
    pub forum: String,
    pub priority: String,
    pub notes: String,
    pub positions: Vec<PositionEntry>,
}

/// The association's current position on a document.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PositionEntry {
    /// The document's short name or title, with its code.
    pub document: String,
    pub stance: String,
    pub priority: String,
    pub rationale: String,
    pub red_lines: String,
    pub fallback: String,
    /// "May speak, may vote" or "No mandate to speak, co-sponsor or vote".
    pub mandate: String,
    pub own_policies: Vec<String>,
    pub approved: String,
}

/// A statement with its word budget.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct StatementEntry {
    pub title: String,
    /// "13.3 Universal health coverage".
    pub agenda_item: String,
    pub speaker: String,
    pub status: String,
    pub mode: String,
    pub time_limit_minutes: Option<u32>,
    pub word_budget: u32,
    pub word_count: u32,
    pub deadline: String,
    pub text: String,
}

impl StatementEntry {
    /// "312 of 330 words (3 minutes)", or the count alone without a time limit.
    pub fn budget_line(&self) -> String {
        match self.time_limit_minutes {
            Some(minutes) => format!(
                "{} of {} words ({minutes} minute{})",
                self.word_count,
                self.word_budget,
                if minutes == 1 { "" } else { "s" }
            ),
            None => format!("{} words, no time limit", self.word_count),
        }
    }

    pub fn over_budget(&self) -> bool {
        self.time_limit_minutes.is_some() && self.word_count > self.word_budget
    }
}

/// A mandate in words.
pub fn mandate_words(mandate: &crate::policy::Mandate) -> String {
    let granted: Vec<&str> = [
        (mandate.may_speak, "speak"),
        (mandate.may_co_sponsor, "co-sponsor"),
        (mandate.may_vote, "vote"),
    ]
    .into_iter()
    .filter_map(|(yes, what)| yes.then_some(what))
    .collect();
    match granted.as_slice() {
        [] => "No mandate to speak, co-sponsor or vote".to_owned(),
        [one] => format!("May {one}"),
        [rest @ .., last] => format!("May {} and {last}", rest.join(", ")),
    }
}

/// The suggested file name: "WHA79 briefing book.pdf".
pub fn file_name(meeting_title: &str) -> String {
    format!(
        "{} briefing book.pdf",
        crate::store::file_safe(meeting_title)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mandates_read_as_words() {
        use crate::policy::Mandate;
        let m = |s, c, v| {
            mandate_words(&Mandate {
                may_speak: s,
                may_co_sponsor: c,
                may_vote: v,
            })
        };
        assert_eq!(
            m(false, false, false),
            "No mandate to speak, co-sponsor or vote"
        );
        assert_eq!(m(true, false, false), "May speak");
        assert_eq!(m(true, false, true), "May speak and vote");
        assert_eq!(m(true, true, true), "May speak, co-sponsor and vote");
    }

    #[test]
    fn budget_lines() {
        let mut s = StatementEntry {
            title: "UHC".into(),
            agenda_item: "13.3".into(),
            speaker: String::new(),
            status: "Draft".into(),
            mode: String::new(),
            time_limit_minutes: Some(3),
            word_budget: 330,
            word_count: 312,
            deadline: String::new(),
            text: String::new(),
        };
        assert_eq!(s.budget_line(), "312 of 330 words (3 minutes)");
        assert!(!s.over_budget());
        s.word_count = 331;
        assert!(s.over_budget());
        s.time_limit_minutes = None;
        assert_eq!(s.budget_line(), "331 words, no time limit");
        assert!(!s.over_budget());
    }

    #[test]
    fn file_names_are_safe() {
        assert_eq!(file_name("WHA79"), "WHA79 briefing book.pdf");
        assert_eq!(file_name("A/B: C"), "A-B- C briefing book.pdf");
    }
}
