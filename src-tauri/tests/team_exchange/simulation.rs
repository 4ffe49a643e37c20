//! The exchange's guarantees under a random office: three laptops (three data folders) against
//! one real hub, thousands of random operations on meetings, agenda items, records, people,
//! assignments and positions, random offline periods and exchange orders, and exchanges cut off
//! at random points — stopped, the network gone (the hub's side of the connection terminated,
//! a push whose reply never comes) or the app killed (its store dropped by a panic between two
//! bundles or right after a push, and the data folder opened again).
//!
//! Then everyone exchanges until nothing moves, every conflict is decided, and the test checks:
//! every laptop holds the same shared record; every record created and neither deleted nor
//! removed through a conflict is everywhere; each bundle of the hub's order was applied exactly
//! once on every laptop; every pair of concurrent edits of a meeting surfaced as a conflict.
//!
//! Seeded: `PLENARY_SIM_SEED` picks the seed (a fixed one by default), `PLENARY_SIM_OPS` the
//! number of operations; a failure prints both.

use std::cell::Cell;
use std::collections::{BTreeMap, BTreeSet};
use std::panic::{AssertUnwindSafe, catch_unwind, resume_unwind};
use std::time::Instant;

use jiff::civil::{Date, date};
use plenary_core::agenda::{AgendaItemDraft, Priority};
use plenary_core::assignment::{AssignmentDraft, AssignmentStatus, Role as MeetingRole};
use plenary_core::exchange::{
    ConflictChoice, ExchangeReport, IncomingBundle, OutgoingBundle, PushOutcome, Sequencer,
};
use plenary_core::people::{PersonDraft, PersonKind};
use plenary_core::policy::{PolicyDocumentDraft, PolicyType, PositionDraft, Stance};
use plenary_core::record::{RecordDraft, RecordKind};
use plenary_core::{CoreError, MeetingDraft, Store};
use plenary_hub::testing::{TestCluster, TestDatabase, TestLogin};
use plenary_hub::{Hub, Role};
use plenary_lib::team::HubOrder;
use serde_json::Value;

const DEFAULT_SEED: u64 = 20_250_519;
const DEFAULT_OPS: usize = 2_500;
/// "Today" for the assignments' warnings.
const TODAY: Date = date(2030, 1, 1);

#[test]
fn three_laptops_converge_through_random_work_and_interrupted_exchanges() {
    run(ops_from_env(DEFAULT_OPS));
}

/// The long run: `cargo test -p plenary --test team_exchange -- --ignored`.
#[test]
#[ignore = "takes minutes; run by hand"]
fn three_laptops_converge_through_a_long_random_run() {
    run(ops_from_env(20_000));
}

fn ops_from_env(default: usize) -> usize {
    std::env::var("PLENARY_SIM_OPS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

fn run(ops: usize) {
    let seed = std::env::var("PLENARY_SIM_SEED")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(DEFAULT_SEED);
    quiet_kills();
    let started = Instant::now();
    let outcome = catch_unwind(AssertUnwindSafe(|| Simulation::run(seed, ops)));
    match outcome {
        Ok(stats) => eprintln!(
            "simulation: seed {seed}, {ops} operations ({} done, {} refused), {} exchanges \
             ({} stopped, {} failed, {} killed), {} conflicts, {} concurrent meeting edits, \
             {} bundles on the hub, in {:.1} s ({:.1} s exchanging, {:.1} s operating)",
            stats.done,
            stats.refused,
            stats.exchanges,
            stats.stopped,
            stats.failed,
            stats.kills,
            stats.conflicts,
            stats.concurrent_pairs,
            stats.bundles,
            started.elapsed().as_secs_f32(),
            stats.exchanging.as_secs_f32(),
            stats.operating.as_secs_f32()
        ),
        Err(payload) => {
            eprintln!(
                "simulation failed: reproduce with PLENARY_SIM_SEED={seed} PLENARY_SIM_OPS={ops}"
            );
            resume_unwind(payload)
        }
    }
}

/// splitmix64: small, seeded, the same on every machine.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }

    fn chance(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }

    fn pick<T: Clone>(&mut self, items: &[T]) -> Option<T> {
        (!items.is_empty()).then(|| items[self.below(items.len())].clone())
    }
}

/// The payload of a panic that stands for the app being killed.
struct Killed;

fn quiet_kills() {
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(|| {
        let default = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            if info.payload().downcast_ref::<Killed>().is_none() {
                default(info);
            }
        }));
    });
}

