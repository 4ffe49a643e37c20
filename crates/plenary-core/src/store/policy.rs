//! Policy queries: documents with their history of actions (status, handbook code and review
//! date derived and stored with each action), the "due for review" view, positions and votes.

use jiff::civil::Date;
use rusqlite::{OptionalExtension, Row, params};
use serde::{Deserialize, Serialize};

use super::row::{enum_at, enum_text, opt_enum_at};
use super::{Store, Writable, Writer, bump_bookkeeping, stored, writable_by};
use crate::body::BodyOrganization;
use crate::error::{CoreError, FieldError, Result};
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
        let year = self.clock.today().year();
        let mut errors = match draft.validate(year) {
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
            && let Err(CoreError::Validation(problems)) = adoption.validate(year)
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
        self.write(|w| {
            let document = insert_document(w, year, draft)?;
            if adopted_on.is_empty() {
                return Ok(document);
            }
            adoption.body_id = adopting_body(w.conn(), &document)?.unwrap_or_default();
            append_action(w, year, &document, &adoption).map_err(|error| match error {
                CoreError::Validation(problems) => CoreError::Validation(
                    problems
                        .into_iter()
                        .map(|e| FieldError::new("adopted_on", e.message))
                        .collect(),
                ),
                other => other,
            })
        })
    }

    pub fn update_policy_document(
        &mut self,
        id: &str,
        expected_version: u32,
        draft: &PolicyDocumentDraft,
    ) -> Result<PolicyDocument> {
        let fields = draft.validate(self.clock.today().year())?;
        self.write(|w| {
            w.update(id, expected_version, |before: &PolicyDocument| {
                check_links(w.conn(), &fields)?;
                if fields == before.fields {
                    return Ok(before.clone());
                }
                with_derived(
                    w.conn(),
                    PolicyDocument {
                        fields,
                        ..before.clone()
                    },
                )
            })
        })
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
        let year = self.clock.today().year();
        self.write(|w| {
            let before = w.read_at::<PolicyDocument>(document_id, expected_version)?;
            append_action(w, year, &before, draft)
        })
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
        self.write(|w| {
            let (before, document) = action_with_document(w, id, expected_version)?;
            if fields == before.fields {
                return Ok(document);
            }
            let others: Vec<PolicyActionFields> = actions(w.conn(), &document.id)?
                .into_iter()
                .filter(|a| a.id != id)
                .map(|a| a.fields)
                .collect();
            policy::check_after_adoption(&others, &fields)?;
            check_action_links(w.conn(), &document.id, &fields)?;
            w.replace(
                &before,
                PolicyAction {
                    fields,
                    ..before.clone()
                },
            )?;
            rederive(w, &document)
        })
    }

    /// Removes an action entered by mistake and returns the document with what follows from its
    /// history derived again. The removed action stays in the history table. Refused when the
    /// remaining history would have an action before its first adoption.
    pub fn delete_policy_action(
        &mut self,
        id: &str,
        expected_version: u32,
    ) -> Result<PolicyDocument> {
        self.write(|w| {
            let (_, document) = action_with_document(w, id, expected_version)?;
            let remaining: Vec<PolicyActionFields> = actions(w.conn(), &document.id)?
                .into_iter()
                .filter(|a| a.id != id)
                .map(|a| a.fields)
                .collect();
            policy::check_history(&remaining)?;
            w.delete::<PolicyAction>(id, expected_version)?;
            rederive(w, &document)
        })
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
        self.write(|w| record_position_in(w, document_id, draft))
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
        self.write(|w| record_policy_vote_in(w, document_id, draft))
    }

    pub fn delete_policy_vote(&mut self, id: &str, expected_version: u32) -> Result<()> {
        self.write(|w| w.delete::<PolicyVote>(id, expected_version).map(drop))
    }
}

/// Records a (new) position on document `document_id` within the write `w`.
pub(super) fn record_position_in(
    w: &Writer<'_>,
    document_id: &str,
    draft: &PositionDraft,
) -> Result<Position> {
    let fields = draft.validate()?;
    find(w.conn(), document_id)?.ok_or(CoreError::NotFound { entity: ENTITY })?;
    check_meeting_and_item(
        w.conn(),
        fields.meeting_id.as_deref(),
        fields.agenda_item_id.as_deref(),
    )?;
    let mut position = Position {
        id: uuid::Uuid::now_v7().to_string(),
        document_id: document_id.to_owned(),
        fields,
        current: true,
        created_at: w.at().to_owned(),
        updated_at: w.at().to_owned(),
        version: 1,
    };
    position.current = !later_position_exists(w.conn(), &position)?;
    w.create(&position)?;
    Ok(position)
}

