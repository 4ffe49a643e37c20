//! Policy documents, their history, the "due for review" view, positions and votes.

use plenary_core::diff::DiffSpan;
use plenary_core::policy::links::{LinkKind, PolicyLink, TextStage, TextVersion, TextVersionDraft};
use plenary_core::policy::proposal::{Proposal, ProposalDraft, ProposalStage, ProposalStepDraft};
use plenary_core::policy::{
    LeadCommittee, PolicyAction, PolicyActionDraft, PolicyActionKind, PolicyDocument,
    PolicyDocumentDraft, PolicyStatus, PolicyType, PolicyVote, PolicyVoteDraft, Position,
    PositionDraft, Stance,
};
use plenary_core::record::VoteResult;
use plenary_core::statement::{SpeakingMode, Statement, StatementDraft, StatementStatus};
use plenary_core::store::{PolicyFilter, ReviewDue, ReviewDueCount};
use plenary_core::{Body, Priority};
use serde::Serialize;
use tauri::State;
use ts_rs::TS;

use super::{Choice, Outcome};
use crate::state::AppState;

/// Everything the policy forms offer to choose from.
#[derive(Debug, Serialize, TS)]
pub struct PolicyFormOptions {
    pub bodies: Vec<Body>,
    pub policy_types: Vec<Choice<PolicyType>>,
    pub statuses: Vec<Choice<PolicyStatus>>,
    pub action_kinds: Vec<Choice<PolicyActionKind>>,
    pub lead_committees: Vec<Choice<LeadCommittee>>,
    pub stances: Vec<Choice<Stance>>,
    pub priorities: Vec<Choice<Priority>>,
    pub vote_results: Vec<Choice<VoteResult>>,
    pub proposal_stages: Vec<Choice<ProposalStage>>,
    pub link_kinds: Vec<Choice<LinkKind>>,
    pub text_stages: Vec<Choice<TextStage>>,
}

#[tauri::command]
pub async fn policy_form_options(state: State<'_, AppState>) -> Outcome<PolicyFormOptions> {
    let bodies = state.with_store(|store| store.bodies()).await?;
    Ok(PolicyFormOptions {
        bodies,
        policy_types: Choice::all(&PolicyType::ALL, PolicyType::label),
        statuses: Choice::all(&PolicyStatus::ALL, PolicyStatus::label),
        action_kinds: Choice::all(&PolicyActionKind::ALL, PolicyActionKind::label),
        lead_committees: Choice::all(&LeadCommittee::ALL, LeadCommittee::label),
        stances: Choice::all(&Stance::ALL, Stance::label),
        priorities: Choice::all(&Priority::ALL, Priority::label),
        vote_results: Choice::all(&VoteResult::ALL, VoteResult::label),
        proposal_stages: Choice::all(&ProposalStage::ALL, ProposalStage::label),
        link_kinds: Choice::all(&LinkKind::ALL, LinkKind::label),
        text_stages: Choice::all(&TextStage::ALL, TextStage::label),
    })
}

#[tauri::command]
pub async fn list_policy_documents(
    state: State<'_, AppState>,
    filter: PolicyFilter,
) -> Outcome<Vec<PolicyDocument>> {
    state
        .with_store(move |store| store.policy_documents(&filter))
        .await
}

#[tauri::command]
pub async fn get_policy_document(
    state: State<'_, AppState>,
    id: String,
) -> Outcome<PolicyDocument> {
    state
        .with_store(move |store| store.policy_document(&id))
        .await
}

/// Creates a document; `adopted_on` (needed for a WHO resolution or decision) records its
/// adoption in the same transaction.
#[tauri::command]
pub async fn create_policy_document(
    state: State<'_, AppState>,
    draft: PolicyDocumentDraft,
    adopted_on: Option<String>,
) -> Outcome<PolicyDocument> {
    state
        .with_store(move |store| {
            store.create_policy_document(&draft, adopted_on.as_deref().unwrap_or_default())
        })
        .await
}

#[tauri::command]
pub async fn update_policy_document(
    state: State<'_, AppState>,
    id: String,
    version: u32,
    draft: PolicyDocumentDraft,
) -> Outcome<PolicyDocument> {
    state
        .with_store(move |store| store.update_policy_document(&id, version, &draft))
        .await
}

