//! Policy queries: documents with their history of actions (status, handbook code and review
//! date derived and stored with each action), the "due for review" view, positions and votes.

use jiff::civil::Date;
use rusqlite::{OptionalExtension, Row, params};
use serde::{Deserialize, Serialize};

use super::row::{enum_at, enum_text, opt_enum_at};
use super::{Clock, Store, stored};
use crate::body::BodyOrganization;
use crate::error::{CoreError, FieldError, Result};
use crate::history::{self, HistoryAction};
use crate::policy::Stance;
use crate::policy::{
    self, HandbookCode, Mandate, PartialDate, PolicyAction, PolicyActionDraft, PolicyActionFields,
    PolicyDocument, PolicyDocumentDraft, PolicyDocumentFields, PolicyStatus, PolicyType,
    PolicyVote, PolicyVoteDraft, PolicyVoteFields, Position, PositionDraft, PositionFields,
    ReviewBasis, WhoSymbol,
};
use crate::record::Vote;

const ENTITY: &str = "policy document";
const ACTION: &str = "policy action";
/// The tables of documents and of their history actions, also their keys in the history.
const TABLE: &str = "policy_document";
const ACTION_TABLE: &str = "policy_action";
const SELECT: &str = "SELECT d.id, d.policy_type, d.emergency, d.title, d.short_name, d.code,
        d.lead_committee, d.rapporteur, d.topics, d.summary, d.full_text, d.source_url,
        d.meeting_id, d.agenda_item_id, d.status, d.handbook_code, d.review_due,
        d.created_at, d.updated_at, d.version, d.review_basis_kind, d.review_basis_date
    FROM policy_document d";

/// Which documents a list shows; empty fields do not filter.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct PolicyFilter {
    pub policy_type: Option<PolicyType>,
    pub status: Option<PolicyStatus>,
    /// Part of a topic, case-insensitive.
    pub topic: String,
    /// Whose documents: the WMA's, the WHO's or other bodies'.
    pub organization: Option<BodyOrganization>,
    /// Our latest position's stance.
    pub stance: Option<Stance>,
    /// `YYYY-MM-DD`: only documents whose review falls due by then (overdue included).
    pub review_due_by: String,
}

/// A document in the "due for review" view.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ReviewDue {
    pub document: PolicyDocument,
    /// The review date has passed entirely.
    pub overdue: bool,
}

/// How many documents fall due for review in a year (for the dashboard). A document due early
/// in the year and not yet reviewed is both `due` and `overdue`: `by_year_end` counts it once.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ReviewDueCount {
    pub year: i16,
    /// Due during that year.
    pub due: u32,
    /// Due before today and not reviewed.
    pub overdue: u32,
    /// Due by the end of that year, overdue ones included, each document once.
    pub by_year_end: u32,
}

