//! Assignments: who goes to which meeting in which role, the status workflow, warnings, the
//! coordinator's board, the candidate finder, "my assignments" and the delegation export.

use std::collections::{HashMap, HashSet};

use jiff::civil::Date;
use rusqlite::{OptionalExtension, Row, params};
use serde::{Deserialize, Serialize};

use super::row::{date_at, enum_at, enum_text, opt_date_at};
use super::{Store, Writer, stored, writable_by};
use crate::assignment::export::{self, DelegationExport, ExportField, ExportRequest};
use crate::assignment::overlap::{self, Span};
use crate::assignment::{
    Assignment, AssignmentDraft, AssignmentFields, AssignmentStatus, Delegation, DelegationDraft,
    StatusChange, Warning, WarningKind, cap_warning, deadline_warning, may_record_attendance,
};
use crate::error::{CoreError, FieldError, Result};
use crate::history::HistoryAction;
use crate::meeting::{Meeting, human_date};
use crate::people::Person;

const ASSIGNMENT: &str = "assignment";
const DELEGATION: &str = "delegation";

const COLUMNS: &str = "a.id, a.meeting_id, a.person_id, a.role, a.status, a.status_date,
    a.registration_submitted, a.registration_submitted_on, a.badge, a.arrival, a.departure, a.hotel,
    a.travel_notes, a.attended_sessions, a.notes, a.created_at, a.updated_at, a.version";
const COLUMN_COUNT: usize = 18;

/// A saved assignment and what the coordinator should now know about it.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct AssignmentSaved {
    pub assignment: Assignment,
    pub warnings: Vec<Warning>,
}

/// An assignment with its meeting's essentials, for a person's page and "my assignments".
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct AssignmentView {
    pub assignment: Assignment,
    pub meeting_title: String,
    #[cfg_attr(feature = "ts", ts(type = "string"))]
    pub start_date: Date,
    #[cfg_attr(feature = "ts", ts(type = "string"))]
    pub end_date: Date,
    pub time_zone: String,
    pub city: String,
    pub country: String,
    #[cfg_attr(feature = "ts", ts(type = "string | null"))]
    pub registration_deadline: Option<Date>,
}

/// One line of the board's roster.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct BoardRow {
    pub assignment: Assignment,
    pub person_name: String,
    pub organization: String,
    /// The statuses this assignment may move to.
    pub next: Vec<AssignmentStatus>,
    /// The meeting has ended and this person's attendance can be recorded in one step.
    pub may_record_attendance: bool,
}

/// The coordinator's board for one meeting.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Board {
    pub meeting: Meeting,
    pub delegation: Delegation,
    /// By role (in the order of [`crate::assignment::Role::ALL`]), then status, then name.
    pub rows: Vec<BoardRow>,
    pub warnings: Vec<Warning>,
}

/// What the candidate finder filters by. Empty text matches everyone.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct CandidateQuery {
    pub meeting_id: String,
    pub expertise: String,
    pub language: String,
    /// Only people with no overlapping assignment.
    pub available_only: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Candidate {
    pub person_id: String,
    pub full_name: String,
    pub organization: String,
    pub expertise: Vec<String>,
    pub languages: Vec<String>,
    /// Assignments at meetings that started in the last 12 months.
    pub workload: u32,
    /// The overlapping meeting, if any.
    pub busy_with: Option<String>,
    pub already_assigned: bool,
}

