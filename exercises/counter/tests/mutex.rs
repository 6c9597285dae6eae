//! `cargo test -p counter --test mutex`

mod common;

use counter::Counter;
use counter::mutex::MutexCounter;

#[test]
fn a_new_counter_is_zero_and_counts_one_by_one() {
    let counter = MutexCounter::default();
    assert_eq!(counter.get(), 0);
    counter.increment();
    counter.increment();
    assert_eq!(counter.get(), 2);
}

#[test]
fn no_increment_is_lost_when_eight_threads_count_at_once() {
    for round in 0..5 {
        let total = common::hammer(MutexCounter::default(), 8, 50_000);
        assert_eq!(total, 400_000, "round {round}: increments were lost");
    }
}
