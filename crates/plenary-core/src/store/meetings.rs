//! Meeting queries.

use rusqlite::{OptionalExtension, Row, params};

use super::row::{date_at, enum_at, enum_text, opt_date_at};
use super::{Store, now};
use crate::error::{CoreError, FieldError, Result};
use crate::history::{self, HistoryAction};
use crate::meeting::{Meeting, MeetingDraft, MeetingFields};

const ENTITY: &str = "meeting";

const COLUMNS: &str =
    "id, body_id, parent_id, ordinal, title, city, country, venue, start_date, end_date,
    time_zone, format, status, registration_deadline, notes, created_at, updated_at, version";

impl Store {
    /// Validates `draft` and stores it as a new meeting.
    pub fn create_meeting(&mut self, draft: &MeetingDraft) -> Result<Meeting> {
        let fields = draft.validate()?;
        let tx = self.conn.transaction()?;
        check_references(&tx, None, &fields)?;
        let at = now();
        let meeting = Meeting {
            id: uuid::Uuid::now_v7().to_string(),
            fields,
            created_at: at.clone(),
            updated_at: at.clone(),
            version: 1,
        };
        insert(&tx, &meeting)?;
        history::record(
            &tx,
            ENTITY,
            &meeting.id,
            HistoryAction::Create,
            None,
            Some(&meeting),
            &at,
        )?;
        tx.commit()?;
        Ok(meeting)
    }

    pub fn meeting(&self, id: &str) -> Result<Meeting> {
        find(&self.conn, id)?.ok_or(CoreError::NotFound { entity: ENTITY })
    }

