//! Where the hub is and how to log in: read from a `postgres://` address as libpq reads one.

use std::fmt;
use std::path::PathBuf;
use std::time::Duration;

use crate::HubError;

/// How the connection is encrypted, with libpq's `sslmode` names and meaning.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum SslMode {
    /// Never encrypt.
    Disable,
    /// Encrypt when the server offers it, without checking its certificate (libpq's default).
    #[default]
    Prefer,
    /// Always encrypt; do not check the certificate.
    Require,
    /// Always encrypt; the certificate must be signed by a trusted authority (any host name).
    VerifyCa,
    /// Always encrypt; the certificate must be trusted and name the host connected to.
    VerifyFull,
}

impl SslMode {
    pub const ALL: [SslMode; 5] = [
        SslMode::Disable,
        SslMode::Prefer,
        SslMode::Require,
        SslMode::VerifyCa,
        SslMode::VerifyFull,
    ];

    /// The libpq name: `disable`, `prefer`, `require`, `verify-ca`, `verify-full`.
    pub fn name(self) -> &'static str {
        match self {
            SslMode::Disable => "disable",
            SslMode::Prefer => "prefer",
            SslMode::Require => "require",
            SslMode::VerifyCa => "verify-ca",
            SslMode::VerifyFull => "verify-full",
        }
    }

    pub fn from_name(name: &str) -> Option<SslMode> {
        SslMode::ALL.into_iter().find(|mode| mode.name() == name)
    }
}

impl fmt::Display for SslMode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// How long a connection attempt waits for the hub to accept it, unless the address says
/// otherwise (`connect_timeout=SECONDS`, as libpq). The login that follows gets as long again.
pub const CONNECT_TIMEOUT: Duration = Duration::from_secs(10);

/// A hub's address and a login. `Debug` never shows the password.
#[derive(Clone, PartialEq, Eq)]
pub struct HubConfig {
    pub host: String,
    pub port: u16,
    pub database: String,
    pub login: String,
    pub password: Option<String>,
    pub sslmode: SslMode,
    /// A PEM file of the certificate authorities to trust for `verify-ca` / `verify-full`
    /// (libpq's `sslrootcert`), for an office whose IT signs its own certificates. Without it
    /// the operating system's trusted authorities are used.
    pub ssl_root_cert: Option<PathBuf>,
    /// How long to wait for the server to accept the connection ([`CONNECT_TIMEOUT`] unless
    /// the address has `connect_timeout`); logging in may take as long again.
    pub connect_timeout: Duration,
}

impl fmt::Debug for HubConfig {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("HubConfig")
            .field("host", &self.host)
            .field("port", &self.port)
            .field("database", &self.database)
            .field("login", &self.login)
            .field("password", &self.password.as_ref().map(|_| "…"))
            .field("sslmode", &self.sslmode)
            .field("ssl_root_cert", &self.ssl_root_cert)
            .field("connect_timeout", &self.connect_timeout)
            .finish()
    }
}

const EXAMPLE: &str = "postgres://maria@db.office.example:5432/plenary?sslmode=verify-full";

impl HubConfig {
    /// A config with libpq's defaults for the rest: no password, `sslmode=prefer`, the
    /// operating system's trusted authorities, [`CONNECT_TIMEOUT`].
    pub fn new(host: &str, port: u16, database: &str, login: &str) -> HubConfig {
        HubConfig {
            host: host.to_owned(),
            port,
            database: database.to_owned(),
            login: login.to_owned(),
            password: None,
            sslmode: SslMode::default(),
            ssl_root_cert: None,
            connect_timeout: CONNECT_TIMEOUT,
        }
    }

    /// Reads `postgres://login:password@host:port/database?sslmode=…&sslrootcert=…`
    /// (`postgresql://` too). The port defaults to 5432 and `sslmode` to `prefer`, as with
    /// libpq; the login and the database must be given. A password absent from the address is
    /// taken from `PGPASSWORD` when that is set. Percent-escapes are decoded (`%40` for `@` in a
    /// password).
    pub fn from_url(url: &str) -> Result<HubConfig, HubError> {
        HubConfig::parse(url, std::env::var("PGPASSWORD").ok())
    }

