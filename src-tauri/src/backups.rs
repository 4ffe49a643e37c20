//! Long work on the whole data folder (backups, restore, the full export and its import) as the
//! window and the command line run it: one at a time, with its progress and a Stop; and the
//! automatic backup on the first start of each day.

use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};

use plenary_core::portable::{Progress, Work, backup_file_name, prune_backups};
use plenary_core::{CoreError, Store};

use crate::error::CommandError;
use crate::laptop::Laptop;

/// What the automatic backups are called: `plenary-daily-<date>-<time>.plenary-backup`. Only
/// these are pruned to the number kept.
pub const DAILY: &str = "daily";

/// The long work under way, if any: its progress, and the flag Stop sets.
#[derive(Default)]
pub struct LongWork {
    busy: AtomicBool,
    cancel: AtomicBool,
    progress: Mutex<Option<Progress>>,
}

/// Held while long work runs; ends it when dropped.
pub struct Busy(Arc<LongWork>);

impl Drop for Busy {
    fn drop(&mut self) {
        *self.0.progress.lock().unwrap_or_else(|p| p.into_inner()) = None;
        self.0.cancel.store(false, Ordering::SeqCst);
        self.0.busy.store(false, Ordering::SeqCst);
    }
}

impl LongWork {
    /// Starts long work, or refuses while another runs.
    pub fn begin(self: &Arc<Self>) -> Result<Busy, CommandError> {
        if self.busy.swap(true, Ordering::SeqCst) {
            return Err(CoreError::Refused(
                "Another backup, restore, export or import is under way. Wait for it to finish \
                 or stop it first."
                    .to_owned(),
            )
            .into());
        }
        self.cancel.store(false, Ordering::SeqCst);
        Ok(Busy(self.clone()))
    }

    pub fn cancel(&self) {
        if self.busy.load(Ordering::SeqCst) {
            self.cancel.store(true, Ordering::SeqCst);
        }
    }

    pub fn progress(&self) -> Option<Progress> {
        self.progress
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .clone()
    }

    /// Runs `f` with a [`Work`] that records progress here and stops when [`LongWork::cancel`]
    /// is called.
    pub fn watch<T>(&self, f: impl FnOnce(&Work<'_>) -> T) -> T {
        let report = |p: &Progress| {
            *self.progress.lock().unwrap_or_else(|p| p.into_inner()) = Some(p.clone());
        };
        f(&Work::new(&self.cancel, &report))
    }

    /// For the command line: a Ctrl+C stops the work cleanly.
    pub fn cancel_flag(&self) -> &AtomicBool {
        &self.cancel
    }
}

/// The local date and time now.
pub fn local_now() -> jiff::civil::DateTime {
    jiff::ZonedDateTime::now().datetime()
}

/// The automatic backup, on the first start of each local day: written to the backup folder of
/// this laptop's settings, keeping the newest as many as set there. What happened is recorded
/// there too (Settings shows it). Returns whether a backup was attempted.
pub fn daily_backup(store: &Mutex<Store>, data_dir: &Path, now: jiff::civil::DateTime) -> bool {
    let mut laptop = Laptop::load(data_dir);
    let today = now.date().to_string();
    if laptop.last_automatic_day.as_deref() == Some(today.as_str()) {
        return false;
    }
    let folder = laptop.backup_folder(data_dir);
    let result = std::fs::create_dir_all(&folder)
        .map_err(|e| {
            CoreError::Refused(format!(
                "the backup folder {} could not be made ({e})",
                folder.display()
            ))
        })
        .and_then(|()| {
            // The store is held only while the database is copied; the window's requests wait
            // for that, not for the archive to be written.
            let file = folder.join(backup_file_name(DAILY, now));
            let snapshot = store
                .lock()
                .unwrap_or_else(|p| p.into_inner())
                .backup_snapshot(&file, &Work::quiet())?;
            snapshot.write(&Work::quiet())
        })
        .and_then(|summary| {
            prune_backups(&folder, DAILY, laptop.backup_keep() as usize)?;
            Ok(summary)
        });
    laptop.last_automatic_day = Some(today);
    match result {
        Ok(summary) => {
            laptop.last_automatic_result = Some(summary.path);
            laptop.last_automatic_failed = false;
        }
        Err(error) => {
            eprintln!("plenary: the automatic backup failed: {error}");
            laptop.last_automatic_result = Some(error.to_string());
            laptop.last_automatic_failed = true;
        }
    }
    let _ = laptop.save(data_dir);
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_daily_backup_runs_once_a_day_and_keeps_the_newest() {
        let dir = tempfile::tempdir().unwrap();
        let store = Mutex::new(Store::open_in(dir.path()).unwrap());
        let mut laptop = Laptop::load(dir.path());
        laptop.backup_keep = Some(2);
        laptop.save(dir.path()).unwrap();
        let day = |d: i8| jiff::civil::date(2026, 11, d).at(8, 30, 0, 0);
        assert!(daily_backup(&store, dir.path(), day(1)));
        assert!(!daily_backup(
            &store,
            dir.path(),
            day(1).saturating_add(jiff::SignedDuration::from_hours(3))
        ));
        assert!(daily_backup(&store, dir.path(), day(2)));
        assert!(daily_backup(&store, dir.path(), day(3)));
        let mut names: Vec<String> = std::fs::read_dir(dir.path().join("backups"))
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        assert_eq!(
            names,
            [
                "plenary-daily-2026-11-02-083000.plenary-backup",
                "plenary-daily-2026-11-03-083000.plenary-backup"
            ]
        );
        let laptop = Laptop::load(dir.path());
        assert_eq!(laptop.last_automatic_day.as_deref(), Some("2026-11-03"));
        assert!(!laptop.last_automatic_failed);

        // A folder that cannot be made: the failure is recorded for Settings, nothing else.
        let mut laptop = Laptop::load(dir.path());
        let blocker = dir.path().join("a-file");
        std::fs::write(&blocker, "").unwrap();
        laptop.backup_folder = Some(blocker.join("backups").display().to_string());
        laptop.save(dir.path()).unwrap();
        assert!(daily_backup(&store, dir.path(), day(4)));
        let laptop = Laptop::load(dir.path());
        assert!(laptop.last_automatic_failed);
        assert!(
            laptop
                .last_automatic_result
                .unwrap()
                .contains("could not be made")
        );
    }
}
