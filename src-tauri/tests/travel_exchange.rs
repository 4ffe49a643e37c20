//! Travel details between laptops with real logins on a real hub: a coordinator and two
//! delegates, each on their own data folder. A delegate's laptop holds their own details and
//! never a colleague's; the hub refuses a colleague's row to a delegate's login even in SQL of
//! their own; and no travel detail is ever in the change log every laptop receives.

use std::path::Path;
use std::sync::Mutex;

use plenary_core::Store;
use plenary_core::people::{PersonDraft, PersonKind, TravelDraft};
use plenary_hub::testing::{TestCluster, TestLogin};
use plenary_hub::{Hub, Role};
use plenary_lib::team::Team;

struct Laptop {
    dir: tempfile::TempDir,
    store: Mutex<Store>,
    team: Team,
}

impl Laptop {
    fn join(login: &TestLogin, device: &str) -> Laptop {
        let dir = tempfile::tempdir().unwrap();
        let store = Mutex::new(Store::open_in(dir.path()).unwrap());
        let team = Team::default();
        team.join(&store, &login.config(), device, &|_| {})
            .unwrap_or_else(|error| panic!("{device} joins: {}", error.message));
        Laptop { dir, store, team }
    }

    fn exchange(&self) -> plenary_core::exchange::ExchangeReport {
        self.team
            .exchange(&self.store, &|_| {})
            .unwrap_or_else(|error| panic!("exchange: {}", error.message))
    }

    fn store(&self) -> std::sync::MutexGuard<'_, Store> {
        self.store.lock().unwrap()
    }

    /// Whether `text` is anywhere in the data folder's database files (the WAL included).
    fn holds_bytes(&self, text: &str) -> bool {
        let needle = text.as_bytes();
        std::fs::read_dir(self.dir.path())
            .unwrap()
            .map(|entry| entry.unwrap().path())
            .filter(|path| is_database_file(path))
            .any(|path| {
                std::fs::read(&path)
                    .unwrap()
                    .windows(needle.len())
                    .any(|window| window == needle)
            })
    }
}

fn is_database_file(path: &Path) -> bool {
    path.file_name()
        .and_then(|name| name.to_str())
        .is_some_and(|name| name.starts_with(plenary_core::store::DATABASE_FILE))
}

fn person(name: &str, hub_login: &str) -> PersonDraft {
    PersonDraft {
        kind: Some(PersonKind::Representative),
        full_name: name.into(),
        hub_login: hub_login.into(),
        ..PersonDraft::default()
    }
}

fn travel(nationality: &str, passport: &str, dietary: &str) -> TravelDraft {
    TravelDraft {
        nationality: nationality.into(),
        passport_number: passport.into(),
        passport_expiry: "2031-02-28".into(),
        dietary_needs: dietary.into(),
        access_needs: String::new(),
    }
}

const AMINA_PASSPORT: &str = "AK7391526";
const JIWOO_PASSPORT: &str = "M48205713";

