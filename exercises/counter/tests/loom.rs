//! Model checks: loom runs each test under every interleaving of its threads.
//!
//! `RUSTFLAGS="--cfg loom" cargo test -p counter-solution --test loom --profile loom`
//! (or `cargo workbook loom counter`).
#![cfg(loom)]

use std::panic;

use counter::Counter;
use counter::atomic::AtomicCounter;
use counter::buggy::{RacyAtomicCounter, TwoLockCounter};
use counter::mutex::MutexCounter;
use counter::sharded::ShardedCounter;
use loom::sync::Arc;
use loom::thread;

// ANCHOR: model
/// Two threads increment once each; in every interleaving the count must end at 2.
fn two_increments_always_count_two<C, F>(make: F)
where
    C: Counter + Send + 'static,
    F: Fn() -> C + Sync + Send + 'static,
{
    loom::model(move || {
        let counter = Arc::new(make());
        let other = Arc::clone(&counter);
        let thread_b = thread::spawn(move || other.increment());
        counter.increment();
        thread_b.join().unwrap();
        assert_eq!(counter.get(), 2, "an increment was lost");
    });
}
// ANCHOR_END: model

/// The demonstration must keep working: loom has to find the losing interleaving.
fn loom_finds_a_lost_update<C, F>(make: F)
where
    C: Counter + Send + 'static,
    F: Fn() -> C + Sync + Send + 'static,
{
    let outcome = panic::catch_unwind(panic::AssertUnwindSafe(|| {
        two_increments_always_count_two(make)
    }));
    assert!(
        outcome.is_err(),
        "loom explored every interleaving and found no lost update in a buggy counter"
    );
}

// ANCHOR: finds_the_bug
#[test]
fn loom_finds_the_lost_update_in_the_racy_atomic_counter() {
    loom_finds_a_lost_update(RacyAtomicCounter::default);
}
// ANCHOR_END: finds_the_bug

#[test]
fn loom_finds_the_lost_update_in_the_two_lock_counter() {
    loom_finds_a_lost_update(TwoLockCounter::default);
}

#[test]
fn the_atomic_counter_never_loses_an_update() {
    two_increments_always_count_two(AtomicCounter::default);
}

#[test]
fn the_mutex_counter_never_loses_an_update() {
    two_increments_always_count_two(MutexCounter::default);
}

#[test]
fn the_sharded_counter_never_loses_an_update_in_a_shared_slot() {
    two_increments_always_count_two(|| ShardedCounter::new(1));
}

#[test]
fn the_sharded_counter_never_loses_an_update_across_slots() {
    loom::model(|| {
        let counter = Arc::new(ShardedCounter::new(2));
        let other = Arc::clone(&counter);
        let thread_b = thread::spawn(move || other.increment_shard(1));
        counter.increment_shard(0);
        counter.increment_shard(1);
        thread_b.join().unwrap();
        assert_eq!(counter.get(), 3);
    });
}
