//! The dashboard and the search box.

use plenary_core::store::{Dashboard, SearchHit};
use tauri::State;

use super::Outcome;
use crate::state::AppState;

/// Today's dashboard, in the laptop's own calendar.
#[tauri::command]
pub async fn dashboard(state: State<'_, AppState>) -> Outcome<Dashboard> {
    state
        .with_store(|store| store.dashboard(store.clock().today()))
        .await
}

/// Everything matching the words typed, best first.
#[tauri::command]
pub async fn search(state: State<'_, AppState>, text: String) -> Outcome<Vec<SearchHit>> {
    state.with_store(move |store| store.search(&text, 60)).await
}
