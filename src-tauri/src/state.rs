//! The app's state: the data folder and its open database.

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, OnceLock, TryLockError};
use std::time::Duration;

use plenary_core::{CoreError, Store};
use tauri::ipc::Channel;

use crate::backups::LongWork;
use crate::desktop::journal::{self, Journal, Level};
use crate::error::CommandError;
use crate::team::Team;

/// Puts text on the system clipboard (set by the window's setup; absent in tests).
pub type ClipboardWriter = Box<dyn Fn(String) -> Result<(), String> + Send + Sync>;

/// The open database, or why it could not be opened.
pub type Database = Result<Arc<Mutex<Store>>, CommandError>;

/// What opening the data folder gave: the database and the log that goes with it (a folder that
/// could not be opened is not written to, not even a log).
struct Opened {
    database: Database,
    journal: Arc<Journal>,
}

pub struct AppState {
    pub data_dir: PathBuf,
    /// The open database, or why it could not be opened (shown to the person on every request
    /// rather than failing to start, so they can read the reason in the window). Set once;
    /// whoever needs it while it is being opened waits for it.
    opened: Arc<OnceLock<Opened>>,
    /// The link to the office hub while the app runs.
    team: Arc<Team>,
    clipboard: OnceLock<ClipboardWriter>,
    /// Wakes the reminders' check (after they are turned on).
    reminders_wake: OnceLock<std::sync::mpsc::Sender<()>>,
    /// The backup, restore, export or import under way.
    work: Arc<LongWork>,
    /// Who hears of changes to the data, and the revision they last heard of.
    revision_watch: Arc<Mutex<Option<RevisionWatch>>>,
    /// Set once the thread that looks at the revision has started.
    revision_watcher: OnceLock<()>,
}

/// The window's channel for changes to the data, and the revision it was last told of.
struct RevisionWatch {
    channel: Channel<String>,
    told: String,
}

impl AppState {
    /// Opens the database in `data_dir` now.
    pub fn open(data_dir: PathBuf) -> Self {
        let state = AppState::unopened(data_dir);
        state.folder();
        state
    }

    /// Starts opening the database in `data_dir` on a thread of its own and returns at once: the
    /// window loads meanwhile (a new folder's schema, a migration or a large folder's checks no
    /// longer hold back the window), and the first request waits for the database if it must.
    pub fn open_in_background(data_dir: PathBuf) -> Self {
        let state = AppState::unopened(data_dir);
        let (cell, dir) = (state.opened.clone(), state.data_dir.clone());
        std::thread::Builder::new()
            .name("open-database".to_owned())
            .spawn(move || {
                cell.get_or_init(|| open_database(&dir));
            })
            .expect("the database could not start opening");
        state
    }

    fn unopened(data_dir: PathBuf) -> Self {
        AppState {
            data_dir,
            opened: Arc::default(),
            team: Arc::default(),
            clipboard: OnceLock::new(),
            reminders_wake: OnceLock::new(),
            work: Arc::default(),
            revision_watch: Arc::default(),
            revision_watcher: OnceLock::new(),
        }
    }

    /// The link to the office hub this app runs with (the default keeps no password between
    /// runs).
    pub fn with_team(mut self, team: Team) -> Self {
        self.team = Arc::new(team);
        self
    }

    /// The opened folder, opened here if nothing has started opening it; waits while it is
    /// opened.
    fn folder(&self) -> &Opened {
        self.opened.get_or_init(|| open_database(&self.data_dir))
    }

    /// The open store, for work that must hold it in steps (the exchange).
    pub fn store(&self) -> Result<Arc<Mutex<Store>>, CommandError> {
        self.folder().database.clone()
    }

    /// Runs `work` on a thread of its own once the folder is open, with the store (`Err` when
    /// it could not be opened) and the log.
    pub fn when_open(&self, work: impl FnOnce(Database, Arc<Journal>) + Send + 'static) {
        let (cell, dir) = (self.opened.clone(), self.data_dir.clone());
        std::thread::spawn(move || {
            let opened = cell.get_or_init(|| open_database(&dir));
            work(opened.database.clone(), opened.journal.clone());
        });
    }

    pub fn team(&self) -> Arc<Team> {
        self.team.clone()
    }

    /// The log file in the data folder (waits for the folder to be opened: one that cannot be
    /// opened is logged to standard error only).
    pub fn journal(&self) -> Arc<Journal> {
        self.folder().journal.clone()
    }

    /// Gives the state the way to reach the system clipboard (once).
    pub fn set_clipboard(&self, writer: ClipboardWriter) {
        let _ = self.clipboard.set(writer);
    }

    /// Puts `text` on the clipboard; `Err` says why it could not.
    pub fn copy_to_clipboard(&self, text: String) -> Result<(), String> {
        match self.clipboard.get() {
            Some(write) => write(text),
            None => Err("no clipboard in this window".to_owned()),
        }
    }

    /// Gives the state the channel that wakes the reminders' check (once).
    pub fn set_reminders_wake(&self, wake: std::sync::mpsc::Sender<()>) {
        let _ = self.reminders_wake.set(wake);
    }

    /// Checks reminders now rather than at the next period.
    pub fn wake_reminders(&self) {
        if let Some(wake) = self.reminders_wake.get() {
            let _ = wake.send(());
        }
    }

