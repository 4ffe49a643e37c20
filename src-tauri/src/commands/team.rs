//! Settings → Team: joining the office hub, exchanging, and deciding conflicts.

use plenary_core::FieldError;
use plenary_core::exchange::{ConflictChoice, ConflictView, ExchangeReport, ExchangeStatus};
use plenary_core::store::{DuplicateKind, LikelyDuplicate};
use plenary_hub::{HubConfig, SslMode};
use serde::{Deserialize, Serialize};
use tauri::State;
use ts_rs::TS;

use super::Outcome;
use crate::error::{CommandError, ErrorKind};
use crate::state::AppState;
use crate::team::TeamError;

/// The team exchange at a glance.
#[derive(Debug, Serialize, TS)]
pub struct TeamStatus {
    pub exchange: ExchangeStatus,
    /// Joined, but the hub password has not been entered since Plenary started (and the system
    /// keychain does not keep it).
    pub password_needed: bool,
    /// The system keychain keeps the password, so it is not asked for after a restart.
    pub password_kept: bool,
    /// An exchange is running now.
    pub exchanging: bool,
    /// How far it has got.
    pub progress: Option<ExchangeReport>,
}

/// Settings → Team's form: the hub's PostgreSQL connection and this laptop's name.
#[derive(Debug, Clone, Deserialize, TS)]
pub struct JoinRequest {
    pub host: String,
    /// As typed; empty means PostgreSQL's 5432.
    pub port: String,
    pub database: String,
    pub login: String,
    pub password: String,
    /// libpq's `sslmode`: disable, prefer, require, verify-ca or verify-full.
    pub sslmode: String,
    pub device_name: String,
}

impl JoinRequest {
    /// The hub configuration, or every field's problem.
    fn config(&self) -> Result<HubConfig, CommandError> {
        let mut problems = Vec::new();
        let mut required = |field: &str, value: &str, what: &str| {
            if value.trim().is_empty() {
                problems.push(FieldError::new(field, format!("Enter {what}.")));
            }
        };
        required("host", &self.host, "the hub's host name or address");
        required("database", &self.database, "the hub's database name");
        required("login", &self.login, "your hub login");
        required("device_name", &self.device_name, "a name for this laptop");
        let port = match self.port.trim() {
            "" => Some(5432),
            text => text.parse::<u16>().ok().filter(|p| *p > 0),
        };
        if port.is_none() {
            problems.push(FieldError::new(
                "port",
                "The port is a number from 1 to 65535 (PostgreSQL's is 5432).",
            ));
        }
        let sslmode = SslMode::from_name(self.sslmode.trim());
        if sslmode.is_none() {
            problems.push(FieldError::new(
                "sslmode",
                "Choose how to encrypt the connection: disable, prefer, require, verify-ca or verify-full.",
            ));
        }
        let host = self.host.trim();
        let plausible =
            |c: char| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_' | ':' | '[' | ']');
        if !host.is_empty() && (host.len() > 253 || !host.chars().all(plausible)) {
            problems.push(FieldError::new(
                "host",
                "Enter the host name or address only (for example db.office.example), without \
                 postgres://, a login or a path.",
            ));
        }
        if !problems.is_empty() {
            return Err(CommandError::from(plenary_core::CoreError::Validation(
                problems,
            )));
        }
        let mut config = HubConfig::new(
            host,
            port.unwrap_or(5432),
            self.database.trim(),
            self.login.trim(),
        );
        config.password = Some(self.password.clone()).filter(|p| !p.is_empty());
        config.sslmode = sslmode.unwrap_or(SslMode::Prefer);
        Ok(config)
    }
}

impl From<TeamError> for CommandError {
    fn from(error: TeamError) -> Self {
        CommandError {
            kind: if error.field.is_some() {
                ErrorKind::Validation
            } else {
                ErrorKind::Exchange
            },
            field: error.field.map(str::to_owned),
            fields: error
                .field
                .map(|f| vec![FieldError::new(f, error.message.clone())])
                .unwrap_or_default(),
            message: error.message,
        }
    }
}