impl Store {
    pub fn policy_documents(&self, filter: &PolicyFilter) -> Result<Vec<PolicyDocument>> {
        let review_by = filter.review_due_by.trim();
        if !review_by.is_empty() && review_by.parse::<Date>().is_err() {
            return Err(CoreError::validation(
                "review_due_by",
                "Enter the review date limit as YYYY-MM-DD.",
            ));
        }
        let types: Vec<String> = filter
            .organization
            .map(|organization| {
                PolicyType::ALL
                    .iter()
                    .filter(|t| match organization {
                        BodyOrganization::Wma => t.is_wma(),
                        BodyOrganization::Who => t.is_who(),
                        BodyOrganization::Other => !t.is_wma() && !t.is_who(),
                    })
                    .map(enum_text)
                    .collect()
            })
            .unwrap_or_default();
        let mut statement = self.conn.prepare_cached(&format!(
            "{SELECT} WHERE (?1 IS NULL OR d.policy_type = ?1) AND (?2 IS NULL OR d.status = ?2)
               AND (?3 = '' OR instr(lower(d.topics), lower(?3)) > 0)
               AND (?4 = '' OR d.policy_type IN (SELECT value FROM json_each(?4)))
               AND (?5 IS NULL OR (SELECT p.stance FROM policy_position p WHERE p.document_id = d.id
                                   ORDER BY p.created_at DESC, p.id DESC LIMIT 1) = ?5)
               AND (?6 = '' OR d.review_due_from <= ?6)
             ORDER BY d.policy_type, coalesce(nullif(d.short_name, ''), d.title)"
        ))?;
        let rows = statement.query_map(
            params![
                filter.policy_type.map(|t| enum_text(&t)),
                filter.status.map(|s| enum_text(&s)),
                filter.topic.trim(),
                if types.is_empty() {
                    String::new()
                } else {
                    serde_json::to_string(&types).expect("strings")
                },
                filter.stance.map(|s| enum_text(&s)),
                review_by,
            ],
            from_row,
        )?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    pub fn policy_document(&self, id: &str) -> Result<PolicyDocument> {
        find(&self.conn, id)?.ok_or(CoreError::NotFound { entity: ENTITY })
    }

    /// Creates a document; with `adopted_on` (`2024`, `2024-05` or `2024-06-01`) its adoption is
    /// recorded in the same transaction, by the body of its meeting (or of its WHO symbol) at that
    /// meeting. A WHO resolution or decision is taken when it is made, so it needs the date.
    pub fn create_policy_document(
        &mut self,
        draft: &PolicyDocumentDraft,
        adopted_on: &str,
    ) -> Result<PolicyDocument> {
        let adopted_on = adopted_on.trim();
        let mut errors = match draft.validate(self.clock.today().year()) {
            Ok(_) => Vec::new(),
            Err(CoreError::Validation(errors)) => errors,
            Err(other) => return Err(other),
        };
        let mut adoption = PolicyActionDraft {
            kind: policy::PolicyActionKind::Adopted,
            date: adopted_on.to_owned(),
            meeting_id: draft.meeting_id.trim().to_owned(),
            ..Default::default()
        };
        if adopted_on.is_empty() && draft.policy_type.is_who() {
            errors.push(FieldError::new(
                "adopted_on",
                format!(
                    "Enter the date it was adopted (such as 2024-06-01): a {} is taken when it is made.",
                    draft.policy_type.label()
                ),
            ));
        } else if !adopted_on.is_empty()
            && let Err(CoreError::Validation(problems)) =
                adoption.validate(self.clock.today().year())
        {
            errors.extend(
                problems
                    .into_iter()
                    .map(|e| FieldError::new("adopted_on", e.message)),
            );
        }
        if !errors.is_empty() {
            return Err(CoreError::Validation(errors));
        }
        let tx = self.conn.transaction()?;
        let document = insert_document(&tx, &self.clock, draft)?;
        if adopted_on.is_empty() {
            tx.commit()?;
            return Ok(document);
        }
        adoption.body_id = adopting_body(&tx, &document)?.unwrap_or_default();
        let document =
            append_action(&tx, &self.clock, &document, &adoption).map_err(|error| match error {
                CoreError::Validation(problems) => CoreError::Validation(
                    problems
                        .into_iter()
                        .map(|e| FieldError::new("adopted_on", e.message))
                        .collect(),
                ),
                other => other,
            })?;
        tx.commit()?;
        Ok(document)
    }

    pub fn update_policy_document(
        &mut self,
        id: &str,
        expected_version: u32,
        draft: &PolicyDocumentDraft,
    ) -> Result<PolicyDocument> {
        let fields = draft.validate(self.clock.today().year())?;
        let tx = self.conn.transaction()?;
        let before = checked(&tx, id, expected_version)?;
        check_links(&tx, &fields)?;
        if fields == before.fields {
            return Ok(before);
        }
        let at = self.clock.now();
        tx.execute(
            "UPDATE policy_document SET policy_type = ?1, emergency = ?2, title = ?3, short_name = ?4, code = ?5,
                 lead_committee = ?6, rapporteur = ?7, topics = ?8, summary = ?9, full_text = ?10, source_url = ?11,
                 meeting_id = ?12, agenda_item_id = ?13, updated_at = ?14, version = version + 1
             WHERE id = ?15",
            params![
                enum_text(&fields.policy_type),
                fields.emergency,
                fields.title,
                fields.short_name,
                fields.code,
                fields.lead_committee.map(|c| enum_text(&c)),
                fields.rapporteur,
                fields.topics.join(", "),
                fields.summary,
                fields.full_text,
                fields.source_url,
                fields.meeting_id,
                fields.agenda_item_id,
                at,
                id
            ],
        )?;
        write_derived(&tx, id, fields.policy_type, &fields.code)?;
        let after = find(&tx, id)?.ok_or(CoreError::NotFound { entity: ENTITY })?;
        history::record(
            &tx,
            TABLE,
            id,
            HistoryAction::Update,
            Some(&before),
            Some(&after),
            &at,
        )?;
        tx.commit()?;
        Ok(after)
    }

    /// Deletes a document that nothing refers to: no history, positions, votes, links, text
    /// versions or statements (the message names what is left).
    pub fn delete_policy_document(&mut self, id: &str, expected_version: u32) -> Result<()> {
        self.write(|w| w.delete::<PolicyDocument>(id, expected_version).map(drop))
    }

    /// A document's history, oldest first.
    pub fn policy_actions(&self, document_id: &str) -> Result<Vec<PolicyAction>> {
        self.policy_document(document_id)?;
        actions(&self.conn, document_id)
    }

    /// Appends an action to a document's history and returns the document with its new status,
    /// code and review date. An action dated before the first adoption is refused.
    pub fn add_policy_action(
        &mut self,
        document_id: &str,
        expected_version: u32,
        draft: &PolicyActionDraft,
    ) -> Result<PolicyDocument> {
        let tx = self.conn.transaction()?;
        let before = checked(&tx, document_id, expected_version)?;
        let after = append_action(&tx, &self.clock, &before, draft)?;
        tx.commit()?;
        Ok(after)
    }

    /// Corrects an action of a document's history (a mistyped date, the wrong kind or body) and
    /// returns the document with its status, code and review date derived again. The action's
    /// earlier form is kept in the history table. A correction that would date an action before
    /// the first adoption is refused.
    pub fn update_policy_action(
        &mut self,
        id: &str,
        expected_version: u32,
        draft: &PolicyActionDraft,
    ) -> Result<PolicyDocument> {
        let fields = draft.validate(self.clock.today().year())?;
        let tx = self.conn.transaction()?;
        let (before, document) = action_at_version(&tx, id, expected_version)?;
        if fields == before.fields {
            return Ok(document);
        }
        let others: Vec<PolicyActionFields> = actions(&tx, &document.id)?
            .into_iter()
            .filter(|a| a.id != id)
            .map(|a| a.fields)
            .collect();
        policy::check_after_adoption(&others, &fields)?;
        check_action_links(&tx, &document.id, &fields)?;
        let at = self.clock.now();
        let after = PolicyAction {
            fields,
            updated_at: at.clone(),
            version: before.version + 1,
            ..before.clone()
        };
        let f = &after.fields;
        let updated = tx.execute(
            "UPDATE policy_action SET kind = ?1, date = ?2, date_from = ?3, body_id = ?4, meeting_id = ?5,
                 superseded_by_id = ?6, note = ?7, updated_at = ?8, version = ?9
             WHERE id = ?10 AND version = ?11",
            params![
                enum_text(&f.kind),
                f.date.to_string(),
                f.date.earliest().to_string(),
                f.body_id,
                f.meeting_id,
                f.superseded_by_id,
                f.note,
                at,
                after.version,
                id,
                expected_version
            ],
        )?;
        if updated != 1 {
            return Err(CoreError::Conflict { entity: ACTION });
        }
        history::record(
            &tx,
            ACTION_TABLE,
            id,
            HistoryAction::Update,
            Some(&before),
            Some(&after),
            &at,
        )?;
        let document = rederive(&tx, &document, &at)?;
        tx.commit()?;
        Ok(document)
    }

    /// Removes an action entered by mistake and returns the document with what follows from its
    /// history derived again. The removed action stays in the history table. Refused when the
    /// remaining history would have an action before its first adoption.
    pub fn delete_policy_action(
        &mut self,
        id: &str,
        expected_version: u32,
    ) -> Result<PolicyDocument> {
        let tx = self.conn.transaction()?;
        let (before, document) = action_at_version(&tx, id, expected_version)?;
        let remaining: Vec<PolicyActionFields> = actions(&tx, &document.id)?
            .into_iter()
            .filter(|a| a.id != id)
            .map(|a| a.fields)
            .collect();
        policy::check_history(&remaining)?;
        tx.execute("DELETE FROM policy_action WHERE id = ?1", [id])?;
        let at = self.clock.now();
        history::record(
            &tx,
            ACTION_TABLE,
            id,
            HistoryAction::Delete,
            Some(&before),
            None,
            &at,
        )?;
        let document = rederive(&tx, &document, &at)?;
        tx.commit()?;
        Ok(document)
    }

    /// Documents in force whose review falls due by `until` (overdue ones first, then by date).
    pub fn reviews_due(&self, today: Date, until: Date) -> Result<Vec<ReviewDue>> {
        let mut statement = self.conn.prepare_cached(&format!(
            "{SELECT} WHERE d.review_due_from IS NOT NULL AND d.review_due_from <= ?1
             ORDER BY d.review_due_from, coalesce(nullif(d.short_name, ''), d.title)"
        ))?;
        let today_text = today.to_string();
        let rows = statement.query_map([until.to_string()], |row| {
            let document = from_row(row)?;
            Ok(document)
        })?;
        let mut due = Vec::new();
        for document in rows {
            let document = document?;
            let overdue = document
                .review_due
                .is_some_and(|d| d.latest().to_string() < today_text);
            due.push(ReviewDue { document, overdue });
        }
        // Stable: overdue first, each group in date order.
        due.sort_by_key(|d| !d.overdue);
        Ok(due)
    }

    /// Reviews falling due during `today`'s year, and those overdue.
    pub fn review_due_count(&self, today: Date) -> Result<ReviewDueCount> {
        let year = today.year();
        // Overdue (its last possible day before today) implies due by the year's end.
        let (due, overdue, by_year_end): (u32, u32, u32) = self.conn.query_row(
            "SELECT count(*) FILTER (WHERE review_due_from <= ?2 AND review_due_to >= ?1),
                    count(*) FILTER (WHERE review_due_to < ?3),
                    count(*) FILTER (WHERE review_due_from <= ?2 OR review_due_to < ?3)
             FROM policy_document WHERE review_due_from IS NOT NULL",
            params![
                format!("{year:04}-01-01"),
                format!("{year:04}-12-31"),
                today.to_string()
            ],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )?;
        Ok(ReviewDueCount {
            year,
            due,
            overdue,
            by_year_end,
        })
    }

    // -- Positions --------------------------------------------------------------------------

    /// A document's positions, newest first; the current one per meeting is marked.
    pub fn positions(&self, document_id: &str) -> Result<Vec<Position>> {
        self.policy_document(document_id)?;
        let mut statement = self.conn.prepare_cached(&format!(
            "{POSITION_SELECT} WHERE p.document_id = ?1 ORDER BY p.created_at DESC, p.id DESC"
        ))?;
        let rows = statement.query_map([document_id], position_from_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// The current positions on documents debated at an agenda item.
    pub fn positions_for_agenda_item(&self, agenda_item_id: &str) -> Result<Vec<Position>> {
        let mut statement = self.conn.prepare_cached(&format!(
            "SELECT * FROM ({POSITION_SELECT} WHERE p.agenda_item_id = ?1) WHERE current = 1"
        ))?;
        let rows = statement.query_map([agenda_item_id], position_from_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Records a (new) position; earlier positions are kept.
    pub fn record_position(
        &mut self,
        document_id: &str,
        draft: &PositionDraft,
    ) -> Result<Position> {
        let fields = draft.validate()?;
        let tx = self.conn.transaction()?;
        find(&tx, document_id)?.ok_or(CoreError::NotFound { entity: ENTITY })?;
        check_meeting_and_item(
            &tx,
            fields.meeting_id.as_deref(),
            fields.agenda_item_id.as_deref(),
        )?;
        let at = self.clock.now();
        let id = uuid::Uuid::now_v7().to_string();
        tx.execute(
            "INSERT INTO policy_position (id, document_id, meeting_id, agenda_item_id, stance, priority, rationale,
                 red_lines, fallback, may_speak, may_co_sponsor, may_vote, own_policies, approved_by, approved_on,
                 created_at, updated_at, version)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?16, 1)",
            params![
                id,
                document_id,
                fields.meeting_id,
                fields.agenda_item_id,
                enum_text(&fields.stance),
                enum_text(&fields.priority),
                fields.rationale,
                fields.red_lines,
                fields.fallback,
                fields.mandate.may_speak,
                fields.mandate.may_co_sponsor,
                fields.mandate.may_vote,
                fields.own_policies.join(", "),
                fields.approved_by,
                fields.approved_on,
                at
            ],
        )?;
        let position = tx.query_row(
            &format!("{POSITION_SELECT} WHERE p.id = ?1"),
            [&id],
            position_from_row,
        )?;
        history::record(
            &tx,
            "policy_position",
            &id,
            HistoryAction::Create,
            None,
            Some(&position),
            &at,
        )?;
        tx.commit()?;
        Ok(position)
    }

    // -- Votes ------------------------------------------------------------------------------

    pub fn policy_votes(&self, document_id: &str) -> Result<Vec<PolicyVote>> {
        self.policy_document(document_id)?;
        let mut statement = self.conn.prepare_cached(&format!(
            "{VOTE_SELECT} WHERE document_id = ?1 ORDER BY created_at, id"
        ))?;
        let rows = statement.query_map([document_id], vote_from_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    pub fn record_policy_vote(
        &mut self,
        document_id: &str,
        draft: &PolicyVoteDraft,
    ) -> Result<PolicyVote> {
        let fields = draft.validate()?;
        let tx = self.conn.transaction()?;
        find(&tx, document_id)?.ok_or(CoreError::NotFound { entity: ENTITY })?;
        check_meeting_and_item(&tx, fields.meeting_id.as_deref(), None)?;
        let at = self.clock.now();
        let id = uuid::Uuid::now_v7().to_string();
        tx.execute(
            "INSERT INTO policy_vote (id, document_id, meeting_id, forum, vote_for, vote_against, vote_abstain,
                 vote_result, note, created_at, updated_at, version)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?10, 1)",
            params![
                id,
                document_id,
                fields.meeting_id,
                fields.forum,
                fields.vote.in_favour,
                fields.vote.against,
                fields.vote.abstentions,
                fields.vote.result.map(|r| enum_text(&r)),
                fields.note,
                at
            ],
        )?;
        let vote = tx.query_row(
            &format!("{VOTE_SELECT} WHERE id = ?1"),
            [&id],
            vote_from_row,
        )?;
        history::record(
            &tx,
            "policy_vote",
            &id,
            HistoryAction::Create,
            None,
            Some(&vote),
            &at,
        )?;
        tx.commit()?;
        Ok(vote)
    }

    pub fn delete_policy_vote(&mut self, id: &str, expected_version: u32) -> Result<()> {
        self.write(|w| w.delete::<PolicyVote>(id, expected_version).map(drop))
    }
}

/// Validates and writes a new document (with its history entry) inside `tx`.
pub(super) fn insert_document(
    tx: &rusqlite::Connection,
    clock: &Clock,
    draft: &PolicyDocumentDraft,
) -> Result<PolicyDocument> {
    let fields = draft.validate(clock.today().year())?;
    check_links(tx, &fields)?;
    let at = clock.now();
    let id = uuid::Uuid::now_v7().to_string();
    tx.execute(
        "INSERT INTO policy_document (id, policy_type, emergency, title, short_name, code, lead_committee,
             rapporteur, topics, summary, full_text, source_url, meeting_id, agenda_item_id, status,
             created_at, updated_at, version)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, 'not_adopted', ?15, ?15, 1)",
        params![
            id,
            enum_text(&fields.policy_type),
            fields.emergency,
            fields.title,
            fields.short_name,
            fields.code,
            fields.lead_committee.map(|c| enum_text(&c)),
            fields.rapporteur,
            fields.topics.join(", "),
            fields.summary,
            fields.full_text,
            fields.source_url,
            fields.meeting_id,
            fields.agenda_item_id,
            at
        ],
    )?;
    write_derived(tx, &id, fields.policy_type, &fields.code)?;
    let document = find(tx, &id)?.ok_or(CoreError::NotFound { entity: ENTITY })?;
    history::record(
        tx,
        TABLE,
        &id,
        HistoryAction::Create,
        None,
        Some(&document),
        &at,
    )?;
    Ok(document)
}

/// Validates and appends an action to `before`'s history inside `tx`, updating what follows
/// from it; returns the document as it now is.
pub(super) fn append_action(
    tx: &rusqlite::Connection,
    clock: &Clock,
    before: &PolicyDocument,
    draft: &PolicyActionDraft,
) -> Result<PolicyDocument> {
    let document_id = before.id.as_str();
    let fields = draft.validate(clock.today().year())?;
    let existing: Vec<PolicyActionFields> = actions(tx, document_id)?
        .into_iter()
        .map(|a| a.fields)
        .collect();
    policy::check_after_adoption(&existing, &fields)?;
    check_action_links(tx, document_id, &fields)?;
    let at = clock.now();
    let id = uuid::Uuid::now_v7().to_string();
    tx.execute(
        "INSERT INTO policy_action (id, document_id, kind, date, date_from, body_id, meeting_id, superseded_by_id,
             note, created_at, updated_at, version)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?10, 1)",
        params![
            id,
            document_id,
            enum_text(&fields.kind),
            fields.date.to_string(),
            fields.date.earliest().to_string(),
            fields.body_id,
            fields.meeting_id,
            fields.superseded_by_id,
            fields.note,
            at
        ],
    )?;
    let action = PolicyAction {
        id: id.clone(),
        document_id: document_id.to_owned(),
        fields,
        created_at: at.clone(),
        updated_at: at.clone(),
        version: 1,
    };
    history::record(
        tx,
        ACTION_TABLE,
        &id,
        HistoryAction::Create,
        None,
        Some(&action),
        &at,
    )?;
    rederive(tx, before, &at)
}