#[tauri::command]
pub async fn delete_policy_document(
    state: State<'_, AppState>,
    id: String,
    version: u32,
) -> Outcome<()> {
    state
        .with_store(move |store| store.delete_policy_document(&id, version))
        .await
}

#[tauri::command]
pub async fn list_policy_actions(
    state: State<'_, AppState>,
    document_id: String,
) -> Outcome<Vec<PolicyAction>> {
    state
        .with_store(move |store| store.policy_actions(&document_id))
        .await
}

#[tauri::command]
pub async fn add_policy_action(
    state: State<'_, AppState>,
    document_id: String,
    version: u32,
    draft: PolicyActionDraft,
) -> Outcome<PolicyDocument> {
    state
        .with_store(move |store| store.add_policy_action(&document_id, version, &draft))
        .await
}

/// Corrects a history action; the document comes back with what follows from its history.
#[tauri::command]
pub async fn update_policy_action(
    state: State<'_, AppState>,
    id: String,
    version: u32,
    draft: PolicyActionDraft,
) -> Outcome<PolicyDocument> {
    state
        .with_store(move |store| store.update_policy_action(&id, version, &draft))
        .await
}

/// Removes a history action entered by mistake; the document comes back derived again.
#[tauri::command]
pub async fn delete_policy_action(
    state: State<'_, AppState>,
    id: String,
    version: u32,
) -> Outcome<PolicyDocument> {
    state
        .with_store(move |store| store.delete_policy_action(&id, version))
        .await
}

/// Documents whose review falls due within `months` from today (overdue ones first).
#[tauri::command]
pub async fn reviews_due(state: State<'_, AppState>, months: u32) -> Outcome<Vec<ReviewDue>> {
    state
        .with_store(move |store| {
            let today = store.clock().today();
            let until = today
                .checked_add(jiff::Span::new().months(i64::from(months.min(1200))))
                .unwrap_or(today);
            store.reviews_due(today, until)
        })
        .await
}

/// How many reviews fall due this year, and how many are overdue (for the dashboard).
#[tauri::command]
pub async fn review_due_count(state: State<'_, AppState>) -> Outcome<ReviewDueCount> {
    state
        .with_store(|store| store.review_due_count(store.clock().today()))
        .await
}

#[tauri::command]
pub async fn list_positions(
    state: State<'_, AppState>,
    document_id: String,
) -> Outcome<Vec<Position>> {
    state
        .with_store(move |store| store.positions(&document_id))
        .await
}

#[tauri::command]
pub async fn list_positions_for_agenda_item(
    state: State<'_, AppState>,
    agenda_item_id: String,
) -> Outcome<Vec<Position>> {
    state
        .with_store(move |store| store.positions_for_agenda_item(&agenda_item_id))
        .await
}

#[tauri::command]
pub async fn record_position(
    state: State<'_, AppState>,
    document_id: String,
    draft: PositionDraft,
) -> Outcome<Position> {
    state
        .with_store(move |store| store.record_position(&document_id, &draft))
        .await
}

#[tauri::command]
pub async fn list_policy_votes(
    state: State<'_, AppState>,
    document_id: String,
) -> Outcome<Vec<PolicyVote>> {
    state
        .with_store(move |store| store.policy_votes(&document_id))
        .await
}

#[tauri::command]
pub async fn record_policy_vote(
    state: State<'_, AppState>,
    document_id: String,
    draft: PolicyVoteDraft,
) -> Outcome<PolicyVote> {
    state
        .with_store(move |store| store.record_policy_vote(&document_id, &draft))
        .await
}

#[tauri::command]
pub async fn delete_policy_vote(
    state: State<'_, AppState>,
    id: String,
    version: u32,
) -> Outcome<()> {
    state
        .with_store(move |store| store.delete_policy_vote(&id, version))
        .await
}

/// What the statement form offers to choose from.
#[derive(Debug, Serialize, TS)]
pub struct StatementFormOptions {
    pub modes: Vec<Choice<SpeakingMode>>,
    pub statuses: Vec<Choice<StatementStatus>>,
}

