//! The exchange's rules on real stores. The order-giver here is the smallest thing that keeps
//! the hub's contract (one total order, "behind" when someone pushed since you pulled); the
//! PostgreSQL hub itself is tested against a real server in its own crate.

use std::collections::BTreeMap;

use super::*;
use crate::agenda::{AgendaItemDraft, Priority};
use crate::meeting::MeetingDraft;

#[derive(Default)]
pub(crate) struct OfficeOrder {
    pub(crate) log: Vec<IncomingBundle>,
    /// Replies to drop (the push is kept, the laptop never hears of it).
    lose_next_reply: bool,
}

impl Sequencer for OfficeOrder {
    fn pull(
        &mut self,
        after_seq: i64,
        max: i64,
    ) -> std::result::Result<Vec<IncomingBundle>, String> {
        Ok(self
            .log
            .iter()
            .filter(|b| b.seq > after_seq)
            .take(max as usize)
            .cloned()
            .collect())
    }

    fn push(
        &mut self,
        base_seq: i64,
        bundles: &[OutgoingBundle],
    ) -> std::result::Result<PushOutcome, String> {
        if base_seq < self.log.len() as i64 {
            return Ok(PushOutcome::Behind);
        }
        let mut placed = Vec::new();
        for bundle in bundles {
            let seq = self.log.len() as i64 + 1;
            self.log.push(IncomingBundle {
                seq,
                bundle_id: bundle.bundle_id.clone(),
                device: bundle.device.clone(),
                author: format!("login-of-{}", bundle.device),
                schema_version: bundle.schema_version,
                made_at: bundle.made_at.clone(),
                payload: bundle.payload.clone(),
            });
            placed.push((bundle.bundle_id.clone(), seq));
        }
        if std::mem::take(&mut self.lose_next_reply) {
            return Err("The connection to the hub was lost.".to_owned());
        }
        Ok(PushOutcome::Sent(placed))
    }
}

pub(crate) type Laptop = (tempfile::TempDir, Store);

pub(crate) fn laptop(device: &str) -> Laptop {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open_in(dir.path()).unwrap();
    store
        .join_hub(&HubLink {
            identity: "office-hub-1".to_owned(),
            address: "hub.office.example:5432/plenary".to_owned(),
            login: format!("login-of-{device}"),
            device_name: device.to_owned(),
        })
        .unwrap();
    (dir, store)
}

/// Two laptops on one hub that both hold the 78th WHA, made on the first.
fn two_laptops_with_a_meeting() -> (OfficeOrder, Laptop, Laptop, crate::Meeting) {
    let mut hub = OfficeOrder::default();
    let mut a = laptop("coordinator-laptop");
    let mut b = laptop("delegate-laptop");
    let meeting = a.1.create_meeting(&wha78()).unwrap();
    exchange(&mut a.1, &mut hub);
    exchange(&mut b.1, &mut hub);
    (hub, a, b, meeting)
}

fn exchange(store: &mut Store, hub: &mut OfficeOrder) -> ExchangeReport {
    store.exchange(hub, &|_| false).unwrap()
}

fn wha78() -> MeetingDraft {
    let mut draft = crate::meeting::tests::kigali();
    draft.title = "78th World Health Assembly".to_owned();
    draft.city = "Geneva".to_owned();
    draft.country = "Switzerland".to_owned();
    draft.venue = "Palais des Nations".to_owned();
    draft
}

fn item(number: &str, title: &str) -> AgendaItemDraft {
    AgendaItemDraft {
        number: number.to_owned(),
        title: title.to_owned(),
        forum_body_id: String::new(),
        priority: Priority::Normal,
        notes: String::new(),
    }
}

fn same_record(a: &Store, b: &Store) {
    let (a, b) = (a.shared_record().unwrap(), b.shared_record().unwrap());
    for (table, rows) in &a {
        assert_eq!(rows, &b[table], "the two laptops differ in {table}");
    }
}

