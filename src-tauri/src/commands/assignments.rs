//! Assignments: the coordinator's board, the status workflow, candidates, "my assignments" and
//! the delegation export.

use plenary_core::HistoryEntry;
use plenary_core::assignment::export::{DelegationExport, ExportRequest};
use plenary_core::assignment::{
    Assignment, AssignmentDraft, AssignmentStatus, Delegation, DelegationDraft, StatusChange,
    Warning, status_date,
};
use plenary_core::store::{AssignmentSaved, Board, Candidate, CandidateQuery, MyAssignments};
use serde::{Deserialize, Serialize};
use tauri::State;
use ts_rs::TS;

use super::Outcome;
use crate::state::AppState;

/// An assignment to change, with the version the board read.
#[derive(Debug, Deserialize, TS)]
pub struct AssignmentVersion {
    pub id: String,
    pub version: u32,
}

/// A delegation export written to a file in the data folder's `exports` folder.
#[derive(Debug, Serialize, TS)]
pub struct SavedExport {
    /// The full path of the file written.
    pub path: String,
    pub export: DelegationExport,
}

#[tauri::command]
pub async fn meeting_board(state: State<'_, AppState>, meeting_id: String) -> Outcome<Board> {
    state
        .with_store(move |store| store.board(&meeting_id, store.clock().today()))
        .await
}

#[tauri::command]
pub async fn create_assignment(
    state: State<'_, AppState>,
    draft: AssignmentDraft,
    status: AssignmentStatus,
) -> Outcome<AssignmentSaved> {
    state
        .with_store(move |store| store.create_assignment(&draft, status, store.clock().today()))
        .await
}

#[tauri::command]
pub async fn update_assignment(
    state: State<'_, AppState>,
    id: String,
    version: u32,
    draft: AssignmentDraft,
) -> Outcome<AssignmentSaved> {
    state
        .with_store(move |store| {
            store.update_assignment(&id, version, &draft, store.clock().today())
        })
        .await
}

#[tauri::command]
pub async fn delete_assignment(
    state: State<'_, AppState>,
    id: String,
    version: u32,
) -> Outcome<()> {
    state
        .with_store(move |store| store.delete_assignment(&id, version))
        .await
}

/// Moves one or more assignments to `status`, dated `date` (empty for today): all or nothing.
#[tauri::command]
pub async fn change_assignment_status(
    state: State<'_, AppState>,
    assignments: Vec<AssignmentVersion>,
    status: AssignmentStatus,
    date: String,
) -> Outcome<Vec<Assignment>> {
    state
        .with_store(move |store| {
            let date = status_date(&date, store.clock().today())?;
            let pairs: Vec<(String, u32)> =
                assignments.into_iter().map(|a| (a.id, a.version)).collect();
            store.change_status(&pairs, status, date)
        })
        .await
}

/// Records attendance at a meeting that has ended, in one step (noted as recorded after the
/// meeting in the status history).
#[tauri::command]
pub async fn record_attendance(
    state: State<'_, AppState>,
    id: String,
    version: u32,
) -> Outcome<Assignment> {
    state
        .with_store(move |store| store.record_attendance(&id, version, store.clock().today()))
        .await
}

#[tauri::command]
pub async fn assignment_status_changes(
    state: State<'_, AppState>,
    id: String,
) -> Outcome<Vec<StatusChange>> {
    state
        .with_store(move |store| store.status_changes(&id))
        .await
}

#[tauri::command]
pub async fn assignment_history(
    state: State<'_, AppState>,
    id: String,
) -> Outcome<Vec<HistoryEntry>> {
    state
        .with_store(move |store| store.assignment_history(&id))
        .await
}

/// Saves a meeting's badge cap and focal point; `version` 0 when never saved.
#[tauri::command]
pub async fn set_delegation(
    state: State<'_, AppState>,
    meeting_id: String,
    version: u32,
    draft: DelegationDraft,
) -> Outcome<Delegation> {
    state
        .with_store(move |store| store.set_delegation(&meeting_id, version, &draft))
        .await
}

#[tauri::command]
pub async fn find_candidates(
    state: State<'_, AppState>,
    query: CandidateQuery,
) -> Outcome<Vec<Candidate>> {
    state
        .with_store(move |store| store.candidates(&query, store.clock().today()))
        .await
}

#[tauri::command]
pub async fn my_assignments(
    state: State<'_, AppState>,
    include_past: bool,
) -> Outcome<MyAssignments> {
    state
        .with_store(move |store| store.my_assignments(store.clock().today(), include_past))
        .await
}

/// Meetings whose registration deadline is within 7 days with unregistered assignments.
#[tauri::command]
pub async fn assignment_warnings_for_dashboard(
    state: State<'_, AppState>,
) -> Outcome<Vec<Warning>> {
    state
        .with_store(|store| store.assignment_warnings_for_dashboard(store.clock().today()))
        .await
}

/// The delegation as CSV text (to preview or copy).
#[tauri::command]
pub async fn export_delegation(
    state: State<'_, AppState>,
    meeting_id: String,
    request: ExportRequest,
) -> Outcome<DelegationExport> {
    state
        .with_store(move |store| store.export_delegation(&meeting_id, &request))
        .await
}

/// Writes the delegation CSV where the person chooses in the system's Save dialog (the file
/// name suggested from the meeting); `None` when they cancelled.
#[tauri::command]
pub async fn save_delegation_export<R: tauri::Runtime>(
    app: tauri::AppHandle<R>,
    state: State<'_, AppState>,
    meeting_id: String,
    request: ExportRequest,
) -> Outcome<Option<SavedExport>> {
    let export = state
        .with_store(move |store| store.export_delegation(&meeting_id, &request))
        .await?;
    let ask = crate::file_dialog::Ask::save("Save the delegation list", &export.file_name)
        .filter("CSV (spreadsheets)", &["csv"]);
    let Some(path) = crate::file_dialog::ask(&app, &state.data_dir, ask).await? else {
        return Ok(None);
    };
    plenary_core::portable::write_whole(&path, export.csv.as_bytes())?;
    Ok(Some(SavedExport {
        path: path.display().to_string(),
        export,
    }))
}
