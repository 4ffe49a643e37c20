//! The team exchange's costs, against a real PostgreSQL hub on loopback (one throwaway cluster,
//! `plenary_hub::testing`), in release mode:
//!
//! - **10,000 changes each way.** Laptop A has made 10,000 saves (a new meeting each, one
//!   transaction and so one bundle each, as people save), laptop B 10,000 of its own; neither has
//!   exchanged. Measured: A's exchange (it sends its 10,000), then B's (it receives A's 10,000 and
//!   sends its own). Each sample starts from copies of the same two data folders and an emptied
//!   hub, so only the exchange is timed.
//! - **A new laptop joins a hub holding a decade** (the core's decade bench data: 500 meetings,
//!   20,000 agenda items, 25,000 records with 100,000 versions, 5,000 documents, 5,000 action
//!   items; sent once by the laptop that has it). Measured: a fresh data folder joining and
//!   exchanging until it has everything (then it is usable).
//! - **What a save pays for change capture**: the same meeting update on a store that has not
//!   joined a hub and on one that has (no network either way).

use std::path::Path;
use std::time::{Duration, Instant};

use criterion::{Criterion, SamplingMode, criterion_group, criterion_main};
use plenary_core::exchange::HubLink;
use plenary_core::{MeetingDraft, Store};
use plenary_hub::testing::{TestCluster, TestDatabase, TestLogin};
use plenary_hub::{Hub, Role};
use plenary_lib::team::HubOrder;

#[path = "../../crates/plenary-core/benches/data/decade.rs"]
mod decade;

const CHANGES: usize = 10_000;

fn meeting(n: usize, laptop: &str) -> MeetingDraft {
    MeetingDraft {
        body_id: "other".into(),
        title: format!("{laptop} meeting {n}"),
        venue: "Palais des Nations".into(),
        start_date: "2031-05-19".into(),
        end_date: "2031-05-27".into(),
        time_zone: "Europe/Zurich".into(),
        ..MeetingDraft::default()
    }
}

fn join(store: &mut Store, hub: &Hub, login: &TestLogin, device: &str) {
    store
        .join_hub(&HubLink {
            identity: hub.identity().to_string(),
            address: login.config().to_url_without_password(),
            login: login.login.clone(),
            device_name: device.to_owned(),
        })
        .unwrap();
}

fn exchange(store: &mut Store, hub: &mut Hub) -> plenary_core::exchange::ExchangeReport {
    store.exchange(&mut HubOrder(hub), &|_| false).unwrap()
}

fn copy_folder(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_folder(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).unwrap();
        }
    }
}

/// A data folder joined to `hub` with `CHANGES` saves waiting to go.
fn laptop_with_changes(hub: &Hub, login: &TestLogin, name: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open_in(dir.path()).unwrap();
    join(&mut store, hub, login, name);
    for n in 0..CHANGES {
        store.create_meeting(&meeting(n, name)).unwrap();
    }
    dir
}

/// A group for runs of seconds each: criterion's fewest samples (10), one run per sample, and a
/// single run to warm up.
fn long_runs(c: &mut Criterion) -> criterion::BenchmarkGroup<'_, criterion::measurement::WallTime> {
    let mut group = c.benchmark_group("exchange");
    group
        .sample_size(10)
        .sampling_mode(SamplingMode::Flat)
        .warm_up_time(Duration::from_millis(1))
        .measurement_time(Duration::from_secs(1));
    group
}

fn ten_thousand_each_way(c: &mut Criterion, hub: &TestDatabase<'_>) {
    let a_login = hub.person("ana", Role::Coordinator);
    let b_login = hub.person("ben", Role::Coordinator);
    let mut a_hub = Hub::connect(&a_login.config()).unwrap();
    let mut b_hub = Hub::connect(&b_login.config()).unwrap();
    let a_template = laptop_with_changes(&a_hub, &a_login, "ana-laptop");
    let b_template = laptop_with_changes(&b_hub, &b_login, "ben-laptop");

    // One sample: both laptops as they were, the hub empty; A's exchange, then B's.
    let mut one = || {
        hub.superuser_sql("TRUNCATE plenary.change_log").unwrap();
        let work = tempfile::tempdir().unwrap();
        copy_folder(a_template.path(), &work.path().join("a"));
        copy_folder(b_template.path(), &work.path().join("b"));
        let mut a = Store::open_in(&work.path().join("a")).unwrap();
        let mut b = Store::open_in(&work.path().join("b")).unwrap();
        let started = Instant::now();
        let sent = exchange(&mut a, &mut a_hub);
        let a_time = started.elapsed();
        assert!(sent.sent as usize >= CHANGES, "{sent:?}");
        let started = Instant::now();
        let both = exchange(&mut b, &mut b_hub);
        let b_time = started.elapsed();
        assert!(both.received as usize >= CHANGES && both.sent as usize >= CHANGES);
        (a_time, b_time)
    };

    let mut group = long_runs(c);
    // B's time in the same samples, reported by the second benchmark below.
    let mut b_times = Vec::new();
    group.bench_function("A sends 10,000 changes", |bench| {
        bench.iter_custom(|iterations| {
            let mut total = Duration::ZERO;
            for _ in 0..iterations {
                let (a_time, b_time) = one();
                total += a_time;
                b_times.push(b_time);
            }
            total
        })
    });
    let mut recorded = b_times.into_iter();
    group.bench_function(
        "B receives those 10,000 and sends its own 10,000",
        |bench| {
            bench.iter_custom(|iterations| {
                (0..iterations)
                    .map(|_| recorded.next().unwrap_or_else(|| one().1))
                    .sum()
            })
        },
    );
    group.finish();
}

