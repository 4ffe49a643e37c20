//! The shell's side of the team exchange: the connection to the office hub (its password lives
//! in this process's memory and the system keychain, never in the database or a file), exchanges
//! run off the UI's path, on their own every little while, and the core's [`Sequencer`] over the
//! PostgreSQL hub.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::{Duration, Instant};

use plenary_core::exchange::{
    ExchangeReport, HubLink, HubTravelRow, IncomingBundle, OutgoingBundle, PushOutcome, Sequencer,
    TravelHub, TravelOutcome,
};
use plenary_core::store::exchange_with;
use plenary_core::{CoreError, Store};
use plenary_hub::{Hub, HubConfig, HubError};

use crate::keychain::{self, NoKeychain, PasswordVault};

/// The hub as the core's exchange sees it.
pub struct HubOrder<'a>(pub &'a mut Hub);

impl Sequencer for HubOrder<'_> {
    fn pull(&mut self, after_seq: i64, max: i64) -> Result<Vec<IncomingBundle>, String> {
        let bundles = self.0.pull(after_seq, max).map_err(|e| e.to_string())?;
        Ok(bundles
            .into_iter()
            .map(|b| IncomingBundle {
                seq: b.seq,
                bundle_id: b.bundle_id.to_string(),
                device: b.device,
                author: b.author,
                schema_version: i64::from(b.schema_version),
                made_at: b.made_at,
                payload: b.payload,
            })
            .collect())
    }

    fn push(&mut self, base_seq: i64, bundles: &[OutgoingBundle]) -> Result<PushOutcome, String> {
        let outgoing = bundles
            .iter()
            .map(|b| {
                Ok(plenary_hub::OutgoingBundle {
                    bundle_id: b.bundle_id.parse().map_err(|_| {
                        format!("A waiting change has an unreadable id ({}).", b.bundle_id)
                    })?,
                    device: b.device.clone(),
                    schema_version: u32::try_from(b.schema_version).unwrap_or(u32::MAX),
                    made_at: b.made_at.clone(),
                    payload: b.payload.clone(),
                })
            })
            .collect::<Result<Vec<_>, String>>()?;
        match self.0.push(base_seq, &outgoing) {
            Ok(placed) => Ok(PushOutcome::Sent(
                placed
                    .into_iter()
                    .map(|(id, seq)| (id.to_string(), seq))
                    .collect(),
            )),
            Err(HubError::Behind) => Ok(PushOutcome::Behind),
            Err(error) => Err(error.to_string()),
        }
    }
}

/// The hub's travel details, as its row-level security shows them to this login. A refusal is
/// an answer ("not this login's"), not a failure of the exchange.
impl TravelHub for HubOrder<'_> {
    fn travel(&mut self) -> Result<Vec<HubTravelRow>, String> {
        let rows = self.0.travel().map_err(|e| e.to_string())?;
        Ok(rows
            .into_iter()
            .map(|row| HubTravelRow {
                person_id: row.person_id,
                owner_login: row.owner_login,
                payload: row.payload,
            })
            .collect())
    }

    fn put_travel(
        &mut self,
        person_id: &str,
        owner: Option<&str>,
        payload: &serde_json::Value,
    ) -> Result<TravelOutcome, String> {
        match self.0.put_travel(person_id, owner, payload) {
            Ok(()) => Ok(TravelOutcome::Done),
            Err(HubError::Refused(_)) => Ok(TravelOutcome::Refused),
            Err(error) => Err(error.to_string()),
        }
    }

    fn delete_travel(&mut self, person_id: &str) -> Result<TravelOutcome, String> {
        match self.0.delete_travel(person_id) {
            Ok(true) => Ok(TravelOutcome::Done),
            Ok(false) | Err(HubError::Refused(_)) => Ok(TravelOutcome::Refused),
            Err(error) => Err(error.to_string()),
        }
    }
}

/// Why a team operation failed: a message for the person, and the form field it is about.
#[derive(Debug)]
pub struct TeamError {
    pub message: String,
    pub field: Option<&'static str>,
}

impl From<CoreError> for TeamError {
    fn from(error: CoreError) -> Self {
        TeamError {
            message: error.to_string(),
            field: None,
        }
    }
}

impl From<HubError> for TeamError {
    fn from(error: HubError) -> Self {
        let field = match &error {
            HubError::WrongPassword { .. } => Some("password"),
            HubError::Unreachable { .. } | HubError::Tls { .. } => Some("host"),
            HubError::NoDatabase { .. } | HubError::NotAHub { .. } => Some("database"),
            _ => None,
        };
        TeamError {
            message: error.to_string(),
            field,
        }
    }
}