/// The acting body, the meeting and the superseding document an action names exist.
fn check_action_links(
    tx: &rusqlite::Connection,
    document_id: &str,
    fields: &PolicyActionFields,
) -> Result<()> {
    if let Some(body) = &fields.body_id {
        exists(
            tx,
            "body",
            body,
            "body_id",
            "That body no longer exists. Choose another.",
        )?;
    }
    if let Some(meeting) = &fields.meeting_id {
        exists(
            tx,
            "meeting",
            meeting,
            "meeting_id",
            "That meeting no longer exists. Choose another, or none.",
        )?;
    }
    if let Some(successor) = &fields.superseded_by_id {
        if successor == document_id {
            return Err(CoreError::validation(
                "superseded_by_id",
                "A document cannot supersede itself. Choose the document that replaces it.",
            ));
        }
        exists(
            tx,
            "policy_document",
            successor,
            "superseded_by_id",
            "That document no longer exists. Choose another.",
        )?;
    }
    Ok(())
}

/// After its history changed: a new version of the document with its status, code and review
/// date replayed from the history, and the document's history entry.
fn rederive(
    tx: &rusqlite::Connection,
    before: &PolicyDocument,
    at: &str,
) -> Result<PolicyDocument> {
    let document_id = before.id.as_str();
    tx.execute(
        "UPDATE policy_document SET updated_at = ?1, version = version + 1 WHERE id = ?2",
        params![at, document_id],
    )?;
    write_derived(
        tx,
        document_id,
        before.fields.policy_type,
        &before.fields.code,
    )?;
    let after = find(tx, document_id)?.ok_or(CoreError::NotFound { entity: ENTITY })?;
    history::record(
        tx,
        TABLE,
        document_id,
        HistoryAction::Update,
        Some(before),
        Some(&after),
        at,
    )?;
    Ok(after)
}