#[test]
fn every_table_is_either_shared_or_kept_on_the_laptop() {
    let (_dir, store) = laptop("a");
    let tables: Vec<String> = store
        .conn
        .prepare(
            "SELECT name FROM sqlite_schema WHERE type = 'table'
             AND name NOT LIKE 'sqlite_%' AND name NOT LIKE 'search_index%'",
        )
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<rusqlite::Result<_>>()
        .unwrap();
    for table in tables {
        let shared = SHARED_TABLES.contains(&table.as_str());
        let local = crate::exchange::LOCAL_TABLES.contains(&table.as_str());
        assert!(
            shared != local,
            "{table}: shared or local? (decide in exchange.rs)"
        );
    }
}

#[test]
fn a_laptop_that_has_not_joined_captures_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open_in(dir.path()).unwrap();
    store.create_meeting(&wha78()).unwrap();
    let status = store.exchange_status().unwrap();
    assert!(!status.joined);
    assert_eq!(status.waiting, 0);
    let captured: i64 = store
        .conn
        .query_row("SELECT count(*) FROM exchange_pending", [], |r| r.get(0))
        .unwrap();
    assert_eq!(captured, 0);
}

#[test]
fn a_meeting_made_on_one_laptop_reaches_the_other_with_who_made_it() {
    let mut hub = OfficeOrder::default();
    let (_a, mut coordinator) = laptop("coordinator-laptop");
    let (_b, mut delegate) = laptop("delegate-laptop");
    exchange(&mut coordinator, &mut hub);
    exchange(&mut delegate, &mut hub);

    let meeting = coordinator.create_meeting(&wha78()).unwrap();
    coordinator
        .create_agenda_item(&meeting.id, &item("13.3", "Universal health coverage"))
        .unwrap();
    assert_eq!(coordinator.exchange_status().unwrap().waiting, 2);
    let sent = exchange(&mut coordinator, &mut hub);
    assert_eq!(sent.sent, 2);
    assert_eq!(coordinator.exchange_status().unwrap().waiting, 0);

    let received = exchange(&mut delegate, &mut hub);
    assert_eq!(received.received, 2);
    assert_eq!(
        delegate.meeting(&meeting.id).unwrap().fields.venue,
        "Palais des Nations"
    );
    assert_eq!(delegate.agenda_items(&meeting.id).unwrap().len(), 1);
    let history = delegate.meeting_history(&meeting.id).unwrap();
    assert_eq!(history.len(), 1);
    assert_eq!(
        history[0].author.as_deref(),
        Some("login-of-coordinator-laptop")
    );
    assert_eq!(history[0].device.as_deref(), Some("coordinator-laptop"));
    // Found by search on the laptop that received it.
    assert_eq!(delegate.search("Palais", 10).unwrap().len(), 1);
    // Nothing is applied twice: another exchange brings nothing.
    assert_eq!(exchange(&mut delegate, &mut hub), ExchangeReport::default());
    same_record(&coordinator, &delegate);
}

