//! Plenary's team hub: a PostgreSQL database that gives the office's laptops one order of
//! changes, and the client the app talks to it with.
//!
//! Each laptop keeps its own SQLite database. Each local write transaction becomes a *bundle*
//! (a JSON document of row operations, made and applied by `plenary-core`); laptops exchange
//! bundles through the hub, which numbers them (`seq`) in one total order that every laptop
//! applies. The hub is PostgreSQL plus the schema [`init`] installs: no server of our own.
//!
//! # The contract
//!
//! - **Order.** [`Hub::push`] appends bundles with `seq = latest + 1, + 2, …` in slice order, but
//!   only when the laptop has already pulled everything (`base_seq` is the hub's latest seq);
//!   otherwise it fails with [`HubError::Behind`]: pull, apply, and push again. Pushes are
//!   serialised on the hub, so rows are committed in seq order and a reader following
//!   `seq > cursor` ([`Hub::pull`]) never skips a row that committed late.
//! - **Exactly once.** A bundle id already on the hub is never appended again: its existing seq
//!   is returned. A push retried after a lost reply doubles nothing. (If other bundles arrived in
//!   between, the retry fails with `Behind` instead; the pull then brings the laptop's own bundles
//!   back, which it recognises by id.)
//! - **Who.** Every row records the hub login that pushed it (`author`) and the laptop
//!   (`device`). Logins reach the hub only through its functions: no login can change or delete
//!   what another sent.
//! - **Travel details** are not in the change log: [`Hub::put_travel`] / [`Hub::travel`] reach a
//!   table where PostgreSQL's row-level security lets a delegate see and write only their own
//!   rows, and coordinators all rows.
//! - **Identity and versions.** A hub has an identity ([`Hub::identity`]) generated once by
//!   [`init`]; a laptop that exchanged with one hub refuses another. [`Hub::connect`] refuses a
//!   hub whose schema is newer ([`HubError::HubTooNew`]) or older ([`HubError::HubTooOld`]) than
//!   this crate's [`HUB_SCHEMA_VERSION`].
//!
//! Office IT's side — [`init`], [`add_person`], [`list_people`] — runs with the hub owner's
//! address (a login that owns the database and may create roles).
//!
//! Everything here blocks (the `postgres` crate runs its own small runtime); call it from a
//! worker thread, not an async task. A `Hub` is `Send`. After [`HubError::Unreachable`] the
//! connection is gone: connect again later.

use std::time::Duration;

use postgres::Client;
use serde::{Deserialize, Serialize};
use serde_json::{Value, json};
use uuid::Uuid;

mod config;
mod error;
#[cfg(all(feature = "testing", unix))]
pub mod testing;
mod tls;

pub use config::{CONNECT_TIMEOUT, HubConfig, SslMode};
pub use error::HubError;
use error::{Context, classify};

/// The hub schema this crate installs and understands.
pub const HUB_SCHEMA_VERSION: i32 = MIGRATIONS.len() as i32;

/// The hub's schema, one script per version; script `n` takes a hub from version `n` to `n + 1`.
const MIGRATIONS: &[&str] = &[
    include_str!("sql/001_hub.sql"),
    include_str!("sql/002_files.sql"),
];

/// A hub login's standing: coordinators see every person's travel details, delegates their own.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    Coordinator,
    Delegate,
}

impl Role {
    pub fn name(self) -> &'static str {
        match self {
            Role::Coordinator => "coordinator",
            Role::Delegate => "delegate",
        }
    }

    pub fn from_name(name: &str) -> Option<Role> {
        match name {
            "coordinator" => Some(Role::Coordinator),
            "delegate" => Some(Role::Delegate),
            _ => None,
        }
    }
}

impl std::fmt::Display for Role {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

/// A bundle a laptop sends. `bundle_id` is made once, when the bundle is captured, and kept
/// across retries.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OutgoingBundle {
    pub bundle_id: Uuid,
    /// The laptop's name.
    pub device: String,
    /// The local schema the bundle was made with; a laptop parks bundles newer than its own.
    pub schema_version: u32,
    /// When the laptop made it (the laptop's clock, as text; the hub does not read it).
    pub made_at: String,
    pub payload: Value,
}

