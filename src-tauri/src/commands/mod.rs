//! The commands the web view may invoke, one module per product area. Each command is a thin
//! adapter around a core function; rules and storage live in `plenary_core`.

pub mod agenda;
pub mod assignments;
pub mod bodies;
pub mod briefing;
pub mod calendar;
pub mod desktop;
pub mod documents;
pub mod example;
pub mod meetings;
pub mod overview;
pub mod people;
pub mod policy;
pub mod portable;
pub mod records;
pub mod report;
pub mod settings;
pub mod sheets;
pub mod team;

use serde::Serialize;
use tauri::State;
use ts_rs::TS;

use crate::desktop::prefs::{Theme, WindowPrefs};
use crate::error::CommandError;
use crate::state::AppState;

pub(crate) type Outcome<T> = Result<T, CommandError>;

/// What Settings shows about this installation.
#[derive(Debug, Serialize, TS)]
pub struct AppInfo {
    pub version: String,
    pub data_dir: String,
    pub database_file: String,
    /// Why the database could not be opened, if it could not.
    pub database_error: Option<CommandError>,
    /// The licence Plenary is published under (SPDX).
    pub license: String,
    /// The theme chosen in Settings.
    pub theme: Theme,
    /// The log file, in the data folder (none when the folder could not be opened).
    pub log_file: Option<String>,
}

/// One value of a fixed list, with the label a person reads.
#[derive(Debug, Serialize, TS)]
pub struct Choice<T> {
    pub value: T,
    pub label: String,
}

impl<T: Copy> Choice<T> {
    /// Every value of `all` with its label.
    pub fn all(all: &[T], label: fn(T) -> &'static str) -> Vec<Choice<T>> {
        all.iter()
            .map(|&value| Choice {
                value,
                label: label(value).to_owned(),
            })
            .collect()
    }
}

#[tauri::command]
pub async fn app_info(state: State<'_, AppState>) -> Outcome<AppInfo> {
    state.opened().await;
    Ok(app_info_of(&state))
}

/// This installation's version, data folder and database state (waits for the folder to be
/// opened).
pub(crate) fn app_info_of(state: &AppState) -> AppInfo {
    AppInfo {
        version: env!("CARGO_PKG_VERSION").to_owned(),
        data_dir: state.data_dir.display().to_string(),
        database_file: state
            .data_dir
            .join(plenary_core::store::DATABASE_FILE)
            .display()
            .to_string(),
        database_error: state.database_error().cloned(),
        license: env!("CARGO_PKG_LICENSE").to_owned(),
        theme: WindowPrefs::load(&state.data_dir).theme,
        log_file: state
            .journal()
            .path()
            .map(|path| path.display().to_string()),
    }
}
