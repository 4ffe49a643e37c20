//! The main window, made once the data folder has had a moment to open, so that it is given the
//! first screen with the page: its first frame shows the dashboard instead of an empty frame
//! waiting on a request.

use std::time::Duration;

use tauri::{Runtime, WebviewWindowBuilder};

use crate::commands::overview::{FirstScreen, first_screen_within};
use crate::desktop::MAIN_WINDOW;
use crate::state::AppState;

/// How long the window waits for the data folder before it is made without the first screen.
/// An existing folder opens and reads its dashboard in a few tens of milliseconds; a new folder's
/// schema or a migration may take longer, and the window then asks once it has loaded.
#[cfg(not(feature = "test-seams"))]
const FIRST_SCREEN_WAIT: Duration = Duration::from_millis(250);
/// The end-to-end tests' build (unoptimised, on a loaded machine) waits as long as it takes, so
/// that what the window shows first does not depend on the machine's speed.
#[cfg(feature = "test-seams")]
const FIRST_SCREEN_WAIT: Duration = Duration::from_secs(10);

/// Makes the main window from its configuration, with the first screen when it could be read in
/// time.
pub fn open_main_window<R: Runtime>(app: &tauri::App<R>, state: &AppState) -> tauri::Result<()> {
    let config = app
        .config()
        .app
        .windows
        .iter()
        .find(|window| window.label == MAIN_WINDOW)
        .expect("tauri.conf.json configures the main window")
        .clone();
    let mut window = WebviewWindowBuilder::from_config(app.handle(), &config)?;
    if let Some(script) = first_screen_within(state, FIRST_SCREEN_WAIT)
        .as_ref()
        .and_then(first_screen_script)
    {
        window = window.initialization_script(script);
    }
    window.build()?;
    Ok(())
}

/// The script run before the page: it leaves the first screen's JSON text where `ui/src/main.ts`
/// takes it. A JSON string is also a JavaScript string literal, so the text goes in escaped as
/// one, and the page parses it (no record's text is ever read as code).
pub fn first_screen_script(screen: &FirstScreen) -> Option<String> {
    let text = serde_json::to_string(screen).ok()?;
    let literal = serde_json::to_string(&text).ok()?;
    Some(format!(
        "Object.defineProperty(window, \"__PLENARY_FIRST_SCREEN__\", {{ value: {literal} }});"
    ))
}