/// Records a vote on document `document_id` within the write `w`.
pub(super) fn record_policy_vote_in(
    w: &Writer<'_>,
    document_id: &str,
    draft: &PolicyVoteDraft,
) -> Result<PolicyVote> {
    let fields = draft.validate()?;
    find(w.conn(), document_id)?.ok_or(CoreError::NotFound { entity: ENTITY })?;
    check_meeting_and_item(w.conn(), fields.meeting_id.as_deref(), None)?;
    let vote = PolicyVote {
        id: uuid::Uuid::now_v7().to_string(),
        document_id: document_id.to_owned(),
        fields,
        created_at: w.at().to_owned(),
        updated_at: w.at().to_owned(),
        version: 1,
    };
    w.create(&vote)?;
    Ok(vote)
}

/// Validates and writes a new document (with its history entry) in `w`; `year` is this year,
/// for the validation of dates and codes.
pub(super) fn insert_document(
    w: &Writer<'_>,
    year: i16,
    draft: &PolicyDocumentDraft,
) -> Result<PolicyDocument> {
    let fields = draft.validate(year)?;
    check_links(w.conn(), &fields)?;
    let document = with_derived(
        w.conn(),
        PolicyDocument {
            id: uuid::Uuid::now_v7().to_string(),
            fields,
            status: PolicyStatus::NotAdopted,
            handbook_code: None,
            review_due: None,
            review_basis: None,
            created_at: w.at().to_owned(),
            updated_at: w.at().to_owned(),
            version: 1,
        },
    )?;
    w.create(&document)?;
    Ok(document)
}