#[test]
fn travel_details_go_only_to_their_person_and_the_coordinators() {
    let cluster = TestCluster::shared();
    let hub = cluster.new_hub();
    let maria = hub.person("maria", Role::Coordinator);
    let amina = hub.person("amina", Role::Delegate);
    let jiwoo = hub.person("jiwoo", Role::Delegate);

    // The coordinator records both passports, each person with their hub login.
    let office = Laptop::join(&maria, "office");
    let (amina_id, jiwoo_id) = {
        let mut store = office.store();
        let a = store
            .create_person(&person("Amina Ngũgĩ", &amina.login))
            .unwrap();
        let j = store
            .create_person(&person("Ji-woo Park", &jiwoo.login))
            .unwrap();
        store
            .set_person_travel(&a.id, None, &travel("Kenyan", AMINA_PASSPORT, ""))
            .unwrap();
        store
            .set_person_travel(&j.id, None, &travel("Korean", JIWOO_PASSPORT, "vegetarian"))
            .unwrap();
        (a.id, j.id)
    };
    let report = office.exchange();
    assert_eq!(report.travel_sent, 2, "{report:?}");

    let amina_laptop = Laptop::join(&amina, "amina-laptop");
    let jiwoo_laptop = Laptop::join(&jiwoo, "jiwoo-laptop");
    amina_laptop.exchange();
    jiwoo_laptop.exchange();

    // Amina's laptop has both people, her own travel details and not Ji-woo's.
    {
        let store = amina_laptop.store();
        assert_eq!(store.people().unwrap().len(), 2);
        let hers = store.person_travel(&amina_id).unwrap().expect("her own");
        assert_eq!(hers.fields.passport_number, AMINA_PASSPORT);
        assert_eq!(store.person_travel(&jiwoo_id).unwrap(), None);
    }
    assert!(!amina_laptop.holds_bytes(JIWOO_PASSPORT));
    assert!(
        amina_laptop.holds_bytes(AMINA_PASSPORT),
        "the byte search finds what is there"
    );
    let seen = Hub::connect(&amina.config()).unwrap().travel().unwrap();
    let ids: Vec<&str> = seen.iter().map(|row| row.person_id.as_str()).collect();
    assert_eq!(ids, [amina_id.as_str()]);
    assert_eq!(seen[0].owner_login, amina.login);

    // Amina changes her dietary needs on her laptop: the coordinator receives it.
    {
        let mut store = amina_laptop.store();
        let hers = store.person_travel(&amina_id).unwrap().unwrap();
        store
            .set_person_travel(
                &amina_id,
                Some(hers.version),
                &travel("Kenyan", AMINA_PASSPORT, "halal"),
            )
            .unwrap();
    }
    assert_eq!(amina_laptop.exchange().travel_sent, 1);
    assert_eq!(office.exchange().travel_received, 1);
    let at_office = office.store().person_travel(&amina_id).unwrap().unwrap();
    assert_eq!(at_office.fields.dietary_needs, "halal");
    let history = office.store().history("person_travel", &amina_id).unwrap();
    let last = history.last().unwrap().after.as_ref().unwrap().to_string();
    assert!(!last.contains("halal"), "history hides the values: {last}");

    // Ji-woo's laptop holds his own details and never Amina's, even after recording her
    // passport itself: the hub refuses that row to his login and the exchange goes on.
    {
        let mut store = jiwoo_laptop.store();
        assert!(store.person_travel(&jiwoo_id).unwrap().is_some());
        assert_eq!(store.person_travel(&amina_id).unwrap(), None);
        store
            .set_person_travel(&amina_id, None, &travel("Kenyan", "FORGED123", ""))
            .unwrap();
    }
    let report = jiwoo_laptop.exchange();
    assert_eq!(report.travel_sent, 0, "{report:?}");
    office.exchange();
    jiwoo_laptop.exchange();
    assert!(!jiwoo_laptop.holds_bytes(AMINA_PASSPORT));
    assert!(!jiwoo_laptop.holds_bytes("halal"));
    assert_eq!(
        office
            .store()
            .person_travel(&amina_id)
            .unwrap()
            .unwrap()
            .fields
            .passport_number,
        AMINA_PASSPORT,
        "the hub kept the coordinator's row"
    );

    // Not even SQL of Amina's own reaches Ji-woo's row.
    let mut raw = amina.raw_client();
    let rows = raw
        .query("SELECT person_id, payload::text FROM plenary.travel", &[])
        .unwrap();
    let visible: Vec<String> = rows.iter().map(|row| row.get(0)).collect();
    assert_eq!(visible, std::slice::from_ref(&amina_id));
    let rows = raw
        .query(
            "SELECT payload::text FROM plenary.travel WHERE person_id = $1",
            &[&jiwoo_id],
        )
        .unwrap();
    assert!(rows.is_empty());
    for row in raw
        .query("SELECT payload::text FROM plenary.get_travel()", &[])
        .unwrap()
    {
        let payload: String = row.get(0);
        assert!(!payload.contains(JIWOO_PASSPORT), "{payload}");
    }

    // The change log every laptop receives holds the people, never their travel details.
    let mut superuser =
        postgres::Client::connect(&cluster.superuser_url(&hub.name), postgres::NoTls).unwrap();
    let payloads: Vec<String> = superuser
        .query("SELECT payload::text FROM plenary.change_log", &[])
        .unwrap()
        .iter()
        .map(|row| row.get(0))
        .collect();
    assert!(payloads.iter().any(|p| p.contains(&amina.login)));
    for payload in &payloads {
        for secret in [
            AMINA_PASSPORT,
            JIWOO_PASSPORT,
            "FORGED123",
            "halal",
            "vegetarian",
        ] {
            assert!(!payload.contains(secret), "{secret} in the change log");
        }
    }
}

/// A person's hub login is checked in the core by the same rule the hub checks a login by.
#[test]
fn a_persons_hub_login_follows_the_hubs_rule_for_logins() {
    let long = "a".repeat(63);
    let too_long = "a".repeat(64);
    for login in [
        "amina",
        "m.rossi-2_x",
        "j",
        long.as_str(),
        too_long.as_str(),
        "Amina",
        "2amina",
        "_amina",
        "amina ngugi",
        "ami\"na",
        "amína",
        "pg_amina",
        "plenary_member",
        "plenary",
        "pgx",
    ] {
        assert_eq!(
            plenary_core::people::check_hub_login(login).is_ok(),
            plenary_hub::check_login_name(login).is_ok(),
            "{login}"
        );
    }
}