/// The action read for a correction or removal, at the version read, with its document.
fn action_at_version(
    tx: &rusqlite::Connection,
    id: &str,
    expected_version: u32,
) -> Result<(PolicyAction, PolicyDocument)> {
    let action = super::row::at_version(
        find_action(tx, id)?,
        |a| a.version,
        expected_version,
        ACTION,
    )?;
    let document = find(tx, &action.document_id)?.ok_or(CoreError::NotFound { entity: ENTITY })?;
    Ok((action, document))
}

/// Who adopted a document created as adopted: the organ its WHO symbol names (WHA77.17: the
/// World Health Assembly, even when linked to its Committee A), else the body of its meeting.
fn adopting_body(tx: &rusqlite::Connection, document: &PolicyDocument) -> Result<Option<String>> {
    if document.fields.policy_type.is_who()
        && let Ok(symbol) = WhoSymbol::parse(&document.fields.code)
    {
        return Ok(Some(symbol.organ.body_id().to_owned()));
    }
    if let Some(meeting) = &document.fields.meeting_id {
        let body: Option<String> = tx
            .query_row(
                "SELECT body_id FROM meeting WHERE id = ?1",
                [meeting],
                |r| r.get(0),
            )
            .optional()?;
        if body.is_some() {
            return Ok(body);
        }
    }
    Ok(None)
}

