//! `HubError`: what went wrong talking to the hub, in words a person can act on.

use std::error::Error as _;
use std::io;

/// Every way a hub operation can fail. `Display` is the message to show: what happened and
/// what to do, never SQL. The shell chooses its advice by variant, not by the words.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum HubError {
    /// The address could not be read; the text says what is wrong with it.
    #[error("{0}")]
    MalformedUrl(String),
    /// No connection: the host is unknown, refuses, or does not answer in time; or the
    /// connection broke. Trying again later may work.
    #[error(
        "Could not reach the hub at {address}: {reason}. Check the host and port, and that this laptop is online."
    )]
    Unreachable { address: String, reason: String },
    /// The server refused the login's password (or none was given and one is needed).
    #[error("{}", wrong_password(login, *password_given))]
    WrongPassword { login: String, password_given: bool },
    /// The server is there but has no database of that name.
    #[error(
        "The server at {address} has no database “{database}”. Check the database name in the hub's address."
    )]
    NoDatabase { address: String, database: String },
    /// The encrypted connection could not be set up, or the server's certificate is not trusted.
    #[error("Could not open an encrypted connection to the hub at {address}: {reason}")]
    Tls { address: String, reason: String },
    /// The database exists but Plenary's hub was never set up in it.
    #[error(
        "The database “{database}” at {address} is not a Plenary hub. Check the address, or ask office IT to run `plenary hub init` on it."
    )]
    NotAHub { address: String, database: String },
    /// The hub was set up by a newer Plenary than this one.
    #[error(
        "The hub was set up by a newer version of Plenary (hub schema {hub_version}; this version knows up to {known_version}). Update Plenary on this laptop."
    )]
    HubTooNew {
        hub_version: i32,
        known_version: i32,
    },
    /// The hub's schema is older than this crate's: office IT runs `plenary hub init` (which
    /// upgrades) with the new version.
    #[error(
        "The hub was set up by an older version of Plenary (hub schema {hub_version}; this version needs {known_version}). Ask office IT to run `plenary hub init` with this version to bring it up to date."
    )]
    HubTooOld {
        hub_version: i32,
        known_version: i32,
    },
    /// Someone pushed since the base this push was made on: pull, apply, then push again.
    #[error(
        "Other changes reached the hub first. They are fetched and applied before this laptop's are sent."
    )]
    Behind,
    /// The hub holds fewer changes than this laptop has already received from it: it was
    /// restored from an older backup, or it is another hub under the same identity.
    #[error(
        "The hub has changes up to number {hub_seq}, but this laptop has already received up to {laptop_seq} from it. It may have been restored from an older backup: ask office IT before exchanging again."
    )]
    HubRewound { hub_seq: i64, laptop_seq: i64 },
    /// The hub understood and said no: no access, not one of its people, a login that exists.
    #[error("{0}")]
    Refused(String),
    /// Anything else; the text includes the server's words.
    #[error("{0}")]
    Other(String),
}

fn wrong_password(login: &str, given: bool) -> String {
    if given {
        format!("The hub refused the login “{login}”: wrong password.")
    } else {
        format!(
            "The hub asks for a password for the login “{login}”, and none was given. Enter it, or put it in the address or PGPASSWORD."
        )
    }
}

/// Who was connecting where, for the messages.
#[derive(Debug, Clone)]
pub(crate) struct Context {
    pub address: String,
    pub database: String,
    pub login: String,
    pub password_given: bool,
    pub timeout_seconds: u64,
}

/// SQLSTATEs the hub's functions raise (see `sql/`).
pub(crate) mod sqlstate {
    pub const BEHIND: &str = "PLBHD";
    pub const REWOUND: &str = "PLAHD";
    pub const NOT_A_PERSON: &str = "PLNOP";
    pub const BAD_INPUT: &str = "PLBAD";
    pub const LOGIN_EXISTS: &str = "PLDUP";
}

