//! The team exchange end to end, against a real PostgreSQL hub (a throwaway cluster started by
//! `plenary_hub::testing`): laptops are real stores in temporary data folders, connected through
//! the shell's `Team` and `HubOrder` with real hub logins. No part of the hub is imitated.
//!
//! `simulation` is the long one: three laptops, thousands of random operations, offline periods
//! and interrupted exchanges, then convergence and the guarantees checked.

#[path = "team_exchange/simulation.rs"]
mod simulation;

use std::collections::BTreeSet;
use std::sync::Mutex;

use jiff::civil::date;
use plenary_core::Store;
use plenary_core::assignment::{AssignmentDraft, AssignmentStatus, Role as MeetingRole};
use plenary_core::exchange::{ConflictChoice, ConflictKind};
use plenary_core::people::{PersonDraft, PersonKind};
use plenary_core::{MeetingDraft, SettingKey};
use plenary_hub::testing::{TestCluster, TestLogin};
use plenary_hub::{HubConfig, Role};
use plenary_lib::keychain::{self, MemoryKeychain};
use plenary_lib::team::Team;

/// A laptop: a data folder, its store, and the app's team state.
struct Laptop {
    dir: tempfile::TempDir,
    store: Mutex<Store>,
    team: Team,
}

impl Laptop {
    fn new() -> Laptop {
        let dir = tempfile::tempdir().unwrap();
        let store = Mutex::new(Store::open_in(dir.path()).unwrap());
        Laptop {
            dir,
            store,
            team: Team::default(),
        }
    }

    fn joined(login: &TestLogin, device: &str) -> Laptop {
        let laptop = Laptop::new();
        laptop
            .team
            .join(&laptop.store, &login.config(), device, &|_| {})
            .unwrap_or_else(|error| panic!("{device} joins: {}", error.message));
        laptop
    }

    fn store(&self) -> std::sync::MutexGuard<'_, Store> {
        self.store.lock().unwrap()
    }

    fn exchange(&self) -> plenary_core::exchange::ExchangeReport {
        self.team
            .exchange(&self.store, &|_| {})
            .unwrap_or_else(|error| panic!("exchange: {}", error.message))
    }

    /// What a person would compare: the shared record and the link's status.
    fn snapshot(&self) -> impl PartialEq + std::fmt::Debug {
        let store = self.store();
        (
            store.shared_record().unwrap(),
            store.exchange_status().unwrap(),
        )
    }
}

fn wha78() -> MeetingDraft {
    MeetingDraft {
        body_id: "world_health_assembly".into(),
        ordinal: "78".into(),
        title: "78th World Health Assembly".into(),
        city: "Geneva".into(),
        country: "Switzerland".into(),
        venue: "Palais des Nations".into(),
        start_date: "2031-05-19".into(),
        end_date: "2031-05-27".into(),
        time_zone: "Europe/Zurich".into(),
        ..MeetingDraft::default()
    }
}

