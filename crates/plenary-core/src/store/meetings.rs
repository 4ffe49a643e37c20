//! Meeting queries.

use rusqlite::{Connection, OptionalExtension, Row, params};

use super::row::{date_at, enum_at, enum_text, opt_date_at};
use super::{Store, Writable, bump_bookkeeping, stored};
use crate::error::{CoreError, FieldError, Result};
use crate::meeting::{Meeting, MeetingDraft, MeetingFields};

const ENTITY: &str = "meeting";

const COLUMNS: &str =
    "id, body_id, parent_id, ordinal, title, city, country, venue, start_date, end_date,
    time_zone, format, status, registration_deadline, notes, created_at, updated_at, version";

/// Validates `draft` and stores it as a new meeting within the write `w`.
pub(super) fn create_meeting_in(w: &super::Writer<'_>, draft: &MeetingDraft) -> Result<Meeting> {
    let fields = settle(w.conn(), None, draft.validate()?)?;
    let meeting = Meeting {
        id: uuid::Uuid::now_v7().to_string(),
        fields,
        created_at: w.at().to_owned(),
        updated_at: w.at().to_owned(),
        version: 1,
    };
    w.create(&meeting)?;
    Ok(meeting)
}

impl Store {
    /// Validates `draft` and stores it as a new meeting.
    pub fn create_meeting(&mut self, draft: &MeetingDraft) -> Result<Meeting> {
        self.write(|w| create_meeting_in(w, draft))
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

    /// Whether any meeting is recorded at all.
    pub fn has_meetings(&self) -> Result<bool> {
        Ok(self
            .conn
            .query_row("SELECT EXISTS (SELECT 1 FROM meeting)", [], |row| {
                row.get(0)
            })?)
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
        let fields = draft.validate();
        self.write(|w| {
            w.update(id, expected_version, |before: &Meeting| {
                Ok(Meeting {
                    fields: settle(w.conn(), Some(id), fields?)?,
                    ..before.clone()
                })
            })
        })
    }

    /// Deletes a meeting, provided it is still at `expected_version` and nothing is held or
    /// recorded at it (its delegation settings go with it).
    pub fn delete_meeting(&mut self, id: &str, expected_version: u32) -> Result<()> {
        self.write(|w| w.delete::<Meeting>(id, expected_version).map(drop))
    }

    /// The history of one meeting, oldest first (kept after the meeting is deleted).
    pub fn meeting_history(&self, id: &str) -> Result<Vec<crate::HistoryEntry>> {
        self.history(ENTITY, id)
    }
}

stored!(Meeting, "meeting", ENTITY, find, |m| m.fields.title.clone());

impl Writable for Meeting {
    fn insert(&self, conn: &Connection) -> Result<()> {
        insert(conn, self)
    }
    fn rewrite(&self, conn: &Connection) -> Result<()> {
        let f = &self.fields;
        conn.execute(
            "UPDATE meeting SET body_id = ?1, parent_id = ?2, ordinal = ?3, title = ?4, city = ?5,
                 country = ?6, venue = ?7, start_date = ?8, end_date = ?9, time_zone = ?10,
                 format = ?11, status = ?12, registration_deadline = ?13, notes = ?14,
                 updated_at = ?15, version = ?16
             WHERE id = ?17",
            params![
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
                self.updated_at,
                self.version,
                self.id,
            ],
        )?;
        Ok(())
    }
    bump_bookkeeping!();
}

/// Checked fields made ready to store: references checked, the country in its one spelling.
fn settle(conn: &Connection, id: Option<&str>, mut fields: MeetingFields) -> Result<MeetingFields> {
    check_references(conn, id, &fields)?;
    fields.country = super::organizations::country_spelling(conn, &fields.country)?;
    Ok(fields)
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