/// Validates and appends an action to `before`'s history in `w`, updating what follows from
/// it; returns the document as it now is.
pub(super) fn append_action(
    w: &Writer<'_>,
    year: i16,
    before: &PolicyDocument,
    draft: &PolicyActionDraft,
) -> Result<PolicyDocument> {
    let document_id = before.id.as_str();
    let fields = draft.validate(year)?;
    let existing: Vec<PolicyActionFields> = actions(w.conn(), document_id)?
        .into_iter()
        .map(|a| a.fields)
        .collect();
    policy::check_after_adoption(&existing, &fields)?;
    check_action_links(w.conn(), document_id, &fields)?;
    w.create(&PolicyAction {
        id: uuid::Uuid::now_v7().to_string(),
        document_id: document_id.to_owned(),
        fields,
        created_at: w.at().to_owned(),
        updated_at: w.at().to_owned(),
        version: 1,
    })?;
    rederive(w, before)
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

/// After its history changed: a new version of the document (`before`, as read in `w`) with its
/// status, code and review date replayed from the history, and the document's history entry,
/// even when what follows comes out the same.
fn rederive(w: &Writer<'_>, before: &PolicyDocument) -> Result<PolicyDocument> {
    w.replace(before, with_derived(w.conn(), before.clone())?)
}

/// The action read for a correction or removal, at the version read, with its document.
fn action_with_document(
    w: &Writer<'_>,
    id: &str,
    expected_version: u32,
) -> Result<(PolicyAction, PolicyDocument)> {
    let action = w.read_at::<PolicyAction>(id, expected_version)?;
    let document =
        find(w.conn(), &action.document_id)?.ok_or(CoreError::NotFound { entity: ENTITY })?;
    Ok((action, document))
}

/// Who adopted a document created as adopted: the organ its WHO symbol names (WHA77.17: the
/// World Health Assembly, even when linked to its Committee A), else the body of its meeting.
pub(super) fn adopting_body(
    tx: &rusqlite::Connection,
    document: &PolicyDocument,
) -> Result<Option<String>> {
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

/// `document` with what follows from its stored history replayed: status, handbook code and
/// review date (written with the row, see [`write_document`]).
fn with_derived(conn: &rusqlite::Connection, document: PolicyDocument) -> Result<PolicyDocument> {
    let history: Vec<PolicyActionFields> = actions(conn, &document.id)?
        .into_iter()
        .map(|a| a.fields)
        .collect();
    let policy_type = document.fields.policy_type;
    let derived = policy::derive(policy_type, &history);
    let handbook_code = policy_type.handbook_letter().and_then(|_| {
        let parsed = HandbookCode::parse(&document.fields.code, i16::MAX).ok()?;
        Some(match derived.last_year {
            Some(year) if year >= parsed.first_year => parsed.with_last_year(year).to_string(),
            _ => parsed.to_string(),
        })
    });
    Ok(PolicyDocument {
        status: derived.status,
        handbook_code,
        review_due: derived.review_due,
        review_basis: derived.review_basis,
        ..document
    })
}

/// A document's whole row, what follows from its history included (with the first and last day
/// its review date may mean, for "due for review").
fn write_document(conn: &rusqlite::Connection, d: &PolicyDocument, insert: bool) -> Result<()> {
    let f = &d.fields;
    let sql = if insert {
        "INSERT INTO policy_document (id, policy_type, emergency, title, short_name, code, lead_committee,
             rapporteur, topics, summary, full_text, source_url, meeting_id, agenda_item_id, status,
             handbook_code, review_due, review_due_from, review_due_to, review_basis_kind,
             review_basis_date, created_at, updated_at, version)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19,
             ?20, ?21, ?22, ?23, ?24)"
    } else {
        "UPDATE policy_document SET policy_type = ?2, emergency = ?3, title = ?4, short_name = ?5,
             code = ?6, lead_committee = ?7, rapporteur = ?8, topics = ?9, summary = ?10,
             full_text = ?11, source_url = ?12, meeting_id = ?13, agenda_item_id = ?14, status = ?15,
             handbook_code = ?16, review_due = ?17, review_due_from = ?18, review_due_to = ?19,
             review_basis_kind = ?20, review_basis_date = ?21, updated_at = ?23, version = ?24
         WHERE id = ?1 AND created_at = ?22"
    };
    let due = d.review_due;
    let basis = d.review_basis.as_ref();
    conn.execute(
        sql,
        params![
            d.id,
            enum_text(&f.policy_type),
            f.emergency,
            f.title,
            f.short_name,
            f.code,
            f.lead_committee.map(|c| enum_text(&c)),
            f.rapporteur,
            f.topics.join(", "),
            f.summary,
            f.full_text,
            f.source_url,
            f.meeting_id,
            f.agenda_item_id,
            enum_text(&d.status),
            d.handbook_code,
            due.map(|d| d.to_string()),
            due.map(|d| d.earliest().to_string()),
            due.map(|d| d.latest().to_string()),
            basis.map(|b| enum_text(&b.kind)),
            basis.map(|b| b.date.to_string()),
            d.created_at,
            d.updated_at,
            d.version
        ],
    )?;
    Ok(())
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

pub(super) const POSITION_SELECT: &str = "SELECT p.id, p.document_id, p.meeting_id, p.agenda_item_id, p.stance, p.priority,
        p.rationale, p.red_lines, p.fallback, p.may_speak, p.may_co_sponsor, p.may_vote, p.own_policies,
        p.approved_by, p.approved_on,
        NOT EXISTS (SELECT 1 FROM policy_position later WHERE later.document_id = p.document_id
            AND later.meeting_id IS p.meeting_id AND (later.created_at, later.id) > (p.created_at, p.id)) AS current,
        p.created_at, p.updated_at, p.version
    FROM policy_position p";

pub(super) fn position_from_row(row: &Row<'_>) -> rusqlite::Result<Position> {
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

writable_by!(PolicyDocument, write_document);

stored!(
    PolicyAction,
    ACTION_TABLE,
    ACTION,
    find_action,
    |a| format!("The action of {}", a.fields.date)
);

writable_by!(PolicyAction, write_action);

/// An action's whole row (`date_from`, the first day its date may mean, orders the history).
fn write_action(conn: &rusqlite::Connection, a: &PolicyAction, insert: bool) -> Result<()> {
    let f = &a.fields;
    let sql = if insert {
        "INSERT INTO policy_action (id, document_id, kind, date, date_from, body_id, meeting_id,
             superseded_by_id, note, created_at, updated_at, version)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)"
    } else {
        "UPDATE policy_action SET kind = ?3, date = ?4, date_from = ?5, body_id = ?6, meeting_id = ?7,
             superseded_by_id = ?8, note = ?9, updated_at = ?11, version = ?12
         WHERE id = ?1 AND document_id = ?2 AND created_at = ?10"
    };
    conn.execute(
        sql,
        params![
            a.id,
            a.document_id,
            enum_text(&f.kind),
            f.date.to_string(),
            f.date.earliest().to_string(),
            f.body_id,
            f.meeting_id,
            f.superseded_by_id,
            f.note,
            a.created_at,
            a.updated_at,
            a.version
        ],
    )?;
    Ok(())
}

