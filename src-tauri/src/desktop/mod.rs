//! At home on the desktop: one instance per data folder, the window's place and theme, reminders
//! as system notifications, the log file and the diagnostics for a support request.
//! `run` calls [`plugins`] on the builder and [`setup`] once the app state exists.

pub mod diagnostics;
pub mod journal;
pub mod prefs;
pub mod reminders;
pub mod rendering;

use std::path::Path;

use tauri::{Manager, PhysicalPosition, PhysicalSize, Runtime, WebviewWindow, WindowEvent};
use tauri_plugin_clipboard_manager::ClipboardExt;
use tauri_plugin_notification::NotificationExt;

use crate::state::AppState;
use journal::Level;
use prefs::{Geometry, WindowPrefs};

/// The main window's label (as in `tauri.conf.json`).
pub const MAIN_WINDOW: &str = "main";

/// The name a running Plenary holds for its data folder (on Linux a D-Bus name): a second start
/// on the same folder hands over to the first and exits; another folder runs on its own.
pub fn instance_id(data_dir: &Path) -> String {
    let folder = std::fs::canonicalize(data_dir).unwrap_or_else(|_| data_dir.to_owned());
    // FNV-1a: stable across builds and versions, so every Plenary finds the one running.
    let hash = folder
        .as_os_str()
        .as_encoded_bytes()
        .iter()
        .fold(0xcbf2_9ce4_8422_2325_u64, |hash, byte| {
            (hash ^ u64::from(*byte)).wrapping_mul(0x0100_0000_01b3)
        });
    format!("{}.folder_{hash:016x}", crate::IDENTIFIER)
}

/// The plugins for the desktop: single instance (first, so a second start goes no further),
/// notifications and the clipboard (used from Rust only: the window is granted none of their
/// commands), and the theme applied before the first paint.
pub fn plugins<R: Runtime>(builder: tauri::Builder<R>, data_dir: &Path) -> tauri::Builder<R> {
    let theme = WindowPrefs::load(data_dir).theme;
    builder
        .plugin(
            tauri_plugin_single_instance::Builder::new()
                .dbus_id(instance_id(data_dir))
                .callback(|app, _args, _cwd| {
                    if let Some(window) = app.get_webview_window(MAIN_WINDOW) {
                        let _ = window.unminimize();
                        let _ = window.show();
                        let _ = window.set_focus();
                    }
                    if let Some(state) = app.try_state::<AppState>() {
                        state
                            .journal()
                            .write(Level::Info, "second start: brought the window forward");
                    }
                })
                .build(),
        )
        .plugin(tauri_plugin_notification::init())
        .plugin(tauri_plugin_clipboard_manager::init())
        .plugin(
            tauri::plugin::Builder::<R>::new("plenary-theme")
                .js_init_script(prefs::theme_script(theme))
                .build(),
        )
}

/// Once the state exists: put the window where it was, keep its place, reach the clipboard, and,
/// once the data folder is open (the window does not wait for it), log the start and start the
/// reminders.
pub fn setup<R: Runtime>(app: &tauri::App<R>, state: &AppState) {
    if let Some(window) = app.get_webview_window(MAIN_WINDOW) {
        restore_geometry(&window, state);
        keep_geometry(&window, state);
    }
    let handle = app.handle().clone();
    state.set_clipboard(Box::new(move |text| {
        handle
            .clipboard()
            .write_text(text)
            .map_err(|e| e.to_string())
    }));
    let (wake, woken) = std::sync::mpsc::channel();
    state.set_reminders_wake(wake);
    let handle = app.handle().clone();
    state.when_open(move |store, journal| {
        journal.write(
            Level::Info,
            &format!("start: Plenary {}", env!("CARGO_PKG_VERSION")),
        );
        let Ok(store) = store else { return };
        reminders::check_in_background(
            store,
            journal,
            Box::new(move |reminder| {
                handle
                    .notification()
                    .builder()
                    .title(&reminder.title)
                    .body(&reminder.body)
                    .show()
                    .map_err(|e| e.to_string())
            }),
            woken,
        );
    });
}

fn restore_geometry<R: Runtime>(window: &WebviewWindow<R>, state: &AppState) {
    let Some(saved) = WindowPrefs::load(&state.data_dir).geometry else {
        return;
    };
    // Only onto a screen that is there now (a laptop away from its second monitor).
    let visible = window.available_monitors().is_ok_and(|monitors| {
        monitors.iter().any(|monitor| {
            let (at, size) = (monitor.position(), monitor.size());
            saved.x + 40 >= at.x
                && saved.y >= at.y
                && saved.x + 40 < at.x + size.width as i32
                && saved.y + 40 < at.y + size.height as i32
        })
    });
    if !visible || saved.width < 200 || saved.height < 150 {
        return;
    }
    let _ = window.set_size(PhysicalSize::new(saved.width, saved.height));
    let _ = window.set_position(PhysicalPosition::new(saved.x, saved.y));
    if saved.maximized {
        let _ = window.maximize();
    }
}

/// Saves the window's place when it closes; a maximised window keeps the place it had before.
fn keep_geometry<R: Runtime>(window: &WebviewWindow<R>, state: &AppState) {
    let data_dir = state.data_dir.clone();
    let watched = window.clone();
    window.on_window_event(move |event| {
        if !matches!(event, WindowEvent::CloseRequested { .. }) {
            return;
        }
        // A folder that could not be opened is left as it was: no window place saved in it.
        let Some(state) = watched.try_state::<AppState>() else {
            return;
        };
        if state.store().is_err() {
            return;
        }
        let journal = state.journal();
        let maximized = watched.is_maximized().unwrap_or(false);
        let (Ok(position), Ok(size)) = (watched.outer_position(), watched.inner_size()) else {
            return;
        };
        let saved = WindowPrefs::update(&data_dir, |prefs| {
            prefs.geometry = match (maximized, prefs.geometry) {
                (true, Some(before)) => Some(Geometry {
                    maximized: true,
                    ..before
                }),
                _ => Some(Geometry {
                    x: position.x,
                    y: position.y,
                    width: size.width,
                    height: size.height,
                    maximized,
                }),
            };
        });
        if let Err(error) = saved {
            journal.write(
                Level::Warn,
                &format!("window kind=save_place reason={:?}", error.kind()),
            );
        }
    });
}
