//! The app's state: the data folder and its open database.

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, OnceLock};

use plenary_core::{CoreError, Store};

use crate::error::CommandError;
use crate::team::Team;

/// The open database, or why it could not be opened.
type Database = Result<Arc<Mutex<Store>>, CommandError>;

pub struct AppState {
    pub data_dir: PathBuf,
    /// The open database, or why it could not be opened (shown to the person on every request
    /// rather than failing to start, so they can read the reason in the window). Set once;
    /// whoever needs it while it is being opened waits for it.
    database: Arc<OnceLock<Database>>,
    /// The link to the office hub while the app runs.
    team: Arc<Team>,
}

impl AppState {
    /// Opens the database in `data_dir` now.
    pub fn open(data_dir: PathBuf) -> Self {
        let state = AppState::unopened(data_dir);
        state.database();
        state
    }

    /// Starts opening the database in `data_dir` on a thread of its own and returns at once: the
    /// window loads meanwhile (a new folder's schema, a migration or a large folder's checks no
    /// longer hold back the window), and the first request waits for the database if it must.
    pub fn open_in_background(data_dir: PathBuf) -> Self {
        let state = AppState::unopened(data_dir);
        let (cell, dir) = (state.database.clone(), state.data_dir.clone());
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
            database: Arc::default(),
            team: Arc::default(),
        }
    }

    /// The database, opened here if nothing has started opening it; waits while it is opened.
    fn database(&self) -> &Database {
        self.database.get_or_init(|| open_database(&self.data_dir))
    }

    /// The open store, for work that must hold it in steps (the exchange).
    pub fn store(&self) -> Result<Arc<Mutex<Store>>, CommandError> {
        self.database().clone()
    }

    /// Runs `work` with the store on a thread of its own once the database is open (not at all
    /// when it could not be opened).
    pub fn when_open(&self, work: impl FnOnce(Arc<Mutex<Store>>) + Send + 'static) {
        let (cell, dir) = (self.database.clone(), self.data_dir.clone());
        std::thread::spawn(move || {
            if let Ok(store) = cell.get_or_init(|| open_database(&dir)) {
                work(store.clone());
            }
        });
    }

    pub fn team(&self) -> Arc<Team> {
        self.team.clone()
    }

    pub fn database_error(&self) -> Option<&CommandError> {
        self.database().as_ref().err()
    }

    /// Waits, off the async workers, until the database has been opened or has failed to open.
    pub async fn opened(&self) {
        let (cell, dir) = (self.database.clone(), self.data_dir.clone());
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
        let (cell, dir) = (self.database.clone(), self.data_dir.clone());
        tauri::async_runtime::spawn_blocking(move || {
            let store = cell.get_or_init(|| open_database(&dir)).clone()?;
            // A panic inside a transaction rolls it back when it unwinds, so a poisoned lock
            // still guards a consistent connection.
            let mut store = store.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
            work(&mut store).map_err(CommandError::from)
        })
        .await
        .map_err(|_| CommandError::internal("Plenary hit an internal fault while doing that. Nothing was changed; please try again."))?
    }
}

fn open_database(data_dir: &Path) -> Database {
    let database = Store::open_in(data_dir)
        .map(|store| Arc::new(Mutex::new(store)))
        .map_err(CommandError::from);
    if let Err(error) = &database {
        eprintln!(
            "plenary: could not open the database in {}: {}",
            data_dir.display(),
            error.message
        );
    }
    database
}
