//! Meeting queries.

use rusqlite::{OptionalExtension, Row, params};

use super::{Store, now};
use crate::error::{CoreError, Result};
use crate::history::{self, HistoryAction};
use crate::meeting::{Meeting, MeetingDraft, MeetingFields};

const ENTITY: &str = "meeting";

const COLUMNS: &str = "id, body, ordinal, title, city, country, venue, start_date, end_date,
    time_zone, format, status, registration_deadline, notes, created_at, updated_at, version";

impl Store {
    /// Validates `draft` and stores it as a new meeting.
    pub fn create_meeting(&mut self, draft: &MeetingDraft) -> Result<Meeting> {
        let fields = draft.validate()?;
        let at = now();
        let meeting = Meeting {
            id: uuid::Uuid::now_v7().to_string(),
            fields,
            created_at: at.clone(),
            updated_at: at.clone(),
            version: 1,
        };
        let tx = self.conn.transaction()?;
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
            "UPDATE meeting SET body = ?1, ordinal = ?2, title = ?3, city = ?4, country = ?5,
                 venue = ?6, start_date = ?7, end_date = ?8, time_zone = ?9, format = ?10,
                 status = ?11, registration_deadline = ?12, notes = ?13, updated_at = ?14,
                 version = ?15
             WHERE id = ?16 AND version = ?17",
            params![
                enum_text(&f.body),
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
        let assignments: u32 = tx.query_row(
            "SELECT count(*) FROM assignment WHERE meeting_id = ?1",
            [id],
            |row| row.get(0),
        )?;
        if assignments > 0 {
            return Err(CoreError::validation(
                "meeting",
                format!(
                    "{} has {assignments} delegate assignment{}. Remove its assignments first; nothing was deleted.",
                    before.fields.title,
                    if assignments == 1 { "" } else { "s" }
                ),
            ));
        }
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

fn insert(conn: &rusqlite::Connection, meeting: &Meeting) -> Result<()> {
    let f = &meeting.fields;
    conn.execute(
        &format!("INSERT INTO meeting ({COLUMNS}) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17)"),
        params![
            meeting.id,
            enum_text(&f.body),
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
            body: enum_value(row, 1)?,
            ordinal: row.get(2)?,
            title: row.get(3)?,
            city: row.get(4)?,
            country: row.get(5)?,
            venue: row.get(6)?,
            start_date: date_value(row, 7)?,
            end_date: date_value(row, 8)?,
            time_zone: row.get(9)?,
            format: enum_value(row, 10)?,
            status: enum_value(row, 11)?,
            registration_deadline: row
                .get::<_, Option<String>>(12)?
                .map(|text| parse_column(12, &text, |t| t.parse::<jiff::civil::Date>().ok()))
                .transpose()?,
            notes: row.get(13)?,
        },
        created_at: row.get(14)?,
        updated_at: row.get(15)?,
        version: row.get(16)?,
    })
}

/// The snake_case name serde gives a unit enum variant, which is also its stored form.
pub(super) fn enum_text<T: serde::Serialize>(value: &T) -> String {
    match serde_json::to_value(value) {
        Ok(serde_json::Value::String(text)) => text,
        _ => unreachable!("stored enums are unit variants"),
    }
}

fn enum_value<T: serde::de::DeserializeOwned>(row: &Row<'_>, index: usize) -> rusqlite::Result<T> {
    let text: String = row.get(index)?;
    parse_column(index, &text, |t| {
        serde_json::from_value(serde_json::Value::String(t.to_owned())).ok()
    })
}

fn date_value(row: &Row<'_>, index: usize) -> rusqlite::Result<jiff::civil::Date> {
    let text: String = row.get(index)?;
    parse_column(index, &text, |t| t.parse().ok())
}

fn parse_column<T>(
    index: usize,
    text: &str,
    parse: impl Fn(&str) -> Option<T>,
) -> rusqlite::Result<T> {
    parse(text).ok_or_else(|| {
        rusqlite::Error::FromSqlConversionFailure(
            index,
            rusqlite::types::Type::Text,
            format!("unexpected stored value {text:?}").into(),
        )
    })
}
