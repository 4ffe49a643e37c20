//! Documents' files travel beside the bundles that name them, through a real hub.

use std::sync::Mutex;

use plenary_core::Store;
use plenary_core::document::DocumentDraft;
use plenary_core::meeting::MeetingDraft;
use plenary_hub::testing::TestCluster;
use plenary_hub::{HubConfig, Role};
use plenary_lib::team::Team;

fn laptop(config: &HubConfig, name: &str) -> (tempfile::TempDir, Mutex<Store>, Team) {
    let dir = tempfile::tempdir().unwrap();
    let store = Mutex::new(Store::open_in(dir.path()).unwrap());
    let team = Team::default();
    team.join(&store, config, name, &|_| {}).unwrap();
    (dir, store, team)
}

#[test]
fn a_meetings_pdf_reaches_the_other_laptop_once() {
    let hub = TestCluster::shared().new_hub();
    let office_login = hub.person("office", Role::Coordinator);
    let amina_login = hub.person("amina", Role::Delegate);
    let (_a, office, office_team) = laptop(&office_login.config(), "Office desk");
    let (_b, amina, amina_team) = laptop(&amina_login.config(), "Amina's laptop");

    let pdf = b"%PDF-1.7 A77/9 Report of the Director-General on UHC".to_vec();
    let document = {
        let mut store = office.lock().unwrap();
        let meeting = store
            .create_meeting(&MeetingDraft {
                body_id: "world_health_assembly".to_owned(),
                ordinal: "77".to_owned(),
                title: "WHA77".to_owned(),
                city: "Geneva".to_owned(),
                country: "Switzerland".to_owned(),
                start_date: "2024-05-27".to_owned(),
                end_date: "2024-06-01".to_owned(),
                time_zone: "Europe/Zurich".to_owned(),
                ..MeetingDraft::default()
            })
            .unwrap();
        let file = store.store_file(&pdf).unwrap();
        let details = DocumentDraft {
            agenda_item_id: String::new(),
            symbol: "A77/9".to_owned(),
            title: "Universal health coverage".to_owned(),
            language: "en".to_owned(),
            source_url: String::new(),
            retrieved_on: String::new(),
        };
        store
            .attach_document(&meeting.id, &details, "A77_9-en.pdf", &file)
            .unwrap()
    };
    let sent = office_team.exchange(&office, &|_| {}).unwrap();
    assert_eq!(sent.files_sent, 1);
    let received = amina_team.exchange(&amina, &|_| {}).unwrap();
    assert_eq!(received.files_received, 1);
    let path = amina.lock().unwrap().document_file(&document.id).unwrap();
    assert_eq!(std::fs::read(path).unwrap(), pdf);

    // Once there, nothing goes or comes again.
    let again = office_team.exchange(&office, &|_| {}).unwrap();
    assert_eq!((again.files_sent, again.files_received), (0, 0));
    let again = amina_team.exchange(&amina, &|_| {}).unwrap();
    assert_eq!((again.files_sent, again.files_received), (0, 0));
}
