//! Calendars for the office's diaries: a meeting (with its sessions), the office's meetings (all
//! or one year) and My assignments, written as `.ics` where the person chooses in the system's
//! Save dialog. The text comes from the core (`Store::calendar`); this only asks where.

use plenary_core::store::CalendarScope;
use serde::{Deserialize, Serialize};
use tauri::{AppHandle, Runtime, State};
use ts_rs::TS;

use super::Outcome;
use crate::file_dialog::{self, Ask};
use crate::state::AppState;

/// Which calendar to save.
#[derive(Debug, Clone, Deserialize, TS)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum CalendarRequest {
    /// One meeting, all day, and its sessions.
    Meeting { meeting_id: String },
    /// The office's meetings: every one, or those touching `year`.
    Office { year: Option<i16> },
    /// "Me"'s assignments from today on (or every one).
    Mine { include_past: bool },
}

impl From<CalendarRequest> for CalendarScope {
    fn from(request: CalendarRequest) -> Self {
        match request {
            CalendarRequest::Meeting { meeting_id } => CalendarScope::Meeting { meeting_id },
            CalendarRequest::Office { year } => CalendarScope::Office { year },
            CalendarRequest::Mine { include_past } => CalendarScope::Mine { include_past },
        }
    }
}

/// A calendar written to a file.
#[derive(Debug, Serialize, TS)]
pub struct SavedCalendar {
    pub path: String,
    pub events: u32,
}

/// Writes the calendar where the person chooses (the name suggested from what it holds);
/// `None` when they cancelled. Nothing is asked when the calendar cannot be made (an unknown
/// meeting, no "me" chosen yet): the core's message says why.
#[tauri::command]
pub async fn save_calendar<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    request: CalendarRequest,
) -> Outcome<Option<SavedCalendar>> {
    let scope = CalendarScope::from(request);
    let calendar = state
        .with_store(move |store| store.calendar(&scope, store.clock().today()))
        .await?;
    let ask = Ask::save("Save the calendar", &calendar.file_name)
        .filter("Calendar (iCalendar)", &["ics"]);
    let Some(path) = file_dialog::ask(&app, &state.data_dir, ask).await? else {
        return Ok(None);
    };
    plenary_core::portable::write_whole(&path, calendar.text.as_bytes())?;
    Ok(Some(SavedCalendar {
        path: path.display().to_string(),
        events: calendar.events,
    }))
}
