//! The delegate's report: after a meeting, what was recorded — each agenda item's outcomes and
//! votes beside the association's positions, the notes marked "For the report", the statements
//! delivered, the action items and who attended — gathered into [`DelegateReport`]
//! (`Store::delegate_report`) and written as a Word document ([`docx::write`]) with real heading
//! styles and highlighted places for the delegate to complete.

use serde::Serialize;

use crate::record::{Vote, VoteResult};

pub mod docx;

/// The file extension of the report.
pub const EXTENSION: &str = "docx";

/// A meeting's report, in the order it is written.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DelegateReport {
    /// "WHA79".
    pub meeting_title: String,
    /// Who drafts it: the person chosen as "me" in Settings, or empty.
    pub author: String,
    /// "18–27 May 2026".
    pub dates: String,
    /// "Geneva, Switzerland · Palais des Nations".
    pub place: String,
    pub time_zone: String,
    /// "WHA79 delegate report.docx".
    pub file_name: String,
    /// Records about the meeting as a whole (outcomes, and records marked for the report).
    pub whole_meeting: Vec<ReportRecord>,
    /// The agenda in numeric order.
    pub items: Vec<ReportItem>,
    pub statements: Vec<ReportStatement>,
    pub actions: Vec<ReportAction>,
    pub attendance: Vec<ReportAttendee>,
    pub sessions: Vec<ReportSession>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ReportItem {
    pub number: String,
    pub title: String,
    /// The association's current positions on the documents debated at this item.
    pub positions: Vec<ReportPosition>,
    /// Outcome records about this item.
    pub outcomes: Vec<ReportRecord>,
    /// Votes recorded at this meeting on the documents with a position here.
    pub policy_votes: Vec<ReportPolicyVote>,
    /// Other records about this item marked "For the report".
    pub notes: Vec<ReportRecord>,
}

impl ReportItem {
    /// "13.3 Antimicrobial resistance".
    pub fn heading(&self) -> String {
        format!("{} {}", self.number, self.title)
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ReportPosition {
    /// "WHA78.6 · Global strategy on antimicrobial resistance".
    pub document: String,
    /// "Support with amendments".
    pub stance: String,
    pub red_lines: String,
    pub fallback: String,
    /// "May speak, may vote", or empty when the mandate allows nothing.
    pub mandate: String,
    /// The association's own policies: "H-295.988, D-295.309".
    pub own_policies: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ReportRecord {
    pub title: String,
    /// "Outcome", "Notes"...
    pub kind: String,
    pub author: String,
    /// The current version is still a draft.
    pub draft: bool,
    /// "124 in favour, 0 against, 11 abstentions — Adopted"; empty when no vote is known.
    pub vote: String,
    /// Markdown as written.
    pub body: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ReportPolicyVote {
    pub document: String,
    /// "Committee A", "Plenary"...
    pub forum: String,
    pub vote: String,
    pub note: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ReportStatement {
    pub title: String,
    /// "13.3 Antimicrobial resistance".
    pub item: String,
    /// Who delivered it (empty when not recorded).
    pub speaker: String,
    /// On whose behalf.
    pub organization: String,
    /// "Individual", "Joint"...
    pub mode: String,
    pub co_signers: String,
    /// The text as delivered, else the text prepared.
    pub text: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ReportAction {
    pub title: String,
    pub owner: String,
    /// "4 Jun 2026", or empty.
    pub due: String,
    /// "Open", "Done", "Dropped".
    pub status: String,
    /// "13.3 Antimicrobial resistance", or "Whole meeting".
    pub item: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ReportAttendee {
    pub name: String,
    pub organization: String,
    /// "Head of delegation".
    pub role: String,
    /// "Attended", "Registered"...
    pub status: String,
    pub attended: bool,
    /// The sessions attended, as recorded.
    pub sessions: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ReportSession {
    /// "Mon 18 May 2026, 09:30–12:30" (venue time).
    pub when: String,
    pub title: String,
    pub room: String,
    /// "13.3, 15.1".
    pub items: String,
}

/// "124 in favour, 0 against, 11 abstentions — Adopted"; empty when nothing about the vote is
/// known.
pub fn describe_vote(vote: &Vote) -> String {
    let mut counts = Vec::new();
    if let Some(n) = vote.in_favour {
        counts.push(format!("{n} in favour"));
    }
    if let Some(n) = vote.against {
        counts.push(format!("{n} against"));
    }
    if let Some(n) = vote.abstentions {
        counts.push(format!(
            "{n} {}",
            if n == 1 { "abstention" } else { "abstentions" }
        ));
    }
    let result = vote.result.map(VoteResult::label).unwrap_or_default();
    match (counts.is_empty(), result.is_empty()) {
        (true, _) => result.to_owned(),
        (false, true) => counts.join(", "),
        (false, false) => format!("{} — {result}", counts.join(", ")),
    }
}

/// The name the Save dialog suggests: "WHA79 delegate report.docx".
pub fn file_name(meeting_title: &str) -> String {
    format!(
        "{} delegate report.{EXTENSION}",
        crate::store::file_safe(meeting_title)
    )
}

#[cfg(test)]
mod tests;