fn exists(
    tx: &rusqlite::Connection,
    table: &str,
    id: &str,
    field: &str,
    message: &str,
) -> Result<()> {
    let found: bool = tx.query_row(
        &format!("SELECT EXISTS (SELECT 1 FROM {table} WHERE id = ?1)"),
        [id],
        |r| r.get(0),
    )?;
    if found {
        Ok(())
    } else {
        Err(CoreError::validation(field, message))
    }
}

fn check_meeting_and_item(
    tx: &rusqlite::Connection,
    meeting: Option<&str>,
    agenda_item: Option<&str>,
) -> Result<()> {
    if let Some(meeting) = meeting {
        exists(
            tx,
            "meeting",
            meeting,
            "meeting_id",
            "That meeting no longer exists. Choose another, or none.",
        )?;
        if let Some(item) = agenda_item {
            let ok: bool = tx.query_row(
                "SELECT EXISTS (SELECT 1 FROM agenda_item WHERE id = ?1 AND meeting_id = ?2)",
                params![item, meeting],
                |r| r.get(0),
            )?;
            if !ok {
                return Err(CoreError::validation(
                    "agenda_item_id",
                    "That agenda item is not on this meeting's agenda (any more). Choose another, or none.",
                ));
            }
        }
    } else if let Some(item) = agenda_item {
        exists(
            tx,
            "agenda_item",
            item,
            "agenda_item_id",
            "That agenda item no longer exists. Choose another, or none.",
        )?;
    }
    Ok(())
}

