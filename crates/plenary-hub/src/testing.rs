//! A throwaway PostgreSQL cluster for tests (feature `testing`, Unix only): `initdb` into a
//! temporary folder, `pg_ctl start` on a port the system says is free, listening on 127.0.0.1
//! with password (SCRAM) logins over TCP and the Unix socket in the same folder. Stopped and
//! removed on drop, and in any case when the test process ends, however it ends (a small watcher
//! process does it then).
//!
//! PostgreSQL's programs are found through `PLENARY_PG_BINDIR`, then `pg_config --bindir`, then
//! the newest `/usr/lib/postgresql/*/bin` (Debian's packages). `initdb` and `postgres` refuse to
//! run as root: as root the cluster runs as the user `PLENARY_PG_USER` names, `nobody` by default.
//!
//! ```no_run
//! use plenary_hub::testing::TestCluster;
//! let hub = TestCluster::shared().new_hub();       // a fresh database, `init` done
//! let maria = hub.person("maria", plenary_hub::Role::Delegate);
//! let mut connection = plenary_hub::Hub::connect(&maria.config()).unwrap();
//! ```

use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::{Mutex, OnceLock};
use std::time::Instant;

use crate::{HubConfig, Role};

/// A running PostgreSQL cluster in a temporary folder.
pub struct TestCluster {
    folder: Option<tempfile::TempDir>,
    bindir: PathBuf,
    run_as: Option<String>,
    port: u16,
    superuser_password: String,
    tls: bool,
    next_database: AtomicU32,
    /// The superuser's connection to the `postgres` database, made on first use.
    admin: Mutex<Option<postgres::Client>>,
}

/// The cluster's superuser (made by `initdb`).
pub const SUPERUSER: &str = "postgres";

static SHARED: OnceLock<TestCluster> = OnceLock::new();

