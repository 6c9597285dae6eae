//! `cargo test -p maps --test workload`

use std::collections::{HashMap, HashSet};
use std::panic;

use maps::workload::{HOT_KEY, KEY_SPACE, Mix, Op, OpKind, OpStream, Workload};

const KINDS: [OpKind; 5] = [
    OpKind::Get,
    OpKind::Insert,
    OpKind::Remove,
    OpKind::Update,
    OpKind::GetOrInsert,
];

fn share(mix: Mix, kind: OpKind) -> u8 {
    match kind {
        OpKind::Get => mix.get,
        OpKind::Insert => mix.insert,
        OpKind::Remove => mix.remove,
        OpKind::Update => mix.update,
        OpKind::GetOrInsert => mix.get_or_insert,
    }
}

fn ops(workload: Workload, worker: usize, threads: usize, seed: u64, count: usize) -> Vec<Op> {
    let mut stream = OpStream::new(workload, worker, threads, seed);
    (0..count).map(|_| stream.next_op()).collect()
}

#[test]
fn pick_hands_out_the_rolls_in_field_order() {
    let exchange = Workload::Exchange.mix(); // 10 gets, 40 inserts, 40 removes, 10 updates
    assert_eq!(exchange.pick(0), OpKind::Get);
    assert_eq!(exchange.pick(9), OpKind::Get);
    assert_eq!(exchange.pick(10), OpKind::Insert);
    assert_eq!(exchange.pick(49), OpKind::Insert);
    assert_eq!(exchange.pick(50), OpKind::Remove);
    assert_eq!(exchange.pick(89), OpKind::Remove);
    assert_eq!(exchange.pick(90), OpKind::Update);
    assert_eq!(exchange.pick(99), OpKind::Update);
    assert_eq!(Workload::HotKey.mix().pick(99), OpKind::GetOrInsert);
}

#[test]
fn pick_gives_every_kind_exactly_its_share_of_the_100_rolls() {
    for workload in Workload::ALL {
        let mix = workload.mix();
        let mut counts: HashMap<OpKind, u8> = HashMap::new();
        for roll in 0..100 {
            *counts.entry(mix.pick(roll)).or_default() += 1;
        }
        for kind in KINDS {
            let got = counts.get(&kind).copied().unwrap_or(0);
            assert_eq!(
                got,
                share(mix, kind),
                "{}: rolls for {kind:?}",
                workload.name()
            );
        }
    }
}

#[test]
fn pick_rejects_a_roll_of_100() {
    let outcome = panic::catch_unwind(|| Workload::ReadHeavy.mix().pick(100));
    let payload = outcome.expect_err("a roll of 100 is out of range and must panic");
    let message = testkit::panic_message(&*payload);
    assert!(message.contains("0..100"), "{message}");
}

#[test]
fn every_stream_follows_its_mix() {
    const COUNT: usize = 100_000;
    for workload in Workload::ALL {
        let mut counts: HashMap<OpKind, usize> = HashMap::new();
        for op in ops(workload, 0, 1, 3, COUNT) {
            *counts.entry(op.kind).or_default() += 1;
        }
        for kind in KINDS {
            let percent = counts.get(&kind).copied().unwrap_or(0) as f64 * 100.0 / COUNT as f64;
            let want = f64::from(share(workload.mix(), kind));
            assert!(
                (percent - want).abs() < 1.0,
                "{}: {kind:?} is {percent:.2}% of the operations, not {want}%",
                workload.name()
            );
        }
    }
}

#[test]
fn the_same_seed_replays_the_same_operations_and_workers_differ() {
    for workload in Workload::ALL {
        let first = ops(workload, 1, 2, 42, 1_000);
        assert_eq!(first, ops(workload, 1, 2, 42, 1_000), "{}", workload.name());
        if workload != Workload::HotKey && workload != Workload::LoadOrStoreUnique {
            assert_ne!(first, ops(workload, 0, 2, 42, 1_000), "{}", workload.name());
            assert_ne!(first, ops(workload, 1, 2, 43, 1_000), "{}", workload.name());
        }
    }
}