/// A bundle as the hub ordered it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct HubBundle {
    pub seq: i64,
    pub bundle_id: Uuid,
    pub device: String,
    /// The hub login that pushed it.
    pub author: String,
    pub schema_version: u32,
    pub made_at: String,
    pub payload: Value,
}

/// One of the hub's people.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct HubPerson {
    pub login: String,
    pub role: Role,
    /// When the login was added, UTC, `2025-04-23T09:30:00Z`.
    pub created_at: String,
}

/// One person's travel details as the hub keeps them.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct HubTravel {
    /// The person's id in Plenary's records.
    pub person_id: String,
    /// The login that may see and change them besides the coordinators.
    pub owner_login: String,
    pub payload: Value,
    /// When they were last written, UTC, `2025-04-23T09:30:00.123456Z`.
    pub updated_at: String,
}

/// A connection to a hub as one of its people.
pub struct Hub {
    client: Client,
    context: Context,
    identity: Uuid,
}

impl std::fmt::Debug for Hub {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Hub")
            .field("address", &self.context.address)
            .field("database", &self.context.database)
            .field("login", &self.context.login)
            .field("identity", &self.identity)
            .finish()
    }
}

const UTC_TEXT: &str = r#"YYYY-MM-DD"T"HH24:MI:SS.US"Z""#;

impl Hub {
    /// Connects and checks that this is a Plenary hub of a schema this crate knows and that the
    /// login is one of its people. Waits at most [`CONNECT_TIMEOUT`] for the server to answer.
    pub fn connect(config: &HubConfig) -> Result<Hub, HubError> {
        let context = Context::of(config);
        let mut client = open(config, &context)?;
        let (_, identity) = check_hub(&mut client, &context)?;
        client
            .query_one("SELECT w.role FROM plenary.whoami() w", &[])
            .map_err(|error| classify(&error, &context))?;
        Ok(Hub {
            client,
            context,
            identity,
        })
    }

    /// The hub's identity, made once when it was set up.
    pub fn identity(&self) -> Uuid {
        self.identity
    }

    /// The login this connection uses.
    pub fn login(&self) -> &str {
        &self.context.login
    }

    /// `host:port`, for messages.
    pub fn address(&self) -> &str {
        &self.context.address
    }

    /// The login's role on the hub now.
    pub fn role(&mut self) -> Result<Role, HubError> {
        let row = self
            .client
            .query_one("SELECT w.role FROM plenary.whoami() w", &[])
            .map_err(|error| classify(&error, &self.context))?;
        let name: String = row.get(0);
        Role::from_name(&name)
            .ok_or_else(|| HubError::Other(format!("The hub gave an unknown role “{name}”.")))
    }

    /// The seq of the newest bundle on the hub, 0 when there is none.
    pub fn latest_seq(&mut self) -> Result<i64, HubError> {
        let row = self
            .client
            .query_one("SELECT plenary.latest_seq()", &[])
            .map_err(|error| classify(&error, &self.context))?;
        Ok(row.get(0))
    }

    /// Up to `max_rows` bundles with `seq > after_seq`, in seq order. Fewer than `max_rows`
    /// means the laptop has caught up (for now).
    pub fn pull(&mut self, after_seq: i64, max_rows: i64) -> Result<Vec<HubBundle>, HubError> {
        let max_rows = i32::try_from(max_rows.max(0)).unwrap_or(i32::MAX);
        let rows = self
            .client
            .query(
                "SELECT c.seq, c.bundle_id, c.device, c.author, c.schema_version, c.made_at, c.payload \
                 FROM plenary.pull($1, $2) c",
                &[&after_seq, &max_rows],
            )
            .map_err(|error| classify(&error, &self.context))?;
        Ok(rows
            .into_iter()
            .map(|row| HubBundle {
                seq: row.get(0),
                bundle_id: row.get(1),
                device: row.get(2),
                author: row.get(3),
                schema_version: u32::try_from(row.get::<_, i32>(4)).unwrap_or_default(),
                made_at: row.get(5),
                payload: row.get(6),
            })
            .collect())
    }