stored!(
    Position,
    "policy_position",
    "position",
    find_position,
    |_p| "This position".to_owned()
);

fn find_position(conn: &rusqlite::Connection, id: &str) -> Result<Option<Position>> {
    let mut statement = conn.prepare_cached(&format!("{POSITION_SELECT} WHERE p.id = ?1"))?;
    Ok(statement.query_row([id], position_from_row).optional()?)
}

/// Whether a position recorded later for the same document and meeting exists, which makes
/// `position` no longer current (as `current` in [`POSITION_SELECT`]).
fn later_position_exists(conn: &rusqlite::Connection, position: &Position) -> Result<bool> {
    let mut statement = conn.prepare_cached(
        "SELECT 1 FROM policy_position later WHERE later.document_id = ?1
             AND later.meeting_id IS ?2 AND (later.created_at, later.id) > (?3, ?4)",
    )?;
    Ok(statement.exists(params![
        position.document_id,
        position.fields.meeting_id,
        position.created_at,
        position.id
    ])?)
}

impl Writable for Position {
    fn insert(&self, conn: &rusqlite::Connection) -> Result<()> {
        let f = &self.fields;
        conn.execute(
            "INSERT INTO policy_position (id, document_id, meeting_id, agenda_item_id, stance, priority, rationale,
                 red_lines, fallback, may_speak, may_co_sponsor, may_vote, own_policies, approved_by, approved_on,
                 created_at, updated_at, version)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18)",
            params![
                self.id,
                self.document_id,
                f.meeting_id,
                f.agenda_item_id,
                enum_text(&f.stance),
                enum_text(&f.priority),
                f.rationale,
                f.red_lines,
                f.fallback,
                f.mandate.may_speak,
                f.mandate.may_co_sponsor,
                f.mandate.may_vote,
                f.own_policies.join(", "),
                f.approved_by,
                f.approved_on,
                self.created_at,
                self.updated_at,
                self.version
            ],
        )?;
        Ok(())
    }
    /// Positions are never overwritten: a change records a new one.
    fn rewrite(&self, _conn: &rusqlite::Connection) -> Result<()> {
        Err(CoreError::InUse(
            "A recorded position is kept as it was; record a new position instead. Nothing was saved."
                .to_owned(),
        ))
    }
    bump_bookkeeping!();
}

stored!(PolicyVote, "policy_vote", "vote", find_vote, |_v| {
    "This vote".to_owned()
});

fn find_vote(conn: &rusqlite::Connection, id: &str) -> Result<Option<PolicyVote>> {
    let mut statement = conn.prepare_cached(&format!("{VOTE_SELECT} WHERE id = ?1"))?;
    Ok(statement.query_row([id], vote_from_row).optional()?)
}

writable_by!(PolicyVote, write_vote);

fn write_vote(conn: &rusqlite::Connection, v: &PolicyVote, insert: bool) -> Result<()> {
    let f = &v.fields;
    let sql = if insert {
        "INSERT INTO policy_vote (id, document_id, meeting_id, forum, vote_for, vote_against, vote_abstain,
             vote_result, note, created_at, updated_at, version)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)"
    } else {
        "UPDATE policy_vote SET meeting_id = ?3, forum = ?4, vote_for = ?5, vote_against = ?6,
             vote_abstain = ?7, vote_result = ?8, note = ?9, updated_at = ?11, version = ?12
         WHERE id = ?1 AND document_id = ?2 AND created_at = ?10"
    };
    conn.execute(
        sql,
        params![
            v.id,
            v.document_id,
            f.meeting_id,
            f.forum,
            f.vote.in_favour,
            f.vote.against,
            f.vote.abstentions,
            f.vote.result.map(|r| enum_text(&r)),
            f.note,
            v.created_at,
            v.updated_at,
            v.version
        ],
    )?;
    Ok(())
}

#[cfg(test)]
use crate::history::HistoryAction;
#[cfg(test)]
mod tests;
