//! The delegate's report: "Draft report…" on a meeting's page writes it as a Word document where
//! the person chooses in the system's Save dialog ([`crate::file_dialog`]).

use plenary_core::report::EXTENSION;
use serde::Serialize;
use tauri::{AppHandle, Runtime, State};
use ts_rs::TS;

use super::Outcome;
use crate::file_dialog::{self, Ask};
use crate::state::AppState;

/// A delegate's report written to a file.
#[derive(Debug, Serialize, TS)]
pub struct SavedReport {
    /// The full path of the file written.
    pub path: String,
    pub meeting_title: String,
}

/// Drafts the report of `meeting_id` and saves it where the person chooses (the name suggested
/// from the meeting, "WHA79 delegate report.docx"); `None` when they cancelled. A meeting with
/// nothing to report yet is refused before the dialog opens.
#[tauri::command]
pub async fn save_delegate_report<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    meeting_id: String,
) -> Outcome<Option<SavedReport>> {
    let id = meeting_id.clone();
    let report = state
        .with_store(move |store| store.delegate_report(&id))
        .await?;
    let ask = Ask::save("Save the delegate's report", &report.file_name)
        .filter("Word document", &[EXTENSION]);
    let Some(mut path) = file_dialog::ask(&app, &state.data_dir, ask).await? else {
        return Ok(None);
    };
    // A name typed without an extension gets the report's; another extension is refused.
    if path.extension().is_none() {
        path.set_extension(EXTENSION);
    }
    let file = path.clone();
    let report = state
        .with_store(move |store| store.write_delegate_report(&meeting_id, &file))
        .await?;
    Ok(Some(SavedReport {
        path: path.display().to_string(),
        meeting_title: report.meeting_title,
    }))
}
