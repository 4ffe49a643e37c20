//! Settings → Appearance and Help: the theme, and the diagnostics for a support request.

use serde::Serialize;
use tauri::State;
use ts_rs::TS;

use super::Outcome;
use crate::desktop::diagnostics;
use crate::desktop::journal::Level;
use crate::desktop::prefs::{Theme, WindowPrefs};
use crate::error::CommandError;
use crate::state::AppState;

/// Saves the theme for the next start (the window applies it at once itself).
#[tauri::command]
pub async fn set_theme(state: State<'_, AppState>, theme: Theme) -> Outcome<Theme> {
    let data_dir = state.data_dir.clone();
    let journal = state.journal();
    tauri::async_runtime::spawn_blocking(move || {
        WindowPrefs::update(&data_dir, |prefs| prefs.theme = theme).map_err(|error| {
            journal.write(
                Level::Error,
                &format!("command=desktop::set_theme kind=storage reason={:?}", error.kind()),
            );
            CommandError {
                kind: crate::error::ErrorKind::Storage,
                message: format!(
                    "The theme could not be saved in the data folder ({error}). It applies until Plenary closes."
                ),
                field: None,
                fields: Vec::new(),
            }
        })?;
        Ok(theme)
    })
    .await
    .map_err(|_| CommandError::internal("Plenary hit an internal fault while saving the theme."))?
}

/// The diagnostics, and whether they are on the clipboard.
#[derive(Debug, Serialize, TS)]
pub struct Diagnostics {
    pub text: String,
    /// False when the clipboard could not be reached: the window shows the text to copy by hand.
    pub copied: bool,
}

/// Puts the diagnostics on the clipboard. The window never reads or writes the clipboard
/// itself: this is the one thing it can put there.
#[tauri::command]
pub async fn copy_diagnostics(state: State<'_, AppState>) -> Outcome<Diagnostics> {
    let text = diagnostics::report(&state);
    let copied = match state.copy_to_clipboard(text.clone()) {
        Ok(()) => true,
        Err(reason) => {
            state.journal().write(
                Level::Warn,
                &format!("command=desktop::copy_diagnostics kind=clipboard reason={reason:?}"),
            );
            false
        }
    };
    Ok(Diagnostics { text, copied })
}
