//! How WebKitGTK draws the window on Linux.
//!
//! WebKit (2.46 and later) composites the page's layers with OpenGL and paints them with Skia
//! through OpenGL. On a computer without a graphics device it can use (a virtual machine, a
//! remote or virtual desktop, a server), Mesa then runs OpenGL on the processor (llvmpipe), which
//! costs both time and memory. So where no graphics device is present, WebKit is told to paint on
//! the processor and to draw the page without compositing layers:
//!
//! - Painting on the processor: two frames of an unchanged window took 21–27 ms instead of 53–57.
//! - Without compositing, measured on a decade's data folder in one run: the web process's memory
//!   is 57 MiB less (the OpenGL buffers and Mesa's compiled shaders), and a click on the dashboard
//!   is painted in 42 ms instead of 112, on Meetings in 61–66 ms instead of 110.
//!
//! WebKit's snapshots (WebDriver's screenshots) then wait for the window's next paint: the
//! end-to-end harness keeps the page painting while it takes one. A person's own setting of
//! either variable is always left as it is.

use std::ffi::OsStr;
use std::path::Path;

/// The variable that has WebKitGTK's Skia paint on the processor.
pub const CPU_RENDERING: &str = "WEBKIT_SKIA_ENABLE_CPU_RENDERING";
/// The variable that has WebKitGTK draw the page without compositing layers (no OpenGL).
pub const NO_COMPOSITING: &str = "WEBKIT_DISABLE_COMPOSITING_MODE";

/// Whether OpenGL here can only run on the processor: no device node under `dri_dir`
/// (`/dev/dri`: `card0`, `renderD128`, …), or Mesa told to use software (`LIBGL_ALWAYS_SOFTWARE`
/// set to anything but `0` or `false`).
pub fn software_only(dri_dir: &Path, libgl_always_software: Option<&OsStr>) -> bool {
    let forced =
        libgl_always_software.is_some_and(|v| !matches!(v.to_str(), Some("" | "0" | "false")));
    let device = std::fs::read_dir(dri_dir).is_ok_and(|entries| {
        entries.flatten().any(|entry| {
            let name = entry.file_name();
            let name = name.to_string_lossy();
            name.starts_with("card") || name.starts_with("renderD")
        })
    });
    forced || !device
}

/// The variables to set before WebKit starts: where OpenGL is software only, painting on the
/// processor and no compositing, each unless `already_set` says the person set it (to anything).
pub fn rendering_choice(
    dri_dir: &Path,
    libgl_always_software: Option<&OsStr>,
    already_set: impl Fn(&str) -> bool,
) -> Vec<(&'static str, &'static str)> {
    if !software_only(dri_dir, libgl_always_software) {
        return Vec::new();
    }
    [(CPU_RENDERING, "1"), (NO_COMPOSITING, "1")]
        .into_iter()
        .filter(|(variable, _)| !already_set(variable))
        .collect()
}

/// [`rendering_choice`] for this computer.
pub fn rendering_choice_here() -> Vec<(&'static str, &'static str)> {
    if !cfg!(target_os = "linux") {
        return Vec::new();
    }
    rendering_choice(
        Path::new("/dev/dri"),
        std::env::var_os("LIBGL_ALWAYS_SOFTWARE").as_deref(),
        |variable| std::env::var_os(variable).is_some(),
    )
}

/// How the web view paints, for the diagnostics.
pub fn painting_here() -> &'static str {
    let on = |variable| std::env::var_os(variable).is_some_and(|value| value != "0");
    match (on(CPU_RENDERING), on(NO_COMPOSITING)) {
        (true, true) => "on the processor, without compositing (no graphics device, or chosen)",
        (true, false) => "on the processor (chosen)",
        (false, true) => "with OpenGL, without compositing (chosen)",
        (false, false) => "with OpenGL",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dri(entries: &[&str]) -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        for name in entries {
            std::fs::write(dir.path().join(name), b"").unwrap();
        }
        dir
    }

    const NOTHING_SET: fn(&str) -> bool = |_| false;
    const BOTH: [(&str, &str); 2] = [(CPU_RENDERING, "1"), (NO_COMPOSITING, "1")];

    #[test]
    fn a_graphics_device_keeps_opengl() {
        for device in ["card0", "renderD128"] {
            let dir = dri(&["by-path", device]);
            assert!(!software_only(dir.path(), None), "{device}");
            assert!(
                rendering_choice(dir.path(), None, NOTHING_SET).is_empty(),
                "{device}"
            );
        }
    }

    #[test]
    fn no_graphics_device_paints_on_the_processor_without_compositing() {
        let missing = tempfile::tempdir().unwrap().path().join("dri");
        assert_eq!(rendering_choice(&missing, None, NOTHING_SET), BOTH);
        let empty = dri(&["by-path"]);
        assert_eq!(rendering_choice(empty.path(), None, NOTHING_SET), BOTH);
    }

    #[test]
    fn software_opengl_asked_for_paints_on_the_processor() {
        let dir = dri(&["renderD128"]);
        assert!(software_only(dir.path(), Some(OsStr::new("1"))));
        assert!(software_only(dir.path(), Some(OsStr::new("true"))));
        assert!(!software_only(dir.path(), Some(OsStr::new("0"))));
        assert!(!software_only(dir.path(), Some(OsStr::new("false"))));
        assert_eq!(
            rendering_choice(dir.path(), Some(OsStr::new("1")), NOTHING_SET),
            BOTH
        );
    }

    #[test]
    fn a_setting_already_made_is_kept() {
        let missing = tempfile::tempdir().unwrap().path().join("dri");
        assert_eq!(
            rendering_choice(&missing, None, |variable| variable == NO_COMPOSITING),
            [(CPU_RENDERING, "1")]
        );
        assert_eq!(
            rendering_choice(&missing, None, |variable| variable == CPU_RENDERING),
            [(NO_COMPOSITING, "1")]
        );
        assert!(rendering_choice(&missing, None, |_| true).is_empty());
    }
}
