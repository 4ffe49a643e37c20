//! The system's own Save and Open dialogs, opened by the shell's commands: the web view never
//! names a file path. Each command says what it asks for ([`Ask`]) and gets the chosen path, or
//! `None` when the person cancelled. The folder last chosen is remembered on this laptop and
//! offered next time (unless the command names its own, such as the backup folder).
//!
//! End-to-end tests cannot click a native dialog. A build with the `test-seams` feature (only
//! `cargo xtask test` builds the app so) answers every dialog with the path written in the file
//! that `PLENARY_TEST_DIALOG_ANSWER` names (an empty file: cancelled), and writes what was asked
//! beside it (`<file>.asked`). A normal build has no such code (a test reads the binary).

use std::path::{Path, PathBuf};

use serde::Serialize;
use tauri::{AppHandle, Manager, Runtime};

use crate::error::CommandError;
use crate::laptop::Laptop;

/// Which dialog.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    /// Choose where to write a new file (with a suggested name).
    Save,
    /// Choose an existing file.
    Open,
    /// Choose a folder.
    Folder,
}

/// What a dialog asks for.
#[derive(Debug, Clone, Serialize)]
pub struct Ask {
    pub kind: Kind,
    pub title: String,
    /// The suggested file name (Save).
    pub file_name: Option<String>,
    /// The folder to start in; else the last one used on this laptop.
    pub folder: Option<PathBuf>,
    /// (name, extensions without the dot).
    pub filters: Vec<(String, Vec<String>)>,
}

impl Ask {
    pub fn save(title: &str, file_name: &str) -> Self {
        Self::new(Kind::Save, title).named(file_name)
    }

    pub fn open(title: &str) -> Self {
        Self::new(Kind::Open, title)
    }

    pub fn folder(title: &str) -> Self {
        Self::new(Kind::Folder, title)
    }

    fn new(kind: Kind, title: &str) -> Self {
        Ask {
            kind,
            title: title.to_owned(),
            file_name: None,
            folder: None,
            filters: Vec::new(),
        }
    }

    pub fn named(mut self, file_name: &str) -> Self {
        self.file_name = Some(file_name.to_owned());
        self
    }

    /// Starts in `folder` rather than the last folder used.
    pub fn starting_in(mut self, folder: impl Into<PathBuf>) -> Self {
        self.folder = Some(folder.into());
        self
    }

    /// Offers only files ending in one of `extensions` (the first filter is the default).
    pub fn filter(mut self, name: &str, extensions: &[&str]) -> Self {
        self.filters.push((
            name.to_owned(),
            extensions.iter().map(|e| (*e).to_owned()).collect(),
        ));
        self
    }
}

/// Asks the person (or, in a test, the seam) and remembers the folder of what was chosen in the
/// data folder's per-laptop settings.
pub async fn ask<R: Runtime>(
    app: &AppHandle<R>,
    data_dir: &Path,
    mut ask: Ask,
) -> Result<Option<PathBuf>, CommandError> {
    let laptop = Laptop::load(data_dir);
    if ask.folder.is_none() {
        ask.folder = laptop
            .last_folder
            .as_ref()
            .map(PathBuf::from)
            .filter(|f| f.is_dir());
    }
    let chosen = match answer_for_tests(app, &ask) {
        Some(answer) => answer,
        None => native(app, ask.clone()).await?,
    };
    if let Some(path) = &chosen {
        let folder = if ask.kind == Kind::Folder {
            Some(path.as_path())
        } else {
            path.parent()
        };
        if let Some(folder) = folder.filter(|f| !f.as_os_str().is_empty()) {
            let mut laptop = laptop;
            laptop.last_folder = Some(folder.display().to_string());
            // Remembering is a convenience: a folder that may not be written loses only that.
            let _ = laptop.save(data_dir);
        }
    }
    Ok(chosen)
}

async fn native<R: Runtime>(app: &AppHandle<R>, ask: Ask) -> Result<Option<PathBuf>, CommandError> {
    let Some(dialog) = app.try_state::<tauri_plugin_dialog::Dialog<R>>() else {
        return Err(CommandError::internal(
            "The system's file dialog is not available in this window.",
        ));
    };
    let mut builder = dialog.file().set_title(&ask.title);
    for (name, extensions) in &ask.filters {
        let extensions: Vec<&str> = extensions.iter().map(String::as_str).collect();
        builder = builder.add_filter(name, &extensions);
    }
    if let Some(folder) = &ask.folder {
        builder = builder.set_directory(folder);
    }
    if let Some(name) = &ask.file_name {
        builder = builder.set_file_name(name);
    }
    // The blocking calls wait on a worker thread, never the main (event-loop) thread.
    let picked = tauri::async_runtime::spawn_blocking(move || match ask.kind {
        Kind::Save => builder
            .set_can_create_directories(true)
            .blocking_save_file(),
        Kind::Open => builder.blocking_pick_file(),
        Kind::Folder => builder
            .set_can_create_directories(true)
            .blocking_pick_folder(),
    })
    .await
    .map_err(|_| CommandError::internal("The file dialog closed unexpectedly."))?;
    Ok(picked.and_then(|path| path.into_path().ok()))
}

/// Unit tests on the mock runtime answer dialogs through this state, in order, and can read what
/// each dialog asked; a dialog no answer waits for is cancelled.
#[cfg(test)]
#[derive(Default)]
pub struct TestAnswers {
    pub answers: std::sync::Mutex<std::collections::VecDeque<Option<PathBuf>>>,
    pub asked: std::sync::Mutex<Vec<Ask>>,
}

#[cfg(test)]
fn answer_for_tests<R: Runtime>(app: &AppHandle<R>, ask: &Ask) -> Option<Option<PathBuf>> {
    let Some(answers) = app.try_state::<TestAnswers>() else {
        return Some(None);
    };
    answers.asked.lock().unwrap().push(ask.clone());
    Some(answers.answers.lock().unwrap().pop_front().flatten())
}

#[cfg(all(not(test), feature = "test-seams"))]
fn answer_for_tests<R: Runtime>(_app: &AppHandle<R>, ask: &Ask) -> Option<Option<PathBuf>> {
    let file = PathBuf::from(std::env::var_os("PLENARY_TEST_DIALOG_ANSWER")?);
    let mut asked = file.as_os_str().to_owned();
    asked.push(".asked");
    let _ = std::fs::write(asked, serde_json::to_vec(ask).unwrap_or_default());
    let text = std::fs::read_to_string(&file).unwrap_or_default();
    let line = text.trim();
    Some((!line.is_empty()).then(|| PathBuf::from(line)))
}

#[cfg(all(not(test), not(feature = "test-seams")))]
fn answer_for_tests<R: Runtime>(_app: &AppHandle<R>, _ask: &Ask) -> Option<Option<PathBuf>> {
    None
}
