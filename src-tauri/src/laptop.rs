//! Settings that belong to this laptop rather than to the office's data, kept in
//! `<data folder>/this-laptop.json` beside the database (so a restore or an import, which replace
//! the database, leave them as they are): the folder last chosen in a file dialog, where the
//! automatic backups go, how many are kept, and how the last one went.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

const FILE: &str = "this-laptop.json";
/// Automatic backups kept when Settings says nothing else.
pub const DEFAULT_KEEP: u32 = 14;

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Laptop {
    pub last_folder: Option<String>,
    pub backup_folder: Option<String>,
    pub backup_keep: Option<u32>,
    /// The local day (`2026-11-30`) of the last automatic backup that was attempted.
    pub last_automatic_day: Option<String>,
    /// What became of it: where it was written, or why it failed.
    pub last_automatic_result: Option<String>,
    pub last_automatic_failed: bool,
}

impl Laptop {
    /// The settings, or the defaults when there are none (or they cannot be read).
    pub fn load(data_dir: &Path) -> Laptop {
        std::fs::read(data_dir.join(FILE))
            .ok()
            .and_then(|bytes| serde_json::from_slice(&bytes).ok())
            .unwrap_or_default()
    }

    /// Written aside and renamed, so a crash never leaves half a file.
    pub fn save(&self, data_dir: &Path) -> Result<(), plenary_core::CoreError> {
        plenary_core::portable::write_whole(
            &data_dir.join(FILE),
            &serde_json::to_vec_pretty(self).unwrap_or_default(),
        )
    }

    /// Where automatic backups go: the folder chosen in Settings, else `<data folder>/backups`.
    pub fn backup_folder(&self, data_dir: &Path) -> PathBuf {
        self.backup_folder
            .as_ref()
            .map(PathBuf::from)
            .unwrap_or_else(|| data_dir.join("backups"))
    }

    pub fn backup_keep(&self) -> u32 {
        self.backup_keep.unwrap_or(DEFAULT_KEEP)
    }
}
