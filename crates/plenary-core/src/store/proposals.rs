//! Proposal queries: documents in development, moved only along allowed steps; adoption makes
//! the policy document with its first history action, in the same transaction.

use rusqlite::{OptionalExtension, Row, params};

use super::row::{enum_at, enum_text, opt_enum_at};
use super::{Store, Writer};
use crate::error::{CoreError, Result};
use crate::history::{self, HistoryAction};
use crate::policy::proposal::{
    Proposal, ProposalDraft, ProposalFields, ProposalStage, ProposalStep, ProposalStepDraft,
};
use crate::policy::{GENERAL_ASSEMBLY, PolicyActionDraft, PolicyActionKind, PolicyDocumentDraft};

const ENTITY: &str = "proposal";
const SELECT: &str =
    "SELECT id, title, proposed_type, proposer, rapporteur, summary, stage, document_id,
        created_at, updated_at, version FROM proposal";

impl Store {
    /// Proposals still moving first, then by title.
    pub fn proposals(&self) -> Result<Vec<Proposal>> {
        let mut statement = self.conn.prepare_cached(&format!(
            "{SELECT} ORDER BY stage IN ('adopted', 'rejected', 'withdrawn'), title"
        ))?;
        let rows = statement.query_map([], from_row)?;
        let mut list: Vec<Proposal> = rows.collect::<rusqlite::Result<_>>()?;
        for proposal in &mut list {
            proposal.steps = steps(&self.conn, &proposal.id)?;
        }
        Ok(list)
    }

    pub fn create_proposal(&mut self, draft: &ProposalDraft) -> Result<Proposal> {
        let (fields, submitted_on) = draft.validate()?;
        self.write(|w| {
            let tx = w.conn();
            let at = w.at().to_owned();
            let id = uuid::Uuid::now_v7().to_string();
            tx.execute(
                "INSERT INTO proposal (id, title, proposed_type, proposer, rapporteur, summary, stage, created_at, updated_at, version)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, 'submitted', ?7, ?7, 1)",
                params![id, fields.title, enum_text(&fields.proposed_type), fields.proposer, fields.rapporteur, fields.summary, at],
            )?;
            let first = ProposalStep {
                stage: ProposalStage::Submitted,
                date: submitted_on,
                committee: None,
                comment_deadline: None,
                note: String::new(),
            };
            insert_step(tx, &id, 1, &first, &at)?;
            let created = find(tx, &id)?.ok_or(CoreError::NotFound { entity: ENTITY })?;
            history::record(
                tx,
                ENTITY,
                &id,
                HistoryAction::Create,
                None,
                Some(&created),
                &at,
            )?;
            Ok(created)
        })
    }

    /// Moves a proposal one allowed step. Adoption creates its policy document, adopted by the
    /// General Assembly on the step's date.
    pub fn move_proposal(
        &mut self,
        id: &str,
        expected_version: u32,
        draft: &ProposalStepDraft,
    ) -> Result<Proposal> {
        let before = {
            let found = find(&self.conn, id)?.ok_or(CoreError::NotFound { entity: ENTITY })?;
            if found.version != expected_version {
                return Err(CoreError::Conflict { entity: ENTITY });
            }
            found
        };
        let last_date = before
            .steps
            .last()
            .map(|s| s.date.clone())
            .unwrap_or_default();
        let step = draft.validate(before.stage, &last_date)?;
        // Adoption goes through the document's own rules (one transaction each would split the
        // change; so the document is made inside this one).
        let year = self.clock.today().year();
        self.write(|w| {
            let tx = w.conn();
            let at = w.at().to_owned();
            insert_step(tx, id, before.steps.len() as u32 + 1, &step, &at)?;
            let mut document_id = before.document_id.clone();
            if step.stage == ProposalStage::Adopted {
                document_id = Some(adopt(w, year, &before.fields, &step.date)?);
            }
            tx.execute(
                "UPDATE proposal SET stage = ?1, document_id = ?2, updated_at = ?3, version = version + 1 WHERE id = ?4",
                params![enum_text(&step.stage), document_id, at, id],
            )?;
            let after = find(tx, id)?.ok_or(CoreError::NotFound { entity: ENTITY })?;
            history::record(
                tx,
                ENTITY,
                id,
                HistoryAction::Update,
                Some(&before),
                Some(&after),
                &at,
            )?;
            Ok(after)
        })
    }
}

/// Writes the adopted document and its first action in `w` (`year` is this year).
fn adopt(w: &Writer<'_>, year: i16, fields: &ProposalFields, date: &str) -> Result<String> {
    let draft = PolicyDocumentDraft {
        policy_type: fields.proposed_type,
        title: fields.title.clone(),
        rapporteur: fields.rapporteur.clone(),
        summary: fields.summary.clone(),
        ..Default::default()
    };
    let document = super::policy::insert_document(w, year, &draft)?;
    super::policy::append_action(
        w,
        year,
        &document,
        &PolicyActionDraft {
            kind: PolicyActionKind::Adopted,
            date: date.to_owned(),
            body_id: GENERAL_ASSEMBLY.to_owned(),
            note: "Adopted from a proposal".to_owned(),
            ..Default::default()
        },
    )?;
    Ok(document.id)
}