    fn parse(text: &str, env_password: Option<String>) -> Result<HubConfig, HubError> {
        let malformed = |what: String| HubError::MalformedUrl(what);
        let text = text.trim();
        if text.is_empty() {
            return Err(malformed(format!(
                "The hub's address is empty. It looks like {EXAMPLE}."
            )));
        }
        if !text.contains("://") {
            return Err(malformed(format!(
                "“{}” is not a hub address: one starts with postgres://, as in {EXAMPLE}.",
                redact(text)
            )));
        }
        let url = url::Url::parse(text).map_err(|error| {
            malformed(format!(
                "“{}” is not a hub address ({error}). It looks like {EXAMPLE}.",
                redact(text)
            ))
        })?;
        if url.scheme() != "postgres" && url.scheme() != "postgresql" {
            return Err(malformed(format!(
                "The hub's address must start with postgres://, not {}://. It looks like {EXAMPLE}.",
                url.scheme()
            )));
        }
        let host = match url.host() {
            Some(url::Host::Domain(name)) if !name.is_empty() => name.to_owned(),
            Some(url::Host::Ipv4(ip)) => ip.to_string(),
            Some(url::Host::Ipv6(ip)) => ip.to_string(),
            _ => {
                return Err(malformed(format!(
                    "The hub's address names no host. It looks like {EXAMPLE}."
                )));
            }
        };
        let port = url.port().unwrap_or(5432);
        if port == 0 {
            return Err(malformed("The hub's port cannot be 0.".to_owned()));
        }
        let login = decode(url.username(), "login")?;
        if login.is_empty() {
            return Err(malformed(format!(
                "The hub's address names no login: put it before the host, as in {EXAMPLE}."
            )));
        }
        let password = match url.password() {
            Some(password) => Some(decode(password, "password")?),
            None => env_password.filter(|p| !p.is_empty()),
        };
        let database = decode(url.path().trim_start_matches('/'), "database")?;
        if database.is_empty() {
            return Err(malformed(format!(
                "The hub's address names no database: put it after the host, as in {EXAMPLE}."
            )));
        }
        if database.contains('/') {
            return Err(malformed(format!(
                "“{database}” is not a database name: the address has one name after the host, as in {EXAMPLE}."
            )));
        }
        let mut config = HubConfig::new(&host, port, &database, &login);
        config.password = password;
        for (key, value) in url.query_pairs() {
            match &*key {
                "sslmode" => {
                    config.sslmode = SslMode::from_name(&value).ok_or_else(|| {
                        let names: Vec<&str> = SslMode::ALL.iter().map(|m| m.name()).collect();
                        malformed(format!(
                            "sslmode “{value}” is not one PostgreSQL knows: use one of {}.",
                            names.join(", ")
                        ))
                    })?;
                }
                "sslrootcert" => config.ssl_root_cert = Some(PathBuf::from(&*value)),
                "connect_timeout" => {
                    let seconds: u64 = value.parse().ok().filter(|s| (1..=600).contains(s)).ok_or_else(|| {
                        malformed(format!(
                            "connect_timeout “{value}” is not a number of seconds from 1 to 600."
                        ))
                    })?;
                    config.connect_timeout = Duration::from_secs(seconds);
                }
                // Accepted for libpq compatibility; Plenary names itself.
                "application_name" => {}
                other => {
                    return Err(malformed(format!(
                        "The hub's address has a setting Plenary does not know, “{other}”: \
                         only sslmode, sslrootcert and connect_timeout are read."
                    )));
                }
            }
        }
        Ok(config)
    }

    /// `host:port`, as messages show it.
    pub fn address(&self) -> String {
        if self.host.contains(':') {
            format!("[{}]:{}", self.host, self.port)
        } else {
            format!("{}:{}", self.host, self.port)
        }
    }

    /// The address with the login and without the password, to show or store.
    pub fn to_url_without_password(&self) -> String {
        let mut url = format!(
            "postgres://{}@{}/{}?sslmode={}",
            encode(&self.login),
            self.address(),
            encode(&self.database),
            self.sslmode
        );
        if let Some(path) = &self.ssl_root_cert {
            url.push_str("&sslrootcert=");
            url.push_str(&encode(&path.to_string_lossy()));
        }
        if self.connect_timeout != CONNECT_TIMEOUT {
            url.push_str(&format!(
                "&connect_timeout={}",
                self.connect_timeout.as_secs()
            ));
        }
        url
    }
}

fn decode(part: &str, what: &str) -> Result<String, HubError> {
    percent_encoding::percent_decode_str(part)
        .decode_utf8()
        .map(|text| text.into_owned())
        .map_err(|_| HubError::MalformedUrl(format!("The hub address's {what} is not valid text.")))
}

