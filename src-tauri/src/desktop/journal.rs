//! The log file in the data folder (`logs/plenary.log`): one line per event, rotated by size
//! (the current file and [`KEPT`] older ones). Lines say what failed and how — the command, the
//! error's kind, the fields in error — and never carry what a person typed or stored: no names,
//! no messages built from records, no travel details.

use std::fs::{self, File, OpenOptions};
use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use plenary_core::CoreError;

/// A file grows to this size before it is rotated.
pub const MAX_BYTES: u64 = 1024 * 1024;
/// Older files kept beside the current one (`plenary.1.log` … `plenary.3.log`).
pub const KEPT: usize = 3;
pub const FILE_NAME: &str = "plenary.log";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Level {
    Error,
    Warn,
    Info,
}

impl Level {
    fn as_str(self) -> &'static str {
        match self {
            Level::Error => "ERROR",
            Level::Warn => "WARN",
            Level::Info => "INFO",
        }
    }
}

pub struct Journal {
    /// `None`: lines go to standard error only (a data folder Plenary must not write to).
    dir: Option<PathBuf>,
    max_bytes: u64,
    file: Mutex<Option<File>>,
}

impl Journal {
    /// The journal in `<data folder>/logs`. When the folder cannot be written, lines go to
    /// standard error instead.
    pub fn open(data_dir: &Path) -> Self {
        Self::with_limit(data_dir.join("logs"), MAX_BYTES)
    }

    pub fn with_limit(dir: PathBuf, max_bytes: u64) -> Self {
        Journal {
            dir: Some(dir),
            max_bytes,
            file: Mutex::new(None),
        }
    }

    /// A journal that writes nothing to the data folder: for a folder Plenary could not open
    /// (one written by a newer Plenary is left exactly as it was).
    pub fn to_stderr() -> Self {
        Journal {
            dir: None,
            max_bytes: MAX_BYTES,
            file: Mutex::new(None),
        }
    }

    /// The current log file (`None` when logging to standard error only).
    pub fn path(&self) -> Option<PathBuf> {
        self.dir.as_ref().map(|dir| dir.join(FILE_NAME))
    }

    fn rotated(&self, dir: &Path, n: usize) -> PathBuf {
        dir.join(format!("plenary.{n}.log"))
    }

    /// Appends one line: time (UTC), level, and the event's words.
    pub fn write(&self, level: Level, event: &str) {
        let line = format!(
            "{} {} {}\n",
            jiff::Timestamp::now().strftime("%Y-%m-%dT%H:%M:%SZ"),
            level.as_str(),
            event.replace(['\n', '\r'], " ")
        );
        let mut file = self.file.lock().unwrap_or_else(|p| p.into_inner());
        if let Err(error) = self.append(&mut file, &line) {
            *file = None;
            eprint!("plenary (log file unavailable: {error}): {line}");
        }
    }

    fn append(&self, file: &mut Option<File>, line: &str) -> std::io::Result<()> {
        let Some(dir) = &self.dir else {
            eprint!("plenary: {line}");
            return Ok(());
        };
        let path = dir.join(FILE_NAME);
        let open = || OpenOptions::new().create(true).append(true).open(&path);
        if file.is_none() {
            fs::create_dir_all(dir)?;
            *file = Some(open()?);
        }
        let current = file.as_mut().expect("opened above");
        if current.metadata()?.len() + line.len() as u64 > self.max_bytes {
            *file = None;
            for n in (1..KEPT).rev() {
                let from = self.rotated(dir, n);
                if from.exists() {
                    fs::rename(&from, self.rotated(dir, n + 1))?;
                }
            }
            fs::rename(&path, self.rotated(dir, 1))?;
            *file = Some(open()?);
        }
        file.as_mut()
            .expect("opened above")
            .write_all(line.as_bytes())
    }

    /// A command's failure: its name, the error's kind and, for refused input, which fields
    /// (never their values or the message, which may quote them).
    pub fn command_failed(&self, command: &str, error: &CoreError) {
        let (level, detail) = match error {
            CoreError::Validation(fields) => (
                Level::Warn,
                format!(
                    "kind=validation fields={}",
                    fields
                        .iter()
                        .map(|f| f.field.as_str())
                        .collect::<Vec<_>>()
                        .join(",")
                ),
            ),
            CoreError::NotFound { entity } => {
                (Level::Warn, format!("kind=not_found entity={entity}"))
            }
            CoreError::Conflict { entity } => {
                (Level::Warn, format!("kind=conflict entity={entity}"))
            }
            CoreError::InUse(_) => (Level::Warn, "kind=in_use".to_owned()),
            CoreError::SchemaTooNew { .. } => (Level::Error, "kind=schema_too_new".to_owned()),
            CoreError::Exchange(_) => (Level::Error, "kind=exchange".to_owned()),
            // The reason may name the person's files: the kind only.
            CoreError::Refused(_) => (Level::Warn, "kind=refused".to_owned()),
            CoreError::Cancelled => (Level::Info, "kind=cancelled".to_owned()),
            // Storage reasons come from SQLite and the file system, never from records.
            CoreError::Storage(reason) => (Level::Error, format!("kind=storage reason={reason:?}")),
        };
        self.write(level, &format!("command={command} {detail}"));
    }

    /// The last `count` warnings and errors, oldest first, from the current file and the ones
    /// rotated before it.
    pub fn last_problems(&self, count: usize) -> Vec<String> {
        let Some(dir) = &self.dir else {
            return Vec::new();
        };
        let mut files: Vec<PathBuf> = (1..=KEPT).rev().map(|n| self.rotated(dir, n)).collect();
        files.push(dir.join(FILE_NAME));
        let mut lines = Vec::new();
        for path in files {
            let Ok(file) = File::open(&path) else {
                continue;
            };
            lines.extend(
                BufReader::new(file)
                    .lines()
                    .map_while(Result::ok)
                    .filter(|line| line.contains(" ERROR ") || line.contains(" WARN ")),
            );
        }
        let skip = lines.len().saturating_sub(count);
        lines.split_off(skip)
    }
}

/// The name of the command a closure was written in: `meetings::create_meeting` for a closure
/// inside `plenary_lib::commands::meetings::create_meeting`.
pub fn command_name<F>() -> String {
    let full = std::any::type_name::<F>();
    let path = full.split("::{{closure}}").next().unwrap_or(full);
    path.strip_prefix("plenary_lib::commands::")
        .unwrap_or(path)
        .to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rotates_by_size_and_keeps_three_older_files() {
        let dir = tempfile::tempdir().unwrap();
        let journal = Journal::with_limit(dir.path().join("logs"), 200);
        for n in 0..40 {
            journal.write(Level::Error, &format!("command=test n={n:02}"));
        }
        let names: Vec<String> = {
            let mut names: Vec<String> = fs::read_dir(dir.path().join("logs"))
                .unwrap()
                .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
                .collect();
            names.sort();
            names
        };
        assert_eq!(
            names,
            [
                "plenary.1.log",
                "plenary.2.log",
                "plenary.3.log",
                "plenary.log"
            ]
        );
        for name in &names {
            assert!(
                fs::metadata(dir.path().join("logs").join(name))
                    .unwrap()
                    .len()
                    <= 200
            );
        }
        let last = journal.last_problems(5);
        assert_eq!(last.len(), 5);
        assert!(last[4].ends_with("ERROR command=test n=39"), "{last:?}");
        assert!(last[0].ends_with("n=35"), "{last:?}");
        // A line never spans two lines in the file.
        journal.write(Level::Warn, "one\nline");
        assert!(journal.last_problems(1)[0].ends_with("WARN one line"));
    }
}
