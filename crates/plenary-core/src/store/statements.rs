//! Statement queries: a meeting's statements, the default submission deadline from the agenda
//! item's first session, and status moves along the allowed steps only.

use rusqlite::{OptionalExtension, Row, params};

use super::row::{enum_at, enum_text};
use super::{Store, Writable, bump_bookkeeping, stored};
use crate::error::{CoreError, Result};
use crate::statement::{
    Statement, StatementDraft, StatementFields, StatementStatus, default_deadline, word_budget,
    word_count,
};

const ENTITY: &str = "statement";
const SELECT: &str = "SELECT s.id, s.meeting_id, s.agenda_item_id, s.document_id, s.title, s.organization, s.mode,
        s.co_signers, s.speaker, s.time_limit_minutes, s.submission_deadline, s.text, s.delivered_text,
        s.status, s.created_at, s.updated_at, s.version
    FROM statement s";

impl Store {
    /// A meeting's statements in agenda order.
    pub fn statements(&self, meeting_id: &str) -> Result<Vec<Statement>> {
        let mut statement = self.conn.prepare_cached(&format!(
            "{SELECT} JOIN agenda_item a ON a.id = s.agenda_item_id WHERE s.meeting_id = ?1
             ORDER BY a.sort_key, s.created_at"
        ))?;
        let rows = statement.query_map([meeting_id], from_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    pub fn create_statement(
        &mut self,
        meeting_id: &str,
        draft: &StatementDraft,
    ) -> Result<Statement> {
        let mut fields = draft.validate()?;
        self.write(|w| {
            check_links(w.conn(), meeting_id, &fields)?;
            fill_deadline(w.conn(), &mut fields)?;
            let statement = with_derived(Statement {
                id: uuid::Uuid::now_v7().to_string(),
                meeting_id: meeting_id.to_owned(),
                fields,
                status: StatementStatus::Draft,
                next: Vec::new(),
                word_budget: 0,
                word_count: 0,
                created_at: w.at().to_owned(),
                updated_at: w.at().to_owned(),
                version: 1,
            });
            w.create(&statement)?;
            Ok(statement)
        })
    }

    pub fn update_statement(
        &mut self,
        id: &str,
        expected_version: u32,
        draft: &StatementDraft,
    ) -> Result<Statement> {
        let fields = draft.validate()?;
        self.write(|w| {
            w.update(id, expected_version, |before: &Statement| {
                let mut fields = fields;
                check_links(w.conn(), &before.meeting_id, &fields)?;
                fill_deadline(w.conn(), &mut fields)?;
                Ok(with_derived(Statement {
                    fields,
                    ..before.clone()
                }))
            })
        })
    }

    /// Moves a statement to another status, if the workflow allows that step.
    pub fn set_statement_status(
        &mut self,
        id: &str,
        expected_version: u32,
        to: StatementStatus,
    ) -> Result<Statement> {
        self.write(|w| {
            w.update(id, expected_version, |before: &Statement| {
                before.status.check_move(to)?;
                Ok(with_derived(Statement {
                    status: to,
                    ..before.clone()
                }))
            })
        })
    }

    /// Deletes a statement still in draft; later ones are kept (withdraw them instead).
    pub fn delete_statement(&mut self, id: &str, expected_version: u32) -> Result<()> {
        self.write(|w| {
            let before = w.read_at::<Statement>(id, expected_version)?;
            if before.status != StatementStatus::Draft {
                return Err(CoreError::InUse(format!(
                    "This statement is {}; only drafts are deleted. Withdraw it instead.",
                    before.status.label().to_lowercase()
                )));
            }
            w.delete::<Statement>(id, expected_version).map(drop)
        })
    }
}

fn check_links(
    tx: &rusqlite::Connection,
    meeting_id: &str,
    fields: &StatementFields,
) -> Result<()> {
    let meeting: bool = tx.query_row(
        "SELECT EXISTS (SELECT 1 FROM meeting WHERE id = ?1)",
        [meeting_id],
        |r| r.get(0),
    )?;
    if !meeting {
        return Err(CoreError::NotFound { entity: "meeting" });
    }
    let item: bool = tx.query_row(
        "SELECT EXISTS (SELECT 1 FROM agenda_item WHERE id = ?1 AND meeting_id = ?2)",
        params![fields.agenda_item_id, meeting_id],
        |r| r.get(0),
    )?;
    if !item {
        return Err(CoreError::validation(
            "agenda_item_id",
            "That agenda item is not on this meeting's agenda (any more). Choose another.",
        ));
    }
    if let Some(document) = &fields.document_id {
        let found: bool = tx.query_row(
            "SELECT EXISTS (SELECT 1 FROM policy_document WHERE id = ?1)",
            [document],
            |r| r.get(0),
        )?;
        if !found {
            return Err(CoreError::validation(
                "document_id",
                "That document no longer exists. Choose another, or none.",
            ));
        }
    }
    Ok(())
}

/// An empty deadline becomes one hour before the first session that takes up the agenda item.
fn fill_deadline(tx: &rusqlite::Connection, fields: &mut StatementFields) -> Result<()> {
    if fields.submission_deadline.is_some() {
        return Ok(());
    }
    let first: Option<String> = tx
        .query_row(
            "SELECT min(s.starts_at) FROM session s JOIN session_agenda_item l ON l.session_id = s.id
             WHERE l.agenda_item_id = ?1",
            [&fields.agenda_item_id],
            |r| r.get(0),
        )
        .optional()?
        .flatten();
    fields.submission_deadline = first.as_deref().and_then(default_deadline);
    Ok(())
}

fn find(conn: &rusqlite::Connection, id: &str) -> Result<Option<Statement>> {
    let mut statement = conn.prepare_cached(&format!("{SELECT} WHERE s.id = ?1"))?;
    Ok(statement.query_row([id], from_row).optional()?)
}

fn from_row(row: &Row<'_>) -> rusqlite::Result<Statement> {
    let fields = StatementFields {
        agenda_item_id: row.get(2)?,
        document_id: row.get(3)?,
        title: row.get(4)?,
        organization: row.get(5)?,
        mode: enum_at(row, 6)?,
        co_signers: row.get(7)?,
        speaker: row.get(8)?,
        time_limit_minutes: row.get(9)?,
        submission_deadline: row.get(10)?,
        text: row.get(11)?,
        delivered_text: row.get(12)?,
    };
    Ok(with_derived(Statement {
        id: row.get(0)?,
        meeting_id: row.get(1)?,
        fields,
        status: enum_at(row, 13)?,
        next: Vec::new(),
        word_budget: 0,
        word_count: 0,
        created_at: row.get(14)?,
        updated_at: row.get(15)?,
        version: row.get(16)?,
    }))
}

/// `statement` with what follows from its fields: the next steps, the word budget and count.
fn with_derived(statement: Statement) -> Statement {
    Statement {
        next: statement.status.next().to_vec(),
        word_budget: statement
            .fields
            .time_limit_minutes
            .map(word_budget)
            .unwrap_or(0),
        word_count: word_count(&statement.fields.text),
        ..statement
    }
}

impl Writable for Statement {
    fn insert(&self, conn: &rusqlite::Connection) -> Result<()> {
        let f = &self.fields;
        conn.execute(
            "INSERT INTO statement (id, meeting_id, agenda_item_id, document_id, title, organization, mode, co_signers,
                 speaker, time_limit_minutes, submission_deadline, text, delivered_text, status, created_at, updated_at, version)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17)",
            params![
                self.id,
                self.meeting_id,
                f.agenda_item_id,
                f.document_id,
                f.title,
                f.organization,
                enum_text(&f.mode),
                f.co_signers,
                f.speaker,
                f.time_limit_minutes,
                f.submission_deadline,
                f.text,
                f.delivered_text,
                enum_text(&self.status),
                self.created_at,
                self.updated_at,
                self.version
            ],
        )?;
        Ok(())
    }
    fn rewrite(&self, conn: &rusqlite::Connection) -> Result<()> {
        let f = &self.fields;
        conn.execute(
            "UPDATE statement SET agenda_item_id = ?1, document_id = ?2, title = ?3, organization = ?4, mode = ?5,
                 co_signers = ?6, speaker = ?7, time_limit_minutes = ?8, submission_deadline = ?9, text = ?10,
                 delivered_text = ?11, status = ?12, updated_at = ?13, version = ?14
             WHERE id = ?15",
            params![
                f.agenda_item_id,
                f.document_id,
                f.title,
                f.organization,
                enum_text(&f.mode),
                f.co_signers,
                f.speaker,
                f.time_limit_minutes,
                f.submission_deadline,
                f.text,
                f.delivered_text,
                enum_text(&self.status),
                self.updated_at,
                self.version,
                self.id
            ],
        )?;
        Ok(())
    }
    bump_bookkeeping!();
}

