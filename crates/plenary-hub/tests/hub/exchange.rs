//! Order, exactly once, "pull first", and concurrent pushers.

use std::collections::HashSet;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Barrier};

use plenary_hub::testing::TestCluster;
use plenary_hub::{Hub, HubError, Role};

use crate::bundle;

#[test]
fn init_is_idempotent_and_keeps_the_identity() {
    let database = TestCluster::shared().new_database();
    let first = plenary_hub::init(&database.owner_url).unwrap();
    let second = plenary_hub::init(&database.owner_url).unwrap();
    assert_eq!(first, second);
    let maria = database.person("maria", Role::Delegate);
    let hub = Hub::connect(&maria.config()).unwrap();
    assert_eq!(hub.identity(), first);
    assert_eq!(hub.login(), maria.login);

    let other = TestCluster::shared().new_hub();
    let other_identity = plenary_hub::init(&other.owner_url).unwrap();
    assert_ne!(other_identity, first, "each hub has its own identity");
}

#[test]
fn bundles_come_back_in_the_order_pushed_with_who_sent_them() {
    let database = TestCluster::shared().new_hub();
    let maria = database.person("maria", Role::Coordinator);
    let mut hub = Hub::connect(&maria.config()).unwrap();
    assert_eq!(hub.latest_seq().unwrap(), 0);
    assert!(hub.pull(0, 100).unwrap().is_empty());

    let sent = [
        bundle("office-laptop", "one"),
        bundle("office-laptop", "two"),
        bundle("office-laptop", "three"),
    ];
    let seqs = hub.push(0, &sent).unwrap();
    assert_eq!(
        seqs,
        vec![
            (sent[0].bundle_id, 1),
            (sent[1].bundle_id, 2),
            (sent[2].bundle_id, 3)
        ]
    );
    assert_eq!(hub.latest_seq().unwrap(), 3);

    let pulled = hub.pull(0, 100).unwrap();
    assert_eq!(pulled.len(), 3);
    for (index, (got, want)) in pulled.iter().zip(&sent).enumerate() {
        assert_eq!(got.seq, index as i64 + 1);
        assert_eq!(got.bundle_id, want.bundle_id);
        assert_eq!(got.device, want.device);
        assert_eq!(got.author, maria.login);
        assert_eq!(got.schema_version, want.schema_version);
        assert_eq!(got.made_at, want.made_at);
        assert_eq!(got.payload, want.payload);
    }
    let page = hub.pull(1, 1).unwrap();
    assert_eq!(page.len(), 1);
    assert_eq!(page[0].seq, 2);
    assert!(hub.pull(3, 100).unwrap().is_empty());
    assert!(hub.push(3, &[]).unwrap().is_empty());
}

#[test]
fn a_retried_push_doubles_nothing() {
    let database = TestCluster::shared().new_hub();
    let maria = database.person("maria", Role::Delegate);
    let mut hub = Hub::connect(&maria.config()).unwrap();
    let first = bundle("maria-laptop", "first");
    let second = bundle("maria-laptop", "second");
    let pushed = hub.push(0, &[first.clone(), second.clone()]).unwrap();
    assert_eq!(pushed, vec![(first.bundle_id, 1), (second.bundle_id, 2)]);

    // The reply was lost: the laptop sends the same bundles on the same base.
    let again = hub.push(0, &[first.clone(), second.clone()]).unwrap();
    assert_eq!(again, pushed);
    assert_eq!(hub.latest_seq().unwrap(), 2);

    // One already there, one new, on the current base.
    let third = bundle("maria-laptop", "third");
    let mixed = hub.push(2, &[second.clone(), third.clone()]).unwrap();
    assert_eq!(mixed, vec![(second.bundle_id, 2), (third.bundle_id, 3)]);

    // The same bundle twice in one push is appended once.
    let fourth = bundle("maria-laptop", "fourth");
    let twice = hub.push(3, &[fourth.clone(), fourth.clone()]).unwrap();
    assert_eq!(twice, vec![(fourth.bundle_id, 4), (fourth.bundle_id, 4)]);

    let ids: Vec<_> = hub
        .pull(0, 100)
        .unwrap()
        .iter()
        .map(|b| b.bundle_id)
        .collect();
    assert_eq!(
        ids,
        vec![
            first.bundle_id,
            second.bundle_id,
            third.bundle_id,
            fourth.bundle_id
        ]
    );
}

