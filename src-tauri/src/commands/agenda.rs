//! Agenda items and sessions of a meeting.

use plenary_core::store::Direction;
use plenary_core::{AgendaItem, AgendaItemDraft, Session, SessionDraft};
use tauri::State;

use super::Outcome;
use crate::state::AppState;

#[tauri::command]
pub async fn list_agenda_items(
    state: State<'_, AppState>,
    meeting_id: String,
) -> Outcome<Vec<AgendaItem>> {
    state
        .with_store(move |store| store.agenda_items(&meeting_id))
        .await
}

#[tauri::command]
pub async fn create_agenda_item(
    state: State<'_, AppState>,
    meeting_id: String,
    draft: AgendaItemDraft,
) -> Outcome<AgendaItem> {
    state
        .with_store(move |store| store.create_agenda_item(&meeting_id, &draft))
        .await
}

#[tauri::command]
pub async fn update_agenda_item(
    state: State<'_, AppState>,
    id: String,
    version: u32,
    draft: AgendaItemDraft,
) -> Outcome<AgendaItem> {
    state
        .with_store(move |store| store.update_agenda_item(&id, version, &draft))
        .await
}

/// Moves an item (and the items under it) before or after its neighbour; returns the agenda.
#[tauri::command]
pub async fn move_agenda_item(
    state: State<'_, AppState>,
    id: String,
    version: u32,
    direction: Direction,
) -> Outcome<Vec<AgendaItem>> {
    state
        .with_store(move |store| store.move_agenda_item(&id, version, direction))
        .await
}

#[tauri::command]
pub async fn delete_agenda_item(
    state: State<'_, AppState>,
    id: String,
    version: u32,
) -> Outcome<()> {
    state
        .with_store(move |store| store.delete_agenda_item(&id, version))
        .await
}

#[tauri::command]
pub async fn list_sessions(
    state: State<'_, AppState>,
    meeting_id: String,
) -> Outcome<Vec<Session>> {
    state
        .with_store(move |store| store.sessions(&meeting_id))
        .await
}

#[tauri::command]
pub async fn create_session(
    state: State<'_, AppState>,
    meeting_id: String,
    draft: SessionDraft,
) -> Outcome<Session> {
    state
        .with_store(move |store| store.create_session(&meeting_id, &draft))
        .await
}

#[tauri::command]
pub async fn update_session(
    state: State<'_, AppState>,
    id: String,
    version: u32,
    draft: SessionDraft,
) -> Outcome<Session> {
    state
        .with_store(move |store| store.update_session(&id, version, &draft))
        .await
}

#[tauri::command]
pub async fn delete_session(state: State<'_, AppState>, id: String, version: u32) -> Outcome<()> {
    state
        .with_store(move |store| store.delete_session(&id, version))
        .await
}
