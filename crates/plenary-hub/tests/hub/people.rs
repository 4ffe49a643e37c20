//! The hub's people, and what a login may not do.

use plenary_hub::testing::TestCluster;
use plenary_hub::{Hub, HubError, Role};

use crate::bundle;

#[test]
fn people_are_added_with_a_role_and_listed() {
    let database = TestCluster::shared().new_hub();
    let maria = database.person("maria", Role::Coordinator);
    let jonas = database.person("jonas", Role::Delegate);
    let people = plenary_hub::list_people(&database.owner_url).unwrap();
    let listed: Vec<_> = people.iter().map(|p| (p.login.as_str(), p.role)).collect();
    assert_eq!(
        listed,
        vec![
            (jonas.login.as_str(), Role::Delegate),
            (maria.login.as_str(), Role::Coordinator)
        ]
    );
    assert!(people[0].created_at.ends_with('Z'));
    assert_eq!(
        Hub::connect(&maria.config()).unwrap().role(),
        Ok(Role::Coordinator)
    );
    assert_eq!(
        Hub::connect(&jonas.config()).unwrap().role(),
        Ok(Role::Delegate)
    );
    assert_eq!(maria.password.len(), 24);

    let again = plenary_hub::add_person(&database.owner_url, &maria.login, Role::Delegate);
    let Err(HubError::Refused(message)) = again else {
        panic!("{again:?}")
    };
    assert!(message.contains("already exists"), "{message}");

    for bad in ["Maria", "x; DROP TABLE plenary.person", "pg_admin", "a\"b"] {
        let refused = plenary_hub::add_person(&database.owner_url, bad, Role::Delegate);
        assert!(
            matches!(refused, Err(HubError::Refused(_))),
            "{bad}: {refused:?}"
        );
    }
    assert_eq!(
        plenary_hub::list_people(&database.owner_url).unwrap().len(),
        2
    );
}

#[test]
fn a_login_cannot_change_or_read_the_log_but_through_the_functions() {
    let database = TestCluster::shared().new_hub();
    let jonas = database.person("jonas", Role::Delegate);
    let maria = database.person("maria", Role::Coordinator);
    let mut maria_hub = Hub::connect(&maria.config()).unwrap();
    maria_hub.push(0, &[bundle("office", "agenda")]).unwrap();

    for login in [&jonas, &maria] {
        let mut raw = login.raw_client();
        for sql in [
            "DELETE FROM plenary.change_log",
            "UPDATE plenary.change_log SET payload = '{}'",
            "INSERT INTO plenary.change_log (seq, bundle_id, device, schema_version, made_at, payload) \
             VALUES (99, gen_random_uuid(), 'x', 1, 'now', '{}')",
            "TRUNCATE plenary.change_log",
            "SELECT * FROM plenary.change_log",
            "UPDATE plenary.person SET role = 'coordinator'",
            "INSERT INTO plenary.person (login, role) VALUES ('someone', 'coordinator')",
            "UPDATE plenary.hub_info SET schema_version = 9",
            "SELECT plenary.add_person('intruder', 'coordinator', 'secret')",
            "SELECT plenary.require_person()",
            "ALTER TABLE plenary.travel DISABLE ROW LEVEL SECURITY",
            "DROP FUNCTION plenary.push(bigint, jsonb)",
            "CREATE FUNCTION plenary.evil() RETURNS int LANGUAGE sql AS 'SELECT 1'",
        ] {
            let error = raw
                .batch_execute(sql)
                .expect_err(&format!("{} could run {sql}", login.login));
            let code = error.code().map(|c| c.code().to_owned());
            assert!(
                matches!(code.as_deref(), Some("42501" | "42883")),
                "{sql}: {error:?}"
            );
        }
    }
    let log = maria_hub.pull(0, 10).unwrap();
    assert_eq!(log.len(), 1);
    assert_eq!(log[0].payload["label"], "agenda");
    assert_eq!(
        plenary_hub::list_people(&database.owner_url).unwrap().len(),
        2
    );
}

#[test]
fn a_person_of_one_hub_is_not_one_of_another_on_the_same_server() {
    let first = TestCluster::shared().new_hub();
    let second = TestCluster::shared().new_hub();
    let maria = first.person("maria", Role::Coordinator);
    let mut elsewhere = maria.config();
    elsewhere.database = second.name.clone();
    let refused = Hub::connect(&elsewhere).unwrap_err();
    assert!(matches!(refused, HubError::Refused(_)), "{refused:?}");
    assert!(
        refused.to_string().contains("not one of this hub's people"),
        "{refused}"
    );
    // Nor through the functions directly.
    let mut raw = postgres::Config::new()
        .host("127.0.0.1")
        .port(elsewhere.port)
        .dbname(&second.name)
        .user(&maria.login)
        .password(&maria.password)
        .connect(postgres::NoTls)
        .unwrap();
    let error = raw
        .query("SELECT * FROM plenary.pull(0, 10)", &[])
        .unwrap_err();
    assert_eq!(error.code().map(|c| c.code()), Some("PLNOP"));
}

#[test]
fn a_hub_newer_than_this_version_is_refused() {
    let database = TestCluster::shared().new_hub();
    let maria = database.person("maria", Role::Delegate);
    database
        .superuser_sql("UPDATE plenary.hub_info SET schema_version = 99")
        .unwrap();
    let too_new = HubError::HubTooNew {
        hub_version: 99,
        known_version: plenary_hub::HUB_SCHEMA_VERSION,
    };
    assert_eq!(Hub::connect(&maria.config()).unwrap_err(), too_new);
    assert_eq!(plenary_hub::init(&database.owner_url), Err(too_new.clone()));
    assert!(too_new.to_string().contains("Update Plenary"));

    database
        .superuser_sql("UPDATE plenary.hub_info SET schema_version = 0")
        .unwrap();
    let too_old = Hub::connect(&maria.config()).unwrap_err();
    assert!(
        matches!(too_old, HubError::HubTooOld { hub_version: 0, .. }),
        "{too_old:?}"
    );
    assert!(too_old.to_string().contains("plenary hub init"));
}
