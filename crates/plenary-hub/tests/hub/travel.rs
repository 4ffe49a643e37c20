//! Travel details: a delegate sees and writes only their own, coordinators all of them; the
//! database enforces it, whatever SQL a login sends.

use plenary_hub::testing::TestCluster;
use plenary_hub::{Hub, HubError, Role};
use serde_json::json;

#[test]
fn a_delegate_sees_only_their_own_travel_details_and_a_coordinator_all() {
    let database = TestCluster::shared().new_hub();
    let coordinator = database.person("maria", Role::Coordinator);
    let jonas = database.person("jonas", Role::Delegate);
    let ana = database.person("ana", Role::Delegate);
    let mut maria_hub = Hub::connect(&coordinator.config()).unwrap();
    let mut jonas_hub = Hub::connect(&jonas.config()).unwrap();
    let mut ana_hub = Hub::connect(&ana.config()).unwrap();

    // Jonas writes his own; the coordinator writes Ana's for her.
    jonas_hub
        .put_travel("person-jonas", None, &json!({"passport": "J111"}))
        .unwrap();
    maria_hub
        .put_travel("person-ana", Some(&ana.login), &json!({"passport": "A222"}))
        .unwrap();

    let all = maria_hub.travel().unwrap();
    let ids: Vec<_> = all.iter().map(|t| t.person_id.as_str()).collect();
    assert_eq!(ids, ["person-ana", "person-jonas"]);
    assert_eq!(all[1].owner_login, jonas.login);
    assert!(all[1].updated_at.ends_with('Z'));

    let own = jonas_hub.travel().unwrap();
    assert_eq!(own.len(), 1);
    assert_eq!(own[0].payload, json!({"passport": "J111"}));
    let own = ana_hub.travel().unwrap();
    assert_eq!(own.len(), 1);
    assert_eq!(own[0].payload["passport"], "A222");

    // Jonas cannot overwrite Ana's, take it over, or give his row to someone else.
    let refused = jonas_hub.put_travel("person-ana", None, &json!({"passport": "forged"}));
    assert!(matches!(refused, Err(HubError::Refused(_))), "{refused:?}");
    let refused = jonas_hub.put_travel("person-ana", Some(&ana.login), &json!({}));
    assert!(matches!(refused, Err(HubError::Refused(_))), "{refused:?}");
    let refused = jonas_hub.put_travel("person-jonas", Some(&ana.login), &json!({}));
    assert!(matches!(refused, Err(HubError::Refused(_))), "{refused:?}");
    assert_eq!(jonas_hub.delete_travel("person-ana"), Ok(false));

    // Nor with SQL of his own.
    let mut raw = jonas.raw_client();
    let rows = raw
        .query("SELECT person_id, payload FROM plenary.travel", &[])
        .unwrap();
    assert_eq!(rows.len(), 1, "RLS shows Jonas his own row only");
    let changed = raw
        .execute(
            "UPDATE plenary.travel SET payload = '{\"passport\": \"forged\"}'",
            &[],
        )
        .unwrap();
    assert_eq!(changed, 1, "only his own row was reachable");
    assert_eq!(
        raw.execute(
            "DELETE FROM plenary.travel WHERE person_id = 'person-ana'",
            &[]
        )
        .unwrap(),
        0
    );
    let error = raw
        .execute(
            "INSERT INTO plenary.travel (person_id, owner_login, payload) VALUES ('person-x', $1, '{}')",
            &[&ana.login],
        )
        .unwrap_err();
    assert_eq!(error.code().map(|c| c.code()), Some("42501"), "{error:?}");
    for sql in [
        "SET row_security = off; SELECT * FROM plenary.travel",
        "ALTER TABLE plenary.travel NO FORCE ROW LEVEL SECURITY",
        "DROP POLICY travel_owner_or_coordinator ON plenary.travel",
    ] {
        assert!(raw.batch_execute(sql).is_err(), "{sql}");
    }

    let all = maria_hub.travel().unwrap();
    assert_eq!(all[0].payload["passport"], "A222", "Ana's row is untouched");
    assert_eq!(
        all[1].payload["passport"], "forged",
        "Jonas may change his own"
    );

    // A coordinator may change and remove anyone's.
    maria_hub
        .put_travel(
            "person-jonas",
            Some(&jonas.login),
            &json!({"passport": "J333"}),
        )
        .unwrap();
    assert_eq!(jonas_hub.travel().unwrap()[0].payload["passport"], "J333");
    assert_eq!(maria_hub.delete_travel("person-jonas"), Ok(true));
    assert!(jonas_hub.travel().unwrap().is_empty());
}