#[test]
fn both_change_the_venue_offline_and_the_second_to_exchange_decides() {
    let (mut hub, (_a, mut coordinator), (_b, mut delegate), meeting) =
        two_laptops_with_a_meeting();

    let mut theirs = wha78();
    theirs.venue = "Palais des Nations, Assembly Hall".to_owned();
    coordinator.update_meeting(&meeting.id, 1, &theirs).unwrap();
    let mut yours = wha78();
    yours.venue = "CICG".to_owned();
    delegate.update_meeting(&meeting.id, 1, &yours).unwrap();

    exchange(&mut coordinator, &mut hub);
    let report = exchange(&mut delegate, &mut hub);
    assert_eq!(report.new_conflicts, 1);
    // The conflicting change waits for a decision; only its history entry went.
    let last = &hub.log.last().unwrap().payload;
    assert!(last.to_string().contains("\"t\":\"history\""));
    assert!(!last.to_string().contains("\"t\":\"meeting\""), "{last}");
    assert_eq!(report.sent, 1);
    // The hub's order decided what the record holds; the delegate's version is kept.
    assert_eq!(
        delegate.meeting(&meeting.id).unwrap().fields.venue,
        "Palais des Nations, Assembly Hall"
    );
    let conflicts = delegate.conflicts().unwrap();
    assert_eq!(conflicts.len(), 1);
    let conflict = &conflicts[0];
    assert_eq!(conflict.kind, ConflictKind::BothChanged);
    assert_eq!(conflict.record_name, "78th World Health Assembly");
    assert_eq!(conflict.their_author, "login-of-coordinator-laptop");
    assert_eq!(
        conflict.fields,
        vec![ConflictField {
            field: "venue".to_owned(),
            theirs: "Palais des Nations, Assembly Hall".into(),
            yours: "CICG".into(),
        }]
    );
    assert_eq!(
        delegate.conflicted_records("meeting").unwrap(),
        vec![meeting.id.clone()]
    );
    assert_eq!(delegate.exchange_status().unwrap().open_conflicts, 1);
    // The coordinator sees nothing wrong: their change came first.
    assert!(coordinator.conflicts().unwrap().is_empty());

    delegate
        .resolve_conflict(&conflict.id, &ConflictChoice::Yours)
        .unwrap();
    assert_eq!(delegate.exchange_status().unwrap().open_conflicts, 0);
    assert_eq!(delegate.meeting(&meeting.id).unwrap().fields.venue, "CICG");
    exchange(&mut delegate, &mut hub);
    let report = exchange(&mut coordinator, &mut hub);
    assert_eq!(report.new_conflicts, 0);
    let settled = coordinator.meeting(&meeting.id).unwrap();
    assert_eq!(settled.fields.venue, "CICG");
    assert_eq!(settled.version, 3);
    same_record(&coordinator, &delegate);
}

#[test]
fn keeping_both_texts_is_an_edit_every_laptop_receives() {
    let (mut hub, (_a, mut a), (_b, mut b), meeting) = two_laptops_with_a_meeting();
    let mut one = wha78();
    one.notes = "Badges from the UN desk.".to_owned();
    a.update_meeting(&meeting.id, 1, &one).unwrap();
    let mut two = wha78();
    two.notes = "Hotel block at the Intercontinental.".to_owned();
    b.update_meeting(&meeting.id, 1, &two).unwrap();
    exchange(&mut a, &mut hub);
    exchange(&mut b, &mut hub);
    let conflict = b.conflicts().unwrap().remove(0);
    let mut fields = serde_json::Map::new();
    fields.insert(
        "notes".to_owned(),
        "Badges from the UN desk.\n\nHotel block at the Intercontinental.".into(),
    );
    b.resolve_conflict(&conflict.id, &ConflictChoice::Edited { fields })
        .unwrap();
    exchange(&mut b, &mut hub);
    exchange(&mut a, &mut hub);
    assert_eq!(
        a.meeting(&meeting.id).unwrap().fields.notes,
        "Badges from the UN desk.\n\nHotel block at the Intercontinental."
    );
    same_record(&a, &b);
    // A field that is not the record's own cannot be set that way.
    let error = b
        .resolve_conflict(&conflict.id, &ConflictChoice::Theirs)
        .unwrap_err();
    assert!(
        matches!(error, CoreError::NotFound { .. }),
        "already decided"
    );
}

#[test]
fn an_edit_against_a_deletion_is_a_conflict_and_nothing_is_lost() {
    let (mut hub, (_a, mut a), (_b, mut b), meeting) = two_laptops_with_a_meeting();

    a.delete_meeting(&meeting.id, 1).unwrap();
    let mut edited = wha78();
    edited.venue = "CICG".to_owned();
    b.update_meeting(&meeting.id, 1, &edited).unwrap();
    exchange(&mut a, &mut hub);
    let report = exchange(&mut b, &mut hub);
    assert_eq!(report.new_conflicts, 1);
    assert!(b.meeting(&meeting.id).is_err(), "the deletion came first");
    let conflict = b.conflicts().unwrap().remove(0);
    assert_eq!(conflict.kind, ConflictKind::TheyDeleted);
    b.resolve_conflict(&conflict.id, &ConflictChoice::Yours)
        .unwrap();
    let back = b.meeting(&meeting.id).unwrap();
    assert_eq!(back.fields.venue, "CICG");
    // Past the version b edited (2), so that an editor still holding 1 or 2 cannot save over it.
    assert_eq!(back.version, 3);
    exchange(&mut b, &mut hub);
    exchange(&mut a, &mut hub);
    assert_eq!(a.meeting(&meeting.id).unwrap().fields.venue, "CICG");
    same_record(&a, &b);
}

