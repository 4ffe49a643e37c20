//! How WebKitGTK draws the window on Linux.
//!
//! WebKit (2.46 and later) paints the page's layers with Skia through OpenGL. On a computer
//! without a graphics device it can use (a virtual machine, a remote or virtual desktop, a
//! server), Mesa then runs OpenGL on the processor, and two frames of an unchanged window took
//! 53–57 ms there, against 21–27 ms with Skia painting on the processor itself: every click
//! waits for frames like these. So where no graphics device is present, WebKit is told to paint
//! on the processor. (Turning compositing off altogether was quicker still, 10–11 ms, but then
//! WebKit's snapshots of an idle window never completed.) A person's own setting of the variable
//! is always left as it is.

use std::ffi::OsStr;
use std::path::Path;

/// The variable WebKitGTK reads when it starts.
pub const CPU_RENDERING: &str = "WEBKIT_SKIA_ENABLE_CPU_RENDERING";

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

/// The variable to set before WebKit starts, if any: painting on the processor where OpenGL is
/// software only, unless the variable is already set (to anything).
pub fn rendering_choice(
    dri_dir: &Path,
    libgl_always_software: Option<&OsStr>,
    already_set: Option<&OsStr>,
) -> Option<(&'static str, &'static str)> {
    (already_set.is_none() && software_only(dri_dir, libgl_always_software))
        .then_some((CPU_RENDERING, "1"))
}

/// [`rendering_choice`] for this computer.
pub fn rendering_choice_here() -> Option<(&'static str, &'static str)> {
    if !cfg!(target_os = "linux") {
        return None;
    }
    rendering_choice(
        Path::new("/dev/dri"),
        std::env::var_os("LIBGL_ALWAYS_SOFTWARE").as_deref(),
        std::env::var_os(CPU_RENDERING).as_deref(),
    )
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

    #[test]
    fn a_graphics_device_keeps_opengl() {
        for device in ["card0", "renderD128"] {
            let dir = dri(&["by-path", device]);
            assert!(!software_only(dir.path(), None), "{device}");
            assert_eq!(rendering_choice(dir.path(), None, None), None, "{device}");
        }
    }

    #[test]
    fn no_graphics_device_paints_on_the_processor() {
        let missing = tempfile::tempdir().unwrap().path().join("dri");
        assert_eq!(
            rendering_choice(&missing, None, None),
            Some((CPU_RENDERING, "1"))
        );
        let empty = dri(&["by-path"]);
        assert_eq!(
            rendering_choice(empty.path(), None, None),
            Some((CPU_RENDERING, "1"))
        );
    }

    #[test]
    fn software_opengl_asked_for_paints_on_the_processor() {
        let dir = dri(&["renderD128"]);
        assert!(software_only(dir.path(), Some(OsStr::new("1"))));
        assert!(software_only(dir.path(), Some(OsStr::new("true"))));
        assert!(!software_only(dir.path(), Some(OsStr::new("0"))));
        assert!(!software_only(dir.path(), Some(OsStr::new("false"))));
    }

    #[test]
    fn a_setting_already_made_is_kept() {
        let missing = tempfile::tempdir().unwrap().path().join("dri");
        assert_eq!(
            rendering_choice(&missing, None, Some(OsStr::new("0"))),
            None
        );
        assert_eq!(
            rendering_choice(&missing, None, Some(OsStr::new("1"))),
            None
        );
    }
}