    /// Appends `bundles`, in order, after `base_seq` (the newest seq this laptop has applied),
    /// in one transaction, and returns each bundle's id and seq in the same order. A bundle
    /// already on the hub keeps its seq. Fails with [`HubError::Behind`] when the hub has
    /// bundles after `base_seq` (pull first), [`HubError::HubRewound`] when it has fewer than
    /// `base_seq`.
    pub fn push(
        &mut self,
        base_seq: i64,
        bundles: &[OutgoingBundle],
    ) -> Result<Vec<(Uuid, i64)>, HubError> {
        let mut list = Vec::with_capacity(bundles.len());
        for bundle in bundles {
            let schema_version = i32::try_from(bundle.schema_version).map_err(|_| {
                HubError::Refused(format!(
                    "Bundle {} has a schema version the hub cannot hold ({}).",
                    bundle.bundle_id, bundle.schema_version
                ))
            })?;
            list.push(json!({
                "bundle_id": bundle.bundle_id,
                "device": bundle.device,
                "schema_version": schema_version,
                "made_at": bundle.made_at,
                "payload": bundle.payload,
            }));
        }
        let list = Value::Array(list);
        let rows = self
            .client
            .query(
                "SELECT r.bundle_id, r.seq FROM plenary.push($1, $2) r",
                &[&base_seq, &list],
            )
            .map_err(|error| classify(&error, &self.context))?;
        Ok(rows
            .into_iter()
            .map(|row| (row.get(0), row.get(1)))
            .collect())
    }

    /// Keeps a document's file on the hub under its SHA-256 (hex); the hub checks the bytes
    /// against it. A file already there is left as it is.
    pub fn put_file(&mut self, sha256: &str, bytes: &[u8]) -> Result<(), HubError> {
        self.client
            .execute("SELECT plenary.put_file($1, $2)", &[&sha256, &bytes])
            .map_err(|error| classify(&error, &self.context))?;
        Ok(())
    }

    /// A document's file by its SHA-256, or `None` when no laptop has sent it yet.
    pub fn file(&mut self, sha256: &str) -> Result<Option<Vec<u8>>, HubError> {
        let row = self
            .client
            .query_one("SELECT plenary.get_file($1)", &[&sha256])
            .map_err(|error| classify(&error, &self.context))?;
        Ok(row.get(0))
    }

    /// Which of `sha256s` the hub already has.
    pub fn files_present(&mut self, sha256s: &[String]) -> Result<Vec<String>, HubError> {
        let rows = self
            .client
            .query("SELECT f FROM plenary.has_files($1) f", &[&sha256s])
            .map_err(|error| classify(&error, &self.context))?;
        Ok(rows.into_iter().map(|row| row.get(0)).collect())
    }

    /// Writes one person's travel details. `owner_login` is the login who may see them besides
    /// the coordinators; `None` means this login. A delegate may write only rows they own;
    /// anything else is refused by the hub itself.
    pub fn put_travel(
        &mut self,
        person_id: &str,
        owner_login: Option<&str>,
        payload: &Value,
    ) -> Result<(), HubError> {
        self.client
            .execute(
                "SELECT plenary.put_travel($1, $2, $3)",
                &[&person_id, &owner_login, payload],
            )
            .map_err(|error| self.travel_error(&error))?;
        Ok(())
    }

