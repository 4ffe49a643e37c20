//! The app's state: the data folder and its open database.

use std::path::PathBuf;
use std::sync::{Arc, Mutex};

use plenary_core::{CoreError, Store};

use crate::backups::LongWork;
use crate::error::CommandError;
use crate::team::Team;

pub struct AppState {
    pub data_dir: PathBuf,
    /// The open database, or why it could not be opened (shown to the person on every request
    /// rather than failing to start, so they can read the reason in the window).
    database: Result<Arc<Mutex<Store>>, CommandError>,
    /// The link to the office hub while the app runs.
    team: Arc<Team>,
    /// The backup, restore, export or import under way.
    work: Arc<LongWork>,
}

impl AppState {
    pub fn open(data_dir: PathBuf) -> Self {
        let database = Store::open_in(&data_dir)
            .map(|store| Arc::new(Mutex::new(store)))
            .map_err(CommandError::from);
        if let Err(error) = &database {
            eprintln!(
                "plenary: could not open the database in {}: {}",
                data_dir.display(),
                error.message
            );
        }
        AppState {
            data_dir,
            database,
            team: Arc::default(),
            work: Arc::default(),
        }
    }

    /// The open store, for work that must hold it in steps (the exchange).
    pub fn store(&self) -> Result<Arc<Mutex<Store>>, CommandError> {
        self.database.clone()
    }

    pub fn team(&self) -> Arc<Team> {
        self.team.clone()
    }

    pub fn work(&self) -> Arc<LongWork> {
        self.work.clone()
    }

    pub fn database_error(&self) -> Option<&CommandError> {
        self.database.as_ref().err()
    }

    /// Runs `work` on the store on tokio's blocking pool; the lock is never held across `.await`.
    pub async fn with_store<T, F>(&self, work: F) -> Result<T, CommandError>
    where
        T: Send + 'static,
        F: FnOnce(&mut Store) -> Result<T, CoreError> + Send + 'static,
    {
        let store = self.database.clone()?;
        tauri::async_runtime::spawn_blocking(move || {
            // A panic inside a transaction rolls it back when it unwinds, so a poisoned lock
            // still guards a consistent connection.
            let mut store = store.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
            work(&mut store).map_err(CommandError::from)
        })
        .await
        .map_err(|_| CommandError::internal("Plenary hit an internal fault while doing that. Nothing was changed; please try again."))?
    }
}
