//! `cargo test -p counter --test map_reduce`

use std::sync::atomic::{AtomicUsize, Ordering};

use counter::map_reduce::count_matching;

#[test]
fn it_counts_the_matching_items() {
    let numbers: Vec<u64> = (0..200_000).collect();
    assert_eq!(count_matching(&numbers, |n| n % 2 == 0), 100_000);
    assert_eq!(count_matching(&numbers, |n| n % 1_000 == 7), 200);
}

#[test]
fn an_empty_slice_counts_zero() {
    let nothing: [u64; 0] = [];
    assert_eq!(count_matching(&nothing, |_| true), 0);
}

#[test]
fn the_predicate_sees_every_item_exactly_once() {
    let numbers: Vec<u64> = (0..50_000).collect();
    let calls = AtomicUsize::new(0);
    count_matching(&numbers, |_| {
        calls.fetch_add(1, Ordering::Relaxed);
        true
    });
    assert_eq!(calls.load(Ordering::Relaxed), numbers.len());
}

#[test]
fn the_work_runs_on_rayons_thread_pool() {
    let numbers: Vec<u64> = (0..50_000).collect();
    let outside_the_pool = AtomicUsize::new(0);
    count_matching(&numbers, |_| {
        if rayon::current_thread_index().is_none() {
            outside_the_pool.fetch_add(1, Ordering::Relaxed);
        }
        true
    });
    assert_eq!(
        outside_the_pool.load(Ordering::Relaxed),
        0,
        "the predicate ran outside rayon's pool: use a parallel iterator"
    );
}