/// Sorts a `postgres` error into a `HubError` with a message for people.
pub(crate) fn classify(error: &postgres::Error, context: &Context) -> HubError {
    let address = context.address.clone();
    if let Some(db) = error.as_db_error() {
        let code = db.code().code();
        let message = db.message();
        return match code {
            "28P01" => HubError::WrongPassword {
                login: context.login.clone(),
                password_given: context.password_given,
            },
            "28000" if message.contains("password") => HubError::WrongPassword {
                login: context.login.clone(),
                password_given: context.password_given,
            },
            "28000" => HubError::Refused(format!(
                "The hub at {address} does not accept the login “{}” from this laptop ({message}). Ask office IT to allow it.",
                context.login
            )),
            "3D000" => HubError::NoDatabase {
                address,
                database: context.database.clone(),
            },
            sqlstate::BEHIND => HubError::Behind,
            sqlstate::REWOUND => {
                let numbers: Vec<i64> = db
                    .detail()
                    .unwrap_or_default()
                    .split_whitespace()
                    .filter_map(|word| word.parse().ok())
                    .collect();
                HubError::HubRewound {
                    hub_seq: numbers.first().copied().unwrap_or_default(),
                    laptop_seq: numbers.get(1).copied().unwrap_or_default(),
                }
            }
            sqlstate::NOT_A_PERSON => HubError::Refused(format!(
                "The login “{}” is not one of this hub's people. Ask office IT to add it with `plenary hub add-person`.",
                context.login
            )),
            sqlstate::LOGIN_EXISTS | sqlstate::BAD_INPUT => HubError::Refused(message.to_owned()),
            "42501" => HubError::Refused(format!(
                "The hub refused the login “{}”: {message}. Ask office IT for access.",
                context.login
            )),
            // Shutting down, starting up, or full: worth trying again later.
            "57P01" | "57P02" | "57P03" | "53300" => HubError::Unreachable {
                address,
                reason: message.to_owned(),
            },
            _ => HubError::Other(format!(
                "The hub answered with an error: {message} (SQLSTATE {code})."
            )),
        };
    }
    let summary = error.to_string();
    let cause = error.source().map(|source| source.to_string());
    if summary.starts_with("invalid configuration") && cause.as_deref() == Some("password missing")
    {
        return HubError::WrongPassword {
            login: context.login.clone(),
            password_given: false,
        };
    }
    if summary.starts_with("error performing TLS handshake") {
        let reason = match cause.as_deref() {
            Some("server does not support TLS") => {
                "the server does not offer encryption. Ask office IT to turn it on, or use sslmode=prefer on a trusted network.".to_owned()
            }
            _ => match rustls_cause(error) {
                Some(tls) => certificate_reason(tls, &context.address),
                None => match cause {
                    Some(other) => format!("{other}."),
                    None => "the handshake failed.".to_owned(),
                },
            },
        };
        return HubError::Tls { address, reason };
    }
    if let Some(io) = io_cause(error) {
        return HubError::Unreachable {
            address,
            reason: io_reason(io, context.timeout_seconds),
        };
    }
    if error.is_closed() || summary.starts_with("timeout") {
        return HubError::Unreachable {
            address,
            reason: "the connection was closed".to_owned(),
        };
    }
    HubError::Other(match cause {
        Some(cause) => format!("Talking to the hub at {address} failed: {summary}: {cause}."),
        None => format!("Talking to the hub at {address} failed: {summary}."),
    })
}

/// The rustls error behind a failed handshake (tokio-rustls wraps it in an `io::Error`).
fn rustls_cause(error: &postgres::Error) -> Option<&rustls::Error> {
    let mut source = error.source();
    while let Some(current) = source {
        if let Some(tls) = current.downcast_ref::<rustls::Error>() {
            return Some(tls);
        }
        if let Some(tls) = current
            .downcast_ref::<io::Error>()
            .and_then(|io| io.get_ref())
            .and_then(|inner| inner.downcast_ref::<rustls::Error>())
        {
            return Some(tls);
        }
        source = current.source();
    }
    None
}

fn certificate_reason(error: &rustls::Error, address: &str) -> String {
    use rustls::CertificateError as Certificate;
    let host = address
        .rsplit_once(':')
        .map_or(address, |(host, _)| host)
        .trim_start_matches('[')
        .trim_end_matches(']');
    match error {
        rustls::Error::InvalidCertificate(
            Certificate::NotValidForName | Certificate::NotValidForNameContext { .. },
        ) => format!(
            "the server's certificate is not made out to “{host}”. Connect with the name the certificate has (ask office IT), or use sslmode=verify-ca."
        ),
        rustls::Error::InvalidCertificate(Certificate::UnknownIssuer) => "the server's certificate is not signed by an authority this computer trusts. If office IT signs its own certificates, give theirs with sslrootcert=FILE.".to_owned(),
        rustls::Error::InvalidCertificate(
            Certificate::Expired | Certificate::ExpiredContext { .. },
        ) => "the server's certificate has expired (or this computer's clock is wrong).".to_owned(),
        rustls::Error::InvalidCertificate(
            Certificate::NotValidYet | Certificate::NotValidYetContext { .. },
        ) => "the server's certificate is not valid yet (or this computer's clock is wrong).".to_owned(),
        other => format!("{other}."),
    }
}

fn io_cause(error: &postgres::Error) -> Option<&io::Error> {
    let mut source = error.source();
    while let Some(current) = source {
        if let Some(io) = current.downcast_ref::<io::Error>() {
            return Some(io);
        }
        source = current.source();
    }
    None
}

fn io_reason(error: &io::Error, timeout_seconds: u64) -> String {
    match error.kind() {
        io::ErrorKind::ConnectionRefused => "connection refused".to_owned(),
        io::ErrorKind::TimedOut => format!("no answer within {timeout_seconds} seconds"),
        io::ErrorKind::ConnectionReset | io::ErrorKind::ConnectionAborted => {
            "the connection was cut".to_owned()
        }
        io::ErrorKind::UnexpectedEof => "the connection was closed".to_owned(),
        _ => {
            let text = error.to_string();
            // getaddrinfo's words for a name that does not resolve.
            if text.contains("failed to lookup address") || text.contains("Name or service") {
                "the host name is not known".to_owned()
            } else {
                text
            }
        }
    }
}
