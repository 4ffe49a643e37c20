//! A data folder carried out of and back into Plenary: backups (a consistent snapshot of the
//! database and the stored files, with a manifest of checksums) and the full export (versioned
//! JSON beside a folder of the stored files). Each is long work: it reports progress and can be
//! cancelled, and a cancelled or refused operation leaves nothing half-done.
//!
//! The formats are described in `docs/backups-and-export.md`.

mod backup;
mod export;

pub use backup::{BACKUP_EXTENSION, BACKUP_FORMAT_VERSION, backup_file_name, prune_backups};
pub use backup::{BackupManifest, BackupSnapshot, BackupSummary, ManifestFile, RestoreSummary};
pub use export::{EXPORT_FORMAT_VERSION, ExportSummary, ImportSummary, documents_folder_for};

use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};

use serde::Serialize;
use sha2::{Digest, Sha256};

use crate::error::{CoreError, Result};

/// How far a long piece of work has come, for a progress bar.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Progress {
    /// What is being done, in a few words ("Copying the database").
    pub step: String,
    /// Done so far and the whole, in the step's own units (bytes, pages, rows).
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub done: u64,
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub total: u64,
}

static NEVER: AtomicBool = AtomicBool::new(false);

/// The watcher of a long piece of work: where progress goes and the flag that cancels it.
#[derive(Clone, Copy)]
pub struct Work<'a> {
    cancel: &'a AtomicBool,
    report: &'a (dyn Fn(&Progress) + Sync),
}

impl<'a> Work<'a> {
    pub fn new(cancel: &'a AtomicBool, report: &'a (dyn Fn(&Progress) + Sync)) -> Self {
        Work { cancel, report }
    }

    /// Work nobody watches or cancels.
    pub fn quiet() -> Work<'static> {
        Work {
            cancel: &NEVER,
            report: &|_| {},
        }
    }

    /// Fails with [`CoreError::Cancelled`] once the person asked to stop.
    pub fn check(&self) -> Result<()> {
        if self.cancel.load(Ordering::Relaxed) {
            Err(CoreError::Cancelled)
        } else {
            Ok(())
        }
    }

    pub fn report(&self, step: &str, done: u64, total: u64) {
        (self.report)(&Progress {
            step: step.to_owned(),
            done,
            total,
        });
    }
}

/// Copies `from` into `to`, hashing what passes, checking for cancellation and reporting
/// progress (in bytes, counted from `base` of `total`). Returns the bytes and their SHA-256.
pub(crate) fn copy_hashed(
    from: &mut impl Read,
    to: &mut impl Write,
    work: &Work<'_>,
    step: &str,
    base: u64,
    total: u64,
) -> std::io::Result<(u64, String)> {
    let mut hasher = Sha256::new();
    let mut buffer = vec![0u8; 256 * 1024];
    let mut copied = 0u64;
    loop {
        if work.check().is_err() {
            return Err(std::io::Error::new(
                std::io::ErrorKind::Interrupted,
                CANCELLED,
            ));
        }
        let read = match from.read(&mut buffer) {
            Ok(0) => break,
            Ok(read) => read,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        hasher.update(&buffer[..read]);
        to.write_all(&buffer[..read])?;
        copied += read as u64;
        work.report(step, base + copied, total);
    }
    Ok((copied, format!("{:x}", hasher.finalize())))
}

const CANCELLED: &str = "cancelled";

/// An IO failure while writing `what` as a message for people; a cancellation stays one.
pub(crate) fn write_failed(what: &Path) -> impl Fn(std::io::Error) -> CoreError + '_ {
    move |e| {
        if e.kind() == std::io::ErrorKind::Interrupted && e.to_string() == CANCELLED {
            return CoreError::Cancelled;
        }
        CoreError::Refused(format!(
            "Plenary could not write {} ({}). Nothing was changed: choose a folder you may write \
             to, with enough free space.",
            what.display(),
            io_reason(&e)
        ))
    }
}

/// The reason of an IO error in words, without the OS's error number.
pub fn io_reason(error: &std::io::Error) -> String {
    match error.kind() {
        std::io::ErrorKind::PermissionDenied => "the folder may not be written to".to_owned(),
        std::io::ErrorKind::ReadOnlyFilesystem => "the disk is read-only".to_owned(),
        std::io::ErrorKind::StorageFull => "the disk is full".to_owned(),
        std::io::ErrorKind::NotFound => "the folder does not exist".to_owned(),
        _ => {
            let text = error.to_string();
            text.split(" (os error").next().unwrap_or(&text).to_owned()
        }
    }
}

/// A file or folder that is removed when dropped, unless kept: what cancelled or failed work
/// leaves behind is never seen.
pub(crate) struct Scratch {
    path: PathBuf,
    keep: bool,
}

impl Scratch {
    pub(crate) fn new(path: PathBuf) -> Self {
        Scratch { path, keep: false }
    }

    pub(crate) fn path(&self) -> &Path {
        &self.path
    }

    pub(crate) fn keep(mut self) -> PathBuf {
        self.keep = true;
        std::mem::take(&mut self.path)
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        if self.keep {
            return;
        }
        if self.path.is_dir() {
            let _ = std::fs::remove_dir_all(&self.path);
        } else {
            let _ = std::fs::remove_file(&self.path);
        }
    }
}

/// A hidden name beside `path` for work under way (same folder, so a rename finishes it).
pub(crate) fn beside(path: &Path, purpose: &str) -> PathBuf {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    path.with_file_name(format!(".{name}.{purpose}-{}", uuid::Uuid::now_v7()))
}

/// Writes `bytes` to `path` whole or not at all: under a hidden name beside it, flushed, then
/// renamed over it (a crash or a full disk never leaves half a file).
pub fn write_whole(path: &Path, bytes: &[u8]) -> Result<()> {
    let scratch = Scratch::new(beside(path, "part"));
    let mut file = std::fs::File::create(scratch.path()).map_err(write_failed(path))?;
    std::io::Write::write_all(&mut file, bytes).map_err(write_failed(path))?;
    finish(file, scratch, path)
}

/// Flushes a finished file to disk and gives it its final name.
pub(crate) fn finish(file: std::fs::File, from: Scratch, to: &Path) -> Result<()> {
    file.sync_all().map_err(write_failed(to))?;
    drop(file);
    std::fs::rename(from.path(), to).map_err(write_failed(to))?;
    from.keep();
    Ok(())
}

#[cfg(test)]
mod tests;