#[test]
fn an_item_added_under_a_meeting_deleted_elsewhere_is_kept_for_a_decision() {
    let (mut hub, (_a, mut a), (_b, mut b), meeting) = two_laptops_with_a_meeting();

    // b adds an agenda item while a deletes the meeting: a's deletion reaches the hub first.
    b.create_agenda_item(&meeting.id, &item("11.2", "Health emergencies"))
        .unwrap();
    a.delete_meeting(&meeting.id, 1).unwrap();
    exchange(&mut a, &mut hub);
    let report = exchange(&mut b, &mut hub);
    assert_eq!(report.new_conflicts, 1);
    assert!(b.meeting(&meeting.id).is_err());
    let conflict = b.conflicts().unwrap().remove(0);
    assert_eq!(conflict.entity, "agenda_item");
    assert_eq!(conflict.record_name, "Health emergencies");
    exchange(&mut a, &mut hub);
    same_record(&a, &b);

    // The other way round: a deletes a meeting b has just filled with an item it sent first.
    let meeting = a.create_meeting(&wha78()).unwrap();
    exchange(&mut a, &mut hub);
    exchange(&mut b, &mut hub);
    b.create_agenda_item(&meeting.id, &item("3", "Opening"))
        .unwrap();
    exchange(&mut b, &mut hub);
    a.delete_meeting(&meeting.id, 1).unwrap();
    let report = exchange(&mut a, &mut hub);
    assert_eq!(
        report.new_conflicts, 1,
        "the deletion here meets their new item"
    );
    assert_eq!(a.agenda_items(&meeting.id).unwrap().len(), 1);
    assert_eq!(a.conflicts().unwrap()[0].kind, ConflictKind::YouDeleted);
    exchange(&mut b, &mut hub);
    same_record(&a, &b);
}

#[test]
fn a_push_whose_reply_was_lost_is_recognised_and_not_applied_twice() {
    let mut hub = OfficeOrder::default();
    let (_a, mut a) = laptop("a");
    let (_b, mut b) = laptop("b");
    exchange(&mut a, &mut hub);
    exchange(&mut b, &mut hub);
    a.create_meeting(&wha78()).unwrap();
    hub.lose_next_reply = true;
    let error = a.exchange(&mut hub, &|_| false).unwrap_err();
    assert!(matches!(error, CoreError::Exchange(_)));
    assert_eq!(
        a.exchange_status().unwrap().last_error.as_deref(),
        Some("The connection to the hub was lost.")
    );
    let report = exchange(&mut a, &mut hub);
    assert_eq!((report.sent, report.received), (0, 0));
    assert_eq!(a.exchange_status().unwrap().waiting, 0);
    assert!(a.exchange_status().unwrap().last_error.is_none());
    exchange(&mut b, &mut hub);
    assert_eq!(b.meetings().unwrap().len(), 1);
    same_record(&a, &b);
}

