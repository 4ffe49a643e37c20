//! Assignments: a person at a meeting in a role, the status workflow, the warnings a coordinator
//! must see (never blocking), and the delegation export. Pure, no IO.

use jiff::civil::Date;
use serde::{Deserialize, Serialize};

use crate::error::{CoreError, FieldError};
use crate::form::{check_length, optional_date, text};
use crate::meeting::human_date;

pub mod export;
pub mod overlap;

pub const MAX_NOTES: usize = 20_000;
/// "Deadline soon" means within this many days.
pub const DEADLINE_WARNING_DAYS: i32 = 7;

labelled_enum!(
    /// The part a person plays at a meeting.
    Role {
        HeadOfDelegation => "Head of delegation",
        VotingDelegate => "Voting delegate",
        Delegate => "Delegate",
        Alternate => "Alternate",
        Adviser => "Adviser",
        Observer => "Observer",
        CouncilMember => "Council member",
        CommitteeChair => "Committee chair",
        Rapporteur => "Rapporteur",
        WorkgroupMember => "Workgroup member",
        Speaker => "Speaker",
        Staff => "Staff",
    }
);

impl Role {
    /// Roles that cast the association's vote and so need a confirmed person.
    pub fn votes(self) -> bool {
        matches!(self, Role::HeadOfDelegation | Role::VotingDelegate)
    }
}

labelled_enum!(
    /// Where an assignment stands. See [`AssignmentStatus::next`] for the allowed moves.
    AssignmentStatus {
        Proposed => "Proposed",
        Invited => "Invited",
        Confirmed => "Confirmed",
        Registered => "Registered",
        Credentialed => "Credentialed (badge issued)",
        Attended => "Attended",
        Declined => "Declined",
        Cancelled => "Cancelled",
    }
);

impl AssignmentStatus {
    /// The statuses this one may move to. The path is proposed → invited → confirmed →
    /// registered → credentialed → attended (a person may confirm without a formal invitation);
    /// any step before attendance may end declined or cancelled, and an ended assignment may be
    /// proposed again.
    pub fn next(self) -> &'static [AssignmentStatus] {
        use AssignmentStatus::*;
        match self {
            Proposed => &[Invited, Confirmed, Declined, Cancelled],
            Invited => &[Confirmed, Declined, Cancelled],
            Confirmed => &[Registered, Declined, Cancelled],
            Registered => &[Credentialed, Declined, Cancelled],
            Credentialed => &[Attended, Cancelled],
            Attended => &[],
            Declined | Cancelled => &[Proposed],
        }
    }

    pub fn may_become(self, to: AssignmentStatus) -> bool {
        self.next().contains(&to)
    }

    /// Still going (or gone): counts for overlaps, caps and workload.
    pub fn is_active(self) -> bool {
        !matches!(
            self,
            AssignmentStatus::Declined | AssignmentStatus::Cancelled
        )
    }

    /// Registration done (or past it).
    pub fn is_registered(self) -> bool {
        matches!(
            self,
            AssignmentStatus::Registered
                | AssignmentStatus::Credentialed
                | AssignmentStatus::Attended
        )
    }

    /// Confirmed or further along.
    pub fn is_confirmed(self) -> bool {
        self == AssignmentStatus::Confirmed || self.is_registered()
    }

    /// Statuses a new assignment may start in: the start of the workflow, or `attended` to
    /// record attendance after the fact.
    pub const INITIAL: &'static [AssignmentStatus] = &[
        AssignmentStatus::Proposed,
        AssignmentStatus::Invited,
        AssignmentStatus::Confirmed,
        AssignmentStatus::Attended,
    ];

    /// The message for a move the workflow does not allow.
    pub fn refusal(self, to: AssignmentStatus) -> String {
        let next = self.next();
        if next.is_empty() {
            return format!(
                "This assignment is {}; its status cannot change any more.",
                self.label().to_lowercase()
            );
        }
        let options: Vec<&str> = next.iter().map(|s| s.label()).collect();
        format!(
            "An assignment cannot go from {} to {}. From {} it can go to: {}.",
            self.label(),
            to.label(),
            self.label(),
            options.join(", ")
        )
    }
}

labelled_enum!(
    /// Where a person's badge stands.
    BadgeStatus {
        NotRequested => "Not requested",
        Requested => "Requested",
        Issued => "Issued",
        Collected => "Collected",
    }
);