impl TestCluster {
    /// One cluster for the whole test process, started on first use (about a second and a half)
    /// and removed when the process ends. Tests keep apart by each taking its own database
    /// ([`TestCluster::new_hub`]) and logins with their own names.
    pub fn shared() -> &'static TestCluster {
        SHARED.get_or_init(|| TestCluster::start().unwrap_or_else(|error| panic!("{error}")))
    }

    /// Starts a cluster of its own; it is stopped and removed when dropped.
    pub fn start() -> Result<TestCluster, String> {
        TestCluster::start_with(false)
    }

    /// Starts a cluster of its own that accepts only encrypted TCP connections, with a
    /// certificate for `localhost` signed by a test authority ([`TestCluster::authority_file`]).
    pub fn start_with_tls() -> Result<TestCluster, String> {
        TestCluster::start_with(true)
    }

    fn start_with(tls: bool) -> Result<TestCluster, String> {
        let bindir = find_bindir()?;
        let run_as = if is_root() {
            Some(std::env::var("PLENARY_PG_USER").unwrap_or_else(|_| "nobody".to_owned()))
        } else {
            None
        };
        // Under /tmp when the cluster runs as another user, who could not reach a TMPDIR in
        // root's home; short, too, for the Unix socket's path.
        let parent = match run_as {
            Some(_) => PathBuf::from("/tmp"),
            None => std::env::temp_dir(),
        };
        let folder = tempfile::Builder::new()
            .prefix("plenary-pg-")
            .tempdir_in(parent)
            .map_err(|error| format!("cannot make a folder for the test cluster: {error}"))?;
        if let Some(user) = &run_as {
            let (uid, gid) = user_ids(user)?;
            std::os::unix::fs::chown(folder.path(), Some(uid), Some(gid)).map_err(|error| {
                format!("cannot give the test cluster's folder to {user}: {error}")
            })?;
        }
        let superuser_password = random_text();
        let password_file = folder.path().join("superuser-password");
        std::fs::write(&password_file, &superuser_password)
            .map_err(|error| format!("cannot write {}: {error}", password_file.display()))?;
        let mut cluster = TestCluster {
            folder: Some(folder),
            bindir,
            run_as,
            port: 0,
            superuser_password,
            tls,
            next_database: AtomicU32::new(1),
            admin: Mutex::new(None),
        };
        cluster.give_to_cluster_user(&password_file)?;
        let data = cluster.data_dir();
        cluster.run(
            "initdb",
            &[
                "-D",
                path_str(&data)?,
                "-U",
                SUPERUSER,
                "--pwfile",
                path_str(&password_file)?,
                "--auth-local=trust",
                "--auth-host=scram-sha-256",
                "--encoding=UTF8",
                "--locale=C.UTF-8",
                "--no-sync",
            ],
        )?;
        watch_until_process_ends(cluster.folder_path());
        let mut tls_options = String::new();
        if tls {
            cluster.make_certificates()?;
            tls_options = format!(
                " -c ssl=on -c ssl_cert_file={} -c ssl_key_file={}",
                path_str(&cluster.folder_path().join("server.crt"))?,
                path_str(&cluster.folder_path().join("server.key"))?
            );
        }
        // A port may be taken between asking for it and the server binding it: try a few.
        let mut last_error = String::new();
        for _ in 0..5 {
            let port = free_port()?;
            let options = format!(
                "-c port={port} -c listen_addresses=127.0.0.1 -c unix_socket_directories={} \
                 -c fsync=off -c synchronous_commit=off -c full_page_writes=off \
                 -c shared_buffers=16MB -c max_connections=60{tls_options}",
                path_str(cluster.folder_path())?
            );
            let log = cluster.folder_path().join("server.log");
            match cluster.run(
                "pg_ctl",
                &[
                    "-D",
                    path_str(&data)?,
                    "-l",
                    path_str(&log)?,
                    "-o",
                    &options,
                    "-w",
                    "-t",
                    "60",
                    "start",
                ],
            ) {
                Ok(()) => {
                    cluster.port = port;
                    return Ok(cluster);
                }
                Err(error) => {
                    let log_text = std::fs::read_to_string(&log).unwrap_or_default();
                    last_error = format!("{error}\n{log_text}");
                }
            }
        }
        Err(format!("the test cluster did not start: {last_error}"))
    }

    pub fn port(&self) -> u16 {
        self.port
    }

    /// `postgres://postgres:…@127.0.0.1:PORT/DATABASE?sslmode=…`
    pub fn superuser_url(&self, database: &str) -> String {
        self.url(SUPERUSER, &self.superuser_password, database)
    }

    /// An address on this cluster: `sslmode=disable`, or `require` for a cluster with TLS.
    pub fn url(&self, login: &str, password: &str, database: &str) -> String {
        let sslmode = if self.tls { "require" } else { "disable" };
        format!(
            "postgres://{login}:{password}@127.0.0.1:{}/{database}?sslmode={sslmode}",
            self.port
        )
    }

    /// The PEM file of the authority that signed a TLS cluster's certificate.
    pub fn authority_file(&self) -> Option<PathBuf> {
        self.tls.then(|| self.folder_path().join("authority.crt"))
    }

    /// A test authority, and a certificate for `localhost` signed by it; only encrypted TCP
    /// connections are accepted afterwards (`hostssl` in pg_hba.conf).
    fn make_certificates(&self) -> Result<(), String> {
        use rcgen::{BasicConstraints, CertificateParams, IsCa, Issuer, KeyPair};
        let failed = |error: rcgen::Error| format!("cannot make the test certificates: {error}");
        let mut authority = CertificateParams::new(Vec::new()).map_err(failed)?;
        authority.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
        authority
            .distinguished_name
            .push(rcgen::DnType::CommonName, "Plenary test authority");
        let authority_key = KeyPair::generate().map_err(failed)?;
        let authority_certificate = authority.self_signed(&authority_key).map_err(failed)?;
        let issuer = Issuer::new(authority, authority_key);
        let server = CertificateParams::new(vec!["localhost".to_owned()]).map_err(failed)?;
        let server_key = KeyPair::generate().map_err(failed)?;
        let server_certificate = server.signed_by(&server_key, &issuer).map_err(failed)?;

        let folder = self.folder_path();
        let files = [
            ("authority.crt", authority_certificate.pem()),
            ("server.crt", server_certificate.pem()),
            ("server.key", server_key.serialize_pem()),
        ];
        for (name, text) in files {
            let path = folder.join(name);
            std::fs::write(&path, text)
                .map_err(|error| format!("cannot write {}: {error}", path.display()))?;
            self.give_to_cluster_user(&path)?;
        }
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(
            folder.join("server.key"),
            std::fs::Permissions::from_mode(0o600),
        )
        .map_err(|error| format!("cannot protect the test key: {error}"))?;

        let hba = self.data_dir().join("pg_hba.conf");
        let text = std::fs::read_to_string(&hba)
            .map_err(|error| format!("cannot read {}: {error}", hba.display()))?;
        let text: Vec<String> = text
            .lines()
            .map(|line| match line.strip_prefix("host ") {
                Some(rest) => format!("hostssl {rest}"),
                None => line.to_owned(),
            })
            .collect();
        std::fs::write(&hba, text.join("\n") + "\n")
            .map_err(|error| format!("cannot write {}: {error}", hba.display()))
    }

    fn give_to_cluster_user(&self, path: &Path) -> Result<(), String> {
        let Some(user) = &self.run_as else {
            return Ok(());
        };
        let (uid, gid) = user_ids(user)?;
        std::os::unix::fs::chown(path, Some(uid), Some(gid))
            .map_err(|error| format!("cannot give {} to {user}: {error}", path.display()))
    }

    /// Runs SQL as the superuser in `database`.
    pub fn superuser_sql(&self, database: &str, sql: &str) -> Result<(), String> {
        self.superuser_client(database)?
            .batch_execute(sql)
            .map_err(|error| format!("{error:?} running {sql}"))
    }

    /// The superuser over the cluster's Unix socket (trusted: only the cluster's user and root
    /// can reach the folder it is in).
    fn superuser_client(&self, database: &str) -> Result<postgres::Client, String> {
        postgres::Config::new()
            .host_path(self.folder_path())
            .port(self.port)
            .user(SUPERUSER)
            .dbname(database)
            .connect(postgres::NoTls)
            .map_err(|error| format!("cannot connect to the test cluster: {error}"))
    }

    /// A new, empty database owned by a new login that may create roles (as office IT would
    /// set one up), not a superuser. The owner also holds `plenary_member` with the right to
    /// grant it, so several hubs can share this cluster.
    pub fn new_database(&self) -> TestDatabase<'_> {
        // One at a time: two tests must not both create `plenary_member`.
        let mut admin = self
            .admin
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        let client = admin.get_or_insert_with(|| {
            self.superuser_client("postgres")
                .unwrap_or_else(|error| panic!("{error}"))
        });
        let number = self.next_database.fetch_add(1, Ordering::Relaxed);
        let name = format!("hub{number}");
        let owner = format!("{name}_owner");
        let password = random_text();
        let setup = [
            "DO $$ BEGIN
                 IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'plenary_member') THEN
                     CREATE ROLE plenary_member NOLOGIN;
                 END IF;
             END $$"
                .to_owned(),
            format!("CREATE ROLE {owner} LOGIN CREATEROLE PASSWORD '{password}'"),
            format!("GRANT plenary_member TO {owner} WITH ADMIN OPTION"),
            format!("CREATE DATABASE {name} OWNER {owner}"),
        ];
        for sql in setup {
            client
                .batch_execute(&sql)
                .unwrap_or_else(|error| panic!("{error:?} running {sql}"));
        }
        TestDatabase {
            owner_url: self.url(&owner, &password, &name),
            name,
            cluster: self,
        }
    }

    /// A new database with the hub set up in it.
    pub fn new_hub(&self) -> TestDatabase<'_> {
        let database = self.new_database();
        crate::init(&database.owner_url).unwrap_or_else(|error| panic!("init: {error}"));
        database
    }

    fn folder_path(&self) -> &Path {
        self.folder
            .as_ref()
            .map(|folder| folder.path())
            .unwrap_or(Path::new("/nonexistent"))
    }

    fn data_dir(&self) -> PathBuf {
        self.folder_path().join("data")
    }

    /// Runs one of PostgreSQL's programs, as the cluster's user.
    fn run(&self, program: &str, args: &[&str]) -> Result<(), String> {
        let binary = self.bindir.join(program);
        let mut command = match &self.run_as {
            Some(user) => {
                let mut command = Command::new("runuser");
                command.args(["-u", user, "--"]).arg(&binary);
                command
            }
            None => Command::new(&binary),
        };
        command
            .args(args)
            .current_dir(self.folder_path())
            .stdin(Stdio::null());
        let started = Instant::now();
        let output = command
            .output()
            .map_err(|error| format!("cannot run {}: {error}", binary.display()))?;
        if output.status.success() {
            Ok(())
        } else {
            Err(format!(
                "{program} failed after {:.1} s ({}): {}{}",
                started.elapsed().as_secs_f32(),
                output.status,
                String::from_utf8_lossy(&output.stdout),
                String::from_utf8_lossy(&output.stderr)
            ))
        }
    }
}