#[test]
fn a_change_from_a_newer_plenary_is_kept_until_the_update() {
    let mut hub = OfficeOrder::default();
    let (_a, mut a) = laptop("a");
    exchange(&mut a, &mut hub);
    let (_b, mut b) = laptop("b");
    let meeting = b.create_meeting(&wha78()).unwrap();
    // b's bundles as a newer Plenary would send them.
    exchange(&mut b, &mut hub);
    for bundle in &mut hub.log {
        bundle.schema_version = SCHEMA_VERSION + 1;
    }
    let report = exchange(&mut a, &mut hub);
    assert!(report.parked > 0);
    assert!(a.meeting(&meeting.id).is_err());
    assert!(a.exchange_status().unwrap().parked > 0);
    // "After the update": the same bundles, now understood.
    a.conn
        .execute(
            "UPDATE exchange_parked SET schema_version = ?1",
            [SCHEMA_VERSION],
        )
        .unwrap();
    exchange(&mut a, &mut hub);
    assert_eq!(
        a.meeting(&meeting.id).unwrap().fields.title,
        "78th World Health Assembly"
    );
    assert_eq!(a.exchange_status().unwrap().parked, 0);
}

#[test]
fn a_laptop_with_records_joining_sends_them_and_another_office_hub_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let mut a = Store::open_in(dir.path()).unwrap();
    let meeting = a.create_meeting(&wha78()).unwrap();
    a.join_hub(&HubLink {
        identity: "office-hub-1".to_owned(),
        address: "hub.office.example:5432/plenary".to_owned(),
        login: "maria".to_owned(),
        device_name: "maria-laptop".to_owned(),
    })
    .unwrap();
    let mut hub = OfficeOrder::default();
    exchange(&mut a, &mut hub);
    let (_b, mut b) = laptop("b");
    exchange(&mut b, &mut hub);
    assert_eq!(
        b.meeting(&meeting.id).unwrap().fields.venue,
        "Palais des Nations"
    );
    assert!(
        b.conflicts().unwrap().is_empty(),
        "the seeded rows are the same everywhere"
    );
    same_record(&a, &b);

    let before = a.shared_record().unwrap();
    let error = a
        .join_hub(&HubLink {
            identity: "another-office".to_owned(),
            address: "elsewhere.example:5432/plenary".to_owned(),
            login: "maria".to_owned(),
            device_name: "maria-laptop".to_owned(),
        })
        .unwrap_err();
    assert!(error.to_string().contains("another office hub"), "{error}");
    assert_eq!(a.shared_record().unwrap(), before);
    assert_eq!(
        a.exchange_status().unwrap().hub_identity.as_deref(),
        Some("office-hub-1")
    );
}

#[test]
fn the_capture_is_rebuilt_when_the_store_opens_again() {
    let mut hub = OfficeOrder::default();
    let dir = tempfile::tempdir().unwrap();
    {
        let mut store = Store::open_in(dir.path()).unwrap();
        store
            .join_hub(&HubLink {
                identity: "office-hub-1".to_owned(),
                address: "hub".to_owned(),
                login: "maria".to_owned(),
                device_name: "maria-laptop".to_owned(),
            })
            .unwrap();
        exchange(&mut store, &mut hub);
    }
    let mut store = Store::open_in(dir.path()).unwrap();
    assert!(store.is_joined());
    store.create_meeting(&wha78()).unwrap();
    assert_eq!(store.exchange_status().unwrap().waiting, 1);
    // A write that bypasses the write path is refused rather than missed by the exchange.
    let error = store
        .conn
        .execute("UPDATE meeting SET venue = 'elsewhere'", [])
        .unwrap_err();
    assert!(
        error.to_string().contains("outside the write path"),
        "{error}"
    );
}

#[test]
fn travel_details_and_settings_stay_on_the_laptop() {
    let mut hub = OfficeOrder::default();
    let (_a, mut a) = laptop("a");
    a.set_setting(crate::SettingKey::HomeTimeZone, "Europe/Helsinki", None)
        .unwrap();
    exchange(&mut a, &mut hub);
    let text =
        serde_json::to_string(&hub.log.iter().map(|b| &b.payload).collect::<Vec<_>>()).unwrap();
    assert!(
        !text.contains("Europe/Helsinki"),
        "a setting went to the hub"
    );
    let shared: BTreeMap<String, Vec<Value>> = a.shared_record().unwrap();
    assert!(!shared.contains_key("setting") && !shared.contains_key("person_travel"));
}

