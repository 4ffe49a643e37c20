//! The commands the web view may invoke. Each is a thin adapter around a core function; rules and
//! storage live in `plenary_core`.

use plenary_core::meeting::{
    Body, Meeting, MeetingDraft, MeetingFormat, MeetingStatus, parse_ordinal,
};
use plenary_core::{HistoryEntry, time_zone};
use serde::Serialize;
use tauri::State;
use ts_rs::TS;

use crate::error::CommandError;
use crate::state::AppState;

type Outcome<T> = Result<T, CommandError>;

/// What Settings shows about this installation.
#[derive(Debug, Serialize, TS)]
pub struct AppInfo {
    pub version: String,
    pub data_dir: String,
    pub database_file: String,
    /// Why the database could not be opened, if it could not.
    pub database_error: Option<CommandError>,
}

/// One value of a fixed list, with the label a person reads.
#[derive(Debug, Serialize, TS)]
pub struct Choice<T> {
    pub value: T,
    pub label: String,
}

/// Everything the meeting form offers to choose from.
#[derive(Debug, Serialize, TS)]
pub struct MeetingFormOptions {
    pub bodies: Vec<Choice<Body>>,
    pub formats: Vec<Choice<MeetingFormat>>,
    pub statuses: Vec<Choice<MeetingStatus>>,
    /// Every IANA time-zone name, sorted.
    pub time_zones: Vec<String>,
}

#[tauri::command]
pub async fn app_info(state: State<'_, AppState>) -> Outcome<AppInfo> {
    Ok(AppInfo {
        version: env!("CARGO_PKG_VERSION").to_owned(),
        data_dir: state.data_dir.display().to_string(),
        database_file: state
            .data_dir
            .join(plenary_core::store::DATABASE_FILE)
            .display()
            .to_string(),
        database_error: state.database_error().cloned(),
    })
}

#[tauri::command]
pub fn meeting_form_options() -> MeetingFormOptions {
    fn choices<T: Copy>(all: &[T], label: fn(T) -> &'static str) -> Vec<Choice<T>> {
        all.iter()
            .map(|&value| Choice {
                value,
                label: label(value).to_owned(),
            })
            .collect()
    }
    MeetingFormOptions {
        bodies: choices(&Body::ALL, Body::label),
        formats: choices(&MeetingFormat::ALL, MeetingFormat::label),
        statuses: choices(&MeetingStatus::ALL, MeetingStatus::label),
        time_zones: time_zone::all_names(),
    }
}

/// The title a new meeting gets from its body and ordinal; `None` when there is none to suggest.
#[tauri::command]
pub fn default_meeting_title(body: Option<Body>, ordinal: String) -> Option<String> {
    body?.default_title(parse_ordinal(&ordinal).ok().flatten())
}

/// The time zone of a well-known meeting city.
#[tauri::command]
pub fn suggest_time_zone(city: String) -> Option<String> {
    time_zone::for_city(&city).map(str::to_owned)
}

#[tauri::command]
pub async fn list_meetings(state: State<'_, AppState>) -> Outcome<Vec<Meeting>> {
    state.with_store(|store| store.meetings()).await
}

#[tauri::command]
pub async fn get_meeting(state: State<'_, AppState>, id: String) -> Outcome<Meeting> {
    state.with_store(move |store| store.meeting(&id)).await
}

#[tauri::command]
pub async fn create_meeting(state: State<'_, AppState>, draft: MeetingDraft) -> Outcome<Meeting> {
    state
        .with_store(move |store| store.create_meeting(&draft))
        .await
}

#[tauri::command]
pub async fn update_meeting(
    state: State<'_, AppState>,
    id: String,
    version: u32,
    draft: MeetingDraft,
) -> Outcome<Meeting> {
    state
        .with_store(move |store| store.update_meeting(&id, version, &draft))
        .await
}

#[tauri::command]
pub async fn delete_meeting(state: State<'_, AppState>, id: String, version: u32) -> Outcome<()> {
    state
        .with_store(move |store| store.delete_meeting(&id, version))
        .await
}

#[tauri::command]
pub async fn meeting_history(state: State<'_, AppState>, id: String) -> Outcome<Vec<HistoryEntry>> {
    state
        .with_store(move |store| store.meeting_history(&id))
        .await
}