impl TeamStatus {
    /// The exchange's stored state with what the running app knows of it.
    pub(crate) fn of(team: &crate::team::Team, exchange: ExchangeStatus) -> TeamStatus {
        TeamStatus {
            password_needed: exchange.joined && !team.has_password(),
            password_kept: team.password_kept(),
            exchanging: team.is_exchanging(),
            progress: team.progress(),
            exchange,
        }
    }
}

#[tauri::command]
pub async fn team_status(state: State<'_, AppState>) -> Outcome<TeamStatus> {
    let team = state.team();
    let exchange = state.with_store(|store| store.exchange_status()).await?;
    Ok(TeamStatus::of(&team, exchange))
}

/// Runs `work` (a team operation) off the UI's path; the window follows it through
/// `team_status`.
async fn run_team(
    state: State<'_, AppState>,
    work: impl FnOnce(
        &crate::team::Team,
        &std::sync::Mutex<plenary_core::Store>,
        &dyn Fn(&ExchangeReport),
    ) -> Result<ExchangeReport, TeamError>
    + Send
    + 'static,
) -> Outcome<ExchangeReport> {
    let store = state.store()?;
    let team = state.team();
    let result = tauri::async_runtime::spawn_blocking(move || work(&team, &store, &|_| {}))
        .await
        .map_err(|_| {
            CommandError::internal(
                "The exchange stopped on an internal fault; nothing was lost. Try again.",
            )
        })?;
    Ok(result?)
}

/// Joins the office hub with this laptop's data and exchanges for the first time.
#[tauri::command]
pub async fn team_join(
    state: State<'_, AppState>,
    request: JoinRequest,
) -> Outcome<ExchangeReport> {
    let config = request.config()?;
    let device_name = request.device_name.trim().to_owned();
    run_team(state, move |team, store, progress| {
        team.join(store, &config, &device_name, progress)
    })
    .await
}

/// The hub password after a restart (it is kept only while Plenary runs).
#[tauri::command]
pub async fn team_unlock(state: State<'_, AppState>, password: String) -> Outcome<ExchangeReport> {
    if password.is_empty() {
        return Err(CommandError::from(plenary_core::CoreError::validation(
            "password",
            "Enter your hub password.",
        )));
    }
    run_team(state, move |team, store, progress| {
        team.unlock(store, &password, progress)
    })
    .await
}

/// "Exchange now".
#[tauri::command]
pub async fn team_exchange(state: State<'_, AppState>) -> Outcome<ExchangeReport> {
    run_team(state, |team, store, progress| {
        team.exchange(store, progress)
    })
    .await
}

/// Stops a running exchange after the change it is on; the next one resumes there.
#[tauri::command]
pub async fn team_stop(state: State<'_, AppState>) -> Outcome<()> {
    state.team().stop();
    Ok(())
}

#[tauri::command]
pub async fn list_conflicts(state: State<'_, AppState>) -> Outcome<Vec<ConflictView>> {
    state.with_store(|store| store.conflicts()).await
}

/// The ids of one kind of record with an open conflict ("meeting"), for their marks.
#[tauri::command]
pub async fn conflicted_records(
    state: State<'_, AppState>,
    entity: String,
) -> Outcome<Vec<String>> {
    state
        .with_store(move |store| store.conflicted_records(&entity))
        .await
}

/// Records that are probably the same thing twice (after joining a hub that had them too).
#[tauri::command]
pub async fn likely_duplicates(state: State<'_, AppState>) -> Outcome<Vec<LikelyDuplicate>> {
    state.with_store(|store| store.likely_duplicates()).await
}

/// Merges `drop_id` into `keep_id` (a person's decision; never done on its own).
#[tauri::command]
pub async fn merge_duplicates(
    state: State<'_, AppState>,
    kind: DuplicateKind,
    keep_id: String,
    drop_id: String,
) -> Outcome<()> {
    state
        .with_store(move |store| store.merge_duplicates(kind, &keep_id, &drop_id))
        .await
}

#[tauri::command]
pub async fn resolve_conflict(
    state: State<'_, AppState>,
    id: String,
    choice: ConflictChoice,
) -> Outcome<()> {
    state
        .with_store(move |store| store.resolve_conflict(&id, &choice))
        .await
}
