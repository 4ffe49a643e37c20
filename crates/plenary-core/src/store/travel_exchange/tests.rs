//! Travel details between laptops, through a hub that keeps the real hub's rule: a
//! coordinator sees and writes every row, anyone else only rows they own. The real hub's
//! row-level security is tested against PostgreSQL in the hub's crate and in the shell.

use std::cell::RefCell;
use std::collections::BTreeMap;
use std::rc::Rc;

use super::*;
use crate::people::{PersonDraft, PersonKind};
use crate::store::exchange::tests::{OfficeOrder, laptop};

/// The hub's travel table: person → (owner, payload).
type Table = Rc<RefCell<BTreeMap<String, (String, Value)>>>;

struct AsLogin {
    table: Table,
    login: String,
    coordinator: bool,
}

impl AsLogin {
    fn may(&self, owner: &str) -> bool {
        self.coordinator || owner == self.login
    }
}

impl TravelHub for AsLogin {
    fn travel(&mut self) -> std::result::Result<Vec<HubTravelRow>, String> {
        Ok(self
            .table
            .borrow()
            .iter()
            .filter(|(_, (owner, _))| self.may(owner))
            .map(|(id, (owner, payload))| HubTravelRow {
                person_id: id.clone(),
                owner_login: owner.clone(),
                payload: payload.clone(),
            })
            .collect())
    }

    fn put_travel(
        &mut self,
        person_id: &str,
        owner: Option<&str>,
        payload: &Value,
    ) -> std::result::Result<TravelOutcome, String> {
        let owner = owner.unwrap_or(&self.login).to_owned();
        let mut table = self.table.borrow_mut();
        let existing_ok = table.get(person_id).is_none_or(|(o, _)| self.may(o));
        if !existing_ok || !self.may(&owner) {
            return Ok(TravelOutcome::Refused);
        }
        table.insert(person_id.to_owned(), (owner, payload.clone()));
        Ok(TravelOutcome::Done)
    }

    fn delete_travel(&mut self, person_id: &str) -> std::result::Result<TravelOutcome, String> {
        let mut table = self.table.borrow_mut();
        match table.get(person_id) {
            Some((owner, _)) if self.may(owner) => {
                table.remove(person_id);
                Ok(TravelOutcome::Done)
            }
            _ => Ok(TravelOutcome::Refused),
        }
    }
}

fn person(name: &str, hub_login: &str) -> PersonDraft {
    PersonDraft {
        kind: Some(PersonKind::Representative),
        full_name: name.into(),
        hub_login: hub_login.into(),
        ..PersonDraft::default()
    }
}

fn passport(number: &str, dietary: &str) -> TravelDraft {
    TravelDraft {
        nationality: "Kenyan".into(),
        passport_number: number.into(),
        passport_expiry: "2031-02-28".into(),
        dietary_needs: dietary.into(),
        access_needs: String::new(),
    }
}

#[derive(Default)]
struct Office {
    order: OfficeOrder,
    table: Table,
}

impl Office {
    fn exchange(&mut self, store: &mut Store, coordinator: bool) -> TravelReport {
        store.exchange(&mut self.order, &|_| false).unwrap();
        let login = store.link().unwrap().unwrap().login;
        store
            .exchange_travel(&mut AsLogin {
                table: self.table.clone(),
                login,
                coordinator,
            })
            .unwrap()
    }
}

#[test]
fn details_go_only_to_their_person_and_the_coordinators() {
    let mut office = Office::default();
    let (_c, mut coordinator) = laptop("office");
    let (_a, mut amina) = laptop("amina");
    let (_j, mut jiwoo) = laptop("jiwoo");
    let amina_person = coordinator
        .create_person(&person("Amina Ngũgĩ", "login-of-amina"))
        .unwrap();
    let jiwoo_person = coordinator
        .create_person(&person("Ji-woo Park", "login-of-jiwoo"))
        .unwrap();
    coordinator
        .set_person_travel(&amina_person.id, None, &passport("AK1234567", ""))
        .unwrap();
    coordinator
        .set_person_travel(&jiwoo_person.id, None, &passport("M98765432", "vegetarian"))
        .unwrap();
    let sent = office.exchange(&mut coordinator, true);
    assert_eq!(sent.sent, 2);
    assert_eq!(office.table.borrow()[&amina_person.id].0, "login-of-amina");

    let got = office.exchange(&mut amina, false);
    assert_eq!((got.received, got.sent), (1, 0));
    let hers = amina.person_travel(&amina_person.id).unwrap().unwrap();
    assert_eq!(hers.fields.passport_number, "AK1234567");
    assert_eq!(amina.person_travel(&jiwoo_person.id).unwrap(), None);
    office.exchange(&mut jiwoo, false);
    assert_eq!(jiwoo.person_travel(&amina_person.id).unwrap(), None);
    assert!(jiwoo.person_travel(&jiwoo_person.id).unwrap().is_some());

    // Amina changes her dietary needs; the coordinator receives it, with a history entry
    // that hides the values.
    amina
        .set_person_travel(
            &amina_person.id,
            Some(hers.version),
            &passport("AK1234567", "halal"),
        )
        .unwrap();
    assert_eq!(office.exchange(&mut amina, false).sent, 1);
    assert_eq!(office.exchange(&mut coordinator, true).received, 1);
    let seen = coordinator
        .person_travel(&amina_person.id)
        .unwrap()
        .unwrap();
    assert_eq!(seen.fields.dietary_needs, "halal");
    let history = coordinator
        .history("person_travel", &amina_person.id)
        .unwrap();
    let last = history.last().unwrap().after.as_ref().unwrap().to_string();
    assert!(
        !last.contains("halal") && last.contains("(hidden)"),
        "{last}"
    );
    // Nothing more to do: neither side sends it back.
    assert_eq!(
        office.exchange(&mut coordinator, true),
        TravelReport::default()
    );
    assert_eq!(office.exchange(&mut amina, false), TravelReport::default());

    // Ji-woo's laptop records Amina's details: the hub refuses, the exchange goes on, and it
    // is not offered again until it changes.
    jiwoo
        .set_person_travel(&amina_person.id, None, &passport("FORGED1", ""))
        .unwrap();
    let tried = office.exchange(&mut jiwoo, false);
    assert_eq!((tried.refused, tried.sent), (1, 0));
    assert_eq!(office.exchange(&mut jiwoo, false), TravelReport::default());
    assert_eq!(
        office.table.borrow()[&amina_person.id].1["passport_number"],
        "AK1234567"
    );
    for bundle in &office.order.log {
        let text = bundle.payload.to_string();
        assert!(
            !text.contains("AK1234567") && !text.contains("halal"),
            "{text}"
        );
    }
}