/// The editable parts of an assignment (the status moves through [`AssignmentStatus::next`]).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct AssignmentDraft {
    pub meeting_id: String,
    pub person_id: String,
    pub role: Option<Role>,
    /// What was sent to the organizer ("registration form, passport copy").
    pub registration_submitted: String,
    /// ISO `YYYY-MM-DD`, or empty.
    pub registration_submitted_on: String,
    pub badge: Option<BadgeStatus>,
    /// ISO `YYYY-MM-DD`, or empty.
    pub arrival: String,
    /// ISO `YYYY-MM-DD`, or empty.
    pub departure: String,
    pub hotel: String,
    pub travel_notes: String,
    /// Sessions attended, for the attendance record.
    pub attended_sessions: String,
    pub notes: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct AssignmentFields {
    pub meeting_id: String,
    pub person_id: String,
    pub role: Role,
    pub registration_submitted: String,
    #[cfg_attr(feature = "ts", ts(type = "string | null"))]
    pub registration_submitted_on: Option<Date>,
    pub badge: BadgeStatus,
    #[cfg_attr(feature = "ts", ts(type = "string | null"))]
    pub arrival: Option<Date>,
    #[cfg_attr(feature = "ts", ts(type = "string | null"))]
    pub departure: Option<Date>,
    pub hotel: String,
    pub travel_notes: String,
    pub attended_sessions: String,
    pub notes: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Assignment {
    pub id: String,
    #[serde(flatten)]
    #[cfg_attr(feature = "ts", ts(flatten))]
    pub fields: AssignmentFields,
    pub status: AssignmentStatus,
    /// The date the current status took effect.
    #[cfg_attr(feature = "ts", ts(type = "string"))]
    pub status_date: Date,
    pub created_at: String,
    pub updated_at: String,
    pub version: u32,
}

impl AssignmentDraft {
    pub fn validate(&self) -> Result<AssignmentFields, CoreError> {
        let mut errors = Vec::new();
        if self.meeting_id.trim().is_empty() {
            errors.push(FieldError::new("meeting_id", "Choose the meeting."));
        }
        if self.person_id.trim().is_empty() {
            errors.push(FieldError::new("person_id", "Choose the person to assign."));
        }
        if self.role.is_none() {
            errors.push(FieldError::new(
                "role",
                "Choose the role, such as head of delegation or voting delegate.",
            ));
        }
        let registration_submitted = text(
            &mut errors,
            "registration_submitted",
            "What was submitted",
            &self.registration_submitted,
            1_000,
            None,
        );
        let registration_submitted_on = optional_date(
            &mut errors,
            "registration_submitted_on",
            "submission date",
            &self.registration_submitted_on,
        );
        let arrival = optional_date(&mut errors, "arrival", "arrival date", &self.arrival);
        let departure = optional_date(&mut errors, "departure", "departure date", &self.departure);
        if let (Some(a), Some(d)) = (arrival, departure)
            && d < a
        {
            errors.push(FieldError::new(
                "departure",
                format!(
                    "The departure is before the arrival ({}). Choose {} or a later date.",
                    human_date(a),
                    human_date(a)
                ),
            ));
        }
        let hotel = text(&mut errors, "hotel", "The hotel", &self.hotel, 300, None);
        let travel_notes = text(
            &mut errors,
            "travel_notes",
            "The travel notes",
            &self.travel_notes,
            MAX_NOTES,
            None,
        );
        let attended_sessions = text(
            &mut errors,
            "attended_sessions",
            "Sessions attended",
            &self.attended_sessions,
            MAX_NOTES,
            None,
        );
        check_length(&mut errors, "notes", "The notes", &self.notes, MAX_NOTES);
        match (self.role, errors.is_empty()) {
            (Some(role), true) => Ok(AssignmentFields {
                meeting_id: self.meeting_id.trim().to_owned(),
                person_id: self.person_id.trim().to_owned(),
                role,
                registration_submitted,
                registration_submitted_on,
                badge: self.badge.unwrap_or(BadgeStatus::NotRequested),
                arrival,
                departure,
                hotel,
                travel_notes,
                attended_sessions,
                notes: self.notes.trim_end().to_owned(),
            }),
            _ => Err(CoreError::Validation(errors)),
        }
    }
}

labelled_enum!(
    /// What a warning is about.
    WarningKind {
        Overlap => "Overlapping meetings",
        OverCap => "Over the cap",
        DeadlineSoon => "Registration deadline soon",
        VotingRoleUnconfirmed => "Voting role not confirmed",
        MeetingEnded => "Meeting has ended",
    }
);

/// Something a coordinator should know. Warnings never block a change.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Warning {
    pub kind: WarningKind,
    pub message: String,
    pub meeting_id: String,
    pub person_id: Option<String>,
    /// For overlaps: the other meeting.
    pub other_meeting_id: Option<String>,
}

/// One status change, dated, with who made it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct StatusChange {
    pub id: String,
    pub assignment_id: String,
    pub from_status: Option<AssignmentStatus>,
    pub to_status: AssignmentStatus,
    #[cfg_attr(feature = "ts", ts(type = "string"))]
    pub date: Date,
    /// The name of the person "me" at the time, or empty.
    pub changed_by: String,
    pub at: String,
    /// Attendance recorded in one step after the meeting ended, skipping the steps between.
    pub recorded_after_meeting: bool,
}