/// The meeting and agenda item exist and belong together; a WHO symbol names the assembly or
/// board session it is linked to (WHA77.17 belongs to WHA77, or to a meeting within it).
fn check_links(tx: &rusqlite::Connection, fields: &PolicyDocumentFields) -> Result<()> {
    check_meeting_and_item(
        tx,
        fields.meeting_id.as_deref(),
        fields.agenda_item_id.as_deref(),
    )?;
    let (Some(meeting), true) = (&fields.meeting_id, fields.policy_type.is_who()) else {
        return Ok(());
    };
    let Ok(symbol) = WhoSymbol::parse(&fields.code) else {
        return Ok(());
    };
    let (body, ordinal, title, parent_body, parent_ordinal): (
        String,
        Option<u32>,
        String,
        Option<String>,
        Option<u32>,
    ) = tx.query_row(
        "SELECT m.body_id, m.ordinal, m.title, p.body_id, p.ordinal
             FROM meeting m LEFT JOIN meeting p ON p.id = m.parent_id WHERE m.id = ?1",
        [meeting],
        |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?)),
    )?;
    let wanted_body = symbol.organ.body_id();
    let wanted = Some(u32::from(symbol.session));
    let matches = (body == wanted_body && ordinal == wanted)
        || (parent_body.as_deref() == Some(wanted_body) && parent_ordinal == wanted);
    if matches {
        return Ok(());
    }
    Err(CoreError::validation(
        "meeting_id",
        format!(
            "{} belongs to {}{}, but the chosen meeting is {title}. Choose {}{}, or correct the symbol.",
            fields.code,
            symbol.organ.prefix(),
            symbol.session,
            symbol.organ.prefix(),
            symbol.session
        ),
    ))
}