fn insert_step(
    tx: &rusqlite::Connection,
    id: &str,
    number: u32,
    step: &ProposalStep,
    at: &str,
) -> Result<()> {
    tx.execute(
        "INSERT INTO proposal_step (id, proposal_id, number, stage, date, committee, comment_deadline, note, created_at)
         VALUES (?9, ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
        params![
            id,
            number,
            enum_text(&step.stage),
            step.date,
            step.committee.map(|c| enum_text(&c)),
            step.comment_deadline,
            step.note,
            at,
            uuid::Uuid::now_v7().to_string()
        ],
    )?;
    Ok(())
}

fn steps(conn: &rusqlite::Connection, id: &str) -> Result<Vec<ProposalStep>> {
    let mut statement = conn.prepare_cached(
        "SELECT stage, date, committee, comment_deadline, note FROM proposal_step WHERE proposal_id = ?1 ORDER BY number",
    )?;
    let rows = statement.query_map([id], |row| {
        Ok(ProposalStep {
            stage: enum_at(row, 0)?,
            date: row.get(1)?,
            committee: opt_enum_at(row, 2)?,
            comment_deadline: row.get(3)?,
            note: row.get(4)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

fn find(conn: &rusqlite::Connection, id: &str) -> Result<Option<Proposal>> {
    let mut statement = conn.prepare_cached(&format!("{SELECT} WHERE id = ?1"))?;
    let Some(mut proposal) = statement.query_row([id], from_row).optional()? else {
        return Ok(None);
    };
    proposal.steps = steps(conn, id)?;
    Ok(Some(proposal))
}

fn from_row(row: &Row<'_>) -> rusqlite::Result<Proposal> {
    let stage: ProposalStage = enum_at(row, 6)?;
    Ok(Proposal {
        id: row.get(0)?,
        fields: ProposalFields {
            title: row.get(1)?,
            proposed_type: enum_at(row, 2)?,
            proposer: row.get(3)?,
            rapporteur: row.get(4)?,
            summary: row.get(5)?,
        },
        stage,
        next: stage.next().to_vec(),
        steps: Vec::new(),
        document_id: row.get(7)?,
        created_at: row.get(8)?,
        updated_at: row.get(9)?,
        version: row.get(10)?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::policy::{LeadCommittee, PolicyStatus, PolicyType};

    #[test]
    fn a_proposal_moves_by_allowed_steps_and_adoption_makes_the_document() {
        let dir = tempfile::tempdir().unwrap();
        let mut store = Store::open_in(dir.path()).unwrap();
        let mut p = store
            .create_proposal(&ProposalDraft {
                title: "WMA Statement on Physician Well-being".into(),
                proposed_type: PolicyType::Statement,
                proposer: "Korean Medical Association".into(),
                submitted_on: "2024-02-01".into(),
                ..Default::default()
            })
            .unwrap();
        assert_eq!(p.stage, ProposalStage::Submitted);
        let step = |stage, date: &str| ProposalStepDraft {
            stage,
            date: date.into(),
            committee: Some(LeadCommittee::Smac),
            comment_deadline: "2025-01-31".into(),
            note: String::new(),
        };
        let skip = store.move_proposal(
            &p.id,
            p.version,
            &step(ProposalStage::Adopted, "2024-03-01"),
        );
        assert!(matches!(skip, Err(CoreError::Validation(e)) if e[0].field == "stage"));
        for (stage, date) in [
            (ProposalStage::ReviewCommittee, "2024-03-01"),
            (ProposalStage::InCommittee, "2024-04-18"),
            (ProposalStage::MemberConsultation, "2024-10-01"),
            (ProposalStage::ApprovedByCouncil, "2025-04-25"),
            (ProposalStage::Adopted, "2025-10-11"),
        ] {
            p = store
                .move_proposal(&p.id, p.version, &step(stage, date))
                .unwrap();
        }
        assert_eq!(p.steps.len(), 6);
        assert_eq!(p.steps[2].committee, Some(LeadCommittee::Smac));
        assert_eq!(p.steps[3].comment_deadline.as_deref(), Some("2025-01-31"));
        assert!(p.next.is_empty());
        let document = store
            .policy_document(p.document_id.as_deref().unwrap())
            .unwrap();
        assert_eq!(document.status, PolicyStatus::InForce);
        assert_eq!(document.review_due.unwrap().to_string(), "2035-10-11");
        assert_eq!(store.policy_actions(&document.id).unwrap().len(), 1);
        assert!(matches!(
            store.move_proposal(
                &p.id,
                p.version - 1,
                &step(ProposalStage::Withdrawn, "2026-01-01")
            ),
            Err(CoreError::Conflict { .. })
        ));
        assert_eq!(store.proposals().unwrap().len(), 1);
    }
}
