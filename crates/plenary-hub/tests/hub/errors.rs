//! What a person reads when connecting fails.

use std::net::TcpListener;
use std::time::{Duration, Instant};

use plenary_hub::testing::TestCluster;
use plenary_hub::{Hub, HubConfig, HubError, Role, SslMode};

#[test]
fn a_wrong_password_says_so() {
    let database = TestCluster::shared().new_hub();
    let maria = database.person("maria", Role::Delegate);
    let mut config = maria.config();
    config.password = Some("not-her-password".to_owned());
    let error = Hub::connect(&config).unwrap_err();
    assert_eq!(
        error,
        HubError::WrongPassword {
            login: maria.login.clone(),
            password_given: true
        }
    );
    assert_eq!(
        error.to_string(),
        format!(
            "The hub refused the login “{}”: wrong password.",
            maria.login
        )
    );

    config.password = None;
    let error = Hub::connect(&config).unwrap_err();
    assert!(
        matches!(
            error,
            HubError::WrongPassword {
                password_given: false,
                ..
            }
        ),
        "{error:?}"
    );
    assert!(error.to_string().contains("PGPASSWORD"), "{error}");

    // A login that does not exist reads the same (the server does not tell them apart).
    config.login = "nobody_here".to_owned();
    config.password = Some("x".to_owned());
    assert!(matches!(
        Hub::connect(&config),
        Err(HubError::WrongPassword { .. })
    ));
}

#[test]
fn a_port_where_nothing_listens_is_unreachable() {
    let port = {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        listener.local_addr().unwrap().port()
    };
    let url = format!("postgres://maria:pw@127.0.0.1:{port}/plenary?sslmode=disable");
    let error = Hub::connect(&HubConfig::from_url(&url).unwrap()).unwrap_err();
    assert_eq!(
        error.to_string(),
        format!(
            "Could not reach the hub at 127.0.0.1:{port}: connection refused. Check the host and port, and that this laptop is online."
        )
    );
    assert!(matches!(
        plenary_hub::init(&url),
        Err(HubError::Unreachable { .. })
    ));
}

#[test]
fn a_server_that_never_answers_is_given_up_on() {
    // Accepts the connection, then says nothing.
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    let _held = std::thread::spawn(move || {
        let connections: Vec<_> = listener.incoming().take(1).collect();
        std::thread::sleep(Duration::from_secs(10));
        drop(connections);
    });
    let url =
        format!("postgres://maria:pw@127.0.0.1:{port}/plenary?sslmode=disable&connect_timeout=1");
    let started = Instant::now();
    let error = Hub::connect(&HubConfig::from_url(&url).unwrap()).unwrap_err();
    assert!(started.elapsed() < Duration::from_secs(5));
    assert!(matches!(error, HubError::Unreachable { .. }), "{error:?}");
    assert!(
        error
            .to_string()
            .contains("did not answer within 2 seconds"),
        "{error}"
    );
}

#[test]
fn a_malformed_address_says_what_is_wrong() {
    for (url, words) in [
        ("db.office.example:5432", "not a hub address"),
        ("postgres://db.office.example/plenary", "no login"),
        ("postgres://maria@db.office.example", "no database"),
        ("postgres://maria@db/plenary?sslmode=yes", "sslmode"),
    ] {
        let Err(HubError::MalformedUrl(message)) = HubConfig::from_url(url) else {
            panic!("{url} was read")
        };
        assert!(message.contains(words), "{url}: {message}");
        assert_eq!(plenary_hub::init(url), Err(HubError::MalformedUrl(message)));
    }
}

#[test]
fn a_database_that_is_not_a_hub_or_not_there_says_so() {
    let cluster = TestCluster::shared();
    let plain = cluster.new_database();
    let error = Hub::connect(&HubConfig::from_url(&plain.owner_url).unwrap()).unwrap_err();
    assert!(matches!(error, HubError::NotAHub { .. }), "{error:?}");
    assert_eq!(
        error.to_string(),
        format!(
            "The database “{}” at 127.0.0.1:{} is not a Plenary hub. Check the address, or ask office IT to run `plenary hub init` on it.",
            plain.name,
            cluster.port()
        )
    );
    assert!(error.to_string().contains("plenary hub init"));
    assert!(matches!(
        plenary_hub::add_person(&plain.owner_url, "maria", Role::Delegate),
        Err(HubError::NotAHub { .. })
    ));

    let mut missing = HubConfig::from_url(&plain.owner_url).unwrap();
    missing.database = "no_such_database".to_owned();
    let error = Hub::connect(&missing).unwrap_err();
    assert_eq!(
        error.to_string(),
        format!(
            "The server at 127.0.0.1:{} has no database “no_such_database”. Check the database name in the hub's address.",
            cluster.port()
        )
    );
}

#[test]
fn encryption_required_of_a_server_without_it_is_refused_and_prefer_falls_back() {
    let database = TestCluster::shared().new_hub();
    let maria = database.person("maria", Role::Delegate);
    let mut config = maria.config();
    config.sslmode = SslMode::Require;
    let error = Hub::connect(&config).unwrap_err();
    assert!(matches!(error, HubError::Tls { .. }), "{error:?}");
    assert!(
        error.to_string().contains("does not offer encryption"),
        "{error}"
    );
    config.sslmode = SslMode::Prefer;
    Hub::connect(&config).unwrap();
}