    /// The travel details this login may see: all for a coordinator, their own for a delegate.
    pub fn travel(&mut self) -> Result<Vec<HubTravel>, HubError> {
        let rows = self
            .client
            .query(
                &format!(
                    "SELECT t.person_id, t.owner_login, t.payload, \
                     to_char(t.updated_at AT TIME ZONE 'UTC', '{UTC_TEXT}') \
                     FROM plenary.get_travel() t"
                ),
                &[],
            )
            .map_err(|error| self.travel_error(&error))?;
        Ok(rows
            .into_iter()
            .map(|row| HubTravel {
                person_id: row.get(0),
                owner_login: row.get(1),
                payload: row.get(2),
                updated_at: row.get(3),
            })
            .collect())
    }

    /// Removes one person's travel details; `false` when there were none this login may see.
    pub fn delete_travel(&mut self, person_id: &str) -> Result<bool, HubError> {
        let row = self
            .client
            .query_one("SELECT plenary.delete_travel($1)", &[&person_id])
            .map_err(|error| self.travel_error(&error))?;
        Ok(row.get(0))
    }

    fn travel_error(&self, error: &postgres::Error) -> HubError {
        match error.as_db_error().map(|db| db.code().code()) {
            Some("42501") => HubError::Refused(format!(
                "The login “{}” may not change these travel details: only the person they belong to and the coordinators may.",
                self.context.login
            )),
            _ => classify(error, &self.context),
        }
    }
}

impl Context {
    fn of(config: &HubConfig) -> Context {
        Context {
            address: config.address(),
            database: config.database.clone(),
            login: config.login.clone(),
            password_given: config.password.is_some(),
            timeout_seconds: config.connect_timeout.as_secs(),
        }
    }
}

fn open(config: &HubConfig, context: &Context) -> Result<Client, HubError> {
    let mut pg = postgres::Config::new();
    pg.host(&config.host)
        .port(config.port)
        .dbname(&config.database)
        .user(&config.login)
        .application_name("plenary")
        .connect_timeout(config.connect_timeout)
        // A hub that vanishes mid-exchange is noticed within about a minute.
        .keepalives(true)
        .keepalives_idle(Duration::from_secs(30))
        .keepalives_interval(Duration::from_secs(10))
        .keepalives_retries(3)
        .tcp_user_timeout(Duration::from_secs(60));
    if let Some(password) = &config.password {
        pg.password(password);
    }
    let tls = tls::connector(config)?;
    let mode = match config.sslmode {
        SslMode::Disable => postgres::config::SslMode::Disable,
        SslMode::Prefer => postgres::config::SslMode::Prefer,
        _ => postgres::config::SslMode::Require,
    };
    pg.ssl_mode(mode);
    // `connect_timeout` covers only the TCP connection; a server that accepts it and then says
    // nothing would hold the login forever. So the attempt runs on a thread of its own and is
    // given up (the thread left to end with its socket) after twice the timeout.
    let (sender, receiver) = std::sync::mpsc::channel();
    std::thread::Builder::new()
        .name("plenary-hub-connect".to_owned())
        .spawn(move || {
            let connected = match tls {
                None => pg.connect(postgres::NoTls),
                Some(connector) => pg.connect(connector),
            };
            let _ = sender.send(connected);
        })
        .map_err(|error| HubError::Other(format!("Could not start connecting: {error}.")))?;
    match receiver.recv_timeout(config.connect_timeout * 2) {
        Ok(connected) => connected.map_err(|error| classify(&error, context)),
        Err(_) => Err(HubError::Unreachable {
            address: context.address.clone(),
            reason: format!(
                "the server accepted the connection but did not answer within {} seconds",
                (config.connect_timeout * 2).as_secs()
            ),
        }),
    }
}