/// One upcoming assignment of "me".
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct MyAssignment {
    pub view: AssignmentView,
    /// "9:00 in Kigali is 2:00 at home (America/Chicago)", when a home zone is known and differs.
    pub home_time: Option<String>,
    /// What is still to do, in order.
    pub to_do: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct MyAssignments {
    /// `None` when Settings names nobody as "me".
    pub me: Option<Person>,
    pub home_time_zone: String,
    pub items: Vec<MyAssignment>,
}

/// Stores a new assignment with its first status entry within the write `w` (the fields and the
/// starting status checked by [`Store::create_assignment`]).
pub(super) fn create_assignment_in(
    w: &super::Writer<'_>,
    fields: AssignmentFields,
    status: AssignmentStatus,
    today: Date,
) -> Result<(Assignment, Meeting)> {
    let meeting = meeting_in(w.conn(), &fields.meeting_id)?;
    let person_name = person_name(w.conn(), &fields.person_id)?;
    let existing: Option<String> = w
        .conn()
        .query_row(
            "SELECT id FROM assignment WHERE meeting_id = ?1 AND person_id = ?2 AND role = ?3",
            params![fields.meeting_id, fields.person_id, enum_text(&fields.role)],
            |r| r.get(0),
        )
        .optional()?;
    if existing.is_some() {
        return Err(CoreError::validation(
            "role",
            format!(
                "{person_name} is already assigned to {} as {}. Change that assignment instead.",
                meeting.fields.title,
                fields.role.label().to_lowercase()
            ),
        ));
    }
    let assignment = Assignment {
        id: uuid::Uuid::now_v7().to_string(),
        fields,
        status,
        status_date: today,
        created_at: w.at().to_owned(),
        updated_at: w.at().to_owned(),
        version: 1,
    };
    w.create(&assignment)?;
    record_status(w.conn(), &assignment.id, None, status, today, w.at(), false)?;
    Ok((assignment, meeting))
}

impl Store {
    /// Assigns a person to a meeting in a role, starting at `status` (the start of the workflow,
    /// or `attended` to record attendance after the fact). Warnings come back with it; they
    /// never block.
    pub fn create_assignment(
        &mut self,
        draft: &AssignmentDraft,
        status: AssignmentStatus,
        today: Date,
    ) -> Result<AssignmentSaved> {
        let fields = draft.validate()?;
        if !AssignmentStatus::INITIAL.contains(&status) {
            return Err(CoreError::validation(
                "status",
                format!(
                    "A new assignment starts as Proposed, Invited or Confirmed (or Attended, to record attendance); not {}.",
                    status.label()
                ),
            ));
        }
        let (assignment, meeting) =
            self.write(|w| create_assignment_in(w, fields, status, today))?;
        let warnings = self.warnings_for(&assignment, &meeting, today)?;
        Ok(AssignmentSaved {
            assignment,
            warnings,
        })
    }

    pub fn assignment(&self, id: &str) -> Result<Assignment> {
        find(&self.conn, id)?.ok_or(CoreError::NotFound { entity: ASSIGNMENT })
    }

    /// Changes an assignment's role, registration, badge, travel and notes (not its meeting,
    /// person or status).
    pub fn update_assignment(
        &mut self,
        id: &str,
        expected_version: u32,
        draft: &AssignmentDraft,
        today: Date,
    ) -> Result<AssignmentSaved> {
        let (after, meeting) = self.write(|w| {
            let after = w.update(id, expected_version, |before: &Assignment| {
                let mut draft = draft.clone();
                draft.meeting_id.clone_from(&before.fields.meeting_id);
                draft.person_id.clone_from(&before.fields.person_id);
                let fields = draft.validate()?;
                if fields.role != before.fields.role {
                    let taken: bool = w
                        .conn()
                        .prepare_cached("SELECT 1 FROM assignment WHERE meeting_id = ?1 AND person_id = ?2 AND role = ?3")?
                        .exists(params![fields.meeting_id, fields.person_id, enum_text(&fields.role)])?;
                    if taken {
                        return Err(CoreError::validation(
                            "role",
                            format!(
                                "This person already has the role {} at this meeting.",
                                fields.role.label().to_lowercase()
                            ),
                        ));
                    }
                }
                Ok(Assignment {
                    fields,
                    ..before.clone()
                })
            })?;
            let meeting = meeting_in(w.conn(), &after.fields.meeting_id)?;
            Ok((after, meeting))
        })?;
        let warnings = self.warnings_for(&after, &meeting, today)?;
        Ok(AssignmentSaved {
            assignment: after,
            warnings,
        })
    }

    pub fn delete_assignment(&mut self, id: &str, expected_version: u32) -> Result<()> {
        self.write(|w| w.delete::<Assignment>(id, expected_version).map(drop))
    }

    /// Moves each assignment (id and the version read) to `to`, dated `date`, all or nothing.
    /// A move the workflow does not allow, or a stale version, changes nothing.
    pub fn change_status(
        &mut self,
        assignments: &[(String, u32)],
        to: AssignmentStatus,
        date: Date,
    ) -> Result<Vec<Assignment>> {
        if assignments.is_empty() {
            return Err(CoreError::validation(
                "assignments",
                "Choose at least one assignment.",
            ));
        }
        self.write(|w| {
            let mut refused = Vec::new();
            let mut changed = Vec::new();
            for (id, version) in assignments {
                let before = w.read_at::<Assignment>(id, *version)?;
                if before.status == to {
                    changed.push(before);
                    continue;
                }
                if !before.status.may_become(to) {
                    let name = person_name(w.conn(), &before.fields.person_id)?;
                    refused.push(FieldError::new(
                        "status",
                        format!("{name}: {}", before.status.refusal(to)),
                    ));
                    continue;
                }
                changed.push(move_status(w, &before, to, date, false)?);
            }
            if !refused.is_empty() {
                return Err(CoreError::Validation(refused));
            }
            Ok(changed)
        })
    }

    /// Records that someone attended a meeting that has ended, in one step from wherever the
    /// assignment stands (proposed, invited, confirmed, registered or credentialed). The status
    /// history gets one entry marked as recorded after the meeting, dated the meeting's last day:
    /// entries for the skipped steps would claim an invitation, a registration and a badge that
    /// nobody saw happen, on dates nobody knows, so one honest entry keeps the audit true.
    pub fn record_attendance(
        &mut self,
        id: &str,
        expected_version: u32,
        today: Date,
    ) -> Result<Assignment> {
        self.write(|w| {
            let before = w.read_at::<Assignment>(id, expected_version)?;
            if before.status == AssignmentStatus::Attended {
                return Ok(before);
            }
            let meeting = meeting_in(w.conn(), &before.fields.meeting_id)?;
            let end = meeting.fields.end_date;
            if !may_record_attendance(before.status, end, today) {
                let name = person_name(w.conn(), &before.fields.person_id)?;
                return Err(CoreError::validation(
                    "status",
                    if end >= today {
                        format!(
                            "{} has not ended yet (its last day is {}). Move {name}'s status along as things happen, or record attendance once it has ended.",
                            meeting.fields.title,
                            human_date(end)
                        )
                    } else {
                        format!(
                            "{name}'s assignment is {}. If {name} did attend, set it back to Proposed first, then record attendance.",
                            before.status.label().to_lowercase()
                        )
                    },
                ));
            }
            move_status(w, &before, AssignmentStatus::Attended, end, true)
        })
    }

    /// Every status change of an assignment, oldest first.
    pub fn status_changes(&self, assignment_id: &str) -> Result<Vec<StatusChange>> {
        let mut statement = self.conn.prepare_cached(
            "SELECT id, assignment_id, from_status, to_status, date, changed_by, at, after_meeting FROM status_change
             WHERE assignment_id = ?1 ORDER BY rowid",
        )?;
        let rows = statement.query_map([assignment_id], |row| {
            Ok(StatusChange {
                id: row.get(0)?,
                assignment_id: row.get(1)?,
                from_status: super::row::opt_enum_at(row, 2)?,
                to_status: enum_at(row, 3)?,
                date: date_at(row, 4)?,
                changed_by: row.get(5)?,
                at: row.get(6)?,
                recorded_after_meeting: row.get(7)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    pub fn assignment_history(&self, id: &str) -> Result<Vec<crate::HistoryEntry>> {
        self.history(ASSIGNMENT, id)
    }

    /// The delegation settings of a meeting (version 0 when never saved).
    pub fn delegation(&self, meeting_id: &str) -> Result<Delegation> {
        Ok(
            find_delegation(&self.conn, meeting_id)?.unwrap_or(Delegation {
                meeting_id: meeting_id.to_owned(),
                badge_cap: None,
                focal_point_id: None,
                notes: String::new(),
                version: 0,
            }),
        )
    }

    /// Saves a meeting's badge cap, focal point and notes; `expected_version` 0 when never saved.
    pub fn set_delegation(
        &mut self,
        meeting_id: &str,
        expected_version: u32,
        draft: &DelegationDraft,
    ) -> Result<Delegation> {
        let (badge_cap, focal_point_id, notes) = draft.validate()?;
        self.write(|w| {
            meeting_in(w.conn(), meeting_id)?;
            if let Some(person) = &focal_point_id {
                person_name(w.conn(), person).map_err(|_| {
                    CoreError::validation(
                        "focal_point_id",
                        "This person no longer exists. Choose someone from the list.",
                    )
                })?;
            }
            let before = find_delegation(w.conn(), meeting_id)?;
            if before.as_ref().map(|d| d.version).unwrap_or(0) != expected_version {
                return Err(CoreError::Conflict { entity: DELEGATION });
            }
            let after = Delegation {
                meeting_id: meeting_id.to_owned(),
                badge_cap,
                focal_point_id,
                notes,
                version: expected_version + 1,
            };
            // One row per meeting, keyed by it: written here rather than as a `Writable`.
            w.conn().execute(
                "INSERT INTO delegation (meeting_id, badge_cap, focal_point_id, notes, created_at, updated_at, version)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?5, ?6)
                 ON CONFLICT (meeting_id) DO UPDATE SET badge_cap = excluded.badge_cap,
                     focal_point_id = excluded.focal_point_id, notes = excluded.notes,
                     updated_at = excluded.updated_at, version = excluded.version",
                params![meeting_id, after.badge_cap, after.focal_point_id, after.notes, w.at(), after.version],
            )?;
            let action = if before.is_some() {
                HistoryAction::Update
            } else {
                HistoryAction::Create
            };
            w.history(DELEGATION, meeting_id, action, before.as_ref(), Some(&after))?;
            Ok(after)
        })
    }

    /// The coordinator's board for a meeting.
    pub fn board(&self, meeting_id: &str, today: Date) -> Result<Board> {
        let meeting = self.meeting(meeting_id)?;
        let delegation = self.delegation(meeting_id)?;
        let mut statement = self.conn.prepare_cached(&format!(
            "SELECT {COLUMNS}, p.full_name, coalesce(o.name, '') FROM assignment a
             JOIN person p ON p.id = a.person_id LEFT JOIN organization o ON o.id = p.organization_id
             WHERE a.meeting_id = ?1"
        ))?;
        let mut rows = statement
            .query_map([meeting_id], |row| {
                let assignment = from_row(row)?;
                Ok(BoardRow {
                    next: assignment.status.next().to_vec(),
                    may_record_attendance: may_record_attendance(
                        assignment.status,
                        meeting.fields.end_date,
                        today,
                    ),
                    assignment,
                    person_name: row.get(COLUMN_COUNT)?,
                    organization: row.get(COLUMN_COUNT + 1)?,
                })
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        let role_rank = |r: &BoardRow| {
            crate::assignment::Role::ALL
                .iter()
                .position(|x| *x == r.assignment.fields.role)
        };
        let status_rank = |r: &BoardRow| {
            AssignmentStatus::ALL
                .iter()
                .position(|x| *x == r.assignment.status)
        };
        rows.sort_by(|a, b| {
            (
                role_rank(a),
                status_rank(a),
                crate::fold::fold(&a.person_name),
            )
                .cmp(&(
                    role_rank(b),
                    status_rank(b),
                    crate::fold::fold(&b.person_name),
                ))
        });
        let warnings = self.meeting_warnings(&meeting, &delegation, &rows, today)?;
        Ok(Board {
            meeting,
            delegation,
            rows,
            warnings,
        })
    }

    /// Meetings whose registration deadline is within 7 days of `today` with assignments not yet
    /// registered, soonest first (for the dashboard).
    pub fn assignment_warnings_for_dashboard(&self, today: Date) -> Result<Vec<Warning>> {
        Ok(self
            .registrations_closing(today)?
            .into_iter()
            .filter_map(|fact| {
                deadline_warning(
                    &fact.meeting_id,
                    &fact.meeting_title,
                    Some(fact.deadline),
                    today,
                    fact.unregistered,
                )
            })
            .collect())
    }

    /// Meetings with assignments whose registration deadline is within 7 days of `today`, with
    /// how many of them are not registered yet, soonest first (the dashboard and the reminders).
    pub(crate) fn registrations_closing(
        &self,
        today: Date,
    ) -> Result<Vec<crate::reminder::RegistrationFact>> {
        let until = today
            .checked_add(
                jiff::Span::new().days(i64::from(crate::assignment::DEADLINE_WARNING_DAYS)),
            )
            .unwrap_or(today);
        let mut statement = self.conn.prepare_cached(
            "SELECT m.id, m.title, m.registration_deadline,
                    sum(CASE WHEN a.status IN ('proposed', 'invited', 'confirmed') THEN 1 ELSE 0 END)
             FROM meeting m JOIN assignment a ON a.meeting_id = m.id
             WHERE m.registration_deadline >= ?1 AND m.registration_deadline <= ?2
             GROUP BY m.id ORDER BY m.registration_deadline, m.title",
        )?;
        let rows = statement.query_map(params![today.to_string(), until.to_string()], |row| {
            Ok((
                row.get::<_, String>(0)?,
                row.get::<_, String>(1)?,
                opt_date_at(row, 2)?,
                row.get::<_, u32>(3)?,
            ))
        })?;
        let mut facts = Vec::new();
        for row in rows {
            let (meeting_id, meeting_title, deadline, unregistered) = row?;
            if let Some(deadline) = deadline {
                facts.push(crate::reminder::RegistrationFact {
                    meeting_id,
                    meeting_title,
                    deadline,
                    unregistered,
                });
            }
        }
        Ok(facts)
    }

    /// People matching the query, available first, then by workload (lightest first) and name.
    pub fn candidates(&self, query: &CandidateQuery, today: Date) -> Result<Vec<Candidate>> {
        let meeting = self.meeting(&query.meeting_id)?;
        let expertise = crate::fold::fold(query.expertise.trim());
        let language = crate::fold::fold(query.language.trim());
        let workload = self.workloads(today)?;
        let busy = self.busy_people(&meeting)?;
        let assigned: HashSet<String> = {
            let mut statement = self
                .conn
                .prepare_cached("SELECT person_id FROM assignment WHERE meeting_id = ?1")?;
            statement
                .query_map([&meeting.id], |r| r.get(0))?
                .collect::<rusqlite::Result<_>>()?
        };
        let matches = |list: &[String], wanted: &str| {
            wanted.is_empty()
                || list
                    .iter()
                    .any(|item| crate::fold::fold(item).contains(wanted))
        };
        // Only what a candidate line shows: no notes, no contact details, never travel details.
        let mut statement = self.conn.prepare_cached(
            "SELECT p.id, p.full_name, coalesce(o.name, ''), p.expertise, p.languages, p.name_key
             FROM person p LEFT JOIN organization o ON o.id = p.organization_id",
        )?;
        let rows = statement.query_map([], |row| {
            Ok((
                row.get::<_, String>(0)?,
                row.get::<_, String>(1)?,
                row.get::<_, String>(2)?,
                super::row::list_at(row, 3)?,
                super::row::list_at(row, 4)?,
                row.get::<_, String>(5)?,
            ))
        })?;
        let mut out: Vec<(String, Candidate)> = Vec::new();
        for row in rows {
            let (person_id, full_name, organization, expertise_list, languages, key) = row?;
            if !matches(&expertise_list, &expertise) || !matches(&languages, &language) {
                continue;
            }
            let busy_with = busy.get(&person_id).cloned();
            if query.available_only && busy_with.is_some() {
                continue;
            }
            out.push((
                key,
                Candidate {
                    workload: workload.get(&person_id).copied().unwrap_or(0),
                    busy_with,
                    already_assigned: assigned.contains(&person_id),
                    person_id,
                    full_name,
                    organization,
                    expertise: expertise_list,
                    languages,
                },
            ));
        }
        out.sort_by(|(a_key, a), (b_key, b)| {
            (a.busy_with.is_some(), a.workload, a_key).cmp(&(
                b.busy_with.is_some(),
                b.workload,
                b_key,
            ))
        });
        Ok(out.into_iter().map(|(_, candidate)| candidate).collect())
    }

    /// Active assignments per person at meetings that started in the 12 months up to `today`.
    pub fn workloads(&self, today: Date) -> Result<HashMap<String, u32>> {
        let from = today
            .checked_sub(jiff::Span::new().years(1))
            .unwrap_or(today);
        let mut statement = self.conn.prepare_cached(
            "SELECT a.person_id, count(*) FROM meeting m JOIN assignment a ON a.meeting_id = m.id
             WHERE m.start_date > ?1 AND m.start_date <= ?2 AND a.status NOT IN ('declined', 'cancelled')
             GROUP BY a.person_id",
        )?;
        let rows = statement.query_map(params![from.to_string(), today.to_string()], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// A person's assignments, newest meeting first.
    pub fn assignments_of(&self, person_id: &str) -> Result<Vec<AssignmentView>> {
        self.assignment_views(
            "a.person_id = ?1 ORDER BY m.start_date DESC",
            params![person_id],
        )
    }

    /// "Me"'s upcoming (and current) assignments, soonest first, with home time and what is left
    /// to do; with `include_past`, earlier ones too.
    pub fn my_assignments(&self, today: Date, include_past: bool) -> Result<MyAssignments> {
        let me_id = self.setting_value(crate::SettingKey::Me)?;
        let me = match me_id {
            Some(id) => self.person(&id).ok(),
            None => None,
        };
        let Some(me) = me else {
            return Ok(MyAssignments {
                me: None,
                home_time_zone: String::new(),
                items: Vec::new(),
            });
        };
        let home = if me.fields.home_time_zone.is_empty() {
            self.setting_value(crate::SettingKey::HomeTimeZone)?
                .unwrap_or_default()
        } else {
            me.fields.home_time_zone.clone()
        };
        let views = self.assignment_views(
            "a.person_id = ?1 AND m.end_date >= ?2 AND a.status NOT IN ('declined', 'cancelled')
             ORDER BY m.start_date, m.title",
            params![
                me.id,
                if include_past {
                    "0000-01-01".to_owned()
                } else {
                    today.to_string()
                }
            ],
        )?;
        let items = views
            .into_iter()
            .map(|view| MyAssignment {
                home_time: home_time(&view, &home),
                to_do: to_do(&view, today),
                view,
            })
            .collect();
        Ok(MyAssignments {
            me: Some(me),
            home_time_zone: home,
            items,
        })
    }

    /// The delegation of a meeting as CSV: active assignments (not declined or cancelled), by
    /// role then name, with the requested columns; sensitive columns only when ticked.
    pub fn export_delegation(
        &self,
        meeting_id: &str,
        request: &ExportRequest,
    ) -> Result<DelegationExport> {
        let columns = request.columns();
        if columns.is_empty() {
            return Err(CoreError::validation(
                "fields",
                "Choose at least one field to export.",
            ));
        }
        let board = self.board(meeting_id, Date::constant(2000, 1, 1))?;
        let sensitive = columns.iter().any(|c| c.is_sensitive());
        let mut rows = Vec::new();
        for row in board
            .rows
            .iter()
            .filter(|r| r.assignment.status.is_active())
        {
            let person = self.person(&row.assignment.fields.person_id)?;
            let travel = if sensitive {
                super::people::find_travel(&self.conn, &person.id)?
                    .map(|t| t.fields)
                    .unwrap_or_default()
            } else {
                Default::default()
            };
            let a = &row.assignment;
            let date = |d: Option<Date>| d.map(|d| d.to_string()).unwrap_or_default();
            rows.push(
                columns
                    .iter()
                    .map(|column| match column {
                        ExportField::FullName => person.fields.full_name.clone(),
                        ExportField::Honorifics => person.fields.honorifics.clone(),
                        ExportField::Organization => row.organization.clone(),
                        ExportField::Title => person.fields.title.clone(),
                        ExportField::Email => person.fields.email.clone(),
                        ExportField::Phone => person.fields.phone.clone(),
                        ExportField::Role => a.fields.role.label().to_owned(),
                        ExportField::Status => a.status.label().to_owned(),
                        ExportField::Badge => a.fields.badge.label().to_owned(),
                        ExportField::RegistrationSubmitted => {
                            a.fields.registration_submitted.clone()
                        }
                        ExportField::Arrival => date(a.fields.arrival),
                        ExportField::Departure => date(a.fields.departure),
                        ExportField::Hotel => a.fields.hotel.clone(),
                        ExportField::Nationality => travel.nationality.clone(),
                        ExportField::PassportNumber => travel.passport_number.clone(),
                        ExportField::PassportExpiry => date(travel.passport_expiry),
                        ExportField::DietaryNeeds => travel.dietary_needs.clone(),
                        ExportField::AccessNeeds => travel.access_needs.clone(),
                    })
                    .collect(),
            );
        }
        Ok(DelegationExport {
            file_name: export::file_name(&board.meeting.fields.title),
            csv: export::to_csv(&columns, &rows),
            rows: rows.len() as u32,
            columns,
        })
    }

    // ---- internals ----

    fn assignment_views(
        &self,
        condition_and_order: &str,
        values: &[&dyn rusqlite::ToSql],
    ) -> Result<Vec<AssignmentView>> {
        // `condition_and_order` is always a constant from this file.
        let mut statement = self.conn.prepare_cached(&format!(
            "SELECT {COLUMNS}, m.title, m.start_date, m.end_date, m.time_zone, m.city, m.country, m.registration_deadline
             FROM assignment a JOIN meeting m ON m.id = a.meeting_id WHERE {condition_and_order}"
        ))?;
        let rows = statement.query_map(values, |row| {
            Ok(AssignmentView {
                assignment: from_row(row)?,
                meeting_title: row.get(COLUMN_COUNT)?,
                start_date: date_at(row, COLUMN_COUNT + 1)?,
                end_date: date_at(row, COLUMN_COUNT + 2)?,
                time_zone: row.get(COLUMN_COUNT + 3)?,
                city: row.get(COLUMN_COUNT + 4)?,
                country: row.get(COLUMN_COUNT + 5)?,
                registration_deadline: opt_date_at(row, COLUMN_COUNT + 6)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Person id → the first other meeting (title) they are actively assigned to that overlaps
    /// `meeting`.
    fn busy_people(&self, meeting: &Meeting) -> Result<HashMap<String, String>> {
        let f = &meeting.fields;
        let (from, until) = (
            f.start_date
                .checked_sub(jiff::Span::new().days(2))
                .unwrap_or(f.start_date),
            f.end_date
                .checked_add(jiff::Span::new().days(2))
                .unwrap_or(f.end_date),
        );
        let mut statement = self.conn.prepare_cached(
            "SELECT a.person_id, m.title, m.start_date, m.end_date, m.time_zone
             FROM meeting m JOIN assignment a ON a.meeting_id = m.id
             WHERE m.id <> ?1 AND m.start_date <= ?3 AND m.end_date >= ?2
               AND a.status NOT IN ('declined', 'cancelled')
             ORDER BY m.start_date",
        )?;
        let rows = statement.query_map(
            params![meeting.id, from.to_string(), until.to_string()],
            |row| {
                Ok((
                    row.get::<_, String>(0)?,
                    row.get::<_, String>(1)?,
                    date_at(row, 2)?,
                    date_at(row, 3)?,
                    row.get::<_, String>(4)?,
                ))
            },
        )?;
        let this = Span {
            start: f.start_date,
            end: f.end_date,
            time_zone: &f.time_zone,
        };
        let mut busy = HashMap::new();
        for row in rows {
            let (person, title, start, end, zone) = row?;
            if overlap::overlaps(
                this,
                Span {
                    start,
                    end,
                    time_zone: &zone,
                },
            ) {
                busy.entry(person).or_insert(title);
            }
        }
        Ok(busy)
    }

    /// Overlaps of one person at one meeting: (other meeting id, title, dates).
    fn overlaps_for(
        &self,
        person_id: &str,
        meeting: &Meeting,
    ) -> Result<Vec<(String, String, Date, Date)>> {
        let f = &meeting.fields;
        let mut statement = self.conn.prepare_cached(
            "SELECT DISTINCT m.id, m.title, m.start_date, m.end_date, m.time_zone
             FROM assignment a JOIN meeting m ON m.id = a.meeting_id
             WHERE a.person_id = ?1 AND m.id <> ?2 AND a.status NOT IN ('declined', 'cancelled')
             ORDER BY m.start_date",
        )?;
        let rows = statement.query_map(params![person_id, meeting.id], |row| {
            Ok((
                row.get::<_, String>(0)?,
                row.get::<_, String>(1)?,
                date_at(row, 2)?,
                date_at(row, 3)?,
                row.get::<_, String>(4)?,
            ))
        })?;
        let this = Span {
            start: f.start_date,
            end: f.end_date,
            time_zone: &f.time_zone,
        };
        let mut out = Vec::new();
        for row in rows {
            let (id, title, start, end, zone) = row?;
            if overlap::near(f.start_date, f.end_date, start, end)
                && overlap::overlaps(
                    this,
                    Span {
                        start,
                        end,
                        time_zone: &zone,
                    },
                )
            {
                out.push((id, title, start, end));
            }
        }
        Ok(out)
    }

    /// What a coordinator should know after saving `assignment`.
    fn warnings_for(
        &self,
        assignment: &Assignment,
        meeting: &Meeting,
        today: Date,
    ) -> Result<Vec<Warning>> {
        let mut warnings = Vec::new();
        if meeting.fields.end_date < today && assignment.status != AssignmentStatus::Attended {
            warnings.push(Warning {
                kind: WarningKind::MeetingEnded,
                message: format!(
                    "{} ended on {}. Saved anyway; if you are recording attendance, use Record attendance (one step, noted as recorded after the meeting).",
                    meeting.fields.title,
                    human_date(meeting.fields.end_date)
                ),
                meeting_id: meeting.id.clone(),
                person_id: Some(assignment.fields.person_id.clone()),
                other_meeting_id: None,
            });
        }
        let board = self.board(&meeting.id, today)?;
        warnings.extend(board.warnings.into_iter().filter(|w| {
            w.person_id.is_none()
                || w.person_id.as_deref() == Some(assignment.fields.person_id.as_str())
        }));
        Ok(warnings)
    }

    fn meeting_warnings(
        &self,
        meeting: &Meeting,
        delegation: &Delegation,
        rows: &[BoardRow],
        today: Date,
    ) -> Result<Vec<Warning>> {
        let mut warnings = Vec::new();
        let active: Vec<&BoardRow> = rows
            .iter()
            .filter(|r| r.assignment.status.is_active())
            .collect();
        let mut seen = HashSet::new();
        for row in &active {
            let person = &row.assignment.fields.person_id;
            if !seen.insert(person.clone()) {
                continue;
            }
            for (other_id, title, start, end) in self.overlaps_for(person, meeting)? {
                warnings.push(Warning {
                    kind: WarningKind::Overlap,
                    message: format!(
                        "{} is also assigned to {title} ({}), which overlaps this meeting.",
                        row.person_name,
                        crate::assignment::human_date_range(start, end)
                    ),
                    meeting_id: meeting.id.clone(),
                    person_id: Some(person.clone()),
                    other_meeting_id: Some(other_id),
                });
            }
        }
        warnings.extend(cap_warning(
            &meeting.id,
            &meeting.fields.title,
            delegation.badge_cap,
            seen.len() as u32,
        ));
        let unregistered = active
            .iter()
            .filter(|r| !r.assignment.status.is_registered())
            .count() as u32;
        warnings.extend(deadline_warning(
            &meeting.id,
            &meeting.fields.title,
            meeting.fields.registration_deadline,
            today,
            unregistered,
        ));
        for row in &active {
            let a = &row.assignment;
            if a.fields.role.votes() && !a.status.is_confirmed() {
                warnings.push(Warning {
                    kind: WarningKind::VotingRoleUnconfirmed,
                    message: format!(
                        "{} holds a voting role ({}) but is only {}; confirm them or choose someone else.",
                        row.person_name,
                        a.fields.role.label().to_lowercase(),
                        a.status.label().to_lowercase()
                    ),
                    meeting_id: meeting.id.clone(),
                    person_id: Some(a.fields.person_id.clone()),
                    other_meeting_id: None,
                });
            }
        }
        Ok(warnings)
    }
}

/// "9:00 in Kigali is 2:00 at home (America/Chicago)" on the meeting's first day.
fn home_time(view: &AssignmentView, home: &str) -> Option<String> {
    if home.is_empty() || home == view.time_zone {
        return None;
    }
    let venue = jiff::tz::TimeZone::get(&view.time_zone).ok()?;
    let home_zone = jiff::tz::TimeZone::get(home).ok()?;
    let nine = view
        .start_date
        .at(9, 0, 0, 0)
        .to_zoned_datetime(venue)
        .ok()?;
    let there = nine.timestamp().to_zoned_datetime(home_zone);
    let place = if view.city.is_empty() {
        view.time_zone.clone()
    } else {
        view.city.clone()
    };
    let day = if there.date() == view.start_date {
        String::new()
    } else {
        format!(" on {}", human_date(there.date()))
    };
    Some(format!(
        "9:00 in {place} is {}:{:02}{day} at home ({home})",
        there.time().hour(),
        there.time().minute()
    ))
}

/// What is still to do for an assignment, from its status and registration details.
fn to_do(view: &AssignmentView, today: Date) -> Vec<String> {
    let a = &view.assignment;
    let mut items = Vec::new();
    match a.status {
        AssignmentStatus::Proposed => items.push("Wait for the invitation".to_owned()),
        AssignmentStatus::Invited => items.push("Confirm whether you will attend".to_owned()),
        AssignmentStatus::Confirmed => items.push(match view.registration_deadline {
            Some(deadline) => format!("Register by {}", human_date(deadline)),
            None => "Register".to_owned(),
        }),
        AssignmentStatus::Registered => items.push("Collect your badge".to_owned()),
        AssignmentStatus::Credentialed => items.push("Attend".to_owned()),
        _ => {}
    }
    if a.status.is_active() && a.status != AssignmentStatus::Attended {
        if a.fields.arrival.is_none() || a.fields.departure.is_none() {
            items.push("Add your arrival and departure dates".to_owned());
        }
        if a.fields.hotel.is_empty() {
            items.push("Book a hotel".to_owned());
        }
    }
    if view.end_date < today {
        items.clear();
    }
    items
}

/// Moves `before` (read in this write) to status `to` on `date`, with its status change entry.
fn move_status(
    w: &Writer<'_>,
    before: &Assignment,
    to: AssignmentStatus,
    date: Date,
    after_meeting: bool,
) -> Result<Assignment> {
    let after = w.replace(
        before,
        Assignment {
            status: to,
            status_date: date,
            ..before.clone()
        },
    )?;
    record_status(
        w.conn(),
        &after.id,
        Some(before.status),
        to,
        date,
        w.at(),
        after_meeting,
    )?;
    Ok(after)
}

fn record_status(
    conn: &rusqlite::Connection,
    assignment_id: &str,
    from: Option<AssignmentStatus>,
    to: AssignmentStatus,
    date: Date,
    at: &str,
    after_meeting: bool,
) -> Result<()> {
    // Who made the change: the person this laptop belongs to, if Settings names one.
    let by: String = conn
        .query_row(
            "SELECT p.full_name FROM setting s JOIN person p ON p.id = s.value WHERE s.key = 'me'",
            [],
            |r| r.get(0),
        )
        .optional()?
        .unwrap_or_default();
    conn.execute(
        "INSERT INTO status_change (id, assignment_id, from_status, to_status, date, changed_by, at, after_meeting)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
        params![uuid::Uuid::now_v7().to_string(), assignment_id, from.map(|s| enum_text(&s)), enum_text(&to),
            date.to_string(), by, at, after_meeting],
    )?;
    Ok(())
}

fn meeting_in(conn: &rusqlite::Connection, id: &str) -> Result<Meeting> {
    super::meetings::find(conn, id)?.ok_or_else(|| {
        CoreError::validation(
            "meeting_id",
            "This meeting no longer exists. Choose one from the list.",
        )
    })
}

fn person_name(conn: &rusqlite::Connection, id: &str) -> Result<String> {
    conn.query_row("SELECT full_name FROM person WHERE id = ?1", [id], |r| {
        r.get(0)
    })
    .optional()?
    .ok_or_else(|| {
        CoreError::validation(
            "person_id",
            "This person no longer exists. Choose someone from the list.",
        )
    })
}

fn find_delegation(conn: &rusqlite::Connection, meeting_id: &str) -> Result<Option<Delegation>> {
    Ok(conn
        .query_row(
            "SELECT meeting_id, badge_cap, focal_point_id, notes, version FROM delegation WHERE meeting_id = ?1",
            [meeting_id],
            |row| {
                Ok(Delegation {
                    meeting_id: row.get(0)?,
                    badge_cap: row.get(1)?,
                    focal_point_id: row.get(2)?,
                    notes: row.get(3)?,
                    version: row.get(4)?,
                })
            },
        )
        .optional()?)
}

fn write(conn: &rusqlite::Connection, a: &Assignment, insert: bool) -> Result<()> {
    let f: &AssignmentFields = &a.fields;
    let sql = if insert {
        "INSERT INTO assignment (id, meeting_id, person_id, role, status, status_date, registration_submitted,
             registration_submitted_on, badge, arrival, departure, hotel, travel_notes, attended_sessions, notes,
             created_at, updated_at, version)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18)"
    } else {
        "UPDATE assignment SET role = ?4, status = ?5, status_date = ?6, registration_submitted = ?7,
             registration_submitted_on = ?8, badge = ?9, arrival = ?10, departure = ?11, hotel = ?12,
             travel_notes = ?13, attended_sessions = ?14, notes = ?15, updated_at = ?17, version = ?18
         WHERE id = ?1 AND meeting_id = ?2 AND person_id = ?3 AND created_at = ?16"
    };
    let date = |d: Option<Date>| d.map(|d| d.to_string());
    conn.execute(
        sql,
        params![
            a.id,
            f.meeting_id,
            f.person_id,
            enum_text(&f.role),
            enum_text(&a.status),
            a.status_date.to_string(),
            f.registration_submitted,
            date(f.registration_submitted_on),
            enum_text(&f.badge),
            date(f.arrival).unwrap_or_default(),
            date(f.departure).unwrap_or_default(),
            f.hotel,
            f.travel_notes,
            f.attended_sessions,
            f.notes,
            a.created_at,
            a.updated_at,
            a.version
        ],
    )?;
    Ok(())
}

fn find(conn: &rusqlite::Connection, id: &str) -> Result<Option<Assignment>> {
    let mut statement = conn.prepare_cached(&format!(
        "SELECT {COLUMNS} FROM assignment a WHERE a.id = ?1"
    ))?;
    Ok(statement.query_row([id], from_row).optional()?)
}

fn from_row(row: &Row<'_>) -> rusqlite::Result<Assignment> {
    let text_date = |index: usize| -> rusqlite::Result<Option<Date>> {
        let text: String = row.get::<_, Option<String>>(index)?.unwrap_or_default();
        Ok(text.parse().ok())
    };
    Ok(Assignment {
        id: row.get(0)?,
        fields: AssignmentFields {
            meeting_id: row.get(1)?,
            person_id: row.get(2)?,
            role: enum_at(row, 3)?,
            registration_submitted: row.get(6)?,
            registration_submitted_on: opt_date_at(row, 7)?,
            badge: enum_at(row, 8)?,
            arrival: text_date(9)?,
            departure: text_date(10)?,
            hotel: row.get(11)?,
            travel_notes: row.get(12)?,
            attended_sessions: row.get(13)?,
            notes: row.get(14)?,
        },
        status: enum_at(row, 4)?,
        status_date: date_at(row, 5)?,
        created_at: row.get(15)?,
        updated_at: row.get(16)?,
        version: row.get(17)?,
    })
}

stored!(Assignment, ASSIGNMENT, "assignment", find, |_a| {
    "This assignment".to_owned()
});

writable_by!(Assignment, write);