impl Drop for TestCluster {
    fn drop(&mut self) {
        if self.port != 0
            && let Ok(data) = path_str(&self.data_dir()).map(str::to_owned)
        {
            let _ = self.run("pg_ctl", &["-D", &data, "-m", "immediate", "-w", "stop"]);
        }
        // The temporary folder goes with `folder`.
    }
}

/// A database in a test cluster, with its owner's address.
pub struct TestDatabase<'a> {
    pub name: String,
    /// The owner's address: for `init`, `add_person`, `list_people`.
    pub owner_url: String,
    cluster: &'a TestCluster,
}

impl<'a> TestDatabase<'a> {
    pub fn cluster(&self) -> &'a TestCluster {
        self.cluster
    }

    /// Adds one of the hub's people through [`crate::add_person`]. The login is `name` with
    /// the database's name before it (`hub3_maria`), since logins are shared by the cluster's
    /// databases.
    pub fn person(&self, name: &str, role: Role) -> TestLogin {
        let login = format!("{}_{name}", self.name);
        let password = crate::add_person(&self.owner_url, &login, role)
            .unwrap_or_else(|error| panic!("add_person {login}: {error}"));
        TestLogin {
            url: self.cluster.url(&login, &password, &self.name),
            login,
            password,
        }
    }

    /// Runs SQL as the cluster's superuser in this database.
    pub fn superuser_sql(&self, sql: &str) -> Result<(), String> {
        self.cluster.superuser_sql(&self.name, sql)
    }
}

