//! Settings → Backups and export: backups (now, and the automatic ones' folder and count),
//! restore, the full export and its import. Every path comes from the system's file dialog,
//! opened here ([`crate::file_dialog`]); the web view sends none. Long work reports progress
//! (`long_work_progress`, polled by the window) and stops on `cancel_long_work`.

use plenary_core::portable::{
    BACKUP_EXTENSION, BackupSummary, ExportSummary, ImportSummary, Progress, RestoreSummary,
    backup_file_name,
};
use plenary_core::{CoreError, Store};
use serde::Serialize;
use tauri::{AppHandle, Runtime, State};
use ts_rs::TS;

use super::Outcome;
use crate::backups::local_now;
use crate::file_dialog::{self, Ask};
use crate::laptop::Laptop;
use crate::state::AppState;

/// The automatic backups as Settings shows them.
#[derive(Debug, Clone, Serialize, TS)]
pub struct BackupSettings {
    pub folder: String,
    pub keep: u32,
    /// When the last automatic backup ran (the local day), and where it went or why it failed.
    pub last_day: Option<String>,
    pub last_result: Option<String>,
    pub last_failed: bool,
}

fn settings_of(laptop: &Laptop, data_dir: &std::path::Path) -> BackupSettings {
    BackupSettings {
        folder: laptop.backup_folder(data_dir).display().to_string(),
        keep: laptop.backup_keep(),
        last_day: laptop.last_automatic_day.clone(),
        last_result: laptop.last_automatic_result.clone(),
        last_failed: laptop.last_automatic_failed,
    }
}

fn saved(laptop: &Laptop, data_dir: &std::path::Path) -> Outcome<BackupSettings> {
    laptop.save(data_dir)?;
    Ok(settings_of(laptop, data_dir))
}

#[tauri::command]
pub async fn backup_settings(state: State<'_, AppState>) -> Outcome<BackupSettings> {
    Ok(settings_of(&Laptop::load(&state.data_dir), &state.data_dir))
}

/// How many automatic backups to keep (1 to 365).
#[tauri::command]
pub async fn set_backup_keep(state: State<'_, AppState>, keep: u32) -> Outcome<BackupSettings> {
    if !(1..=365).contains(&keep) {
        return Err(
            CoreError::validation("keep", "Keep between 1 and 365 automatic backups.").into(),
        );
    }
    let mut laptop = Laptop::load(&state.data_dir);
    laptop.backup_keep = Some(keep);
    saved(&laptop, &state.data_dir)
}

/// Chooses the folder for automatic backups in the system's folder dialog; `None` when the
/// person cancelled.
#[tauri::command]
pub async fn choose_backup_folder<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
) -> Outcome<Option<BackupSettings>> {
    let mut laptop = Laptop::load(&state.data_dir);
    let ask = Ask::folder("Choose the folder for Plenary's automatic backups")
        .starting_in(laptop.backup_folder(&state.data_dir));
    let Some(folder) = file_dialog::ask(&app, &state.data_dir, ask).await? else {
        return Ok(None);
    };
    laptop.backup_folder = Some(folder.display().to_string());
    saved(&laptop, &state.data_dir).map(Some)
}

#[tauri::command]
pub async fn long_work_progress(state: State<'_, AppState>) -> Outcome<Option<Progress>> {
    Ok(state.work().progress())
}

/// Stops the backup, restore, export or import under way; it leaves nothing behind.
#[tauri::command]
pub async fn cancel_long_work(state: State<'_, AppState>) -> Outcome<()> {
    state.work().cancel();
    Ok(())
}

/// Runs `work` on the store as the one long work under way.
async fn long<T, F>(state: &AppState, work: F) -> Outcome<T>
where
    T: Send + 'static,
    F: FnOnce(&mut Store, &plenary_core::portable::Work<'_>) -> Result<T, CoreError>
        + Send
        + 'static,
{
    let long = state.work();
    let _busy = long.begin()?;
    state
        .with_store(move |store| long.watch(|watch| work(store, watch)))
        .await
}

/// Saves a backup where the person chooses (the backup folder is offered first).
#[tauri::command]
pub async fn backup_now<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
) -> Outcome<Option<BackupSummary>> {
    let laptop = Laptop::load(&state.data_dir);
    let ask = Ask::save(
        "Save a backup of Plenary's data",
        &backup_file_name("backup", local_now()),
    )
    .starting_in(laptop.backup_folder(&state.data_dir))
    .filter("Plenary backup", &[BACKUP_EXTENSION]);
    let Some(file) = file_dialog::ask(&app, &state.data_dir, ask).await? else {
        return Ok(None);
    };
    long(&state, move |store, work| store.backup_to(&file, work))
        .await
        .map(Some)
}

/// Replaces the data with a backup the person chooses, after checking it whole; the data as it
/// was is backed up into the backup folder first.
#[tauri::command]
pub async fn restore_backup<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
) -> Outcome<Option<RestoreSummary>> {
    let laptop = Laptop::load(&state.data_dir);
    let keep_in = laptop.backup_folder(&state.data_dir);
    let ask = Ask::open("Choose the backup to restore")
        .starting_in(&keep_in)
        .filter("Plenary backup", &[BACKUP_EXTENSION]);
    let Some(file) = file_dialog::ask(&app, &state.data_dir, ask).await? else {
        return Ok(None);
    };
    long(&state, move |store, work| {
        store.restore_from(&file, &keep_in, work)
    })
    .await
    .map(Some)
}

/// Writes everything as JSON, with the stored files in a folder beside it.
#[tauri::command]
pub async fn export_everything<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
) -> Outcome<Option<ExportSummary>> {
    let name = format!("plenary-export-{}.json", local_now().date());
    let ask = Ask::save("Export all of Plenary's data", &name).filter("JSON", &["json"]);
    let Some(file) = file_dialog::ask(&app, &state.data_dir, ask).await? else {
        return Ok(None);
    };
    long(&state, move |store, work| store.export_to(&file, work))
        .await
        .map(Some)
}

/// Imports a full export into this data folder, which must hold nothing entered yet.
#[tauri::command]
pub async fn import_export<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
) -> Outcome<Option<ImportSummary>> {
    let ask = Ask::open("Choose the full export to import").filter("JSON", &["json"]);
    let Some(file) = file_dialog::ask(&app, &state.data_dir, ask).await? else {
        return Ok(None);
    };
    long(&state, move |store, work| store.import_from(&file, work))
        .await
        .map(Some)
}
