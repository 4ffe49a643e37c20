//! Spreadsheets in and out from the window. Importing is two steps: the person chooses a file in
//! the system's Open dialog and sees the preview (nothing written); confirming imports the very
//! rows previewed, kept here meanwhile, so a file changed on disk in between cannot slip in
//! unseen. Lists and templates are written where the person chooses in the Save dialog.

use std::sync::Mutex;

use plenary_core::sheets::export::ListExportRequest;
use plenary_core::sheets::{Sheet, SheetFormat, SheetImported, SheetKind, SheetPreview};
use plenary_core::sheets::{read_sheet_file, template};
use plenary_core::{CoreError, Store};
use serde::Serialize;
use tauri::{AppHandle, Manager, Runtime, State};
use ts_rs::TS;

use super::Outcome;
use super::portable::long;
use crate::file_dialog::{self, Ask};
use crate::state::AppState;

/// The spreadsheet previewed and waiting for the person's confirmation.
#[derive(Default)]
pub struct PendingSheet(Mutex<Option<Previewed>>);

struct Previewed {
    kind: SheetKind,
    file_name: String,
    sheet: Sheet,
}

fn pending<R: Runtime>(app: &AppHandle<R>) -> tauri::State<'_, PendingSheet> {
    if app.try_state::<PendingSheet>().is_none() {
        app.manage(PendingSheet::default());
    }
    app.state::<PendingSheet>()
}

fn extension(format: SheetFormat) -> &'static str {
    match format {
        SheetFormat::Csv => "csv",
        SheetFormat::Xlsx => "xlsx",
    }
}

fn format_filter(ask: Ask, format: SheetFormat) -> Ask {
    match format {
        SheetFormat::Csv => ask.filter("CSV (spreadsheets)", &["csv"]),
        SheetFormat::Xlsx => ask.filter("Excel workbook", &["xlsx"]),
    }
}

/// Asks for a spreadsheet of `kind` in the Open dialog and previews it: every row as it will be
/// saved, problems by row and column, duplicates marked. Nothing is written. `None` when the
/// person cancelled the dialog.
#[tauri::command]
pub async fn preview_sheet_import<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    kind: SheetKind,
) -> Outcome<Option<SheetPreview>> {
    let ask = Ask::open(&format!(
        "Choose the spreadsheet of {} to import",
        kind.noun(2)
    ))
    .filter("Spreadsheets (CSV, Excel)", &["csv", "xlsx"]);
    let Some(path) = file_dialog::ask(&app, &state.data_dir, ask).await? else {
        return Ok(None);
    };
    let file_name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let (preview, sheet) = long(&state, {
        let file_name = file_name.clone();
        move |store: &mut Store, work| {
            let sheet = read_sheet_file(&path)?;
            let preview = store.sheet_preview(kind, &file_name, &sheet, *work)?;
            Ok((preview, sheet))
        }
    })
    .await?;
    *pending(&app).0.lock().unwrap() = Some(Previewed {
        kind,
        file_name,
        sheet,
    });
    Ok(Some(preview))
}

/// Imports the spreadsheet last previewed as `kind`, all or nothing.
#[tauri::command]
pub async fn confirm_sheet_import<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    kind: SheetKind,
) -> Outcome<SheetImported> {
    let previewed = pending(&app).0.lock().unwrap().take();
    let Some(previewed) = previewed.filter(|p| p.kind == kind) else {
        return Err(CoreError::Refused(
            "There is no previewed spreadsheet to import: choose the file again.".to_owned(),
        )
        .into());
    };
    let Previewed {
        kind,
        file_name,
        sheet,
    } = previewed;
    let result = long(&state, {
        let (file_name, sheet) = (file_name.clone(), sheet.clone());
        move |store: &mut Store, work| store.import_sheet(kind, &file_name, &sheet, *work)
    })
    .await;
    if result.is_err() {
        // Kept, so the person can try again (after a stop, say) without choosing the file anew.
        *pending(&app).0.lock().unwrap() = Some(Previewed {
            kind,
            file_name,
            sheet,
        });
    }
    result
}

/// Forgets the previewed spreadsheet (the person cancelled the preview).
#[tauri::command]
pub async fn discard_sheet_import<R: Runtime>(app: AppHandle<R>) -> Outcome<()> {
    *pending(&app).0.lock().unwrap() = None;
    Ok(())
}

/// A file written where the person chose.
#[derive(Debug, Serialize, TS)]
pub struct SavedSheet {
    pub path: String,
    /// Rows written (not counting the header).
    pub rows: u32,
}

/// Saves an empty template of `kind` (its header row names every column).
#[tauri::command]
pub async fn save_sheet_template<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    kind: SheetKind,
    format: SheetFormat,
) -> Outcome<Option<SavedSheet>> {
    let bytes = template(kind, format)?;
    let name = format!("{}.{}", kind.template_name(), extension(format));
    let ask = format_filter(Ask::save("Save the template", &name), format);
    let Some(path) = file_dialog::ask(&app, &state.data_dir, ask).await? else {
        return Ok(None);
    };
    plenary_core::portable::write_whole(&path, &bytes)?;
    Ok(Some(SavedSheet {
        path: path.display().to_string(),
        rows: 0,
    }))
}

/// Saves a list as CSV or `.xlsx`. Nothing is asked when the list is empty: the core says so.
#[tauri::command]
pub async fn save_list<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    request: ListExportRequest,
) -> Outcome<Option<SavedSheet>> {
    let format = request.format;
    let export = state
        .with_store(move |store| store.export_list(&request))
        .await?;
    let ask = format_filter(Ask::save("Export the list", &export.file_name), format);
    let Some(path) = file_dialog::ask(&app, &state.data_dir, ask).await? else {
        return Ok(None);
    };
    plenary_core::portable::write_whole(&path, &export.bytes)?;
    Ok(Some(SavedSheet {
        path: path.display().to_string(),
        rows: export.rows,
    }))
}