#[test]
fn removals_and_a_new_owner_reach_the_laptops() {
    let mut office = Office::default();
    let (_c, mut coordinator) = laptop("office");
    let (_a, mut amina) = laptop("amina");
    // No hub login yet: the coordinator's own row.
    let someone = coordinator
        .create_person(&person("Amina Ngũgĩ", ""))
        .unwrap();
    coordinator
        .set_person_travel(&someone.id, None, &passport("AK1234567", ""))
        .unwrap();
    office.exchange(&mut coordinator, true);
    assert_eq!(office.table.borrow()[&someone.id].0, "login-of-office");
    office.exchange(&mut amina, false);
    assert_eq!(amina.person_travel(&someone.id).unwrap(), None);

    // Her login is recorded: the coordinator's laptop gives her row to her.
    let mut draft = PersonDraft::from(&someone.fields);
    draft.hub_login = "login-of-amina".into();
    coordinator
        .update_person(&someone.id, someone.version, &draft)
        .unwrap();
    assert_eq!(office.exchange(&mut coordinator, true).sent, 1);
    assert_eq!(office.table.borrow()[&someone.id].0, "login-of-amina");
    office.exchange(&mut amina, false);
    assert!(amina.person_travel(&someone.id).unwrap().is_some());

    // The coordinator deletes the person: the details go from the hub, then from her laptop.
    let someone = coordinator.person(&someone.id).unwrap();
    coordinator
        .delete_person(&someone.id, someone.version)
        .unwrap();
    let report = office.exchange(&mut coordinator, true);
    assert_eq!(report.removed, 1);
    assert!(office.table.borrow().is_empty());
    office.exchange(&mut amina, false);
    assert!(amina.people().unwrap().is_empty());
    assert!(amina.agreed().unwrap().is_empty());
}

#[test]
fn details_of_people_this_laptop_does_not_have_are_not_taken() {
    let table = Table::default();
    table.borrow_mut().insert(
        "someone-elsewhere".into(),
        (
            "login-of-amina".into(),
            serde_json::json!({"passport_number": "X1", "updated_at": "2025-04-23T09:30:00.000Z"}),
        ),
    );
    let (_a, mut amina) = laptop("amina");
    let report = amina
        .exchange_travel(&mut AsLogin {
            table,
            login: "login-of-amina".into(),
            coordinator: false,
        })
        .unwrap();
    assert_eq!(report, TravelReport::default());
    let rows: i64 = amina
        .conn
        .query_row("SELECT count(*) FROM person_travel", [], |r| r.get(0))
        .unwrap();
    assert_eq!(rows, 0);
}

#[test]
fn a_hub_login_is_one_persons() {
    let (_c, mut store) = laptop("office");
    store
        .create_person(&person("Amina Ngũgĩ", "amina"))
        .unwrap();
    let error = store
        .create_person(&person("Ji-woo Park", "amina"))
        .unwrap_err();
    assert!(
        matches!(&error, CoreError::Validation(e) if e[0].field == "hub_login"),
        "{error:?}"
    );
    let jiwoo = store.create_person(&person("Ji-woo Park", "")).unwrap();
    assert_eq!(jiwoo.fields.hub_login, "");
    let stored: Option<String> = store
        .conn
        .query_row(
            "SELECT hub_login FROM person WHERE id = ?1",
            [&jiwoo.id],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(stored, None, "no login is NULL, not an empty text");
}