/// Checks that the database holds a hub of a schema this crate knows; its version and identity.
fn check_hub(client: &mut Client, context: &Context) -> Result<(i32, Uuid), HubError> {
    let not_a_hub = || HubError::NotAHub {
        address: context.address.clone(),
        database: context.database.clone(),
    };
    let row = client
        .query_one(
            "SELECT plenary.hub_version(), plenary.hub_identity()",
            &[],
        )
        .map_err(|error| match error.as_db_error().map(|db| db.code().code()) {
            // No schema `plenary`, or no such function in it.
            Some("3F000" | "42883") => not_a_hub(),
            // No access to the schema: not one of this hub's people.
            Some("42501") => HubError::Refused(format!(
                "The login “{}” is not one of this hub's people. Ask office IT to add it with `plenary hub add-person`.",
                context.login
            )),
            _ => classify(&error, context),
        })?;
    let (Some(version), Some(identity)) = (row.get::<_, Option<i32>>(0), row.get(1)) else {
        return Err(not_a_hub());
    };
    if version > HUB_SCHEMA_VERSION {
        return Err(HubError::HubTooNew {
            hub_version: version,
            known_version: HUB_SCHEMA_VERSION,
        });
    }
    if version < HUB_SCHEMA_VERSION {
        return Err(HubError::HubTooOld {
            hub_version: version,
            known_version: HUB_SCHEMA_VERSION,
        });
    }
    Ok((version, identity))
}

/// Sets up the hub in the database `owner_url` names, or brings an older hub's schema up to
/// this crate's, and returns the hub's identity. Running it again changes nothing and returns
/// the same identity. The login must own the database and be allowed to create roles (the group
/// role `plenary_member` is made once per PostgreSQL server).
pub fn init(owner_url: &str) -> Result<Uuid, HubError> {
    let config = HubConfig::from_url(owner_url)?;
    let context = Context::of(&config);
    let mut client = open(&config, &context)?;
    let classify = |error: postgres::Error| owner_error(&error, &context);
    let mut transaction = client.transaction().map_err(classify)?;
    // Two inits at once: the second waits and then finds the work done.
    transaction
        .execute("SELECT pg_advisory_xact_lock(1886152046, 0)", &[])
        .map_err(classify)?;
    let exists: bool = transaction
        .query_one("SELECT to_regclass('plenary.hub_info') IS NOT NULL", &[])
        .map_err(classify)?
        .get(0);
    let version: i32 = if exists {
        transaction
            .query_opt("SELECT h.schema_version FROM plenary.hub_info h", &[])
            .map_err(classify)?
            .map_or(0, |row| row.get(0))
    } else {
        0
    };
    if version > HUB_SCHEMA_VERSION {
        return Err(HubError::HubTooNew {
            hub_version: version,
            known_version: HUB_SCHEMA_VERSION,
        });
    }
    let start = usize::try_from(version).unwrap_or_default();
    for script in &MIGRATIONS[start..] {
        transaction.batch_execute(script).map_err(classify)?;
    }
    transaction
        .execute(
            "INSERT INTO plenary.hub_info (schema_version) VALUES ($1) \
             ON CONFLICT (singleton) DO UPDATE SET schema_version = excluded.schema_version",
            &[&HUB_SCHEMA_VERSION],
        )
        .map_err(classify)?;
    let identity: Uuid = transaction
        .query_one("SELECT h.identity FROM plenary.hub_info h", &[])
        .map_err(classify)?
        .get(0);
    transaction.commit().map_err(classify)?;
    Ok(identity)
}

/// The pattern a new login must match (checked again by the hub).
pub fn check_login_name(login: &str) -> Result<(), HubError> {
    let mut chars = login.chars();
    let first_is_letter = chars.next().is_some_and(|c| c.is_ascii_lowercase());
    let rest_ok = chars.all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || "._-".contains(c));
    if !first_is_letter || !rest_ok || login.len() > 63 {
        return Err(HubError::Refused(format!(
            "“{login}” cannot be a login: use lower-case letters, digits, dots, hyphens and underscores, starting with a letter, at most 63 characters."
        )));
    }
    if login.starts_with("pg_") || login.starts_with("plenary_") {
        return Err(HubError::Refused(format!(
            "“{login}” cannot be a login: names starting with pg_ or plenary_ are reserved."
        )));
    }
    Ok(())
}