/// Escapes everything but letters, digits and `-._~`, as a URL's user and path parts allow.
fn encode(text: &str) -> String {
    const RESERVED: &percent_encoding::AsciiSet = &percent_encoding::NON_ALPHANUMERIC
        .remove(b'-')
        .remove(b'.')
        .remove(b'_')
        .remove(b'~');
    percent_encoding::utf8_percent_encode(text, RESERVED).to_string()
}

/// The address with any password replaced, for messages.
fn redact(text: &str) -> String {
    match (text.find("://"), text.rfind('@')) {
        (Some(scheme_end), Some(at)) if at > scheme_end => {
            let userinfo = &text[scheme_end + 3..at];
            match userinfo.find(':') {
                Some(colon) => format!(
                    "{}{}:…{}",
                    &text[..scheme_end + 3],
                    &userinfo[..colon],
                    &text[at..]
                ),
                None => text.to_owned(),
            }
        }
        _ => text.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Result<HubConfig, HubError> {
        HubConfig::parse(text, None)
    }

    #[test]
    fn reads_a_full_address() {
        let config = parse(
            "postgres://maria%40office:s%3Ac%2Fr+et@db.office.example:6543/plenary_hub?sslmode=verify-full&sslrootcert=/etc/office-ca.pem",
        )
        .unwrap();
        assert_eq!(config.host, "db.office.example");
        assert_eq!(config.port, 6543);
        assert_eq!(config.login, "maria@office");
        assert_eq!(config.password.as_deref(), Some("s:c/r+et"));
        assert_eq!(config.database, "plenary_hub");
        assert_eq!(config.sslmode, SslMode::VerifyFull);
        assert_eq!(
            config.ssl_root_cert,
            Some(PathBuf::from("/etc/office-ca.pem"))
        );
        assert_eq!(config.address(), "db.office.example:6543");
        assert!(!format!("{config:?}").contains("s:c/r+et"));
    }

    #[test]
    fn defaults_like_libpq_and_takes_the_password_from_the_environment() {
        let config =
            HubConfig::parse("postgresql://maria@10.0.0.5/plenary", Some("pw".into())).unwrap();
        assert_eq!(config.port, 5432);
        assert_eq!(config.sslmode, SslMode::Prefer);
        assert_eq!(config.connect_timeout, CONNECT_TIMEOUT);
        assert_eq!(config.password.as_deref(), Some("pw"));
        let config = parse("postgres://maria@db/plenary?connect_timeout=3").unwrap();
        assert_eq!(config.connect_timeout, Duration::from_secs(3));
        assert!(
            config
                .to_url_without_password()
                .ends_with("&connect_timeout=3")
        );
        let config =
            HubConfig::parse("postgres://maria:own@[::1]:5433/plenary", Some("pw".into())).unwrap();
        assert_eq!(config.password.as_deref(), Some("own"));
        assert_eq!(config.address(), "[::1]:5433");
    }

    #[test]
    fn says_what_is_wrong_with_a_malformed_address() {
        let message = |text: &str| parse(text).unwrap_err().to_string();
        assert!(message("").contains("empty"));
        assert!(message("db.office.example").contains("not a hub address"));
        assert!(message("mysql://maria@db/plenary").contains("must start with postgres://"));
        assert!(message("postgres://db.office.example/plenary").contains("no login"));
        assert!(message("postgres://maria@db.office.example").contains("no database"));
        assert!(message("postgres://maria@db.office.example/a/b").contains("one name"));
        assert!(message("postgres://maria@db/plenary?sslmode=strict").contains("verify-full"));
        assert!(message("postgres://maria@db/plenary?timeout=3").contains("“timeout”"));
        assert!(message("postgres://maria@db/plenary?connect_timeout=0").contains("seconds"));
        assert!(message("postgres://maria@db:99999/plenary").contains("not a hub address"));
        let secret = message("postgres://maria:hunter2@db:99999/plenary");
        assert!(!secret.contains("hunter2"), "{secret}");
    }

    #[test]
    fn writes_an_address_back_without_the_password() {
        let config =
            parse("postgres://maria:pw@db.office.example/plenary hub?sslmode=require").unwrap();
        assert_eq!(
            config.to_url_without_password(),
            "postgres://maria@db.office.example:5432/plenary%20hub?sslmode=require"
        );
        assert_eq!(
            parse(&config.to_url_without_password()).unwrap().database,
            "plenary hub"
        );
    }
}
