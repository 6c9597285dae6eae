//! Model checks of the sharded map: loom runs each test under every interleaving of its
//! threads, with the map's `RwLock`s replaced by loom's (see `src/sync.rs`).
//!
//! `RUSTFLAGS="--cfg loom" cargo test --profile loom --target-dir target/loom -p maps-solution --test loom`
//! (or `cargo workbook loom maps`).
#![cfg(loom)]

use loom::sync::Arc;
use loom::sync::atomic::{AtomicUsize, Ordering};
use loom::thread;
use maps::sharded::ShardedMap;

/// Two threads ask for the same absent key at once. In every interleaving, `make` runs
/// once and both threads get the value it made.
#[test]
fn racing_get_or_insert_makes_one_value_that_both_threads_see() {
    loom::model(|| {
        let map = Arc::new(ShardedMap::with_shards_and_capacity(1, 0));
        let makes = Arc::new(AtomicUsize::new(0));
        let racer = |value: u64| {
            let (map, makes) = (Arc::clone(&map), Arc::clone(&makes));
            thread::spawn(move || {
                map.get_or_insert_with(7_u64, || {
                    makes.fetch_add(1, Ordering::Relaxed);
                    value
                })
            })
        };
        let (first, second) = (racer(1), racer(2));
        let (first, second) = (first.join().unwrap(), second.join().unwrap());
        assert_eq!(
            first, second,
            "the two threads were handed different values"
        );
        assert_eq!(
            makes.load(Ordering::Relaxed),
            1,
            "`make` ran more than once"
        );
        assert_eq!(map.get(&7), Some(first));
    });
}

/// Two threads update one key in place. In every interleaving, neither update is lost.
#[test]
fn concurrent_updates_of_one_key_lose_nothing() {
    loom::model(|| {
        let map = Arc::new(ShardedMap::with_shards_and_capacity(1, 0));
        map.insert("hits", 0_u64);
        let other = Arc::clone(&map);
        let thread_b = thread::spawn(move || other.update("hits", |hits| *hits += 1));
        map.update("hits", |hits| *hits += 1);
        thread_b.join().unwrap();
        assert_eq!(map.get("hits"), Some(2), "an update was lost");
    });
}