#[test]
fn a_coordinator_assigns_a_delegate_and_both_edit_the_same_meeting_offline() {
    let hub = TestCluster::shared().new_hub();
    let maria = hub.person("maria", Role::Coordinator);
    let kofi = hub.person("kofi", Role::Delegate);
    let coordinator = Laptop::joined(&maria, "maria-laptop");
    let delegate = Laptop::joined(&kofi, "kofi-laptop");

    // The coordinator makes the meeting, the person and the assignment.
    let (meeting, person) = {
        let mut store = coordinator.store();
        let meeting = store.create_meeting(&wha78()).unwrap();
        let person = store
            .create_person(&PersonDraft {
                kind: Some(PersonKind::Representative),
                full_name: "Kofi Mensah".into(),
                ..PersonDraft::default()
            })
            .unwrap();
        store
            .create_assignment(
                &AssignmentDraft {
                    meeting_id: meeting.id.clone(),
                    person_id: person.id.clone(),
                    role: Some(MeetingRole::VotingDelegate),
                    ..AssignmentDraft::default()
                },
                AssignmentStatus::Invited,
                date(2031, 1, 10),
            )
            .unwrap();
        (meeting, person)
    };
    assert_eq!(coordinator.exchange().sent, 3);

    // The delegate's laptop, with "me" set to that person, shows it after an exchange.
    assert_eq!(delegate.exchange().received, 3);
    {
        let mut store = delegate.store();
        store.set_setting(SettingKey::Me, &person.id, None).unwrap();
        let mine = store.my_assignments(date(2031, 1, 10), false).unwrap();
        assert_eq!(mine.me.unwrap().id, person.id);
        assert_eq!(mine.items.len(), 1);
        assert_eq!(
            mine.items[0].view.meeting_title,
            "78th World Health Assembly"
        );
        assert_eq!(
            mine.items[0].view.assignment.fields.role,
            MeetingRole::VotingDelegate
        );
    }
    // "Me" stays on the laptop.
    assert_eq!(delegate.exchange().sent, 0);

    // Both edit the venue offline; the coordinator exchanges first.
    let mut theirs = wha78();
    theirs.venue = "Palais des Nations, Assembly Hall".into();
    coordinator
        .store()
        .update_meeting(&meeting.id, 1, &theirs)
        .unwrap();
    let mut yours = wha78();
    yours.venue = "CICG".into();
    delegate
        .store()
        .update_meeting(&meeting.id, 1, &yours)
        .unwrap();
    coordinator.exchange();
    let report = delegate.exchange();
    assert_eq!(report.new_conflicts, 1, "{report:?}");
    let conflicts = delegate.store().conflicts().unwrap();
    assert_eq!(conflicts.len(), 1);
    let conflict = &conflicts[0];
    assert_eq!(conflict.kind, ConflictKind::BothChanged);
    assert_eq!(conflict.record_id.as_deref(), Some(meeting.id.as_str()));
    assert_eq!(conflict.their_author, maria.login);
    assert_eq!(conflict.their_device, "maria-laptop");
    assert_eq!(conflict.fields.len(), 1);
    assert_eq!(conflict.fields[0].field, "venue");
    assert!(coordinator.store().conflicts().unwrap().is_empty());

    // The delegate keeps theirs ("yours" on their laptop); every laptop receives the decision.
    delegate
        .store()
        .resolve_conflict(&conflict.id, &ConflictChoice::Yours)
        .unwrap();
    delegate.exchange();
    assert_eq!(coordinator.exchange().new_conflicts, 0);
    assert_eq!(delegate.exchange().received, 0);
    assert_eq!(
        coordinator.store().shared_record().unwrap(),
        delegate.store().shared_record().unwrap()
    );
    assert_eq!(
        coordinator
            .store()
            .meeting(&meeting.id)
            .unwrap()
            .fields
            .venue,
        "CICG"
    );

    // The meeting's history names both people and both laptops, on both laptops.
    for laptop in [&coordinator, &delegate] {
        let history = laptop.store().meeting_history(&meeting.id).unwrap();
        let authors: BTreeSet<_> = history.iter().filter_map(|h| h.author.clone()).collect();
        let devices: BTreeSet<_> = history.iter().filter_map(|h| h.device.clone()).collect();
        assert_eq!(
            authors,
            BTreeSet::from([maria.login.clone(), kofi.login.clone()])
        );
        assert_eq!(
            devices,
            BTreeSet::from(["maria-laptop".to_owned(), "kofi-laptop".to_owned()])
        );
    }
}

#[test]
fn the_keychain_keeps_the_password_between_runs_and_forgets_one_the_hub_refuses() {
    let cluster = TestCluster::shared();
    let hub = cluster.new_hub();
    let maria = hub.person("maria", Role::Coordinator);
    // The system's keychain, shared by every run of the app on this computer.
    let system_keychain = std::sync::Arc::new(MemoryKeychain::default());

    let laptop = Laptop::new();
    let first_run = Team::with_keychain(system_keychain.clone());
    first_run
        .join(&laptop.store, &maria.config(), "maria-laptop", &|_| {})
        .unwrap_or_else(|error| panic!("{}", error.message));
    let identity = laptop.store().exchange_status().unwrap().hub_identity;
    let account = keychain::account(&maria.login, &identity.unwrap());
    assert_eq!(system_keychain.kept(&account), Some(maria.password.clone()));
    assert!(first_run.password_kept());
    // Never in the data folder's files.
    for entry in std::fs::read_dir(laptop.dir.path()).unwrap() {
        let path = entry.unwrap().path();
        if path.is_file() {
            let bytes = std::fs::read(&path).unwrap();
            assert!(
                !bytes
                    .windows(maria.password.len())
                    .any(|w| w == maria.password.as_bytes()),
                "the password is in {}",
                path.display()
            );
        }
    }

    // After a restart the password comes from the keychain: nothing is asked, changes go.
    let second_run = Team::with_keychain(system_keychain.clone());
    assert!(!second_run.has_password());
    assert!(second_run.recall_password(&laptop.store));
    assert!(second_run.has_password() && second_run.password_kept());
    laptop.store().create_meeting(&wha78()).unwrap();
    let report = second_run
        .exchange(&laptop.store, &|_| {})
        .unwrap_or_else(|error| panic!("{}", error.message));
    assert!(report.sent >= 1, "{report:?}");

    // Office IT changes the password: the kept one is refused, forgotten, and asked for again.
    hub.superuser_sql(&format!(
        "ALTER ROLE \"{}\" PASSWORD 'changed-by-office-it'",
        maria.login
    ))
    .unwrap();
    let third_run = Team::with_keychain(system_keychain.clone());
    assert!(third_run.recall_password(&laptop.store));
    let error = third_run.exchange(&laptop.store, &|_| {}).unwrap_err();
    assert_eq!(error.field, Some("password"), "{}", error.message);
    assert!(!third_run.has_password() && !third_run.password_kept());
    assert_eq!(system_keychain.kept(&account), None);
    third_run
        .unlock(&laptop.store, "changed-by-office-it", &|_| {})
        .unwrap_or_else(|error| panic!("{}", error.message));
    assert_eq!(
        system_keychain.kept(&account).as_deref(),
        Some("changed-by-office-it")
    );

    // Without a keychain the password lives only while the app runs.
    let no_keychain = Team::default();
    assert!(!no_keychain.recall_password(&laptop.store));
    assert!(!no_keychain.has_password() && !no_keychain.password_kept());
}

