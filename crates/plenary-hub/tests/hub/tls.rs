//! Encrypted connections with libpq's sslmode meanings, against a cluster that accepts only
//! encrypted ones, with a certificate for `localhost` from a test authority.

use plenary_hub::testing::TestCluster;
use plenary_hub::{Hub, HubError, Role, SslMode};

#[test]
fn sslmodes_check_the_certificate_as_libpq_does() {
    let cluster = TestCluster::start_with_tls().unwrap();
    let database = cluster.new_hub();
    let maria = database.person("maria", Role::Delegate);
    let authority = cluster.authority_file().unwrap();
    let base = maria.config();
    let connect = |host: &str, sslmode: SslMode, trusted: bool| {
        let mut config = base.clone();
        config.host = host.to_owned();
        config.sslmode = sslmode;
        config.ssl_root_cert = trusted.then(|| authority.clone());
        Hub::connect(&config).map(|hub| hub.login().to_owned())
    };

    // Encrypted, the certificate unchecked.
    assert_eq!(
        connect("127.0.0.1", SslMode::Require, false),
        Ok(maria.login.clone())
    );
    assert_eq!(
        connect("127.0.0.1", SslMode::Prefer, false),
        Ok(maria.login.clone())
    );
    // The authority is trusted; verify-ca accepts a certificate for another name.
    assert!(connect("127.0.0.1", SslMode::VerifyCa, true).is_ok());
    assert!(connect("localhost", SslMode::VerifyFull, true).is_ok());

    // The certificate names localhost, not 127.0.0.1.
    let error = connect("127.0.0.1", SslMode::VerifyFull, true).unwrap_err();
    assert!(matches!(error, HubError::Tls { .. }), "{error:?}");
    assert!(
        error
            .to_string()
            .contains("the server's certificate is not made out to “127.0.0.1”"),
        "{error}"
    );
    // The test authority is not one this computer trusts.
    let error = connect("localhost", SslMode::VerifyFull, false).unwrap_err();
    assert!(matches!(error, HubError::Tls { .. }), "{error:?}");
    assert!(error.to_string().contains("sslrootcert=FILE"), "{error}");

    // The server takes only encrypted connections.
    let error = connect("127.0.0.1", SslMode::Disable, false).unwrap_err();
    assert!(matches!(error, HubError::Refused(_)), "{error:?}");
    assert!(
        error.to_string().contains("does not accept the login"),
        "{error}"
    );

    let mut missing = base.clone();
    missing.sslmode = SslMode::VerifyFull;
    missing.ssl_root_cert = Some("/nonexistent/office-ca.pem".into());
    let error = Hub::connect(&missing).unwrap_err();
    assert!(
        error.to_string().contains(
            "/nonexistent/office-ca.pem (sslrootcert) cannot be read: there is no such file"
        ),
        "{error}"
    );
}