/// The connection to the hub and its password, held while the app runs.
#[derive(Default)]
struct Connection {
    password: Option<String>,
    hub: Option<Hub>,
}

/// Where the password is kept between runs (none unless the app says so).
struct Vault(Box<dyn PasswordVault>);

impl Default for Vault {
    fn default() -> Self {
        Vault(Box::new(NoKeychain))
    }
}

/// The team exchange's state in the running app.
#[derive(Default)]
pub struct Team {
    /// Held for the whole of an exchange, so two never run at once.
    connection: Mutex<Connection>,
    stop: AtomicBool,
    exchanging: AtomicBool,
    /// Whether the password is known, readable while an exchange holds the connection.
    password_known: AtomicBool,
    /// How far the running exchange has got, for the window to show.
    progress: Mutex<Option<ExchangeReport>>,
    last_pull: Mutex<Option<Instant>>,
    vault: Vault,
    /// The keychain holds the password (it is not asked for after a restart).
    password_kept: AtomicBool,
}

/// How often a connected laptop asks the hub for news when nothing waits to go.
pub const PULL_EVERY: Duration = Duration::from_secs(180);
/// How often the background exchange looks for saved changes waiting to go, unless
/// `PLENARY_EXCHANGE_EVERY` (seconds; 0 for only "Exchange now") says otherwise.
pub const LOOK_EVERY: Duration = Duration::from_secs(15);

/// The background exchange's interval: `PLENARY_EXCHANGE_EVERY` seconds, else [`LOOK_EVERY`];
/// `None` when it is 0 (exchanges happen only on request).
pub fn background_interval(setting: Option<&str>) -> Option<Duration> {
    match setting.map(str::trim) {
        Some(text) if !text.is_empty() => match text.parse::<u64>() {
            Ok(0) => None,
            Ok(seconds) => Some(Duration::from_secs(seconds)),
            Err(_) => Some(LOOK_EVERY),
        },
        _ => Some(LOOK_EVERY),
    }
}

fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}

impl Team {
    /// A team that keeps the hub password in `vault` between runs.
    pub fn with_keychain(vault: impl PasswordVault + 'static) -> Team {
        Team {
            vault: Vault(Box::new(vault)),
            ..Team::default()
        }
    }

    /// Whether the hub's password is known in this run (it is asked for after a restart when
    /// there is no keychain to keep it).
    pub fn has_password(&self) -> bool {
        self.password_known.load(Ordering::SeqCst)
    }

    /// Whether the keychain keeps the password between runs.
    pub fn password_kept(&self) -> bool {
        self.password_kept.load(Ordering::SeqCst)
    }

    /// At start: takes the password from the keychain, if it keeps one for this laptop's login
    /// at its hub. True when it did.
    pub fn recall_password(&self, store: &Mutex<Store>) -> bool {
        let Some(account) = keychain_account(store) else {
            return false;
        };
        let Some(password) = self.vault.0.recall(&account) else {
            return false;
        };
        let mut connection = lock(&self.connection);
        if connection.password.is_none() {
            connection.password = Some(password);
            self.password_known.store(true, Ordering::SeqCst);
        }
        self.password_kept.store(true, Ordering::SeqCst);
        true
    }

    /// Keeps a password the hub has just accepted in the keychain, where there is one.
    fn keep_password(&self, store: &Mutex<Store>, password: Option<&str>) {
        if let (Some(account), Some(password)) = (keychain_account(store), password) {
            let kept = self.vault.0.keep(&account, password);
            self.password_kept.store(kept, Ordering::SeqCst);
        }
    }

    /// The hub refused the password: it is forgotten here and in the keychain, and asked for.
    fn forget_password(&self, connection: &mut Connection, store: &Mutex<Store>) {
        connection.password = None;
        self.password_known.store(false, Ordering::SeqCst);
        self.password_kept.store(false, Ordering::SeqCst);
        if let Some(account) = keychain_account(store) {
            self.vault.0.forget(&account);
        }
    }

    pub fn is_exchanging(&self) -> bool {
        self.exchanging.load(Ordering::SeqCst)
    }

    /// How far the running exchange has got (none when none runs).
    pub fn progress(&self) -> Option<ExchangeReport> {
        lock(&self.progress).clone()
    }