fn joining_a_decade(c: &mut Criterion, hub: &TestDatabase<'_>) {
    // The office's laptop with a decade of data joins the hub and sends it (not timed).
    let office = hub.person("office", Role::Coordinator);
    let mut office_hub = Hub::connect(&office.config()).unwrap();
    let office_dir = tempfile::tempdir().unwrap();
    let (store, _) = decade::seed(office_dir.path());
    let mut store = store;
    join(&mut store, &office_hub, &office, "office-laptop");
    let started = Instant::now();
    let sent = exchange(&mut store, &mut office_hub);
    eprintln!(
        "the decade went to the hub in {:.1} s ({} bundles)",
        started.elapsed().as_secs_f32(),
        sent.sent
    );
    let newcomer = hub.person("newcomer", Role::Delegate);

    let mut group = long_runs(c);
    group.bench_function(
        "a new laptop joins a hub holding a decade, until usable",
        |bench| {
            bench.iter_custom(|iterations| {
                let mut total = Duration::ZERO;
                for _ in 0..iterations {
                    let dir = tempfile::tempdir().unwrap();
                    let started = Instant::now();
                    let mut store = Store::open_in(dir.path()).unwrap();
                    let mut connection = Hub::connect(&newcomer.config()).unwrap();
                    join(&mut store, &connection, &newcomer, "new-laptop");
                    let report = exchange(&mut store, &mut connection);
                    total += started.elapsed();
                    assert!(report.received >= sent.sent, "{report:?}");
                }
                total
            })
        },
    );
    group.finish();
}

/// A store saving one meeting over and over, its venue back and forth.
struct Saving {
    _dir: tempfile::TempDir,
    store: Store,
    draft: MeetingDraft,
    current: plenary_core::Meeting,
}

impl Saving {
    fn save(&mut self) {
        self.draft.venue = if self.draft.venue == "CICG" {
            "Palais des Nations".into()
        } else {
            "CICG".into()
        };
        self.current = self
            .store
            .update_meeting(&self.current.id, self.current.version, &self.draft)
            .unwrap();
    }
}

fn capture_cost(c: &mut Criterion, hub: &TestDatabase<'_>) {
    let login = hub.person("carla", Role::Coordinator);
    let connection = Hub::connect(&login.config()).unwrap();
    let mut stores = [false, true].map(|joined| {
        let dir = tempfile::tempdir().unwrap();
        let mut store = Store::open_in(dir.path()).unwrap();
        if joined {
            join(&mut store, &connection, &login, "carla-laptop");
        }
        let draft = meeting(0, "carla");
        let current = store.create_meeting(&draft).unwrap();
        Saving {
            _dir: dir,
            store,
            draft,
            current,
        }
    });
    // Each iteration saves on both stores and times one: the disk's sync time drifts, and both
    // see the same drift.
    let mut group = c.benchmark_group("save a meeting");
    group.sample_size(30);
    for (measured, name) in [
        (0, "update, not joined"),
        (1, "update, joined (change captured)"),
    ] {
        group.bench_function(name, |bench| {
            bench.iter_custom(|iterations| {
                let mut total = Duration::ZERO;
                for _ in 0..iterations {
                    for (n, saving) in stores.iter_mut().enumerate() {
                        let started = Instant::now();
                        saving.save();
                        if n == measured {
                            total += started.elapsed();
                        }
                    }
                }
                total
            })
        });
    }
    group.finish();
}

fn benches(c: &mut Criterion) {
    let cluster = TestCluster::shared();
    capture_cost(c, &cluster.new_hub());
    ten_thousand_each_way(c, &cluster.new_hub());
    joining_a_decade(c, &cluster.new_hub());
}

criterion_group!(exchange_benches, benches);
criterion_main!(exchange_benches);
