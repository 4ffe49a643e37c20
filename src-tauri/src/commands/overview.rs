//! The dashboard and the search box.

use std::time::Duration;

use plenary_core::assignment::Warning;
use plenary_core::example::ExampleStatus;
use plenary_core::exchange::ConflictView;
use plenary_core::store::{Dashboard, ReviewDueCount, SearchHit, TermView};
use plenary_core::{CoreError, Store};
use serde::Serialize;
use tauri::State;
use ts_rs::TS;

use super::team::TeamStatus;
use super::{AppInfo, Outcome, app_info_of};
use crate::state::AppState;
use crate::team::Team;

/// Everything the first screen shows, in one round trip: the app's state (whether its data
/// folder opened), the dashboard, and what the frame around it needs (the example data's state,
/// the exchange's open conflicts).
#[derive(Debug, Serialize, TS)]
pub struct FirstScreen {
    pub app: AppInfo,
    /// What the dashboard shows; none when the database could not be opened (`app.database_error`).
    pub dashboard: Option<DashboardScreen>,
}

/// The dashboard's content.
#[derive(Debug, Serialize, TS)]
pub struct DashboardScreen {
    pub board: Dashboard,
    /// Whether any meeting is recorded at all (the board lists only those coming up).
    pub any_meeting: bool,
    /// Policy due for review; none when it could not be counted.
    pub reviews: Option<ReviewDueCount>,
    /// The team exchange; none when its state could not be read.
    pub team: Option<TeamStatus>,
    /// Seat terms ending within 90 days.
    pub terms_ending: Vec<TermView>,
    /// Meetings whose registration closes within 7 days with people not yet registered.
    pub registration_warnings: Vec<Warning>,
    /// Whether example data is here and the office has records of its own: an empty office
    /// starts on the first-run screen instead of the dashboard.
    pub example: ExampleStatus,
    /// The team exchange's conflicts waiting for a decision (the records' marks).
    pub conflicts: Vec<ConflictView>,
}

/// How far ahead the dashboard looks for seat terms ending.
const TERMS_AHEAD_DAYS: u32 = 90;

/// The first screen: the app's state and, when its database is open, the whole dashboard, read
/// in one go on the store.
#[tauri::command]
pub async fn first_screen(state: State<'_, AppState>) -> Outcome<FirstScreen> {
    state.opened().await;
    let app = app_info_of(&state);
    if app.database_error.is_some() {
        return Ok(FirstScreen {
            app,
            dashboard: None,
        });
    }
    let team = state.team();
    let dashboard = state
        .with_store(move |store| dashboard_screen(store, &team))
        .await?;
    Ok(FirstScreen {
        app,
        dashboard: Some(dashboard),
    })
}

/// The first screen read here and now, when the data folder is open within `wait`: the page is
/// served with it (`start.rs`), so the first frame shows it without a request. None when the
/// folder is still opening (a large migration, say) or the dashboard could not be read: the page
/// then asks with `first_screen`, which waits, or says what failed.
pub(crate) fn first_screen_within(state: &AppState, wait: Duration) -> Option<FirstScreen> {
    if !state.opened_within(wait) {
        return None;
    }
    let app = app_info_of(state);
    if app.database_error.is_some() {
        return Some(FirstScreen {
            app,
            dashboard: None,
        });
    }
    let store = state.store().ok()?;
    let mut store = store
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner());
    let dashboard = dashboard_screen(&mut store, &state.team()).ok()?;
    Some(FirstScreen {
        app,
        dashboard: Some(dashboard),
    })
}

fn dashboard_screen(store: &mut Store, team: &Team) -> Result<DashboardScreen, CoreError> {
    let today = store.clock().today();
    let board = store.dashboard(today)?;
    let any_meeting = !board.upcoming_meetings.is_empty() || store.has_meetings()?;
    Ok(DashboardScreen {
        any_meeting,
        reviews: store.review_due_count(today).ok(),
        team: store
            .exchange_status()
            .ok()
            .map(|exchange| TeamStatus::of(team, exchange)),
        terms_ending: store.terms_ending_within(today, TERMS_AHEAD_DAYS)?,
        registration_warnings: store.assignment_warnings_for_dashboard(today)?,
        example: store.example_status()?,
        conflicts: store.conflicts()?,
        board,
    })
}

/// Today's dashboard, in the laptop's own calendar.
#[tauri::command]
pub async fn dashboard(state: State<'_, AppState>) -> Outcome<Dashboard> {
    state
        .with_store(|store| store.dashboard(store.clock().today()))
        .await
}

/// Changes whenever anything is written to the database: the window keeps the long lists it has
/// read (people, meetings, policy documents, form options) until it changes.
#[tauri::command]
pub async fn data_revision(state: State<'_, AppState>) -> Outcome<String> {
    state.with_store(|store| store.revision()).await
}

/// Sends the window the data revision whenever it changes (looked at once a second), so that it
/// need not ask for it before showing what it keeps.
#[tauri::command]
pub async fn watch_revisions(
    state: State<'_, AppState>,
    on_change: tauri::ipc::Channel<String>,
) -> Outcome<()> {
    state
        .watch_revisions(on_change, std::time::Duration::from_secs(1))
        .await
}

/// Everything matching the words typed, best first.
#[tauri::command]
pub async fn search(state: State<'_, AppState>, text: String) -> Outcome<Vec<SearchHit>> {
    state.with_store(move |store| store.search(&text, 60)).await
}