    /// Asks a running exchange to stop after the bundle it is on; it resumes there next time.
    pub fn stop(&self) {
        self.stop.store(true, Ordering::SeqCst);
    }

    /// Connects to the hub in `config`, joins it with this data folder and exchanges. Nothing
    /// changes here unless the hub answered and accepted the login.
    pub fn join(
        &self,
        store: &Mutex<Store>,
        config: &HubConfig,
        device_name: &str,
        progress: &dyn Fn(&ExchangeReport),
    ) -> Result<ExchangeReport, TeamError> {
        let mut connection = lock(&self.connection);
        // Refused before the hub is even asked: example data never reaches it.
        lock(store).refuse_join_with_example_data()?;
        let hub = Hub::connect(config)?;
        lock(store).join_hub(&HubLink {
            identity: hub.identity().to_string(),
            address: config.to_url_without_password(),
            login: config.login.clone(),
            device_name: device_name.to_owned(),
        })?;
        connection.password = config.password.clone();
        self.password_known
            .store(connection.password.is_some(), Ordering::SeqCst);
        self.keep_password(store, config.password.as_deref());
        connection.hub = Some(hub);
        self.exchange_locked(&mut connection, store, progress)
    }

    /// Remembers the password for this run after checking it with the hub, then exchanges.
    pub fn unlock(
        &self,
        store: &Mutex<Store>,
        password: &str,
        progress: &dyn Fn(&ExchangeReport),
    ) -> Result<ExchangeReport, TeamError> {
        let mut connection = lock(&self.connection);
        let config = stored_config(store, Some(password.to_owned()))?;
        let hub = Hub::connect(&config)?;
        connection.password = Some(password.to_owned());
        self.password_known.store(true, Ordering::SeqCst);
        self.keep_password(store, Some(password));
        connection.hub = Some(hub);
        self.exchange_locked(&mut connection, store, progress)
    }

    /// One exchange now (waits for one already running to finish first).
    pub fn exchange(
        &self,
        store: &Mutex<Store>,
        progress: &dyn Fn(&ExchangeReport),
    ) -> Result<ExchangeReport, TeamError> {
        let mut connection = lock(&self.connection);
        self.exchange_locked(&mut connection, store, progress)
    }

    /// The background exchange's turn: sends what waits, or pulls when it has been a while.
    /// `None` when there was nothing to do or no way to do it (not joined, no password yet).
    pub fn exchange_if_due(
        &self,
        store: &Mutex<Store>,
        progress: &dyn Fn(&ExchangeReport),
    ) -> Option<Result<ExchangeReport, TeamError>> {
        let Ok(mut connection) = self.connection.try_lock() else {
            return None; // one is running
        };
        // No password yet in this run: the changes wait until it is entered.
        connection.password.as_ref()?;
        let status = lock(store).exchange_status().ok()?;
        let pulled_lately = lock(&self.last_pull).is_some_and(|at| at.elapsed() < PULL_EVERY);
        if !status.joined || (status.waiting == 0 && pulled_lately) {
            return None;
        }
        Some(self.exchange_locked(&mut connection, store, progress))
    }

    fn exchange_locked(
        &self,
        connection: &mut Connection,
        store: &Mutex<Store>,
        progress: &dyn Fn(&ExchangeReport),
    ) -> Result<ExchangeReport, TeamError> {
        self.stop.store(false, Ordering::SeqCst);
        self.exchanging.store(true, Ordering::SeqCst);
        let tracked = |so_far: &ExchangeReport| {
            *lock(&self.progress) = Some(so_far.clone());
            progress(so_far);
        };
        let result = self.run_exchange(connection, store, &tracked);
        *lock(&self.progress) = None;
        self.exchanging.store(false, Ordering::SeqCst);
        if result.is_ok() {
            *lock(&self.last_pull) = Some(Instant::now());
        }
        result
    }