#[test]
fn uniform_keys_cover_their_whole_space_and_stay_in_it() {
    let keys: HashSet<u64> = ops(Workload::LoadMostlyHits, 0, 1, 5, 50_000)
        .iter()
        .map(|op| op.key)
        .collect();
    assert_eq!(
        keys.len(),
        1024,
        "LoadMostlyHits draws from 1024 keys, 1023 of them hits"
    );
    assert!(keys.iter().all(|&key| key < 1024));
    let prefilled = Workload::LoadMostlyHits.prefill();
    assert_eq!(prefilled.end - prefilled.start, 1023);

    let heavy = ops(Workload::ReadHeavy, 1, 2, 5, 50_000);
    assert!(heavy.iter().all(|op| op.key < KEY_SPACE));
    let distinct: HashSet<u64> = heavy.iter().map(|op| op.key).collect();
    assert!(
        distinct.len() > 25_000,
        "ReadHeavy keys are spread over {KEY_SPACE}"
    );
}

#[test]
fn fresh_keys_are_new_and_never_shared_between_workers() {
    const THREADS: usize = 3;
    let mut taken = HashSet::new();
    for worker in 0..THREADS {
        for op in ops(Workload::LoadOrStoreUnique, worker, THREADS, 9, 10_000) {
            assert_eq!(op.kind, OpKind::GetOrInsert);
            assert!(taken.insert(op.key), "key {} was taken twice", op.key);
            assert_eq!(
                op.key as usize % THREADS,
                worker,
                "worker {worker} took a key of another"
            );
        }
    }
}

#[test]
fn rapid_grow_only_touches_keys_it_inserted_before() {
    const THREADS: usize = 2;
    for worker in 0..THREADS {
        let mut inserted = HashSet::new();
        let mut hits = 0;
        let stream = ops(Workload::RapidGrow, worker, THREADS, 11, 20_000);
        for op in &stream {
            if op.kind == OpKind::Insert {
                assert!(
                    inserted.insert(op.key),
                    "insert of a key taken before: {op:?}"
                );
                assert_eq!(
                    op.key as usize % THREADS,
                    worker,
                    "a key of another worker: {op:?}"
                );
            } else if inserted.contains(&op.key) {
                hits += 1;
            } else {
                // Only before the first insert may an operation name a key not inserted.
                assert!(
                    inserted.is_empty(),
                    "{op:?} names a key this worker never inserted"
                );
            }
        }
        assert!(
            hits > 3_000,
            "gets, removes and updates go to inserted keys"
        );
    }
}

#[test]
fn hot_key_is_one_key_for_everyone() {
    for worker in 0..2 {
        assert!(
            ops(Workload::HotKey, worker, 2, 1, 1_000)
                .iter()
                .all(|op| op.key == HOT_KEY)
        );
    }
}

#[test]
fn zipf_keys_are_skewed_towards_the_first_keys() {
    const COUNT: usize = 100_000;
    let stream = ops(Workload::Zipf, 0, 1, 8, COUNT);
    assert!(stream.iter().all(|op| op.key < KEY_SPACE));
    let hottest = stream.iter().filter(|op| op.key == 0).count();
    let top_one_percent = stream.iter().filter(|op| op.key < KEY_SPACE / 100).count();
    // Zipf(0.99) over 65,536 keys: key 0 is drawn about 8% of the time, and the top 1% of
    // keys about 60%; a uniform draw would give 0.0015% and 1%.
    assert!(
        hottest > COUNT / 20,
        "key 0 drawn {hottest} times of {COUNT}"
    );
    assert!(
        top_one_percent > COUNT / 2,
        "top 1% drawn {top_one_percent} times of {COUNT}"
    );
}
