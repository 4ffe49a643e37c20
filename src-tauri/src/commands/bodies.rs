//! Bodies: the WMA's and WHO's, and those the office adds.

use plenary_core::{Body, BodyDraft};
use tauri::State;

use super::Outcome;
use crate::state::AppState;

#[tauri::command]
pub async fn list_bodies(state: State<'_, AppState>) -> Outcome<Vec<Body>> {
    state.with_store(|store| store.bodies()).await
}

#[tauri::command]
pub async fn create_body(state: State<'_, AppState>, draft: BodyDraft) -> Outcome<Body> {
    state
        .with_store(move |store| store.create_body(&draft))
        .await
}

#[tauri::command]
pub async fn update_body(
    state: State<'_, AppState>,
    id: String,
    version: u32,
    draft: BodyDraft,
) -> Outcome<Body> {
    state
        .with_store(move |store| store.update_body(&id, version, &draft))
        .await
}

#[tauri::command]
pub async fn delete_body(state: State<'_, AppState>, id: String, version: u32) -> Outcome<()> {
    state
        .with_store(move |store| store.delete_body(&id, version))
        .await
}
