//! Record queries: versions, finalising, restoring, and comparing.

use rusqlite::{OptionalExtension, Row, params};

use super::row::{enum_at, enum_text, opt_enum_at};
use super::{Store, stored};
use crate::diff::{DiffSpan, word_diff};
use crate::error::{CoreError, Result};
use crate::history::{self, HistoryAction};
use crate::record::{Record, RecordContent, RecordDraft, RecordStatus, RecordVersion, Vote};

const ENTITY: &str = "record";
const SELECT: &str =
    "SELECT r.id, r.meeting_id, r.agenda_item_id, r.kind, r.status, r.current_version,
        v.title, v.body, v.author, v.vote_for, v.vote_against, v.vote_abstain, v.vote_result,
        r.created_at, r.updated_at, r.version, r.for_report
    FROM record r JOIN record_version v ON v.record_id = r.id AND v.number = r.current_version";

impl Store {
    /// A meeting's records, those about the meeting as a whole first, then by agenda item.
    pub fn records(&self, meeting_id: &str) -> Result<Vec<Record>> {
        let mut statement = self.conn.prepare_cached(&format!(
            "{SELECT} LEFT JOIN agenda_item a ON a.id = r.agenda_item_id
             WHERE r.meeting_id = ?1 ORDER BY a.sort_key IS NOT NULL, a.sort_key, r.created_at"
        ))?;
        let rows = statement.query_map([meeting_id], from_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    pub fn record(&self, id: &str) -> Result<Record> {
        find(&self.conn, id)?.ok_or(CoreError::NotFound { entity: ENTITY })
    }

    pub fn create_record(&mut self, meeting_id: &str, draft: &RecordDraft) -> Result<Record> {
        let (agenda_item, content) = draft.validate()?;
        self.write(|w| {
            let tx = w.conn();
            super::meetings::require_meeting(tx, meeting_id)?;
            super::agenda::check_on_agenda(tx, meeting_id, agenda_item.as_deref(), "agenda_item_id")?;
            let at = w.at().to_owned();
            let id = uuid::Uuid::now_v7().to_string();
            tx.execute(
                "INSERT INTO record (id, meeting_id, agenda_item_id, kind, status, current_version, for_report,
                     created_at, updated_at, version)
                 VALUES (?1, ?2, ?3, ?4, 'draft', 1, ?5, ?6, ?6, 1)",
                params![id, meeting_id, agenda_item, enum_text(&draft.kind), draft.for_report, at],
            )?;
            insert_version(tx, &id, 1, &content, &at)?;
            let record = find(tx, &id)?.ok_or(CoreError::NotFound { entity: ENTITY })?;
            history::record(
                tx,
                ENTITY,
                &id,
                HistoryAction::Create,
                None,
                Some(&record),
                &at,
            )?;
            Ok(record)
        })
    }

    /// Saves a record. A draft changes in place; a final record gets a new (draft) version and
    /// the final one stays as it was. Marking or unmarking it for the report alone changes
    /// neither its content nor its status.
    pub fn update_record(
        &mut self,
        id: &str,
        expected_version: u32,
        draft: &RecordDraft,
    ) -> Result<Record> {
        let (agenda_item, content) = draft.validate()?;
        self.write(|w| {
            let tx = w.conn();
            let before = checked(tx, id, expected_version)?;
            super::agenda::check_on_agenda(
                tx,
                &before.meeting_id,
                agenda_item.as_deref(),
                "agenda_item_id",
            )?;
            let at = w.at().to_owned();
            if content == before.content
                && agenda_item == before.agenda_item_id
                && draft.kind == before.kind
            {
                if draft.for_report == before.for_report {
                    return Ok(before);
                }
                return write_record(
                    tx,
                    &before,
                    agenda_item.as_deref(),
                    draft,
                    before.status,
                    before.current_version,
                    &at,
                );
            }
            let number = match before.status {
                RecordStatus::Draft => {
                    tx.execute(
                        "UPDATE record_version SET title = ?1, body = ?2, author = ?3, vote_for = ?4, vote_against = ?5,
                             vote_abstain = ?6, vote_result = ?7, updated_at = ?8
                         WHERE record_id = ?9 AND number = ?10",
                        params![
                            content.title,
                            content.body,
                            content.author,
                            content.vote.in_favour,
                            content.vote.against,
                            content.vote.abstentions,
                            content.vote.result.map(|r| enum_text(&r)),
                            at,
                            id,
                            before.current_version
                        ],
                    )?;
                    before.current_version
                }
                RecordStatus::Final => {
                    let number = before.current_version + 1;
                    insert_version(tx, id, number, &content, &at)?;
                    number
                }
            };
            let after = write_record(
                tx,
                &before,
                agenda_item.as_deref(),
                draft,
                RecordStatus::Draft,
                number,
                &at,
            )?;
            Ok(after)
        })
    }

    /// Makes the current version final (locked).
    pub fn finalize_record(&mut self, id: &str, expected_version: u32) -> Result<Record> {
        self.write(|w| {
            let tx = w.conn();
            let before = checked(tx, id, expected_version)?;
            if before.status == RecordStatus::Final {
                return Ok(before);
            }
            let at = w.at().to_owned();
            tx.execute(
                "UPDATE record_version SET finalized_at = ?1 WHERE record_id = ?2 AND number = ?3",
                params![at, id, before.current_version],
            )?;
            let draft = RecordDraft::from(&before);
            let after = write_record(
                tx,
                &before,
                before.agenda_item_id.as_deref(),
                &draft,
                RecordStatus::Final,
                before.current_version,
                &at,
            )?;
            Ok(after)
        })
    }

    /// Makes an old version's content the newest version (a draft).
    pub fn restore_record_version(
        &mut self,
        id: &str,
        expected_version: u32,
        number: u32,
    ) -> Result<Record> {
        self.write(|w| {
            let tx = w.conn();
            let before = checked(tx, id, expected_version)?;
            let old = version(tx, id, number)?;
            let at = w.at().to_owned();
            let new_number = before.current_version + 1;
            insert_version(tx, id, new_number, &old.content, &at)?;
            let draft = RecordDraft::from(&before);
            let after = write_record(
                tx,
                &before,
                before.agenda_item_id.as_deref(),
                &draft,
                RecordStatus::Draft,
                new_number,
                &at,
            )?;
            Ok(after)
        })
    }

    /// Every version, newest first.
    pub fn record_versions(&self, id: &str) -> Result<Vec<RecordVersion>> {
        self.record(id)?;
        let mut statement = self.conn.prepare_cached(
            "SELECT number, title, body, author, vote_for, vote_against, vote_abstain, vote_result,
                    finalized_at, created_at, updated_at
             FROM record_version WHERE record_id = ?1 ORDER BY number DESC",
        )?;
        let rows = statement.query_map([id], version_from_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// The word-level difference from version `from` to version `to` (title, then text).
    pub fn record_diff(&self, id: &str, from: u32, to: u32) -> Result<Vec<DiffSpan>> {
        let a = version(&self.conn, id, from)?;
        let b = version(&self.conn, id, to)?;
        let text = |c: &RecordContent| format!("{}\n\n{}", c.title, c.body);
        Ok(word_diff(&text(&a.content), &text(&b.content)))
    }

    /// Deletes a record that was never made final; final records are kept.
    pub fn delete_record(&mut self, id: &str, expected_version: u32) -> Result<()> {
        self.write(|w| {
            w.read_at::<Record>(id, expected_version)?;
            let finalized: bool = w.conn().query_row(
                "SELECT EXISTS (SELECT 1 FROM record_version WHERE record_id = ?1 AND finalized_at IS NOT NULL)",
                [id],
                |r| r.get(0),
            )?;
            if finalized {
                return Err(CoreError::InUse(
                    "This record has a final version, and final records are kept. Change it to make a new version instead."
                        .to_owned(),
                ));
            }
            w.delete::<Record>(id, expected_version).map(drop)
        })
    }
}

fn checked(tx: &rusqlite::Connection, id: &str, expected_version: u32) -> Result<Record> {
    let record = find(tx, id)?.ok_or(CoreError::NotFound { entity: ENTITY })?;
    if record.version != expected_version {
        return Err(CoreError::Conflict { entity: ENTITY });
    }
    Ok(record)
}

fn write_record(
    tx: &rusqlite::Connection,
    before: &Record,
    agenda_item: Option<&str>,
    draft: &RecordDraft,
    status: RecordStatus,
    number: u32,
    at: &str,
) -> Result<Record> {
    tx.execute(
        "UPDATE record SET agenda_item_id = ?1, kind = ?2, status = ?3, current_version = ?4, updated_at = ?5,
             for_report = ?6, version = version + 1
         WHERE id = ?7",
        params![
            agenda_item,
            enum_text(&draft.kind),
            enum_text(&status),
            number,
            at,
            draft.for_report,
            before.id
        ],
    )?;
    let after = find(tx, &before.id)?.ok_or(CoreError::NotFound { entity: ENTITY })?;
    history::record(
        tx,
        ENTITY,
        &before.id,
        HistoryAction::Update,
        Some(before),
        Some(&after),
        at,
    )?;
    Ok(after)
}

fn insert_version(
    tx: &rusqlite::Connection,
    id: &str,
    number: u32,
    content: &RecordContent,
    at: &str,
) -> Result<()> {
    tx.execute(
        "INSERT INTO record_version (id, record_id, number, title, body, author, vote_for, vote_against,
             vote_abstain, vote_result, created_at, updated_at)
         VALUES (?11, ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?10)",
        params![
            id,
            number,
            content.title,
            content.body,
            content.author,
            content.vote.in_favour,
            content.vote.against,
            content.vote.abstentions,
            content.vote.result.map(|r| enum_text(&r)),
            at,
            uuid::Uuid::now_v7().to_string()
        ],
    )?;
    Ok(())
}

fn version(conn: &rusqlite::Connection, id: &str, number: u32) -> Result<RecordVersion> {
    conn.query_row(
        "SELECT number, title, body, author, vote_for, vote_against, vote_abstain, vote_result,
                finalized_at, created_at, updated_at
         FROM record_version WHERE record_id = ?1 AND number = ?2",
        params![id, number],
        version_from_row,
    )
    .optional()?
    .ok_or(CoreError::NotFound {
        entity: "record version",
    })
}

fn find(conn: &rusqlite::Connection, id: &str) -> Result<Option<Record>> {
    let mut statement = conn.prepare_cached(&format!("{SELECT} WHERE r.id = ?1"))?;
    Ok(statement.query_row([id], from_row).optional()?)
}

fn vote_from(row: &Row<'_>, first: usize) -> rusqlite::Result<Vote> {
    Ok(Vote {
        in_favour: row.get(first)?,
        against: row.get(first + 1)?,
        abstentions: row.get(first + 2)?,
        result: opt_enum_at(row, first + 3)?,
    })
}

fn from_row(row: &Row<'_>) -> rusqlite::Result<Record> {
    Ok(Record {
        id: row.get(0)?,
        meeting_id: row.get(1)?,
        agenda_item_id: row.get(2)?,
        kind: enum_at(row, 3)?,
        status: enum_at(row, 4)?,
        current_version: row.get(5)?,
        content: RecordContent {
            title: row.get(6)?,
            body: row.get(7)?,
            author: row.get(8)?,
            vote: vote_from(row, 9)?,
        },
        for_report: row.get(16)?,
        created_at: row.get(13)?,
        updated_at: row.get(14)?,
        version: row.get(15)?,
    })
}

fn version_from_row(row: &Row<'_>) -> rusqlite::Result<RecordVersion> {
    Ok(RecordVersion {
        number: row.get(0)?,
        content: RecordContent {
            title: row.get(1)?,
            body: row.get(2)?,
            author: row.get(3)?,
            vote: vote_from(row, 4)?,
        },
        finalized_at: row.get(8)?,
        created_at: row.get(9)?,
        updated_at: row.get(10)?,
    })
}

stored!(Record, ENTITY, "record", find, |r| format!(
    "The record \"{}\"",
    r.content.title
));

#[cfg(test)]
mod tests;