#[test]
fn a_push_on_an_old_base_is_told_to_pull_first() {
    let database = TestCluster::shared().new_hub();
    let maria = database.person("maria", Role::Coordinator);
    let jonas = database.person("jonas", Role::Delegate);
    let mut maria_hub = Hub::connect(&maria.config()).unwrap();
    let mut jonas_hub = Hub::connect(&jonas.config()).unwrap();

    maria_hub.push(0, &[bundle("office", "venue")]).unwrap();
    let jonas_bundle = bundle("jonas-laptop", "notes");
    let refused = jonas_hub.push(0, std::slice::from_ref(&jonas_bundle));
    assert_eq!(refused, Err(HubError::Behind));
    assert_eq!(jonas_hub.latest_seq().unwrap(), 1, "nothing was appended");

    let caught_up = jonas_hub.pull(0, 100).unwrap();
    assert_eq!(caught_up.len(), 1);
    assert_eq!(caught_up[0].author, maria.login);
    let pushed = jonas_hub
        .push(1, std::slice::from_ref(&jonas_bundle))
        .unwrap();
    assert_eq!(pushed, vec![(jonas_bundle.bundle_id, 2)]);

    // A base beyond the hub's newest: the hub was restored from an older backup.
    let rewound = jonas_hub.push(5, &[bundle("jonas-laptop", "later")]);
    assert_eq!(
        rewound,
        Err(HubError::HubRewound {
            hub_seq: 2,
            laptop_seq: 5
        })
    );
    assert!(rewound.unwrap_err().to_string().contains("backup"));
}

/// Several laptops push at once (each retrying after "pull first") while another follows the
/// log with `seq > cursor`. Every bundle gets one seq, the seqs are 1..=N with no gap, and the
/// follower sees every row exactly once and in order: no row committed late is skipped.
#[test]
fn concurrent_pushers_get_contiguous_seqs_and_a_follower_misses_nothing() {
    const PUSHERS: usize = 4;
    const PER_PUSHER: usize = 30;
    const TOTAL: i64 = (PUSHERS * PER_PUSHER) as i64;
    let database = TestCluster::shared().new_hub();
    let reader = database.person("reader", Role::Coordinator);
    let logins: Vec<_> = (0..PUSHERS)
        .map(|n| database.person(&format!("pusher{n}"), Role::Delegate))
        .collect();
    let start = Arc::new(Barrier::new(PUSHERS + 1));
    let done = Arc::new(AtomicBool::new(false));

    let follower = {
        let config = reader.config();
        let start = start.clone();
        let done = done.clone();
        std::thread::spawn(move || {
            let mut hub = Hub::connect(&config).unwrap();
            let mut seen = Vec::new();
            let mut cursor = 0;
            start.wait();
            while cursor < TOTAL {
                // Read "done" before pulling: once every push has committed, an empty page
                // means rows were skipped.
                let finished = done.load(Ordering::SeqCst);
                let page = hub.pull(cursor, 7).unwrap();
                assert!(
                    !(page.is_empty() && finished),
                    "rows after {cursor} are missing"
                );
                for row in &page {
                    assert_eq!(row.seq, cursor + 1, "the follower skipped a row");
                    cursor = row.seq;
                    seen.push(row.bundle_id);
                }
            }
            seen
        })
    };

    let pushers: Vec<_> = logins
        .iter()
        .enumerate()
        .map(|(n, login)| {
            let config = login.config();
            let start = start.clone();
            std::thread::spawn(move || {
                let mut hub = Hub::connect(&config).unwrap();
                let device = format!("laptop-{n}");
                let mut mine = Vec::new();
                let mut base = 0;
                let mut retries = 0;
                start.wait();
                let mut remaining = PER_PUSHER;
                while remaining > 0 {
                    // One to three bundles at a time, as a laptop's outbox would hold.
                    let count = 1 + (remaining + n) % 3;
                    let count = count.min(remaining);
                    let batch: Vec<_> = (0..count).map(|_| bundle(&device, "x")).collect();
                    loop {
                        match hub.push(base, &batch) {
                            Ok(seqs) => {
                                base = seqs.iter().map(|(_, seq)| *seq).max().unwrap_or(base);
                                mine.extend(seqs);
                                break;
                            }
                            Err(HubError::Behind) => {
                                retries += 1;
                                base = hub.pull(base, 1000).unwrap().last().map_or(base, |b| b.seq);
                            }
                            Err(other) => panic!("{other}"),
                        }
                    }
                    remaining -= count;
                }
                (mine, retries)
            })
        })
        .collect();

    let mut all = Vec::new();
    let mut retries = 0;
    for pusher in pushers {
        let (mine, tries) = pusher.join().unwrap();
        retries += tries;
        all.extend(mine);
    }
    done.store(true, Ordering::SeqCst);
    let seen = follower.join().unwrap();

    assert_eq!(all.len(), TOTAL as usize);
    let mut seqs: Vec<i64> = all.iter().map(|(_, seq)| *seq).collect();
    seqs.sort_unstable();
    assert_eq!(
        seqs,
        (1..=TOTAL).collect::<Vec<_>>(),
        "seqs are 1..=N, each once"
    );
    let ids: HashSet<_> = all.iter().map(|(id, _)| *id).collect();
    assert_eq!(ids.len(), TOTAL as usize);
    assert_eq!(seen.len(), TOTAL as usize);
    let mut by_seq = all.clone();
    by_seq.sort_by_key(|(_, seq)| *seq);
    let in_order: Vec<_> = by_seq.iter().map(|(id, _)| *id).collect();
    assert_eq!(seen, in_order, "the follower saw the hub's order");
    eprintln!("{TOTAL} bundles from {PUSHERS} laptops, {retries} pushes told to pull first");
}