/// A login made for a test.
#[derive(Debug, Clone)]
pub struct TestLogin {
    pub login: String,
    pub password: String,
    /// Its address (`sslmode=disable`, or `require` on a cluster with TLS).
    pub url: String,
}

impl TestLogin {
    pub fn config(&self) -> HubConfig {
        HubConfig::from_url(&self.url).unwrap_or_else(|error| panic!("{error}"))
    }

    /// A plain `postgres` client on this login, to try what the hub must refuse (on a cluster
    /// without TLS).
    pub fn raw_client(&self) -> postgres::Client {
        let config = self.config();
        postgres::Config::new()
            .host(&config.host)
            .port(config.port)
            .dbname(&config.database)
            .user(&config.login)
            .password(&self.password)
            .connect(postgres::NoTls)
            .unwrap_or_else(|error| panic!("{error}"))
    }
}

/// Stops the server and removes the folder once this process has ended, in case no `Drop`
/// runs (the shared cluster, a test binary killed). Exits early when the folder is gone.
fn watch_until_process_ends(folder: &Path) {
    let script = r#"
        while kill -0 "$1" 2>/dev/null && [ -d "$2" ]; do sleep 0.5; done
        [ -d "$2" ] || exit 0
        pid=$(head -n 1 "$2/data/postmaster.pid" 2>/dev/null)
        if [ -n "$pid" ]; then
            kill -QUIT "$pid" 2>/dev/null
            for _ in 1 2 3 4 5 6 7 8 9 10; do [ -e "$2/data/postmaster.pid" ] || break; sleep 0.5; done
        fi
        rm -rf "$2"
    "#;
    let _ = Command::new("sh")
        .args(["-c", script, "plenary-pg-watch"])
        .arg(std::process::id().to_string())
        .arg(folder)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn();
}