/// Creates a login for a person with a generated password, makes it one of the hub's people
/// with `role`, and returns the password (shown once: the hub keeps only a SCRAM verifier of
/// it). Refused when the name is not a valid login or a login of that name exists already.
pub fn add_person(owner_url: &str, login: &str, role: Role) -> Result<String, HubError> {
    check_login_name(login)?;
    let config = HubConfig::from_url(owner_url)?;
    let context = Context::of(&config);
    let mut client = open(&config, &context)?;
    check_hub(&mut client, &context)?;
    let password = generate_password()?;
    let verifier = postgres_protocol::password::scram_sha_256(password.as_bytes());
    client
        .execute(
            "SELECT plenary.add_person($1, $2, $3)",
            &[&login, &role.name(), &verifier],
        )
        .map_err(|error| owner_error(&error, &context))?;
    Ok(password)
}

/// The hub's people, by login.
pub fn list_people(owner_url: &str) -> Result<Vec<HubPerson>, HubError> {
    let config = HubConfig::from_url(owner_url)?;
    let context = Context::of(&config);
    let mut client = open(&config, &context)?;
    check_hub(&mut client, &context)?;
    let rows = client
        .query(
            r#"SELECT p.login, p.role,
                      to_char(p.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')
               FROM plenary.person p ORDER BY p.login"#,
            &[],
        )
        .map_err(|error| owner_error(&error, &context))?;
    Ok(rows
        .into_iter()
        .map(|row| HubPerson {
            login: row.get(0),
            role: Role::from_name(row.get(1)).unwrap_or(Role::Delegate),
            created_at: row.get(2),
        })
        .collect())
}

/// Errors of office IT's operations: "permission denied" means the owner login lacks a right.
fn owner_error(error: &postgres::Error, context: &Context) -> HubError {
    match error.as_db_error() {
        Some(db) if db.code().code() == "42501" => HubError::Refused(format!(
            "The login “{}” may not set up or change the hub: {}. Use the login that owns the database “{}” and may create roles.",
            context.login,
            db.message(),
            context.database
        )),
        _ => classify(error, context),
    }
}

/// 24 characters from 32 that cannot be confused (no l, o, 0, 1): 120 random bits.
fn generate_password() -> Result<String, HubError> {
    const ALPHABET: &[u8; 32] = b"abcdefghijkmnpqrstuvwxyz23456789";
    let mut bytes = [0u8; 24];
    rustls::crypto::ring::default_provider()
        .secure_random
        .fill(&mut bytes)
        .map_err(|_| HubError::Other("This computer could not make a random password.".into()))?;
    Ok(bytes
        .iter()
        .map(|byte| char::from(ALPHABET[usize::from(byte & 31)]))
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn passwords_are_long_and_differ() {
        let a = generate_password().unwrap();
        let b = generate_password().unwrap();
        assert_eq!(a.len(), 24);
        assert_ne!(a, b);
        assert!(
            a.chars()
                .all(|c| c.is_ascii_alphanumeric() && !"lo01".contains(c))
        );
    }

    #[test]
    fn login_names_are_checked() {
        assert!(check_login_name("maria").is_ok());
        assert!(check_login_name("m.rossi-2_x").is_ok());
        for bad in [
            "",
            "Maria",
            "2maria",
            "maria rossi",
            "ma\"ria",
            "pg_x",
            "plenary_member",
        ] {
            assert!(check_login_name(bad).is_err(), "{bad}");
        }
        assert!(check_login_name(&"a".repeat(64)).is_err());
    }

    #[test]
    fn a_hub_can_move_to_a_worker_thread() {
        fn send<T: Send>() {}
        send::<Hub>();
        send::<HubError>();
    }

    #[test]
    fn each_schema_script_is_the_version_it_says() {
        assert_eq!(
            usize::try_from(HUB_SCHEMA_VERSION).unwrap(),
            MIGRATIONS.len()
        );
        for (index, script) in MIGRATIONS.iter().enumerate() {
            let header = format!("-- Hub schema {}:", index + 1);
            assert!(
                script.starts_with(&header),
                "script {} does not start with {header:?}",
                index + 1
            );
        }
    }
}