    fn run_exchange(
        &self,
        connection: &mut Connection,
        store: &Mutex<Store>,
        progress: &dyn Fn(&ExchangeReport),
    ) -> Result<ExchangeReport, TeamError> {
        if connection.hub.is_none() {
            let Some(password) = connection.password.clone() else {
                return Err(TeamError {
                    message: "Enter the hub password for this laptop to exchange.".to_owned(),
                    field: Some("password"),
                });
            };
            let config = stored_config(store, Some(password))?;
            match Hub::connect(&config) {
                Ok(hub) => connection.hub = Some(hub),
                Err(error) => {
                    if matches!(error, HubError::WrongPassword { .. }) {
                        self.forget_password(connection, store);
                    }
                    let _ = lock(store).record_exchange_error(&error.to_string());
                    return Err(error.into());
                }
            }
        }
        let hub = connection.hub.as_mut().expect("connected above");
        let stop = &self.stop;
        let result = send_files(hub, store).and_then(|files_sent| {
            // The store is taken only for each step: the window keeps working meanwhile.
            let mut report = exchange_with(store, &mut HubOrder(hub), &|so_far| {
                progress(so_far);
                stop.load(Ordering::SeqCst)
            })?;
            report.files_sent = files_sent;
            report.files_received = receive_files(hub, store)?;
            Ok(report)
        });
        let mut report = match result {
            Ok(report) => report,
            Err(error) => {
                // A broken connection is opened afresh next time.
                connection.hub = None;
                let _ = lock(store).record_exchange_error(&error.to_string());
                return Err(error.into());
            }
        };
        if report.stopped {
            return Ok(report);
        }
        // Travel details: only between the person they belong to and the coordinators, through
        // the hub's own table (never the change log), once the people they belong to are here.
        let mut store = lock(store);
        match store.exchange_travel(&mut HubOrder(hub)) {
            Ok(travel) => {
                report.travel_sent = travel.sent;
                report.travel_received = travel.received;
                Ok(report)
            }
            Err(error) => {
                connection.hub = None;
                let _ = store.record_exchange_error(&error.to_string());
                Err(error.into())
            }
        }
    }
}

/// Sends the documents' files the hub does not have yet (before the bundles that name them).
fn send_files(hub: &mut Hub, store: &Mutex<Store>) -> Result<u32, CoreError> {
    let waiting = lock(store).files_to_send()?;
    let mut sent = Vec::new();
    for (sha256, path) in waiting {
        let bytes = std::fs::read(&path).map_err(|e| {
            CoreError::Storage(format!("a document's file could not be read ({e})"))
        })?;
        hub.put_file(&sha256, &bytes).map_err(hub_failure)?;
        sent.push(sha256);
    }
    lock(store).mark_files_sent(&sent)?;
    Ok(u32::try_from(sent.len()).unwrap_or(u32::MAX))
}

/// Fetches the documents' files that records here name and this laptop does not have. A file no
/// laptop has sent yet is asked for again next time.
fn receive_files(hub: &mut Hub, store: &Mutex<Store>) -> Result<u32, CoreError> {
    let missing = lock(store).missing_files()?;
    let mut received = 0;
    for sha256 in missing {
        if let Some(bytes) = hub.file(&sha256).map_err(hub_failure)? {
            lock(store).receive_file(&sha256, &bytes)?;
            received += 1;
        }
    }
    Ok(received)
}

fn hub_failure(error: HubError) -> CoreError {
    CoreError::Exchange(error.to_string())
}

/// The joined hub's address from the data folder, with `password`.
fn stored_config(store: &Mutex<Store>, password: Option<String>) -> Result<HubConfig, TeamError> {
    let status = lock(store).exchange_status()?;
    let address = status.hub_address.ok_or_else(|| TeamError {
        message: "This laptop has not joined the office hub yet.".to_owned(),
        field: None,
    })?;
    let mut config = HubConfig::from_url(&address)?;
    if password.is_some() {
        config.password = password;
    }
    Ok(config)
}

/// The account a laptop's password is kept under: its login at its hub (none before joining).
fn keychain_account(store: &Mutex<Store>) -> Option<String> {
    let status = lock(store).exchange_status().ok()?;
    Some(keychain::account(&status.login?, &status.hub_identity?))
}

/// Starts the team exchange's background work for as long as the app runs, off the window's
/// start: the password from the keychain, then, unless `every` is `None`, every `every` it sends
/// saved changes that wait, and every [`PULL_EVERY`] it asks the hub for news. Its outcome is
/// in the link's status (last exchanged, last error), which the window reads.
pub fn start_in_background(team: Arc<Team>, store: Arc<Mutex<Store>>, every: Option<Duration>) {
    std::thread::Builder::new()
        .name("team-exchange".to_owned())
        .spawn(move || {
            team.recall_password(&store);
            let Some(every) = every else { return };
            loop {
                std::thread::sleep(every);
                let _ = team.exchange_if_due(&store, &|_| {});
            }
        })
        .expect("the background exchange could not start");
}
