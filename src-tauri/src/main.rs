// Keeps a console window from opening next to the app on Windows release builds.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

fn main() {
    // `plenary hub …`, `plenary join …` and `plenary exchange …` run without a window.
    if let Some(status) = plenary_lib::cli::run(std::env::args_os().skip(1).collect(), || {
        dirs::data_dir().map(|dir| dir.join(plenary_lib::IDENTIFIER))
    }) {
        std::process::exit(status);
    }
    paint_on_the_processor_where_needed();
    plenary_lib::run();
}

/// WebKit reads how to draw from the environment as it starts (see `desktop::rendering`). A
/// process may not safely change its own environment, so Plenary starts itself again in its
/// place (same process, same arguments) with the variable set; if that fails it goes on as is.
fn paint_on_the_processor_where_needed() {
    #[cfg(target_os = "linux")]
    if let Some((variable, value)) = plenary_lib::desktop::rendering::rendering_choice_here()
        && let Ok(exe) = std::env::current_exe()
    {
        use std::os::unix::process::CommandExt;
        let error = std::process::Command::new(exe)
            .args(std::env::args_os().skip(1))
            .env(variable, value)
            .exec();
        eprintln!("plenary: could not start again with {variable}={value}: {error}");
    }
}