    /// Every meeting, by start date.
    pub fn meetings(&self) -> Result<Vec<Meeting>> {
        let mut statement = self.conn.prepare_cached(&format!(
            "SELECT {COLUMNS} FROM meeting ORDER BY start_date, end_date, title"
        ))?;
        let rows = statement.query_map([], from_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Meetings taking place at any time from `from` to `to` (inclusive), by start date.
    pub fn meetings_between(
        &self,
        from: jiff::civil::Date,
        to: jiff::civil::Date,
    ) -> Result<Vec<Meeting>> {
        let mut statement = self.conn.prepare_cached(&format!(
            "SELECT {COLUMNS} FROM meeting WHERE start_date <= ?2 AND end_date >= ?1 ORDER BY start_date, end_date, title"
        ))?;
        let rows = statement.query_map(params![from.to_string(), to.to_string()], from_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Replaces a meeting's fields. `expected_version` is the version the editor read; if the
    /// meeting has changed since, nothing is written and the result is [`CoreError::Conflict`].
    pub fn update_meeting(
        &mut self,
        id: &str,
        expected_version: u32,
        draft: &MeetingDraft,
    ) -> Result<Meeting> {
        let tx = self.conn.transaction()?;
        let before = find(&tx, id)?.ok_or(CoreError::NotFound { entity: ENTITY })?;
        if before.version != expected_version {
            return Err(CoreError::Conflict { entity: ENTITY });
        }
        let fields = draft.validate()?;
        check_references(&tx, Some(id), &fields)?;
        if fields == before.fields {
            // Saving an unchanged form is not a change: no new version, no history entry.
            return Ok(before);
        }
        let at = now();
        let after = Meeting {
            fields,
            updated_at: at.clone(),
            version: before.version + 1,
            ..before.clone()
        };
        let f = &after.fields;
        let updated = tx.execute(
            "UPDATE meeting SET body_id = ?1, parent_id = ?18, ordinal = ?2, title = ?3, city = ?4,
                 country = ?5, venue = ?6, start_date = ?7, end_date = ?8, time_zone = ?9,
                 format = ?10, status = ?11, registration_deadline = ?12, notes = ?13,
                 updated_at = ?14, version = ?15
             WHERE id = ?16 AND version = ?17",
            params![
                f.body_id,
                f.ordinal,
                f.title,
                f.city,
                f.country,
                f.venue,
                f.start_date.to_string(),
                f.end_date.to_string(),
                f.time_zone,
                enum_text(&f.format),
                enum_text(&f.status),
                f.registration_deadline.map(|d| d.to_string()),
                f.notes,
                at,
                after.version,
                id,
                expected_version,
                f.parent_id,
            ],
        )?;
        if updated != 1 {
            return Err(CoreError::Conflict { entity: ENTITY });
        }
        history::record(
            &tx,
            ENTITY,
            id,
            HistoryAction::Update,
            Some(&before),
            Some(&after),
            &at,
        )?;
        tx.commit()?;
        Ok(after)
    }

    /// Deletes a meeting, provided it is still at `expected_version` and nobody is assigned to
    /// it (its delegation settings go with it).
    pub fn delete_meeting(&mut self, id: &str, expected_version: u32) -> Result<()> {
        let tx = self.conn.transaction()?;
        let before = find(&tx, id)?.ok_or(CoreError::NotFound { entity: ENTITY })?;
        if before.version != expected_version {
            return Err(CoreError::Conflict { entity: ENTITY });
        }
        refuse_if_in_use(&tx, id)?;
        tx.execute(
            "DELETE FROM meeting WHERE id = ?1 AND version = ?2",
            params![id, expected_version],
        )?;
        history::record(
            &tx,
            ENTITY,
            id,
            HistoryAction::Delete,
            Some(&before),
            None,
            &now(),
        )?;
        tx.commit()?;
        Ok(())
    }

    /// The history of one meeting, oldest first (kept after the meeting is deleted).
    pub fn meeting_history(&self, id: &str) -> Result<Vec<crate::HistoryEntry>> {
        self.history(ENTITY, id)
    }
}

/// Fails with "not found" unless meeting `id` exists: what is recorded at a meeting needs one.
pub(super) fn require_meeting(conn: &rusqlite::Connection, id: &str) -> Result<()> {
    let exists: bool = conn.query_row(
        "SELECT EXISTS (SELECT 1 FROM meeting WHERE id = ?1)",
        [id],
        |r| r.get(0),
    )?;
    if exists {
        Ok(())
    } else {
        Err(CoreError::NotFound { entity: ENTITY })
    }
}

fn insert(conn: &rusqlite::Connection, meeting: &Meeting) -> Result<()> {
    let f = &meeting.fields;
    conn.execute(
        &format!("INSERT INTO meeting ({COLUMNS}) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18)"),
        params![
            meeting.id,
            f.body_id,
            f.parent_id,
            f.ordinal,
            f.title,
            f.city,
            f.country,
            f.venue,
            f.start_date.to_string(),
            f.end_date.to_string(),
            f.time_zone,
            enum_text(&f.format),
            enum_text(&f.status),
            f.registration_deadline.map(|d| d.to_string()),
            f.notes,
            meeting.created_at,
            meeting.updated_at,
            meeting.version,
        ],
    )?;
    Ok(())
}

pub(super) fn find(conn: &rusqlite::Connection, id: &str) -> Result<Option<Meeting>> {
    let mut statement =
        conn.prepare_cached(&format!("SELECT {COLUMNS} FROM meeting WHERE id = ?1"))?;
    Ok(statement.query_row([id], from_row).optional()?)
}

fn from_row(row: &Row<'_>) -> rusqlite::Result<Meeting> {
    Ok(Meeting {
        id: row.get(0)?,
        fields: MeetingFields {
            body_id: row.get(1)?,
            parent_id: row.get(2)?,
            ordinal: row.get(3)?,
            title: row.get(4)?,
            city: row.get(5)?,
            country: row.get(6)?,
            venue: row.get(7)?,
            start_date: date_at(row, 8)?,
            end_date: date_at(row, 9)?,
            time_zone: row.get(10)?,
            format: enum_at(row, 11)?,
            status: enum_at(row, 12)?,
            registration_deadline: opt_date_at(row, 13)?,
            notes: row.get(14)?,
        },
        created_at: row.get(15)?,
        updated_at: row.get(16)?,
        version: row.get(17)?,
    })
}

/// The body and the parent must exist, and a meeting cannot sit within itself or its own
/// descendants.
fn check_references(
    conn: &rusqlite::Connection,
    id: Option<&str>,
    fields: &MeetingFields,
) -> Result<()> {
    let mut errors = Vec::new();
    let body_exists: bool = conn.query_row(
        "SELECT EXISTS (SELECT 1 FROM body WHERE id = ?1)",
        [&fields.body_id],
        |r| r.get(0),
    )?;
    if !body_exists {
        errors.push(FieldError::new(
            "body_id",
            "That body no longer exists. Choose another from the list.",
        ));
    }
    if let Some(parent) = &fields.parent_id {
        let parent_exists: bool = conn.query_row(
            "SELECT EXISTS (SELECT 1 FROM meeting WHERE id = ?1)",
            [parent],
            |r| r.get(0),
        )?;
        if !parent_exists {
            errors.push(FieldError::new(
                "parent_id",
                "That meeting no longer exists. Choose another, or none.",
            ));
        } else if let Some(id) = id {
            // Walk up from the proposed parent; meeting `id` on the way means a cycle.
            let cycle: bool = conn.query_row(
                "WITH RECURSIVE up(id) AS (
                     SELECT ?1
                     UNION
                     SELECT meeting.parent_id FROM meeting JOIN up ON meeting.id = up.id
                     WHERE meeting.parent_id IS NOT NULL
                 )
                 SELECT EXISTS (SELECT 1 FROM up WHERE id = ?2)",
                params![parent, id],
                |r| r.get(0),
            )?;
            if cycle {
                errors.push(FieldError::new(
                    "parent_id",
                    "A meeting cannot be part of itself or of one of the meetings it holds. Choose another parent, or none.",
                ));
            }
        }
    }
    if errors.is_empty() {
        Ok(())
    } else {
        Err(CoreError::Validation(errors))
    }
}

/// A meeting that still holds other meetings, or anything recorded at it, is not deleted:
/// nothing is lost by a slip of the hand.
fn refuse_if_in_use(conn: &rusqlite::Connection, id: &str) -> Result<()> {
    let counts: [i64; 7] = conn.query_row(
        "SELECT (SELECT count(*) FROM assignment WHERE meeting_id = ?1),
                (SELECT count(*) FROM meeting WHERE parent_id = ?1),
                (SELECT count(*) FROM agenda_item WHERE meeting_id = ?1),
                (SELECT count(*) FROM session WHERE meeting_id = ?1),
                (SELECT count(*) FROM record WHERE meeting_id = ?1),
                (SELECT count(*) FROM action_item WHERE meeting_id = ?1),
                (SELECT count(*) FROM document WHERE meeting_id = ?1)",
        [id],
        |r| {
            Ok([
                r.get(0)?,
                r.get(1)?,
                r.get(2)?,
                r.get(3)?,
                r.get(4)?,
                r.get(5)?,
                r.get(6)?,
            ])
        },
    )?;
    let names = [
        ("delegate assignment", "delegate assignments"),
        ("other meeting", "other meetings"),
        ("agenda item", "agenda items"),
        ("session", "sessions"),
        ("record", "records"),
        ("action item", "action items"),
        ("document", "documents"),
    ];
    let held: Vec<String> = counts
        .iter()
        .zip(names)
        .filter(|(count, _)| **count > 0)
        .map(|(count, (one, many))| format!("{count} {}", if *count == 1 { one } else { many }))
        .collect();
    if held.is_empty() {
        return Ok(());
    }
    Err(CoreError::InUse(format!(
        "This meeting holds {}. Delete or move them first; nothing was deleted.",
        held.join(", ")
    )))
}