#[test]
fn a_long_exchange_shows_its_progress_and_stops_where_asked_then_resumes() {
    let mut hub = OfficeOrder::default();
    let (_a, mut a) = laptop("a");
    for ordinal in 0..5 {
        let mut draft = wha78();
        draft.title = format!("Meeting {ordinal}");
        a.create_meeting(&draft).unwrap();
    }
    exchange(&mut a, &mut hub);
    let waiting_at_the_hub = hub.log.len() as u32;
    let (_b, mut b) = laptop("b");
    let seen = std::cell::RefCell::new(Vec::new());
    let report = b
        .exchange(&mut hub, &|so_far| {
            seen.borrow_mut().push(so_far.received);
            so_far.received >= 2
        })
        .unwrap();
    assert!(report.stopped);
    assert_eq!(report.received, 2);
    assert_eq!(*seen.borrow(), vec![0, 1, 2]);
    let rest = exchange(&mut b, &mut hub);
    assert!(!rest.stopped);
    assert_eq!(
        report.received + rest.received,
        waiting_at_the_hub,
        "none twice, none skipped"
    );
    assert_eq!(b.meetings().unwrap().len(), 5);
    same_record(&a, &b);
}

/// Asks the order-giver, and checks each time that the store is free meanwhile.
struct WhileTravelling<'a> {
    hub: &'a mut OfficeOrder,
    store: &'a std::sync::Mutex<Store>,
    asked: u32,
}

impl Sequencer for WhileTravelling<'_> {
    fn pull(
        &mut self,
        after_seq: i64,
        max: i64,
    ) -> std::result::Result<Vec<IncomingBundle>, String> {
        assert!(
            self.store.try_lock().is_ok(),
            "the store is held while the hub is asked"
        );
        self.asked += 1;
        self.hub.pull(after_seq, max)
    }

    fn push(
        &mut self,
        base_seq: i64,
        bundles: &[OutgoingBundle],
    ) -> std::result::Result<PushOutcome, String> {
        assert!(
            self.store.try_lock().is_ok(),
            "the store is held while the hub is asked"
        );
        self.asked += 1;
        self.hub.push(base_seq, bundles)
    }
}

#[test]
fn the_store_is_free_while_bundles_travel() {
    let mut hub = OfficeOrder::default();
    let (_a, mut a) = laptop("a");
    a.create_meeting(&wha78()).unwrap();
    exchange(&mut a, &mut hub);
    let (_b, b) = laptop("b");
    let b = std::sync::Mutex::new(b);
    b.lock().unwrap().create_meeting(&wha78()).unwrap();
    let mut travelling = WhileTravelling {
        hub: &mut hub,
        store: &b,
        asked: 0,
    };
    let report = exchange_with(&b, &mut travelling, &|_| false).unwrap();
    assert!(travelling.asked >= 3, "pulled, pushed and pulled again");
    assert!(report.received > 0 && report.sent > 0);
    exchange(&mut a, &mut hub);
    same_record(&a, &b.lock().unwrap());
}

#[test]
fn a_meeting_deleted_elsewhere_under_many_new_items_leaves_each_item_for_a_decision() {
    // More items than one pass of the reference check once settled (it settled one at a time,
    // at most 64, and then gave up for good: the laptop could never exchange again).
    let (mut hub, (_a, mut a), (_b, mut b), meeting) = two_laptops_with_a_meeting();
    for n in 1..=70 {
        b.create_agenda_item(&meeting.id, &item(&n.to_string(), &format!("Item {n}")))
            .unwrap();
    }
    a.delete_meeting(&meeting.id, 1).unwrap();
    exchange(&mut a, &mut hub);
    let report = exchange(&mut b, &mut hub);
    assert_eq!(report.new_conflicts, 70);
    assert!(b.meeting(&meeting.id).is_err());
    assert!(
        b.conflicts()
            .unwrap()
            .iter()
            .all(|c| c.entity == "agenda_item")
    );
    exchange(&mut a, &mut hub);
    same_record(&a, &b);

    // The other way round: their 70 new items bring back the meeting deleted here, once.
    let meeting = a.create_meeting(&wha78()).unwrap();
    exchange(&mut a, &mut hub);
    exchange(&mut b, &mut hub);
    for n in 1..=70 {
        b.create_agenda_item(&meeting.id, &item(&n.to_string(), &format!("Item {n}")))
            .unwrap();
    }
    exchange(&mut b, &mut hub);
    a.delete_meeting(&meeting.id, 1).unwrap();
    let report = exchange(&mut a, &mut hub);
    assert_eq!(report.new_conflicts, 1);
    assert_eq!(a.agenda_items(&meeting.id).unwrap().len(), 70);
    exchange(&mut b, &mut hub);
    same_record(&a, &b);
}

