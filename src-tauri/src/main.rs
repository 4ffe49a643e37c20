// Keeps a console window from opening next to the app on Windows release builds.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

fn main() {
    // `plenary hub …`, `plenary join …` and `plenary exchange …` run without a window.
    if let Some(status) = plenary_lib::cli::run(std::env::args_os().skip(1).collect(), || {
        dirs::data_dir().map(|dir| dir.join(plenary_lib::IDENTIFIER))
    }) {
        std::process::exit(status);
    }
    plenary_lib::run();
}