fn find_bindir() -> Result<PathBuf, String> {
    let has_initdb = |dir: &Path| dir.join("initdb").is_file() && dir.join("pg_ctl").is_file();
    if let Ok(dir) = std::env::var("PLENARY_PG_BINDIR") {
        let dir = PathBuf::from(dir);
        return if has_initdb(&dir) {
            Ok(dir)
        } else {
            Err(format!(
                "PLENARY_PG_BINDIR is {}, which has no initdb and pg_ctl",
                dir.display()
            ))
        };
    }
    if let Ok(output) = Command::new("pg_config").arg("--bindir").output()
        && output.status.success()
    {
        let dir = PathBuf::from(String::from_utf8_lossy(&output.stdout).trim());
        if has_initdb(&dir) {
            return Ok(dir);
        }
    }
    let mut versions: Vec<(u32, PathBuf)> = std::fs::read_dir("/usr/lib/postgresql")
        .into_iter()
        .flatten()
        .flatten()
        .filter_map(|entry| {
            let version = entry.file_name().to_string_lossy().parse().ok()?;
            Some((version, entry.path().join("bin")))
        })
        .filter(|(_, dir)| has_initdb(dir))
        .collect();
    versions.sort();
    versions.pop().map(|(_, dir)| dir).ok_or_else(|| {
        "PostgreSQL's initdb was not found (tried PLENARY_PG_BINDIR, pg_config --bindir and \
         /usr/lib/postgresql/*/bin): install it with `cargo xtask test`, or \
         `apt-get install postgresql`"
            .to_owned()
    })
}

fn is_root() -> bool {
    Command::new("id")
        .arg("-u")
        .output()
        .map(|output| String::from_utf8_lossy(&output.stdout).trim() == "0")
        .unwrap_or(false)
}

fn user_ids(user: &str) -> Result<(u32, u32), String> {
    let read = |flag: &str| -> Result<u32, String> {
        let output = Command::new("id")
            .args([flag, user])
            .output()
            .map_err(|error| format!("cannot run id: {error}"))?;
        String::from_utf8_lossy(&output.stdout)
            .trim()
            .parse()
            .map_err(|_| {
                format!("there is no user {user} to run the test cluster as (set PLENARY_PG_USER)")
            })
    };
    Ok((read("-u")?, read("-g")?))
}

fn free_port() -> Result<u16, String> {
    TcpListener::bind("127.0.0.1:0")
        .and_then(|listener| listener.local_addr())
        .map(|address| address.port())
        .map_err(|error| format!("cannot find a free port: {error}"))
}

fn path_str(path: &Path) -> Result<&str, String> {
    path.to_str()
        .ok_or_else(|| format!("the path {} is not valid text", path.display()))
}

/// 32 random letters and digits (for passwords of test logins).
fn random_text() -> String {
    let mut bytes = [0u8; 16];
    let _ = rustls::crypto::ring::default_provider()
        .secure_random
        .fill(&mut bytes);
    bytes.iter().map(|byte| format!("{byte:02x}")).collect()
}