/// The association's delegation settings for one meeting: the badge cap and the focal point.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct DelegationDraft {
    /// A positive whole number as typed, or empty for no cap.
    pub badge_cap: String,
    pub focal_point_id: Option<String>,
    pub notes: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Delegation {
    pub meeting_id: String,
    pub badge_cap: Option<u32>,
    pub focal_point_id: Option<String>,
    pub notes: String,
    /// 0 while nothing has been saved for this meeting.
    pub version: u32,
}

impl DelegationDraft {
    pub fn validate(&self) -> Result<(Option<u32>, Option<String>, String), CoreError> {
        let mut errors = Vec::new();
        let cap = self.badge_cap.trim();
        let badge_cap = if cap.is_empty() {
            None
        } else {
            match cap.parse::<u32>() {
                Ok(n) if (1..=1_000).contains(&n) && cap.bytes().all(|b| b.is_ascii_digit()) => {
                    Some(n)
                }
                _ => {
                    errors.push(FieldError::new(
                        "badge_cap",
                        "The cap must be a whole number from 1 to 1000, such as 6; leave it empty for no cap.",
                    ));
                    None
                }
            }
        };
        check_length(&mut errors, "notes", "The notes", &self.notes, MAX_NOTES);
        if !errors.is_empty() {
            return Err(CoreError::Validation(errors));
        }
        Ok((
            badge_cap,
            self.focal_point_id
                .clone()
                .filter(|id| !id.trim().is_empty()),
            self.notes.trim_end().to_owned(),
        ))
    }
}

/// The warning for a cap, if `active` people exceed it.
pub fn cap_warning(
    meeting_id: &str,
    meeting_title: &str,
    cap: Option<u32>,
    active: u32,
) -> Option<Warning> {
    let cap = cap?;
    (active > cap).then(|| Warning {
        kind: WarningKind::OverCap,
        message: format!(
            "{active} people are assigned to {meeting_title}, more than its cap of {cap} badges."
        ),
        meeting_id: meeting_id.to_owned(),
        person_id: None,
        other_meeting_id: None,
    })
}

/// The warning for a registration deadline within [`DEADLINE_WARNING_DAYS`] days of `today` with
/// `unregistered` assignments still to register.
pub fn deadline_warning(
    meeting_id: &str,
    meeting_title: &str,
    deadline: Option<Date>,
    today: Date,
    unregistered: u32,
) -> Option<Warning> {
    let deadline = deadline?;
    let days = days_between(today, deadline);
    if unregistered == 0 || !(0..=DEADLINE_WARNING_DAYS).contains(&days) {
        return None;
    }
    let when = match days {
        0 => "today".to_owned(),
        1 => "tomorrow".to_owned(),
        n => format!("in {n} days ({})", human_date(deadline)),
    };
    let who = if unregistered == 1 {
        "1 assignment is".to_owned()
    } else {
        format!("{unregistered} assignments are")
    };
    Some(Warning {
        kind: WarningKind::DeadlineSoon,
        message: format!(
            "Registration for {meeting_title} closes {when}; {who} not registered yet."
        ),
        meeting_id: meeting_id.to_owned(),
        person_id: None,
        other_meeting_id: None,
    })
}

/// "4–7 Oct 2023", "27 May – 1 Jun 2024", "30 Dec 2024 – 2 Jan 2025", "6 Oct 2023".
pub fn human_date_range(start: Date, end: Date) -> String {
    if start == end {
        return human_date(start);
    }
    let (a, b) = (human_date(start), human_date(end));
    if start.year() != end.year() {
        return format!("{a} – {b}");
    }
    let day_month = |text: &str| {
        text.rsplit_once(' ')
            .map(|(dm, _)| dm.to_owned())
            .unwrap_or_default()
    };
    if start.month() != end.month() {
        return format!("{} – {b}", day_month(&a));
    }
    format!("{}–{b}", start.day())
}

/// The date a status change takes effect, as typed: empty means `today`.
pub fn status_date(text: &str, today: Date) -> Result<Date, CoreError> {
    if text.trim().is_empty() {
        return Ok(today);
    }
    crate::meeting::parse_date(text).map_err(|problem| {
        CoreError::validation("date", format!("The date of the change {problem}."))
    })
}

/// Whether attendance can be recorded in one step: the meeting ended before `today` and the
/// assignment is still active and not yet attended.
pub fn may_record_attendance(status: AssignmentStatus, meeting_end: Date, today: Date) -> bool {
    meeting_end < today && status.is_active() && status != AssignmentStatus::Attended
}

/// Whole days from `from` to `to`.
pub fn days_between(from: Date, to: Date) -> i32 {
    to.since(from)
        .map(|span| span.get_days())
        .unwrap_or(i32::MAX)
}

#[cfg(test)]
mod tests;
