//! How this laptop's window looks and where it stood: `<data folder>/window.json`. Kept apart
//! from the database so the window can take its theme and place before the database opens, and
//! so a fresh data folder (as every end-to-end test uses) starts with the defaults.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use ts_rs::TS;

pub const FILE_NAME: &str = "window.json";

/// Light or dark, or as the operating system says.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Theme {
    #[default]
    System,
    Light,
    Dark,
}

impl Theme {
    fn as_str(self) -> &'static str {
        match self {
            Theme::System => "system",
            Theme::Light => "light",
            Theme::Dark => "dark",
        }
    }
}

/// The window's place and size in physical pixels, and whether it was maximised.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Geometry {
    pub x: i32,
    pub y: i32,
    pub width: u32,
    pub height: u32,
    pub maximized: bool,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct WindowPrefs {
    #[serde(default)]
    pub theme: Theme,
    #[serde(default)]
    pub geometry: Option<Geometry>,
}

pub fn path(data_dir: &Path) -> PathBuf {
    data_dir.join(FILE_NAME)
}

impl WindowPrefs {
    /// What was saved, or the defaults when nothing was (or the file cannot be read).
    pub fn load(data_dir: &Path) -> Self {
        std::fs::read(path(data_dir))
            .ok()
            .and_then(|bytes| serde_json::from_slice(&bytes).ok())
            .unwrap_or_default()
    }

    /// Writes the file aside and renames it into place, so a crash never leaves half a file.
    pub fn save(&self, data_dir: &Path) -> std::io::Result<()> {
        std::fs::create_dir_all(data_dir)?;
        let aside = data_dir.join(format!("{FILE_NAME}.tmp"));
        std::fs::write(&aside, serde_json::to_vec_pretty(self)?)?;
        std::fs::rename(aside, path(data_dir))
    }

    /// Changes one part of the saved file, keeping the rest as it is on disk.
    pub fn update(data_dir: &Path, change: impl FnOnce(&mut WindowPrefs)) -> std::io::Result<()> {
        let mut prefs = Self::load(data_dir);
        change(&mut prefs);
        prefs.save(data_dir)
    }
}

/// The script the window runs before the page: it sets `data-theme` on the root element to the
/// theme in force (resolving "system" with the OS's setting), so the first paint already has the
/// right colours. The UI keeps it in step afterwards (`ui/src/lib/theme.ts`).
pub fn theme_script(theme: Theme) -> String {
    format!(
        "(function () {{ var choice = \"{}\"; var root = document.documentElement; \
         root.dataset.themeChoice = choice; \
         var theme = choice === \"system\" \
           ? (window.matchMedia(\"(prefers-color-scheme: dark)\").matches ? \"dark\" : \"light\") \
           : choice; \
         root.dataset.theme = theme; root.style.colorScheme = theme; }})();",
        theme.as_str()
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn saved_and_read_back_and_defaults_when_missing_or_broken() {
        let dir = tempfile::tempdir().unwrap();
        assert_eq!(WindowPrefs::load(dir.path()), WindowPrefs::default());
        WindowPrefs::update(dir.path(), |p| p.theme = Theme::Dark).unwrap();
        let geometry = Geometry {
            x: -20,
            y: 40,
            width: 1300,
            height: 700,
            maximized: false,
        };
        WindowPrefs::update(dir.path(), |p| p.geometry = Some(geometry)).unwrap();
        let read = WindowPrefs::load(dir.path());
        assert_eq!(read.theme, Theme::Dark);
        assert_eq!(read.geometry, Some(geometry));
        std::fs::write(path(dir.path()), "{ not json").unwrap();
        assert_eq!(WindowPrefs::load(dir.path()), WindowPrefs::default());
    }

    #[test]
    fn the_start_script_names_only_a_known_theme() {
        assert!(theme_script(Theme::Dark).contains("var choice = \"dark\""));
        assert!(theme_script(Theme::System).contains("prefers-color-scheme: dark"));
    }
}