/// What goes wrong on the way to the hub during one exchange.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Fault {
    None,
    /// The network is gone at the n-th pull.
    PullFails(u32),
    /// The network is gone before a push reaches the hub.
    PushFails,
    /// The hub takes a push, and its reply never arrives.
    ReplyLost,
    /// The hub takes a push, and the app is killed before it hears back.
    KilledAfterPush,
}

/// The real hub, with `Fault` on the way.
struct Faulty<'a> {
    order: HubOrder<'a>,
    fault: Fault,
    pulls: u32,
}

impl Sequencer for Faulty<'_> {
    fn pull(&mut self, after_seq: i64, max: i64) -> Result<Vec<IncomingBundle>, String> {
        self.pulls += 1;
        if self.fault == Fault::PullFails(self.pulls) {
            return Err("The network went away.".to_owned());
        }
        self.order.pull(after_seq, max)
    }

    fn push(&mut self, base_seq: i64, bundles: &[OutgoingBundle]) -> Result<PushOutcome, String> {
        match std::mem::replace(&mut self.fault, Fault::None) {
            Fault::PushFails => Err("The network went away.".to_owned()),
            Fault::ReplyLost => {
                self.order.push(base_seq, bundles)?;
                Err("The hub's reply was lost.".to_owned())
            }
            Fault::KilledAfterPush => {
                if let PushOutcome::Sent(_) = self.order.push(base_seq, bundles)? {
                    std::panic::panic_any(Killed);
                }
                Ok(PushOutcome::Behind)
            }
            other => {
                self.fault = other;
                self.order.push(base_seq, bundles)
            }
        }
    }
}

/// How one exchange goes.
#[derive(Debug, Clone, Copy)]
enum Interruption {
    None,
    /// The person presses Stop at the n-th look at the progress.
    Stop(u32),
    /// The app is killed at the n-th look at the progress.
    Kill(u32),
    /// The hub's side of the connection is terminated at the n-th look at the progress.
    Cut(u32),
}

struct Laptop {
    name: String,
    login: TestLogin,
    dir: tempfile::TempDir,
    store: Option<Store>,
    hub: Option<Hub>,
    /// Offline until this step.
    offline_until: usize,
    conflicts_seen: BTreeSet<String>,
}

impl Laptop {
    fn store(&mut self) -> &mut Store {
        if self.store.is_none() {
            self.store = Some(Store::open_in(self.dir.path()).expect("the data folder opens"));
        }
        self.store.as_mut().unwrap()
    }

    fn kill(&mut self) {
        self.store = None;
        self.hub = None;
    }
}

#[derive(Default)]
struct Stats {
    done: usize,
    refused: usize,
    exchanges: usize,
    stopped: usize,
    failed: usize,
    kills: usize,
    conflicts: usize,
    concurrent_pairs: usize,
    bundles: i64,
    /// Time spent in exchanges, in operations.
    exchanging: std::time::Duration,
    operating: std::time::Duration,
}

/// A meeting edit (or deletion): which laptop, on which version, at which step.
struct Edit {
    meeting: String,
    base_version: u32,
    laptop: usize,
    step: usize,
    deletion: bool,
}

