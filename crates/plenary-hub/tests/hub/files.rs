//! Documents' files on the hub: kept once by checksum, checked, fetched by any of its people.

use plenary_hub::testing::TestCluster;
use plenary_hub::{Hub, HubError, Role};

fn sha256_hex(bytes: &[u8]) -> String {
    // PostgreSQL computes it too; the test asks it rather than carry a hashing crate.
    let cluster = TestCluster::shared();
    let database = cluster.new_hub();
    let person = database.person("hasher", Role::Delegate);
    let mut client = person.raw_client();
    client
        .query_one("SELECT encode(sha256($1), 'hex')", &[&bytes])
        .unwrap()
        .get(0)
}

#[test]
fn a_file_is_kept_once_under_its_checksum_and_fetched_by_others() {
    let database = TestCluster::shared().new_hub();
    let office = database.person("office", Role::Coordinator);
    let amina = database.person("amina", Role::Delegate);
    let mut office_hub = Hub::connect(&office.config()).unwrap();
    let mut amina_hub = Hub::connect(&amina.config()).unwrap();

    let pdf = b"%PDF-1.7 A77/9 Report of the Director-General".to_vec();
    let sha = sha256_hex(&pdf);
    assert_eq!(amina_hub.file(&sha).unwrap(), None, "not sent yet");
    assert!(
        office_hub
            .files_present(std::slice::from_ref(&sha))
            .unwrap()
            .is_empty()
    );

    office_hub.put_file(&sha, &pdf).unwrap();
    office_hub.put_file(&sha, &pdf).unwrap(); // again: nothing changes
    assert_eq!(amina_hub.file(&sha).unwrap(), Some(pdf.clone()));
    assert_eq!(
        amina_hub
            .files_present(&[sha.clone(), "0".repeat(64)])
            .unwrap(),
        vec![sha.clone()]
    );

    // Other bytes under that name are refused, and the file stays as it was.
    let error = amina_hub.put_file(&sha, b"something else").unwrap_err();
    assert!(
        matches!(error, HubError::Refused(_) | HubError::Other(_)),
        "{error:?}"
    );
    assert_eq!(office_hub.file(&sha).unwrap(), Some(pdf));
    // And no login reads the table directly.
    let mut raw = amina.raw_client();
    assert!(raw.query("SELECT bytes FROM plenary.file", &[]).is_err());
}

#[test]
fn a_hub_of_schema_1_is_brought_up_to_date_by_init_and_keeps_its_log() {
    let database = TestCluster::shared().new_hub();
    let maria = database.person("maria", Role::Coordinator);
    {
        let mut hub = Hub::connect(&maria.config()).unwrap();
        hub.push(0, &[crate::bundle("office", "before the upgrade")])
            .unwrap();
    }
    // As a hub made by the first version was: no file table, schema 1.
    database
        .superuser_sql(
            "DROP FUNCTION plenary.put_file(text, bytea); DROP FUNCTION plenary.get_file(text);
             DROP FUNCTION plenary.has_files(text[]); DROP TABLE plenary.file;
             UPDATE plenary.hub_info SET schema_version = 1",
        )
        .unwrap();
    assert!(matches!(
        Hub::connect(&maria.config()).unwrap_err(),
        HubError::HubTooOld { hub_version: 1, .. }
    ));
    plenary_hub::init(&database.owner_url).unwrap();
    let mut hub = Hub::connect(&maria.config()).unwrap();
    assert_eq!(hub.latest_seq().unwrap(), 1, "the log is kept");
    let sha = sha256_hex(b"x");
    hub.put_file(&sha, b"x").unwrap();
    assert_eq!(hub.file(&sha).unwrap(), Some(b"x".to_vec()));
}