#[test]
fn bad_hub_details_are_refused_with_a_clear_message_and_change_nothing() {
    let cluster = TestCluster::shared();
    let hub = cluster.new_hub();
    let maria = hub.person("maria", Role::Coordinator);

    // A laptop with a meeting of its own, not joined yet.
    let laptop = Laptop::new();
    laptop.store().create_meeting(&wha78()).unwrap();
    let untouched = laptop.snapshot();

    // A wrong password.
    let mut wrong = maria.config();
    wrong.password = Some("not-the-password".into());
    let error = laptop
        .team
        .join(&laptop.store, &wrong, "maria-laptop", &|_| {})
        .unwrap_err();
    assert_eq!(error.field, Some("password"));
    assert!(
        error.message.contains("wrong password"),
        "{}",
        error.message
    );
    assert!(error.message.contains(&maria.login), "{}", error.message);
    assert_eq!(laptop.snapshot(), untouched);

    // A port where nothing listens.
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let mut nowhere = maria.config();
    nowhere.port = port;
    let error = laptop
        .team
        .join(&laptop.store, &nowhere, "maria-laptop", &|_| {})
        .unwrap_err();
    assert_eq!(error.field, Some("host"));
    assert!(
        error.message.starts_with("Could not reach the hub at")
            && error.message.contains(&format!("127.0.0.1:{port}")),
        "{}",
        error.message
    );
    assert_eq!(laptop.snapshot(), untouched);

    // Malformed addresses, as `plenary join` and office IT's commands read them.
    for (url, words) in [
        ("", "is empty"),
        ("hub.office.example/plenary", "not a hub address"),
        (
            "http://hub.office.example/plenary",
            "must start with postgres://",
        ),
        (
            "postgres://maria@hub.office.example:99999/plenary",
            "not a hub address",
        ),
    ] {
        let error = HubConfig::from_url(url).unwrap_err();
        assert!(error.to_string().contains(words), "{url}: {error}");
        // On this laptop's own data folder.
        let code = plenary_lib::cli::run(
            ["join", url, "--data-dir"]
                .iter()
                .map(Into::into)
                .chain([laptop.dir.path().as_os_str().to_owned()])
                .collect(),
            || None,
        );
        assert_eq!(code, Some(1), "{url}");
    }
    assert_eq!(laptop.snapshot(), untouched);

    // Joined to one office's hub, a second office's hub is refused.
    laptop
        .team
        .join(&laptop.store, &maria.config(), "maria-laptop", &|_| {})
        .unwrap_or_else(|error| panic!("{}", error.message));
    let joined = laptop.snapshot();
    let other = cluster.new_hub();
    let elsewhere = other.person("maria", Role::Coordinator);
    let error = laptop
        .team
        .join(&laptop.store, &elsewhere.config(), "maria-laptop", &|_| {})
        .unwrap_err();
    assert!(
        error.message.contains("another office hub")
            && error.message.contains("nothing was changed"),
        "{}",
        error.message
    );
    assert_eq!(laptop.snapshot(), joined);
    // And the first hub still works.
    assert_eq!(laptop.exchange().sent, 0);
}
