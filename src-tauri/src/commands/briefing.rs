//! The meeting's "Briefing book…": the PDF saved where the person chooses in the system's Save
//! dialog. It is long work like a backup: progress through `long_work_progress`, stopped by
//! `cancel_long_work`, and nothing is written when stopped or refused.

use plenary_core::briefing::{self, BriefingRequest, BriefingWritten};
use tauri::{AppHandle, Manager, Runtime, State};

use super::Outcome;
use crate::error::CommandError;
use crate::file_dialog::{self, Ask};
use crate::state::AppState;

/// Asks where to save the briefing book of `request`, then writes it; `None` when the person
/// cancelled the dialog.
#[tauri::command]
pub async fn save_briefing_book<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    request: BriefingRequest,
) -> Outcome<Option<BriefingWritten>> {
    let meeting_id = request.meeting_id.clone();
    let title = state
        .with_store(move |store| Ok(store.meeting(&meeting_id)?.fields.title))
        .await?;
    let fonts = crate::briefing::load_fonts(app.path().resource_dir().ok())?;
    let ask = Ask::save("Save the briefing book", &briefing::file_name(&title))
        .filter("PDF document", &["pdf"]);
    let Some(path) = file_dialog::ask(&app, &state.data_dir, ask).await? else {
        return Ok(None);
    };
    let long = state.work();
    let _busy = long.begin()?;
    // The store is held while the meeting is read; the pages are laid out and written without it.
    let store = state.store()?;
    let journal = state.journal();
    tauri::async_runtime::spawn_blocking(move || {
        long.watch(|work| {
            work.report("Gathering the meeting", 0, 1);
            let book = {
                let store = store.lock().unwrap_or_else(|p| p.into_inner());
                store.briefing_book(&request.meeting_id, request.include_travel)?
            };
            briefing::save(&book, &fonts, &path, work)
        })
        .map_err(|error| {
            journal.command_failed("briefing::save_briefing_book", &error);
            CommandError::from(error)
        })
    })
    .await
    .map_err(|_| CommandError::internal("Making the briefing book stopped unexpectedly."))?
    .map(Some)
}