    /// The backup, restore, export or import under way.
    pub fn work(&self) -> Arc<LongWork> {
        self.work.clone()
    }

    pub fn database_error(&self) -> Option<&CommandError> {
        self.folder().database.as_ref().err()
    }

    /// From now on, sends `channel` the data revision whenever it changes: any write, by a
    /// command, the team exchange, the reminders or another program on the same folder. The
    /// revision is looked at every `period` (skipped while the store is busy), so the window can
    /// trust the lists it keeps without asking before every view. A later call (a reloaded page)
    /// replaces the channel. Returns once the revision it starts from has been read.
    pub async fn watch_revisions(
        &self,
        channel: Channel<String>,
        period: Duration,
    ) -> Result<(), CommandError> {
        let told = self.with_store(|store| store.revision()).await?;
        *self
            .revision_watch
            .lock()
            .unwrap_or_else(|p| p.into_inner()) = Some(RevisionWatch { channel, told });
        if self.revision_watcher.set(()).is_ok() {
            let watch = self.revision_watch.clone();
            self.when_open(move |database, _| {
                let Ok(store) = database else { return };
                loop {
                    std::thread::sleep(period);
                    let revision = match store.try_lock() {
                        Ok(store) => store.revision(),
                        Err(TryLockError::Poisoned(poisoned)) => poisoned.into_inner().revision(),
                        Err(TryLockError::WouldBlock) => continue,
                    };
                    let Ok(revision) = revision else { continue };
                    let mut watch = watch.lock().unwrap_or_else(|p| p.into_inner());
                    if let Some(watch) = watch.as_mut().filter(|w| w.told != revision) {
                        // A window that has gone hears nothing; the next page's call replaces it.
                        let _ = watch.channel.send(revision.clone());
                        watch.told = revision;
                    }
                }
            });
        }
        Ok(())
    }

    /// Waits up to `wait` for the database to be opened or to fail to open; whether it has.
    pub fn opened_within(&self, wait: Duration) -> bool {
        let until = std::time::Instant::now() + wait;
        while self.opened.get().is_none() {
            if std::time::Instant::now() >= until {
                return false;
            }
            std::thread::sleep(Duration::from_millis(1));
        }
        true
    }

    /// Waits, off the async workers, until the database has been opened or has failed to open.
    pub async fn opened(&self) {
        let (cell, dir) = (self.opened.clone(), self.data_dir.clone());
        let _ = tauri::async_runtime::spawn_blocking(move || {
            cell.get_or_init(|| open_database(&dir));
        })
        .await;
    }

    /// Runs `work` on the store on tokio's blocking pool; the lock is never held across `.await`.
    pub async fn with_store<T, F>(&self, work: F) -> Result<T, CommandError>
    where
        T: Send + 'static,
        F: FnOnce(&mut Store) -> Result<T, CoreError> + Send + 'static,
    {
        // The closure's type names the command it was written in, for the log.
        let command = journal::command_name::<F>();
        let answer = self
            .run_on_store(
                command,
                Box::new(move |store| work(store).map(|value| Box::new(value) as Answer)),
            )
            .await?;
        Ok(*answer
            .downcast::<T>()
            .expect("the work answers with the type it was given"))
    }

    /// The one blocking task every command's work runs in: one task type for all of them, not
    /// one per command compiled anew (each costs the binary several kilobytes).
    async fn run_on_store(&self, command: String, work: Work) -> Result<Answer, CommandError> {
        let (cell, dir) = (self.opened.clone(), self.data_dir.clone());
        let failed_command = command.clone();
        let run = tauri::async_runtime::spawn_blocking(move || {
            let opened = cell.get_or_init(|| open_database(&dir));
            let store = opened.database.clone()?;
            // A panic inside a transaction rolls it back when it unwinds, so a poisoned lock
            // still guards a consistent connection.
            let mut store = store
                .lock()
                .unwrap_or_else(|poisoned| poisoned.into_inner());
            work(&mut store).map_err(|error| {
                opened.journal.command_failed(&failed_command, &error);
                CommandError::from(error)
            })
        })
        .await;
        run.map_err(|_| {
            self.journal().write(Level::Error, &format!("command={command} kind=internal (a fault)"));
            CommandError::internal("Plenary hit an internal fault while doing that. Nothing was changed; please try again.")
        })?
    }
}

/// What a command's work on the store answers, whatever its type.
type Answer = Box<dyn std::any::Any + Send>;
/// A command's work on the store.
type Work = Box<dyn FnOnce(&mut Store) -> Result<Answer, CoreError> + Send>;

fn open_database(data_dir: &Path) -> Opened {
    let database = Store::open_in(data_dir)
        .map(|store| Arc::new(Mutex::new(store)))
        .map_err(CommandError::from);
    // A folder that could not be opened is not written to, not even a log.
    let journal = Arc::new(match &database {
        Ok(_) => Journal::open(data_dir),
        Err(_) => Journal::to_stderr(),
    });
    if let Err(error) = &database {
        eprintln!(
            "plenary: could not open the database in {}: {}",
            data_dir.display(),
            error.message
        );
        journal.write(
            Level::Error,
            &format!("open_database kind={}", error.kind.as_str()),
        );
    }
    Opened { database, journal }
}
