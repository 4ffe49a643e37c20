//! Settings → "Copy diagnostics": what a support request needs to start from — versions, the
//! operating system, the data folder, the database's schema version and the last problems from
//! the log — and nothing of what is stored in Plenary.

use std::fmt::Write;

use plenary_core::store::SCHEMA_VERSION;

use crate::state::AppState;

/// How many of the log's last warnings and errors are included.
pub const LAST_PROBLEMS: usize = 20;

/// The operating system's name as it gives it (`PRETTY_NAME` on Linux), and the architecture.
fn operating_system() -> String {
    let name = std::fs::read_to_string("/etc/os-release")
        .ok()
        .and_then(|text| {
            text.lines()
                .find_map(|line| line.strip_prefix("PRETTY_NAME="))
                .map(|name| name.trim_matches('"').to_owned())
        })
        .unwrap_or_else(|| std::env::consts::OS.to_owned());
    format!("{name} ({})", std::env::consts::ARCH)
}

/// The diagnostics as plain text.
pub fn report(state: &AppState) -> String {
    let mut text = String::new();
    let _ = writeln!(text, "Plenary {}", env!("CARGO_PKG_VERSION"));
    let _ = writeln!(text, "Operating system: {}", operating_system());
    let webview = tauri::webview_version().unwrap_or_else(|_| "unknown".to_owned());
    let _ = writeln!(text, "Web view: {webview}");
    if cfg!(target_os = "linux") {
        let painting = super::rendering::painting_here();
        let _ = writeln!(text, "Web view painting: {painting}");
    }
    let _ = writeln!(text, "Data folder: {}", state.data_dir.display());
    let schema = match state.store() {
        Ok(store) => {
            let store = store.lock().unwrap_or_else(|p| p.into_inner());
            match store.schema_version() {
                Ok(version) => {
                    format!("schema version {version} (this Plenary writes {SCHEMA_VERSION})")
                }
                Err(_) => "the schema version could not be read".to_owned(),
            }
        }
        Err(error) => format!("could not be opened (kind {})", error.kind.as_str()),
    };
    let _ = writeln!(text, "Database: {schema}");
    let journal = state.journal();
    match journal.path() {
        Some(path) => writeln!(text, "Log file: {}", path.display()),
        None => writeln!(text, "Log file: none (the data folder is not written to)"),
    }
    .ok();
    let problems = journal.last_problems(LAST_PROBLEMS);
    if problems.is_empty() {
        let _ = writeln!(text, "Last problems: none logged");
    } else {
        let _ = writeln!(text, "Last problems ({}):", problems.len());
        for line in problems {
            let _ = writeln!(text, "  {line}");
        }
    }
    text
}