/// Replays the history and stores what follows from it.
fn write_derived(
    tx: &rusqlite::Connection,
    id: &str,
    policy_type: PolicyType,
    code: &str,
) -> Result<()> {
    let history: Vec<PolicyActionFields> = actions(tx, id)?.into_iter().map(|a| a.fields).collect();
    let derived = policy::derive(policy_type, &history);
    let handbook_code = policy_type.handbook_letter().and_then(|_| {
        let parsed = HandbookCode::parse(code, i16::MAX).ok()?;
        Some(match derived.last_year {
            Some(year) if year >= parsed.first_year => parsed.with_last_year(year).to_string(),
            _ => parsed.to_string(),
        })
    });
    let due = derived.review_due;
    let basis = derived.review_basis.as_ref();
    tx.execute(
        "UPDATE policy_document SET status = ?1, handbook_code = ?2, review_due = ?3, review_due_from = ?4,
             review_due_to = ?5, review_basis_kind = ?6, review_basis_date = ?7
         WHERE id = ?8",
        params![
            enum_text(&derived.status),
            handbook_code,
            due.map(|d| d.to_string()),
            due.map(|d| d.earliest().to_string()),
            due.map(|d| d.latest().to_string()),
            basis.map(|b| enum_text(&b.kind)),
            basis.map(|b| b.date.to_string()),
            id
        ],
    )?;
    Ok(())
}

fn checked(tx: &rusqlite::Connection, id: &str, expected_version: u32) -> Result<PolicyDocument> {
    let document = find(tx, id)?.ok_or(CoreError::NotFound { entity: ENTITY })?;
    if document.version != expected_version {
        return Err(CoreError::Conflict { entity: ENTITY });
    }
    Ok(document)
}

fn find(conn: &rusqlite::Connection, id: &str) -> Result<Option<PolicyDocument>> {
    let mut statement = conn.prepare_cached(&format!("{SELECT} WHERE d.id = ?1"))?;
    Ok(statement.query_row([id], from_row).optional()?)
}

fn partial_date(row: &Row<'_>, index: usize) -> rusqlite::Result<Option<PartialDate>> {
    row.get::<_, Option<String>>(index)?
        .map(|text| {
            PartialDate::parse(&text).map_err(|_| {
                rusqlite::Error::FromSqlConversionFailure(
                    index,
                    rusqlite::types::Type::Text,
                    "not a partial date".into(),
                )
            })
        })
        .transpose()
}

fn from_row(row: &Row<'_>) -> rusqlite::Result<PolicyDocument> {
    let topics: String = row.get(8)?;
    let policy_type: PolicyType = enum_at(row, 1)?;
    let review_basis = match (
        opt_enum_at(row, 20)?,
        partial_date(row, 21)?,
        policy_type.review_years(),
    ) {
        (Some(kind), Some(date), Some(years)) => Some(ReviewBasis::new(kind, date, years)),
        _ => None,
    };
    Ok(PolicyDocument {
        id: row.get(0)?,
        fields: PolicyDocumentFields {
            policy_type,
            emergency: row.get(2)?,
            title: row.get(3)?,
            short_name: row.get(4)?,
            code: row.get(5)?,
            lead_committee: opt_enum_at(row, 6)?,
            rapporteur: row.get(7)?,
            topics: topics
                .split(", ")
                .filter(|t| !t.is_empty())
                .map(str::to_owned)
                .collect(),
            summary: row.get(9)?,
            full_text: row.get(10)?,
            source_url: row.get(11)?,
            meeting_id: row.get(12)?,
            agenda_item_id: row.get(13)?,
        },
        status: enum_at(row, 14)?,
        handbook_code: row.get(15)?,
        review_due: partial_date(row, 16)?,
        review_basis,
        created_at: row.get(17)?,
        updated_at: row.get(18)?,
        version: row.get(19)?,
    })
}

