// Keeps a console window from opening next to the app on Windows release builds.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

fn main() {
    paint_on_the_processor_where_needed();
    // `plenary hub …`, `plenary join …` and `plenary exchange …` run without a window.
    if let Some(status) = plenary_lib::cli::run(std::env::args_os().skip(1).collect(), || {
        dirs::data_dir().map(|dir| dir.join(plenary_lib::IDENTIFIER))
    }) {
        std::process::exit(status);
    }
    plenary_lib::run();
}

/// WebKit reads how to paint from the environment it is started with (see `desktop::rendering`),
/// so the variables are set here, first of all. (Starting Plenary again with them set instead
/// cost about 170 ms: every shared library loaded twice.)
#[allow(unsafe_code)]
fn paint_on_the_processor_where_needed() {
    for (variable, value) in plenary_lib::desktop::rendering::rendering_choice_here() {
        // SAFETY: this runs first in `main`, before any other thread exists, so nothing reads
        // the environment while it changes.
        unsafe { std::env::set_var(variable, value) };
    }
}
