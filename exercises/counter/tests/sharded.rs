//! `cargo test -p counter --test sharded`

mod common;

use counter::Counter;
use counter::sharded::ShardedCounter;

#[test]
fn it_has_the_requested_number_of_slots_and_at_least_one() {
    assert_eq!(ShardedCounter::new(4).shards(), 4);
    assert_eq!(ShardedCounter::new(0).shards(), 1);
}

#[test]
fn the_total_is_the_sum_of_every_slot() {
    let counter = ShardedCounter::new(4);
    assert_eq!(counter.get(), 0);
    counter.increment_shard(0);
    counter.increment_shard(3);
    counter.increment_shard(3);
    counter.increment_shard(6); // wraps around to slot 2
    assert_eq!(counter.get(), 4);
}

#[test]
fn no_increment_is_lost_with_a_slot_per_thread() {
    let total = common::hammer(ShardedCounter::new(8), 8, 50_000);
    assert_eq!(total, 400_000);
}

#[test]
fn no_increment_is_lost_when_every_thread_shares_one_slot() {
    for round in 0..5 {
        let total = common::hammer(ShardedCounter::new(1), 4, 100_000);
        assert_eq!(
            total, 400_000,
            "round {round}: a shared slot lost increments"
        );
    }
}
