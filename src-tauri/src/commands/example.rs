//! The first screen's example office: where it stands, loading it, removing it.

use plenary_core::example::{ExampleRemoval, ExampleStatus};
use tauri::State;

use super::Outcome;
use crate::state::AppState;

/// Whether example data is here, whether the office has records of its own, whether joined.
#[tauri::command]
pub async fn example_status(state: State<'_, AppState>) -> Outcome<ExampleStatus> {
    state.with_store(|store| store.example_status()).await
}

/// Loads the example office (refused on a joined laptop or over the office's own records).
#[tauri::command]
pub async fn load_example_data(state: State<'_, AppState>) -> Outcome<ExampleStatus> {
    state.with_store(|store| store.load_example_data()).await
}

/// Removes the example office, keeping what the person changed or built on.
#[tauri::command]
pub async fn remove_example_data(state: State<'_, AppState>) -> Outcome<ExampleRemoval> {
    state.with_store(|store| store.remove_example_data()).await
}
