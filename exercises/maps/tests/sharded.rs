//! `cargo test -p maps --test sharded`

mod common;

use std::sync::mpsc;
use std::sync::{Arc, Barrier};
use std::thread;
use std::time::Duration;

use common::{MapUnderTest, join};
use maps::sharded::ShardedMap;

impl MapUnderTest for ShardedMap<u64, u64> {
    fn empty() -> Self {
        ShardedMap::with_shards_and_capacity(8, 0)
    }
    fn get(&self, key: u64) -> Option<u64> {
        ShardedMap::get(self, &key)
    }
    fn insert(&self, key: u64, value: u64) -> Option<u64> {
        ShardedMap::insert(self, key, value)
    }
    fn remove(&self, key: u64) -> Option<u64> {
        ShardedMap::remove(self, &key)
    }
    fn get_or_insert_with(&self, key: u64, make: impl FnOnce() -> u64) -> u64 {
        ShardedMap::get_or_insert_with(self, key, make)
    }
    fn len(&self) -> usize {
        ShardedMap::len(self)
    }
    fn add_in_place(&self, key: u64, add: u64) -> Option<Option<u64>> {
        Some(self.update(&key, |value| {
            *value += add;
            *value
        }))
    }
}

#[test]
fn it_behaves_like_a_hash_map_on_random_operations() {
    common::matches_the_model::<ShardedMap<u64, u64>>(16, 1_500);
}

#[test]
fn the_shard_count_is_a_power_of_two_and_at_least_one() {
    let shards = |n| ShardedMap::<u64, u64>::with_shards_and_capacity(n, 0).shards();
    assert_eq!(shards(0), 1);
    assert_eq!(shards(1), 1);
    assert_eq!(shards(3), 4);
    assert_eq!(shards(16), 16);
    assert!(ShardedMap::<u64, u64>::new().shards().is_power_of_two());
}

#[test]
fn keys_spread_evenly_over_every_shard() {
    let map = ShardedMap::<u64, u64>::with_shards_and_capacity(16, 0);
    let mut per_shard = [0_u32; 16];
    for key in 0..16_384_u64 {
        per_shard[map.shard_of(&key)] += 1;
    }
    // 1,024 expected per shard; a fair hash stays well within ±20%.
    for (shard, &count) in per_shard.iter().enumerate() {
        assert!(
            (820..=1_230).contains(&count),
            "shard {shard} got {count} of 16,384 keys: {per_shard:?}"
        );
    }
}

#[test]
fn every_key_is_found_in_the_shard_it_was_put_in() {
    let map = ShardedMap::with_shards_and_capacity(4, 0);
    for key in 0..1_000_u64 {
        map.insert(key, key + 1);
    }
    for key in 0..1_000_u64 {
        assert_eq!(map.get(&key), Some(key + 1), "key {key}");
    }
    assert_eq!(map.len(), 1_000);
}

#[test]
fn update_changes_a_value_in_place_and_skips_absent_keys() {
    let map = ShardedMap::with_shards_and_capacity(4, 0);
    map.insert("apples".to_owned(), vec![1]);
    let len = map.update("apples", |basket| {
        basket.push(2);
        basket.len()
    });
    assert_eq!(len, Some(2));
    assert_eq!(map.get("apples"), Some(vec![1, 2]));
    let mut ran = false;
    assert_eq!(map.update("pears", |_| ran = true), None);
    assert!(!ran, "`change` must not run for an absent key");
}

#[test]
fn threads_racing_on_the_same_keys_agree_on_one_value_per_key() {
    common::one_value_wins_per_key::<ShardedMap<u64, u64>>(4, 300);
}

#[test]
fn writers_on_disjoint_keys_lose_nothing() {
    common::disjoint_writers_lose_nothing::<ShardedMap<u64, u64>>(4, 2_000);
}

#[test]
fn concurrent_updates_of_one_key_lose_nothing() {
    const THREADS: u64 = 4;
    const PER_THREAD: u64 = 5_000;
    let total = testkit::watchdog_default("threads updating one key", || {
        let map = Arc::new(ShardedMap::with_shards_and_capacity(4, 0));
        map.insert("hits", 0_u64);
        let start = Arc::new(Barrier::new(THREADS as usize));
        let handles: Vec<_> = (0..THREADS)
            .map(|_| {
                let (map, start) = (Arc::clone(&map), Arc::clone(&start));
                thread::spawn(move || {
                    start.wait();
                    for _ in 0..PER_THREAD {
                        map.update("hits", |hits| *hits += 1);
                    }
                })
            })
            .collect();
        handles.into_iter().for_each(join);
        map.get("hits")
    });
    assert_eq!(
        total,
        Some(THREADS * PER_THREAD),
        "an update read a stale value"
    );
}

#[test]
fn a_writer_holding_one_shard_does_not_block_readers_of_another() {
    testkit::watchdog_default("a reader beside a stuck writer", || {
        let map = Arc::new(ShardedMap::with_shards_and_capacity(8, 0));
        let stuck_key = 0_u64;
        let other_key = (1..)
            .find(|key| map.shard_of(key) != map.shard_of(&stuck_key))
            .unwrap();
        map.insert(stuck_key, 0);
        map.insert(other_key, 42);

        let (inside_tx, inside_rx) = mpsc::channel();
        let (release_tx, release_rx) = mpsc::channel::<()>();
        let writer = {
            let map = Arc::clone(&map);
            thread::spawn(move || {
                map.update(&stuck_key, |value| {
                    inside_tx.send(()).unwrap();
                    release_rx.recv().unwrap(); // Holds the shard's write lock until released.
                    *value = 1;
                })
            })
        };
        inside_rx.recv().expect("the writer reaches its update");

        let (read_tx, read_rx) = mpsc::channel();
        let reader = {
            let map = Arc::clone(&map);
            thread::spawn(move || read_tx.send(map.get(&other_key)).unwrap())
        };
        let read = read_rx.recv_timeout(Duration::from_secs(5));
        release_tx.send(()).unwrap();
        assert_eq!(
            read,
            Ok(Some(42)),
            "a read of another shard waited for the writer (or read wrong)"
        );
        join(reader);
        assert_eq!(join(writer), Some(()));
        assert_eq!(map.get(&stuck_key), Some(1));
    });
}