const ACTION_SELECT: &str =
    "SELECT id, document_id, kind, date, body_id, meeting_id, superseded_by_id, note, created_at,
        updated_at, version
    FROM policy_action";

fn actions(conn: &rusqlite::Connection, document_id: &str) -> Result<Vec<PolicyAction>> {
    let mut statement = conn.prepare_cached(&format!(
        "{ACTION_SELECT} WHERE document_id = ?1 ORDER BY date_from, created_at, id"
    ))?;
    let rows = statement.query_map([document_id], action_from_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

fn find_action(conn: &rusqlite::Connection, id: &str) -> Result<Option<PolicyAction>> {
    let mut statement = conn.prepare_cached(&format!("{ACTION_SELECT} WHERE id = ?1"))?;
    Ok(statement.query_row([id], action_from_row).optional()?)
}

fn action_from_row(row: &Row<'_>) -> rusqlite::Result<PolicyAction> {
    Ok(PolicyAction {
        id: row.get(0)?,
        document_id: row.get(1)?,
        fields: PolicyActionFields {
            kind: enum_at(row, 2)?,
            date: partial_date(row, 3)?.expect("date is NOT NULL"),
            body_id: row.get(4)?,
            meeting_id: row.get(5)?,
            superseded_by_id: row.get(6)?,
            note: row.get(7)?,
        },
        created_at: row.get(8)?,
        updated_at: row.get(9)?,
        version: row.get(10)?,
    })
}

const POSITION_SELECT: &str = "SELECT p.id, p.document_id, p.meeting_id, p.agenda_item_id, p.stance, p.priority,
        p.rationale, p.red_lines, p.fallback, p.may_speak, p.may_co_sponsor, p.may_vote, p.own_policies,
        p.approved_by, p.approved_on,
        NOT EXISTS (SELECT 1 FROM policy_position later WHERE later.document_id = p.document_id
            AND later.meeting_id IS p.meeting_id AND (later.created_at, later.id) > (p.created_at, p.id)) AS current,
        p.created_at, p.updated_at, p.version
    FROM policy_position p";

fn position_from_row(row: &Row<'_>) -> rusqlite::Result<Position> {
    let own: String = row.get(12)?;
    Ok(Position {
        id: row.get(0)?,
        document_id: row.get(1)?,
        fields: PositionFields {
            meeting_id: row.get(2)?,
            agenda_item_id: row.get(3)?,
            stance: enum_at(row, 4)?,
            priority: enum_at(row, 5)?,
            rationale: row.get(6)?,
            red_lines: row.get(7)?,
            fallback: row.get(8)?,
            mandate: Mandate {
                may_speak: row.get(9)?,
                may_co_sponsor: row.get(10)?,
                may_vote: row.get(11)?,
            },
            own_policies: own
                .split(", ")
                .filter(|t| !t.is_empty())
                .map(str::to_owned)
                .collect(),
            approved_by: row.get(13)?,
            approved_on: row.get(14)?,
        },
        current: row.get(15)?,
        created_at: row.get(16)?,
        updated_at: row.get(17)?,
        version: row.get(18)?,
    })
}

const VOTE_SELECT: &str =
    "SELECT id, document_id, meeting_id, forum, vote_for, vote_against, vote_abstain,
        vote_result, note, created_at, updated_at, version
    FROM policy_vote";

fn vote_from_row(row: &Row<'_>) -> rusqlite::Result<PolicyVote> {
    Ok(PolicyVote {
        id: row.get(0)?,
        document_id: row.get(1)?,
        fields: PolicyVoteFields {
            meeting_id: row.get(2)?,
            forum: row.get(3)?,
            vote: Vote {
                in_favour: row.get(4)?,
                against: row.get(5)?,
                abstentions: row.get(6)?,
                result: opt_enum_at(row, 7)?,
            },
            note: row.get(8)?,
        },
        created_at: row.get(9)?,
        updated_at: row.get(10)?,
        version: row.get(11)?,
    })
}

stored!(PolicyDocument, TABLE, ENTITY, find, |d| {
    d.handbook_code
        .clone()
        .unwrap_or_else(|| format!("\"{}\"", d.fields.title))
});
stored!(PolicyVote, "policy_vote", "vote", find_vote, |_v| {
    "This vote".to_owned()
});

fn find_vote(conn: &rusqlite::Connection, id: &str) -> Result<Option<PolicyVote>> {
    let mut statement = conn.prepare_cached(&format!("{VOTE_SELECT} WHERE id = ?1"))?;
    Ok(statement.query_row([id], vote_from_row).optional()?)
}

#[cfg(test)]
mod tests;
