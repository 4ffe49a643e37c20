//! Meetings: list, view, create, edit, delete, history, and the form's helpers.

use plenary_core::action::ActionStatus;
use plenary_core::meeting::{Meeting, MeetingDraft, MeetingFormat, MeetingStatus, parse_ordinal};
use plenary_core::record::{RecordKind, VoteResult};
use plenary_core::{Body, BodyOrganization, HistoryEntry, Priority, time_zone};
use serde::Serialize;
use tauri::State;
use ts_rs::TS;

use super::{Choice, Outcome};
use crate::state::AppState;

/// Everything the meeting form offers to choose from.
#[derive(Debug, Serialize, TS)]
pub struct MeetingFormOptions {
    /// Every body, WMA first, then WHO, then the office's own.
    pub bodies: Vec<Body>,
    pub organizations: Vec<Choice<BodyOrganization>>,
    pub formats: Vec<Choice<MeetingFormat>>,
    pub statuses: Vec<Choice<MeetingStatus>>,
    pub priorities: Vec<Choice<Priority>>,
    pub record_kinds: Vec<Choice<RecordKind>>,
    pub vote_results: Vec<Choice<VoteResult>>,
    pub action_statuses: Vec<Choice<ActionStatus>>,
    /// Every IANA time-zone name, sorted.
    pub time_zones: Vec<String>,
}

#[tauri::command]
pub async fn meeting_form_options(state: State<'_, AppState>) -> Outcome<MeetingFormOptions> {
    let bodies = state.with_store(|store| store.bodies()).await?;
    Ok(MeetingFormOptions {
        bodies,
        organizations: Choice::all(&BodyOrganization::ALL, BodyOrganization::label),
        formats: Choice::all(&MeetingFormat::ALL, MeetingFormat::label),
        statuses: Choice::all(&MeetingStatus::ALL, MeetingStatus::label),
        priorities: Choice::all(&Priority::ALL, Priority::label),
        record_kinds: Choice::all(&RecordKind::ALL, RecordKind::label),
        vote_results: Choice::all(&VoteResult::ALL, VoteResult::label),
        action_statuses: Choice::all(&ActionStatus::ALL, ActionStatus::label),
        time_zones: time_zone::all_names(),
    })
}

/// The title a new meeting gets from its body and ordinal; `None` when there is none to suggest.
#[tauri::command]
pub async fn default_meeting_title(
    state: State<'_, AppState>,
    body_id: String,
    ordinal: String,
) -> Outcome<Option<String>> {
    let ordinal = parse_ordinal(&ordinal).ok().flatten();
    state
        .with_store(move |store| store.default_meeting_title(&body_id, ordinal))
        .await
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