struct Simulation<'a> {
    rng: Rng,
    hub: TestDatabase<'a>,
    laptops: Vec<Laptop>,
    document: String,
    /// Every record made, with its table.
    created: BTreeMap<String, &'static str>,
    /// Records some laptop deleted.
    deleted: BTreeSet<String>,
    edits: Vec<Edit>,
    /// Conflicts as found: laptop, table, record, step.
    conflicts: Vec<(usize, String, Option<String>, usize)>,
    counter: usize,
    step: usize,
    stats: Stats,
}

impl Simulation<'_> {
    fn run(seed: u64, ops: usize) -> Stats {
        let hub = TestCluster::shared().new_hub();
        let logins = [
            ("ana", Role::Coordinator),
            ("ben", Role::Coordinator),
            ("chloe", Role::Delegate),
        ];
        let mut laptops: Vec<Laptop> = logins
            .iter()
            .map(|(name, role)| {
                let login = hub.person(name, *role);
                let dir = tempfile::tempdir().unwrap();
                let mut store = Store::open_in(dir.path()).unwrap();
                let connection = Hub::connect(&login.config()).unwrap();
                store
                    .join_hub(&plenary_core::exchange::HubLink {
                        identity: connection.identity().to_string(),
                        address: login.config().to_url_without_password(),
                        login: login.login.clone(),
                        device_name: format!("{name}-laptop"),
                    })
                    .unwrap();
                Laptop {
                    name: format!("{name}-laptop"),
                    login,
                    dir,
                    store: Some(store),
                    hub: Some(connection),
                    offline_until: 0,
                    conflicts_seen: BTreeSet::new(),
                }
            })
            .collect();
        // One policy document to take positions on, known everywhere from the start.
        let document = laptops[0]
            .store()
            .create_policy_document(
                &PolicyDocumentDraft {
                    policy_type: PolicyType::Declaration,
                    title: "WMA Declaration of Geneva".into(),
                    short_name: "Declaration of Geneva".into(),
                    code: "D-1948-01-2017".into(),
                    ..Default::default()
                },
                "",
            )
            .unwrap()
            .id;
        let mut simulation = Simulation {
            rng: Rng(seed),
            hub,
            laptops,
            document,
            created: BTreeMap::new(),
            deleted: BTreeSet::new(),
            edits: Vec::new(),
            conflicts: Vec::new(),
            counter: 0,
            step: 0,
            stats: Stats::default(),
        };
        for i in 0..3 {
            simulation.exchange(i, Interruption::None, Fault::None);
        }

        for step in 1..=ops {
            simulation.step = step;
            let i = simulation.rng.below(3);
            if simulation.rng.chance(1) {
                // Offline for a while: a train, a plane, a week in Geneva.
                let length = 20 + simulation.rng.below(250);
                simulation.laptops[i].offline_until = step + length;
            }
            if simulation.rng.chance(12) && simulation.laptops[i].offline_until <= step {
                let (interruption, fault) = simulation.random_trouble();
                simulation.exchange(i, interruption, fault);
            }
            if simulation.rng.chance(3) {
                simulation.decide_some(i);
            }
            simulation.operate(i);
        }

        simulation.settle();
        simulation.check();
        simulation.stats
    }

    fn random_trouble(&mut self) -> (Interruption, Fault) {
        let at = 1 + self.rng.below(6) as u32;
        match self.rng.below(100) {
            0..60 => (Interruption::None, Fault::None),
            60..70 => (Interruption::Stop(at), Fault::None),
            70..80 => (Interruption::Kill(at), Fault::None),
            80..84 => (Interruption::Cut(at), Fault::None),
            84..88 => (Interruption::None, Fault::PullFails(at)),
            88..92 => (Interruption::None, Fault::PushFails),
            92..96 => (Interruption::None, Fault::ReplyLost),
            _ => (Interruption::None, Fault::KilledAfterPush),
        }
    }

    /// One exchange of laptop `i`; `None` when it did not finish.
    fn exchange(
        &mut self,
        i: usize,
        interruption: Interruption,
        fault: Fault,
    ) -> Option<ExchangeReport> {
        self.stats.exchanges += 1;
        let laptop = &mut self.laptops[i];
        laptop.store();
        if laptop.hub.is_none() {
            match Hub::connect(&laptop.login.config()) {
                Ok(hub) => laptop.hub = Some(hub),
                Err(error) => panic!("{} cannot reconnect: {error}", laptop.name),
            }
        }
        let login = laptop.login.login.clone();
        let database = &self.hub;
        let looks = Cell::new(0u32);
        let progress = |_: &ExchangeReport| {
            looks.set(looks.get() + 1);
            match interruption {
                Interruption::Stop(n) => looks.get() >= n,
                Interruption::Kill(n) if looks.get() == n => std::panic::panic_any(Killed),
                Interruption::Cut(n) if looks.get() == n => {
                    database
                        .superuser_sql(&format!(
                            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity \
                             WHERE usename = '{login}'"
                        ))
                        .unwrap();
                    false
                }
                _ => false,
            }
        };
        let (Some(store), Some(hub)) = (laptop.store.as_mut(), laptop.hub.as_mut()) else {
            unreachable!()
        };
        let mut order = Faulty {
            order: HubOrder(hub),
            fault,
            pulls: 0,
        };
        let started = Instant::now();
        let result = catch_unwind(AssertUnwindSafe(|| store.exchange(&mut order, &progress)));
        self.stats.exchanging += started.elapsed();
        let report = match result {
            Err(payload) if payload.is::<Killed>() => {
                // Killed: the next start opens the data folder again and connects anew.
                self.stats.kills += 1;
                laptop.kill();
                None
            }
            Err(payload) => resume_unwind(payload),
            Ok(Err(CoreError::Exchange(_))) => {
                self.stats.failed += 1;
                laptop.hub = None;
                None
            }
            Ok(Err(error)) => panic!("{}: the exchange broke: {error:?}", laptop.name),
            Ok(Ok(report)) => {
                if report.stopped {
                    self.stats.stopped += 1;
                }
                Some(report)
            }
        };
        self.harvest_conflicts(i);
        report
    }

    /// Notes the conflicts laptop `i` has found since last time.
    fn harvest_conflicts(&mut self, i: usize) {
        let step = self.step;
        let laptop = &mut self.laptops[i];
        for conflict in laptop.store().conflicts().unwrap() {
            if laptop.conflicts_seen.insert(conflict.id.clone()) {
                self.stats.conflicts += 1;
                self.conflicts
                    .push((i, conflict.entity, conflict.record_id, step));
            }
        }
    }

    /// A person decides one open conflict: theirs, or this laptop's version back.
    fn decide_some(&mut self, i: usize) {
        let conflicts = self.laptops[i].store().conflicts().unwrap();
        if let Some(conflict) = self.rng.pick(&conflicts) {
            let yours = self.rng.chance(50);
            self.decide(i, &conflict, yours);
        }
    }

    fn decide(&mut self, i: usize, conflict: &plenary_core::exchange::ConflictView, yours: bool) {
        let step = self.step;
        let store = self.laptops[i].store();
        // Putting this laptop's version back is a write on the row, as an edit is.
        let before = match (&conflict.record_id, conflict.entity.as_str()) {
            (Some(id), "meeting") => store.meeting(id).ok().map(|m| (id.clone(), m.version)),
            _ => None,
        };
        if yours {
            match store.resolve_conflict(&conflict.id, &ConflictChoice::Yours) {
                Ok(()) => {
                    if let Some((meeting, base_version)) = before {
                        self.edits.push(Edit {
                            meeting,
                            base_version,
                            laptop: i,
                            step,
                            deletion: false,
                        });
                    }
                    return;
                }
                // Their side took away what this version needs (or needs what it took away).
                Err(CoreError::InUse(_) | CoreError::Validation(_)) => {}
                Err(error) => panic!("deciding {conflict:?}: {error:?}"),
            }
        }
        store
            .resolve_conflict(&conflict.id, &ConflictChoice::Theirs)
            .unwrap_or_else(|error| panic!("deciding {conflict:?}: {error:?}"));
    }

    fn text(&mut self, what: &str) -> String {
        self.counter += 1;
        format!("{what} {}", self.counter)
    }

    /// One random operation on laptop `i`. Refusals (a stale version, a duplicate, something
    /// still in use) are what people meet too, and are skipped.
    fn operate(&mut self, i: usize) {
        let kind = self.rng.below(100);
        let started = Instant::now();
        let result = self.try_operate(i, kind);
        self.stats.operating += started.elapsed();
        match result {
            Ok(()) => self.stats.done += 1,
            Err(
                CoreError::Validation(_)
                | CoreError::NotFound { .. }
                | CoreError::Conflict { .. }
                | CoreError::InUse(_),
            ) => self.stats.refused += 1,
            Err(error) => panic!(
                "step {}: operation {kind} on {}: {error:?}",
                self.step, self.laptops[i].name
            ),
        }
    }

    fn try_operate(&mut self, i: usize, kind: usize) -> Result<(), CoreError> {
        let step = self.step;
        let meetings = self.laptops[i].store().meetings()?;
        let meeting = self.rng.pick(&meetings);
        let Some(meeting) = meeting.filter(|_| kind >= 8) else {
            // No meeting yet (or 8 %): a new one.
            let start = date(2030, 1, 1)
                .checked_add(jiff::Span::new().days(self.rng.below(900) as i64))
                .unwrap();
            let end = start
                .checked_add(jiff::Span::new().days(self.rng.below(6) as i64))
                .unwrap();
            let draft = MeetingDraft {
                body_id: "other".into(),
                title: self.text("Meeting"),
                venue: self.text("Venue"),
                start_date: start.to_string(),
                end_date: end.to_string(),
                time_zone: "Europe/Zurich".into(),
                ..MeetingDraft::default()
            };
            let made = self.laptops[i].store().create_meeting(&draft)?;
            self.created.insert(made.id, "meeting");
            return Ok(());
        };
        let store_items = self.laptops[i].store().agenda_items(&meeting.id)?;
        let item = self.rng.pick(&store_items);
        match kind {
            // Meetings: edits are the most frequent thing, and the most contended.
            8..30 => {
                let mut draft = MeetingDraft::from(&meeting.fields);
                if self.rng.chance(50) {
                    draft.venue = self.text("Venue");
                } else {
                    draft.notes = self.text("Notes");
                }
                self.laptops[i]
                    .store()
                    .update_meeting(&meeting.id, meeting.version, &draft)?;
                self.edits.push(Edit {
                    meeting: meeting.id,
                    base_version: meeting.version,
                    laptop: i,
                    step,
                    deletion: false,
                });
            }
            30..33 => {
                self.laptops[i]
                    .store()
                    .delete_meeting(&meeting.id, meeting.version)?;
                self.deleted.insert(meeting.id.clone());
                self.edits.push(Edit {
                    meeting: meeting.id,
                    base_version: meeting.version,
                    laptop: i,
                    step,
                    deletion: true,
                });
            }
            // Agenda items.
            33..45 => {
                let number = if self.rng.chance(60) {
                    format!("{}", 1 + self.rng.below(30))
                } else {
                    format!("{}.{}", 1 + self.rng.below(30), 1 + self.rng.below(5))
                };
                let draft = AgendaItemDraft {
                    number,
                    title: self.text("Item"),
                    forum_body_id: String::new(),
                    priority: Priority::Normal,
                    notes: String::new(),
                };
                let made = self.laptops[i]
                    .store()
                    .create_agenda_item(&meeting.id, &draft)?;
                self.created.insert(made.id, "agenda_item");
            }
            45..53 => {
                let Some(item) = item else { return Ok(()) };
                let draft = AgendaItemDraft {
                    number: item.fields.number.clone(),
                    title: self.text("Item"),
                    forum_body_id: item.fields.forum_body_id.clone().unwrap_or_default(),
                    priority: item.fields.priority,
                    notes: self.text("Item notes"),
                };
                self.laptops[i]
                    .store()
                    .update_agenda_item(&item.id, item.version, &draft)?;
            }
            53..57 => {
                let Some(item) = item else { return Ok(()) };
                self.laptops[i]
                    .store()
                    .delete_agenda_item(&item.id, item.version)?;
                self.deleted.insert(item.id);
            }
            // Records.
            57..64 => {
                let on_item = item.filter(|_| self.rng.chance(70)).map(|i| i.id);
                let draft = RecordDraft {
                    agenda_item_id: on_item.unwrap_or_default(),
                    kind: RecordKind::Notes,
                    author: "Delegate".into(),
                    title: self.text("Notes"),
                    body: self.text("What was said"),
                    ..Default::default()
                };
                let made = self.laptops[i].store().create_record(&meeting.id, &draft)?;
                self.created.insert(made.id, "record");
            }
            64..72 => {
                let records = self.laptops[i].store().records(&meeting.id)?;
                let Some(record) = self.rng.pick(&records) else {
                    return Ok(());
                };
                if self.rng.chance(15) {
                    self.laptops[i]
                        .store()
                        .finalize_record(&record.id, record.version)?;
                } else {
                    let mut draft = RecordDraft::from(&record);
                    draft.body = self.text("What was said");
                    self.laptops[i]
                        .store()
                        .update_record(&record.id, record.version, &draft)?;
                }
            }
            72..75 => {
                let records = self.laptops[i].store().records(&meeting.id)?;
                let Some(record) = self.rng.pick(&records) else {
                    return Ok(());
                };
                self.laptops[i]
                    .store()
                    .delete_record(&record.id, record.version)?;
                self.deleted.insert(record.id);
            }
            // People and assignments.
            75..79 => {
                let draft = PersonDraft {
                    kind: Some(PersonKind::Representative),
                    full_name: self.text("Person"),
                    ..PersonDraft::default()
                };
                let made = self.laptops[i].store().create_person(&draft)?;
                self.created.insert(made.id, "person");
            }
            79..86 => {
                let people = self.laptops[i].store().people()?;
                let Some(person) = self.rng.pick(&people) else {
                    return Ok(());
                };
                let role = self.rng.pick(MeetingRole::ALL).unwrap();
                let saved = self.laptops[i].store().create_assignment(
                    &AssignmentDraft {
                        meeting_id: meeting.id.clone(),
                        person_id: person.person.id,
                        role: Some(role),
                        ..AssignmentDraft::default()
                    },
                    AssignmentStatus::Proposed,
                    TODAY,
                )?;
                self.created.insert(saved.assignment.id, "assignment");
            }
            86..93 => {
                let board = self.laptops[i].store().board(&meeting.id, TODAY)?;
                let Some(row) = self.rng.pick(&board.rows) else {
                    return Ok(());
                };
                let assignment = row.assignment;
                if self.rng.chance(25) {
                    self.laptops[i]
                        .store()
                        .delete_assignment(&assignment.id, assignment.version)?;
                    self.deleted.insert(assignment.id);
                } else {
                    let draft = AssignmentDraft {
                        meeting_id: assignment.fields.meeting_id.clone(),
                        person_id: assignment.fields.person_id.clone(),
                        role: Some(assignment.fields.role),
                        hotel: self.text("Hotel"),
                        notes: self.text("Travel"),
                        ..AssignmentDraft::default()
                    };
                    self.laptops[i].store().update_assignment(
                        &assignment.id,
                        assignment.version,
                        &draft,
                        TODAY,
                    )?;
                }
            }
            // Positions (a new one each time; earlier ones are kept).
            _ => {
                let on_item = item.filter(|_| self.rng.chance(50)).map(|i| i.id);
                let stance = self.rng.pick(&[
                    Stance::Support,
                    Stance::SupportWithAmendments,
                    Stance::Oppose,
                    Stance::Monitor,
                ]);
                let draft = PositionDraft {
                    meeting_id: meeting.id.clone(),
                    agenda_item_id: on_item.unwrap_or_default(),
                    stance: stance.unwrap(),
                    rationale: self.text("Because"),
                    ..PositionDraft::default()
                };
                let document = self.document.clone();
                let made = self.laptops[i].store().record_position(&document, &draft)?;
                self.created.insert(made.id, "policy_position");
            }
        }
        Ok(())
    }

    /// Everyone back online, exchanging until nothing moves; every conflict decided (theirs and
    /// yours in turn), and again until nothing moves and nothing is open.
    fn settle(&mut self) {
        for laptop in &mut self.laptops {
            laptop.offline_until = 0;
        }
        for round in 0..20 {
            self.exchange_until_quiet();
            let mut open = 0;
            for i in 0..3 {
                let conflicts = self.laptops[i].store().conflicts().unwrap();
                open += conflicts.len();
                for (n, conflict) in conflicts.iter().enumerate() {
                    self.decide(i, conflict, (n + round) % 2 == 1);
                }
            }
            if open == 0 {
                return;
            }
        }
        panic!("conflicts kept coming after twenty rounds of decisions");
    }

    fn exchange_until_quiet(&mut self) {
        for _ in 0..50 {
            let mut moved = false;
            for i in 0..3 {
                let report = self
                    .exchange(i, Interruption::None, Fault::None)
                    .unwrap_or_else(|| panic!("{}: the last exchanges must finish", i));
                moved |= report.sent > 0 || report.received > 0;
            }
            if !moved {
                return;
            }
        }
        panic!("the laptops kept exchanging");
    }

    fn check(&mut self) {
        // Convergence.
        let records: Vec<BTreeMap<String, Vec<Value>>> = (0..3)
            .map(|i| self.laptops[i].store().shared_record().unwrap())
            .collect();
        for i in 1..3 {
            for (table, rows) in &records[0] {
                let theirs = &records[i][table];
                let first = rows.iter().zip(theirs).find(|(a, b)| a != b);
                assert!(
                    rows == theirs,
                    "{} and {} differ in {table}: {} rows and {}; first difference: {first:?}",
                    self.laptops[0].name,
                    self.laptops[i].name,
                    rows.len(),
                    theirs.len()
                );
            }
        }
        for laptop in &mut self.laptops {
            let status = laptop.store().exchange_status().unwrap();
            assert_eq!(
                (status.waiting, status.open_conflicts, status.parked),
                (0, 0, 0)
            );
        }

        // Nothing lost: every record made and neither deleted nor part of a conflict is there.
        let mut in_conflict = BTreeSet::new();
        for laptop in &self.laptops {
            let conn = raw(laptop);
            let keys: Vec<String> = conn
                .prepare("SELECT key FROM exchange_conflict")
                .unwrap()
                .query_map([], |r| r.get(0))
                .unwrap()
                .collect::<Result<_, _>>()
                .unwrap();
            for key in keys {
                let key: serde_json::Map<String, Value> = serde_json::from_str(&key).unwrap();
                in_conflict.extend(key.values().filter_map(|v| v.as_str().map(str::to_owned)));
            }
        }
        let present: BTreeSet<(&str, &str)> = records[0]
            .iter()
            .flat_map(|(table, rows)| {
                rows.iter()
                    .filter_map(move |row| Some((table.as_str(), row.get("id")?.as_str()?)))
            })
            .collect();
        let mut checked = 0;
        for (id, table) in &self.created {
            if self.deleted.contains(id) || in_conflict.contains(id) {
                continue;
            }
            checked += 1;
            assert!(
                present.contains(&(*table, id.as_str())),
                "{table} {id} was made and never deleted, but is gone"
            );
        }
        assert!(checked > self.created.len() / 2, "too little was checked");

        // Nothing doubled, nothing skipped: the hub's order is 1..=n with no bundle twice, and
        // each laptop has taken every one of them exactly once.
        let mut hub = Hub::connect(&self.laptops[0].login.config()).unwrap();
        let latest = hub.latest_seq().unwrap();
        let mut bundles = Vec::new();
        while (bundles.len() as i64) < latest {
            let batch = hub.pull(bundles.len() as i64, 1000).unwrap();
            assert!(!batch.is_empty());
            bundles.extend(batch);
        }
        let seqs: Vec<i64> = bundles.iter().map(|b| b.seq).collect();
        assert_eq!(seqs, (1..=latest).collect::<Vec<_>>());
        let ids: BTreeSet<_> = bundles.iter().map(|b| b.bundle_id).collect();
        assert_eq!(
            ids.len() as i64,
            latest,
            "a bundle twice in the hub's order"
        );
        self.stats.bundles = latest;
        for laptop in &self.laptops {
            let conn = raw(laptop);
            let cursor: i64 = conn
                .query_row("SELECT cursor FROM exchange_link", [], |r| r.get(0))
                .unwrap();
            let (count, distinct, low, high): (i64, i64, i64, i64) = conn
                .query_row(
                    "SELECT count(*), count(DISTINCT seq), min(seq), max(seq) FROM exchange_applied",
                    [],
                    |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
                )
                .unwrap();
            assert_eq!(
                cursor, latest,
                "{}: not at the end of the order",
                laptop.name
            );
            assert_eq!(
                (count, distinct, low, high),
                (latest, latest, 1, latest),
                "{}: bundles taken more or less than once",
                laptop.name
            );
        }
        let history = &records[0]["history"];
        let history_ids: BTreeSet<_> = history.iter().map(|h| h["id"].to_string()).collect();
        assert_eq!(history_ids.len(), history.len(), "a history entry twice");

        // No silent overwrite: two laptops that edited (or one edited and one deleted) the same
        // meeting from the same version without seeing each other's change: one of them was
        // shown a conflict.
        let mut by_base: BTreeMap<(&str, u32), Vec<&Edit>> = BTreeMap::new();
        for edit in &self.edits {
            by_base
                .entry((edit.meeting.as_str(), edit.base_version))
                .or_default()
                .push(edit);
        }
        let conflict_after = |laptop: usize, meeting: &str, step: usize| {
            self.conflicts.iter().any(|(at, table, record, when)| {
                *at == laptop
                    && table == "meeting"
                    && record.as_deref() == Some(meeting)
                    && *when >= step
            })
        };
        let mut pairs = 0;
        for ((meeting, _), edits) in &by_base {
            for (n, a) in edits.iter().enumerate() {
                for b in &edits[n + 1..] {
                    // Two deletions agree: nothing of either is lost.
                    if a.laptop == b.laptop || (a.deletion && b.deletion) {
                        continue;
                    }
                    pairs += 1;
                    assert!(
                        conflict_after(a.laptop, meeting, a.step)
                            || conflict_after(b.laptop, meeting, b.step),
                        "meeting {meeting}: edited on {} (step {}) and on {} (step {}) from the \
                         same version, and neither was shown a conflict",
                        self.laptops[a.laptop].name,
                        a.step,
                        self.laptops[b.laptop].name,
                        b.step
                    );
                }
            }
        }
        self.stats.concurrent_pairs = pairs;
    }
}

/// A read-only look at a laptop's bookkeeping, beside its store.
fn raw(laptop: &Laptop) -> rusqlite::Connection {
    rusqlite::Connection::open_with_flags(
        laptop.dir.path().join(plenary_core::store::DATABASE_FILE),
        rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY,
    )
    .unwrap()
}
