//! Records with versions, and action items.

use plenary_core::action::{ActionItem, ActionItemDraft};
use plenary_core::diff::DiffSpan;
use plenary_core::record::{Record, RecordDraft, RecordVersion};
use tauri::State;

use super::Outcome;
use crate::state::AppState;

#[tauri::command]
pub async fn list_records(state: State<'_, AppState>, meeting_id: String) -> Outcome<Vec<Record>> {
    state
        .with_store(move |store| store.records(&meeting_id))
        .await
}

#[tauri::command]
pub async fn create_record(
    state: State<'_, AppState>,
    meeting_id: String,
    draft: RecordDraft,
) -> Outcome<Record> {
    state
        .with_store(move |store| store.create_record(&meeting_id, &draft))
        .await
}

#[tauri::command]
pub async fn update_record(
    state: State<'_, AppState>,
    id: String,
    version: u32,
    draft: RecordDraft,
) -> Outcome<Record> {
    state
        .with_store(move |store| store.update_record(&id, version, &draft))
        .await
}

#[tauri::command]
pub async fn finalize_record(
    state: State<'_, AppState>,
    id: String,
    version: u32,
) -> Outcome<Record> {
    state
        .with_store(move |store| store.finalize_record(&id, version))
        .await
}

#[tauri::command]
pub async fn restore_record_version(
    state: State<'_, AppState>,
    id: String,
    version: u32,
    number: u32,
) -> Outcome<Record> {
    state
        .with_store(move |store| store.restore_record_version(&id, version, number))
        .await
}

#[tauri::command]
pub async fn list_record_versions(
    state: State<'_, AppState>,
    id: String,
) -> Outcome<Vec<RecordVersion>> {
    state
        .with_store(move |store| store.record_versions(&id))
        .await
}

#[tauri::command]
pub async fn diff_record_versions(
    state: State<'_, AppState>,
    id: String,
    from: u32,
    to: u32,
) -> Outcome<Vec<DiffSpan>> {
    state
        .with_store(move |store| store.record_diff(&id, from, to))
        .await
}

#[tauri::command]
pub async fn delete_record(state: State<'_, AppState>, id: String, version: u32) -> Outcome<()> {
    state
        .with_store(move |store| store.delete_record(&id, version))
        .await
}

#[tauri::command]
pub async fn list_action_items(
    state: State<'_, AppState>,
    meeting_id: String,
) -> Outcome<Vec<ActionItem>> {
    state
        .with_store(move |store| store.action_items(&meeting_id))
        .await
}

#[tauri::command]
pub async fn create_action_item(
    state: State<'_, AppState>,
    meeting_id: String,
    draft: ActionItemDraft,
) -> Outcome<ActionItem> {
    state
        .with_store(move |store| store.create_action_item(&meeting_id, &draft))
        .await
}

#[tauri::command]
pub async fn update_action_item(
    state: State<'_, AppState>,
    id: String,
    version: u32,
    draft: ActionItemDraft,
) -> Outcome<ActionItem> {
    state
        .with_store(move |store| store.update_action_item(&id, version, &draft))
        .await
}

#[tauri::command]
pub async fn delete_action_item(
    state: State<'_, AppState>,
    id: String,
    version: u32,
) -> Outcome<()> {
    state
        .with_store(move |store| store.delete_action_item(&id, version))
        .await
}