#[test]
fn two_laptops_adding_item_13_at_once_is_a_conflict_not_a_broken_exchange() {
    // Both add "13" to the same meeting offline: the UNIQUE (meeting_id, number) of the second
    // to arrive failed the whole bundle, and every exchange after it, for good.
    let (mut hub, (_a, mut a), (_b, mut b), meeting) = two_laptops_with_a_meeting();
    a.create_agenda_item(&meeting.id, &item("13", "Universal health coverage"))
        .unwrap();
    let mine = b
        .create_agenda_item(&meeting.id, &item("13", "Health emergencies"))
        .unwrap();
    exchange(&mut a, &mut hub);
    let report = exchange(&mut b, &mut hub);
    assert_eq!(report.new_conflicts, 1);
    let items = b.agenda_items(&meeting.id).unwrap();
    assert_eq!(items.len(), 1);
    assert_eq!(items[0].fields.title, "Universal health coverage");
    let conflict = b.conflicts().unwrap().remove(0);
    assert_eq!(conflict.entity, "agenda_item");
    assert_eq!(conflict.record_id.as_deref(), Some(mine.id.as_str()));
    assert_eq!(conflict.record_name, "Health emergencies");
    // Putting it back as it was would clash again: a clear refusal, nothing changed.
    let error = b
        .resolve_conflict(&conflict.id, &ConflictChoice::Yours)
        .unwrap_err();
    assert!(
        error.to_string().contains("holds the same place"),
        "{error}"
    );
    assert_eq!(b.exchange_status().unwrap().open_conflicts, 1);
    b.resolve_conflict(&conflict.id, &ConflictChoice::Theirs)
        .unwrap();
    b.create_agenda_item(&meeting.id, &item("14", "Health emergencies"))
        .unwrap();
    exchange(&mut b, &mut hub);
    exchange(&mut a, &mut hub);
    assert_eq!(a.agenda_items(&meeting.id).unwrap().len(), 2);
    same_record(&a, &b);
}

#[test]
fn the_same_person_assigned_twice_at_once_keeps_the_second_with_its_status_steps_aside() {
    // The second assignment gives way to the first; its status step, which the database removes
    // with it, must not be sent on its own: the first laptop could not apply it, ever.
    use crate::assignment::{AssignmentDraft, AssignmentStatus, Role};
    let (mut hub, (_a, mut a), (_b, mut b), meeting) = two_laptops_with_a_meeting();
    let person = a
        .create_person(&crate::people::PersonDraft {
            kind: Some(crate::people::PersonKind::Representative),
            full_name: "Kofi Mensah".into(),
            ..Default::default()
        })
        .unwrap();
    exchange(&mut a, &mut hub);
    exchange(&mut b, &mut hub);
    let draft = AssignmentDraft {
        meeting_id: meeting.id.clone(),
        person_id: person.id.clone(),
        role: Some(Role::Delegate),
        ..Default::default()
    };
    let today = jiff::civil::date(2023, 9, 1);
    a.create_assignment(&draft, AssignmentStatus::Proposed, today)
        .unwrap();
    b.create_assignment(&draft, AssignmentStatus::Invited, today)
        .unwrap();
    exchange(&mut a, &mut hub);
    let report = exchange(&mut b, &mut hub);
    assert_eq!(
        report.new_conflicts, 2,
        "the assignment and its status step"
    );
    let kinds: Vec<String> = b
        .conflicts()
        .unwrap()
        .into_iter()
        .map(|c| c.entity)
        .collect();
    assert_eq!(kinds, ["status_change", "assignment"]);
    exchange(&mut a, &mut hub);
    same_record(&a, &b);
}

