//! Settings of this installation (home time zone, ...).

use plenary_core::{Setting, SettingKey};
use tauri::State;

use super::Outcome;
use crate::state::AppState;

#[tauri::command]
pub async fn list_settings(state: State<'_, AppState>) -> Outcome<Vec<Setting>> {
    state.with_store(|store| store.settings()).await
}

/// Sets one setting; `version` is the one the form read (`null` if it was not set yet).
#[tauri::command]
pub async fn set_setting(
    state: State<'_, AppState>,
    key: SettingKey,
    value: String,
    version: Option<u32>,
) -> Outcome<Setting> {
    let saved = state
        .with_store(move |store| store.set_setting(key, &value, version))
        .await?;
    if key == SettingKey::Reminders {
        state.wake_reminders();
    }
    Ok(saved)
}