stored!(Statement, ENTITY, "statement", find, |s| format!(
    "The statement \"{}\"",
    s.fields.title
));

#[cfg(test)]
mod tests {
    use super::*;
    use crate::agenda::AgendaItemDraft;
    use crate::meeting::tests::kigali;
    use crate::session::SessionDraft;

    #[test]
    fn statements_get_a_default_deadline_a_budget_and_move_only_by_allowed_steps() {
        let dir = tempfile::tempdir().unwrap();
        let mut store = Store::open_in(dir.path()).unwrap();
        let meeting = store.create_meeting(&kigali()).unwrap();
        let item = store
            .create_agenda_item(
                &meeting.id,
                &AgendaItemDraft {
                    number: "5".into(),
                    title: "Ethics".into(),
                    ..Default::default()
                },
            )
            .unwrap();
        store
            .create_session(
                &meeting.id,
                &SessionDraft {
                    title: "Plenary".into(),
                    date: "2023-10-07".into(),
                    start_time: "09:30".into(),
                    end_time: "12:00".into(),
                    agenda_item_ids: vec![item.id.clone()],
                    ..Default::default()
                },
            )
            .unwrap();
        let draft = StatementDraft {
            agenda_item_id: item.id.clone(),
            title: "Statement on item 5".into(),
            organization: "World Medical Association".into(),
            speaker: "Dr Ngũgĩ".into(),
            time_limit_minutes: "3".into(),
            text: "Thank you, Chair. ".repeat(120),
            ..Default::default()
        };
        let created = store.create_statement(&meeting.id, &draft).unwrap();
        assert_eq!(
            created.fields.submission_deadline.as_deref(),
            Some("2023-10-07T08:30")
        );
        assert_eq!((created.word_budget, created.word_count), (330, 360));
        assert_eq!(created.status, StatementStatus::Draft);

        let skip =
            store.set_statement_status(&created.id, created.version, StatementStatus::Delivered);
        assert!(matches!(skip, Err(CoreError::Validation(e)) if e[0].field == "status"));
        let mut s = created;
        for to in [
            StatementStatus::InternalReview,
            StatementStatus::Approved,
            StatementStatus::Submitted,
            StatementStatus::Delivered,
        ] {
            s = store.set_statement_status(&s.id, s.version, to).unwrap();
        }
        assert_eq!(s.status, StatementStatus::Delivered);
        assert!(matches!(
            store.delete_statement(&s.id, s.version),
            Err(CoreError::InUse(_))
        ));
        assert!(matches!(
            store.set_statement_status(&s.id, 1, StatementStatus::Withdrawn),
            Err(CoreError::Conflict { .. })
        ));
        assert_eq!(store.statements(&meeting.id).unwrap().len(), 1);
        assert_eq!(store.search("Ngugi", 10).unwrap()[0].kind, "statement");
    }
}