#[test]
fn an_item_added_and_removed_here_under_a_meeting_deleted_elsewhere_is_not_sent() {
    // b adds an item and removes it again before a's deletion of the meeting arrives: nothing
    // is left referring to the meeting, but the item's two changes still waited to go, and the
    // first of them could not be applied anywhere after the deletion.
    let (mut hub, (_a, mut a), (_b, mut b), meeting) = two_laptops_with_a_meeting();
    let added = b
        .create_agenda_item(&meeting.id, &item("3", "Opening"))
        .unwrap();
    b.delete_agenda_item(&added.id, added.version).unwrap();
    a.delete_meeting(&meeting.id, 1).unwrap();
    exchange(&mut a, &mut hub);
    let report = exchange(&mut b, &mut hub);
    assert_eq!(report.new_conflicts, 0);
    let sent: Vec<String> = hub.log.iter().map(|b| b.payload.to_string()).collect();
    assert!(!sent.iter().any(|p| p.contains("\"t\":\"agenda_item\"")));
    exchange(&mut a, &mut hub);
    same_record(&a, &b);
}

#[test]
fn a_meeting_edited_then_deleted_here_comes_back_as_the_hub_has_it() {
    // b adds an item to the meeting while a edits it and then deletes it: the meeting comes back
    // on a for b's item, as every other laptop has it, not with a's edit that never went.
    let (mut hub, (_a, mut a), (_b, mut b), meeting) = two_laptops_with_a_meeting();
    b.create_agenda_item(&meeting.id, &item("3", "Opening"))
        .unwrap();
    exchange(&mut b, &mut hub);
    let mut edited = wha78();
    edited.venue = "CICG".to_owned();
    let edited = a.update_meeting(&meeting.id, 1, &edited).unwrap();
    a.delete_meeting(&meeting.id, edited.version).unwrap();
    let report = exchange(&mut a, &mut hub);
    assert_eq!(report.new_conflicts, 1);
    assert_eq!(
        a.meeting(&meeting.id).unwrap().fields.venue,
        "Palais des Nations"
    );
    let conflict = a.conflicts().unwrap().remove(0);
    a.resolve_conflict(&conflict.id, &ConflictChoice::Theirs)
        .unwrap();
    exchange(&mut a, &mut hub);
    exchange(&mut b, &mut hub);
    same_record(&a, &b);
}

#[test]
fn a_record_marked_for_the_report_reaches_the_other_laptop_marked() {
    let (mut hub, (_a, mut coordinator), (_b, mut delegate), meeting) =
        two_laptops_with_a_meeting();
    let draft = crate::record::RecordDraft {
        title: "Corridor talks".to_owned(),
        ..Default::default()
    };
    let record = coordinator.create_record(&meeting.id, &draft).unwrap();
    let record = coordinator
        .finalize_record(&record.id, record.version)
        .unwrap();
    exchange(&mut coordinator, &mut hub);
    exchange(&mut delegate, &mut hub);
    assert!(!delegate.record(&record.id).unwrap().for_report);

    let marked = crate::record::RecordDraft {
        for_report: true,
        ..crate::record::RecordDraft::from(&record)
    };
    delegate
        .update_record(&record.id, record.version, &marked)
        .unwrap();
    exchange(&mut delegate, &mut hub);
    exchange(&mut coordinator, &mut hub);
    let received = coordinator.record(&record.id).unwrap();
    assert!(received.for_report);
    assert_eq!(received.status, crate::record::RecordStatus::Final);
    same_record(&coordinator, &delegate);
}
