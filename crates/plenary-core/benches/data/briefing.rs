//! A World Health Assembly week for the briefing book's tests and benchmark: a delegation with
//! names in several scripts (travel details for each), sessions, an agenda with the
//! association's positions, statements, policy documents, host-country notes and action items.
//! Shared by `src/store/briefing/tests.rs`, `benches/briefing.rs` and the command-line test.

use plenary_core::action::{ActionItemDraft, ActionStatus};
use plenary_core::assignment::{AssignmentDraft, AssignmentStatus, Role};
use plenary_core::organization::CountryNoteDraft;
use plenary_core::people::{PersonDraft, PersonKind, TravelDraft};
use plenary_core::policy::{Mandate, PolicyDocumentDraft, PolicyType, PositionDraft, Stance};
use plenary_core::statement::StatementDraft;
use plenary_core::{AgendaItemDraft, MeetingDraft, SessionDraft, SettingKey, Store};

/// The delegation's first names: Latin with accents, Greek, Cyrillic, Arabic, Chinese,
/// Japanese and Korean.
pub const NAMES: [&str; 7] = [
    "Zoë Müller",
    "Σωκράτης Παπαδόπουλος",
    "Иван Петров",
    "أحمد",
    "王小明",
    "山田花子",
    "김민준",
];

/// A passport number given to the first delegate, to look for (and not find) in the book.
pub const PASSPORT: &str = "X1234567";

/// Makes the WHA79 week with `people` delegates (the first seven named in [`NAMES`]),
/// `items` agenda items each with a position, and a statement on every third item. Returns the
/// meeting's id.
#[allow(dead_code)]
pub fn ga_week(store: &mut Store, people: usize, items: usize) -> String {
    let today = store.clock().today();
    store
        .set_setting(SettingKey::HomeTimeZone, "America/New_York", None)
        .unwrap();
    let meeting = store
        .create_meeting(&MeetingDraft {
            body_id: "world_health_assembly".into(),
            ordinal: "79".into(),
            title: "WHA79".into(),
            city: "Geneva".into(),
            country: "Switzerland".into(),
            venue: "Palais des Nations".into(),
            start_date: "2026-05-18".into(),
            end_date: "2026-05-26".into(),
            time_zone: "Europe/Zurich".into(),
            ..MeetingDraft::default()
        })
        .unwrap();
    for i in 0..people {
        let name = NAMES
            .get(i)
            .map(|n| (*n).to_owned())
            .unwrap_or_else(|| format!("Delegate Number {i}"));
        let person = store
            .create_person(&PersonDraft {
                kind: Some(PersonKind::Representative),
                full_name: name,
                email: format!("delegate{i}@example.org"),
                phone: format!("+41 22 000 {i:04}"),
                title: "Board member".into(),
                ..PersonDraft::default()
            })
            .unwrap();
        store
            .set_person_travel(
                &person.id,
                None,
                &TravelDraft {
                    nationality: "Example nationality".into(),
                    passport_number: if i == 0 {
                        PASSPORT.into()
                    } else {
                        format!("P{i:07}")
                    },
                    passport_expiry: "2031-01-31".into(),
                    dietary_needs: "Vegetarian".into(),
                    access_needs: String::new(),
                },
            )
            .unwrap();
        store
            .create_assignment(
                &AssignmentDraft {
                    meeting_id: meeting.id.clone(),
                    person_id: person.id.clone(),
                    role: Some(if i == 0 {
                        Role::HeadOfDelegation
                    } else {
                        Role::Delegate
                    }),
                    arrival: "2026-05-17".into(),
                    departure: "2026-05-27".into(),
                    hotel: "Hotel Example Cornavin".into(),
                    ..AssignmentDraft::default()
                },
                AssignmentStatus::Confirmed,
                today,
            )
            .unwrap();
    }
    let mut item_ids = Vec::new();
    for i in 0..items {
        let number = format!("{}.{}", 11 + i / 5, 1 + i % 5);
        let item = store
            .create_agenda_item(
                &meeting.id,
                &AgendaItemDraft {
                    number,
                    title: if i == 0 {
                        "Universal health coverage".into()
                    } else {
                        format!("Agenda item about health topic {i}")
                    },
                    notes: "Committee A is expected to take this item on its second day.".into(),
                    ..AgendaItemDraft::default()
                },
            )
            .unwrap();
        let document = store
            .create_policy_document(
                &PolicyDocumentDraft {
                    policy_type: PolicyType::WhoResolution,
                    title: format!("Resolution on health topic {i}"),
                    code: format!("WHA79.{}", i + 1),
                    meeting_id: meeting.id.clone(),
                    agenda_item_id: item.id.clone(),
                    ..PolicyDocumentDraft::default()
                },
                "2026-05-26",
            )
            .unwrap();
        store
            .record_position(
                &document.id,
                &PositionDraft {
                    meeting_id: meeting.id.clone(),
                    agenda_item_id: item.id.clone(),
                    stance: Stance::SupportWithAmendments,
                    rationale: "The resolution strengthens primary care.".into(),
                    red_lines: "No weakening of the health workforce commitments.".into(),
                    fallback: "Accept the chair's text with the footnote.".into(),
                    mandate: Mandate {
                        may_speak: true,
                        may_co_sponsor: false,
                        may_vote: true,
                    },
                    own_policies: "H-295.988".into(),
                    approved_by: "Board of Trustees".into(),
                    approved_on: "2026-04-30".into(),
                    ..PositionDraft::default()
                },
            )
            .unwrap();
        if i % 3 == 0 {
            store
                .create_statement(
                    &meeting.id,
                    &StatementDraft {
                        agenda_item_id: item.id.clone(),
                        document_id: document.id.clone(),
                        title: format!("Statement on item {}", item.fields.number),
                        speaker: NAMES[0].into(),
                        time_limit_minutes: "3".into(),
                        text: "Thank you, Chair. ".repeat(20 + i % 7),
                        ..StatementDraft::default()
                    },
                )
                .unwrap();
        }
        item_ids.push(item.id);
    }
    for day in 18..=22 {
        store
            .create_session(
                &meeting.id,
                &SessionDraft {
                    title: format!("Committee A, day {}", day - 17),
                    date: format!("2026-05-{day}"),
                    start_time: "10:00".into(),
                    end_time: "12:30".into(),
                    room: "Salle XVIII".into(),
                    agenda_item_ids: item_ids.iter().take(2).cloned().collect(),
                },
            )
            .unwrap();
    }
    store
        .create_country_note(&CountryNoteDraft {
            country: "Switzerland".into(),
            topic: "Health workforce".into(),
            date: "2026-03-01".into(),
            text: "The cantons license physicians; the federal register lists them.".into(),
            source: "Example source".into(),
            organization_id: None,
            person_id: None,
        })
        .unwrap();
    for (title, status) in [
        ("Book the delegation's briefing room", ActionStatus::Open),
        ("Send the credentials letter", ActionStatus::Done),
    ] {
        store
            .create_action_item(
                &meeting.id,
                &ActionItemDraft {
                    title: title.into(),
                    owner: NAMES[0].into(),
                    due_date: "2026-05-10".into(),
                    status,
                    ..ActionItemDraft::default()
                },
            )
            .unwrap();
    }
    meeting.id
}