#[tauri::command]
pub async fn statement_form_options() -> Outcome<StatementFormOptions> {
    Ok(StatementFormOptions {
        modes: Choice::all(&SpeakingMode::ALL, SpeakingMode::label),
        statuses: Choice::all(&StatementStatus::ALL, StatementStatus::label),
    })
}

#[tauri::command]
pub async fn list_statements(
    state: State<'_, AppState>,
    meeting_id: String,
) -> Outcome<Vec<Statement>> {
    state
        .with_store(move |store| store.statements(&meeting_id))
        .await
}

#[tauri::command]
pub async fn create_statement(
    state: State<'_, AppState>,
    meeting_id: String,
    draft: StatementDraft,
) -> Outcome<Statement> {
    state
        .with_store(move |store| store.create_statement(&meeting_id, &draft))
        .await
}

#[tauri::command]
pub async fn update_statement(
    state: State<'_, AppState>,
    id: String,
    version: u32,
    draft: StatementDraft,
) -> Outcome<Statement> {
    state
        .with_store(move |store| store.update_statement(&id, version, &draft))
        .await
}

#[tauri::command]
pub async fn set_statement_status(
    state: State<'_, AppState>,
    id: String,
    version: u32,
    status: StatementStatus,
) -> Outcome<Statement> {
    state
        .with_store(move |store| store.set_statement_status(&id, version, status))
        .await
}

#[tauri::command]
pub async fn delete_statement(state: State<'_, AppState>, id: String, version: u32) -> Outcome<()> {
    state
        .with_store(move |store| store.delete_statement(&id, version))
        .await
}

#[tauri::command]
pub async fn list_proposals(state: State<'_, AppState>) -> Outcome<Vec<Proposal>> {
    state.with_store(|store| store.proposals()).await
}

#[tauri::command]
pub async fn create_proposal(
    state: State<'_, AppState>,
    draft: ProposalDraft,
) -> Outcome<Proposal> {
    state
        .with_store(move |store| store.create_proposal(&draft))
        .await
}

/// Moves a proposal one allowed step (adoption makes its policy document).
#[tauri::command]
pub async fn move_proposal(
    state: State<'_, AppState>,
    id: String,
    version: u32,
    step: ProposalStepDraft,
) -> Outcome<Proposal> {
    state
        .with_store(move |store| store.move_proposal(&id, version, &step))
        .await
}

#[tauri::command]
pub async fn list_policy_links(
    state: State<'_, AppState>,
    document_id: String,
) -> Outcome<Vec<PolicyLink>> {
    state
        .with_store(move |store| store.policy_links(&document_id))
        .await
}

#[tauri::command]
pub async fn add_policy_link(
    state: State<'_, AppState>,
    from_id: String,
    to_id: String,
    kind: LinkKind,
) -> Outcome<Vec<PolicyLink>> {
    state
        .with_store(move |store| store.add_policy_link(&from_id, &to_id, kind))
        .await
}

#[tauri::command]
pub async fn delete_policy_link(
    state: State<'_, AppState>,
    id: String,
    version: u32,
) -> Outcome<()> {
    state
        .with_store(move |store| store.delete_policy_link(&id, version))
        .await
}

#[tauri::command]
pub async fn list_policy_text_versions(
    state: State<'_, AppState>,
    document_id: String,
) -> Outcome<Vec<TextVersion>> {
    state
        .with_store(move |store| store.policy_text_versions(&document_id))
        .await
}

#[tauri::command]
pub async fn add_policy_text_version(
    state: State<'_, AppState>,
    document_id: String,
    draft: TextVersionDraft,
) -> Outcome<TextVersion> {
    state
        .with_store(move |store| store.add_policy_text_version(&document_id, &draft))
        .await
}

#[tauri::command]
pub async fn diff_policy_text_versions(
    state: State<'_, AppState>,
    document_id: String,
    from: u32,
    to: u32,
) -> Outcome<Vec<DiffSpan>> {
    state
        .with_store(move |store| store.policy_text_diff(&document_id, from, to))
        .await
}
