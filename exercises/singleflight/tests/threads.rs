//! Step 1, the thread group: one execution for concurrent callers of a key, nothing
//! cached, and different keys independent.
//!
//! `cargo test -p singleflight --test threads`

mod common;

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Barrier};
use std::time::Duration;

use common::{StartingShot, join, spawn_caller, wait_while_running};
use singleflight::threads::Group;

#[test]
fn a_lone_caller_runs_the_work_and_shares_nothing() {
    let group = Group::new();
    let (value, shared) = group.work("key", || 42);
    assert_eq!(value, 42);
    assert!(!shared, "nobody else asked for the key");
    assert_eq!(
        group.in_flight(),
        0,
        "the key is free once the call is over"
    );
    assert_eq!(group.waiters(&"key"), 0);
}

// ANCHOR: thousand_callers
/// The meetup's technique, made deterministic: a pool of callers, an atomic count of
/// executions, and a starting shot fired only once every caller has provably attached.
#[test]
fn a_thousand_callers_on_one_key_share_one_execution() {
    const CALLERS: usize = 1_000;
    testkit::watchdog_default("1,000 callers on one key", || {
        let group = Arc::new(Group::new());
        let executions = Arc::new(AtomicUsize::new(0));
        let shot = Arc::new(StartingShot::default());
        let spawn = || {
            let (group, executions, shot) = (group.clone(), executions.clone(), shot.clone());
            spawn_caller(move || {
                group.work("key", || {
                    executions.fetch_add(1, Ordering::SeqCst);
                    shot.wait(); // hold the call open until everybody is in
                    "the value"
                })
            })
        };

        // Two callers race to lead; once one of them runs the work, the rest arrive.
        let mut callers: Vec<_> = (0..2).map(|_| spawn()).collect();
        wait_while_running(&callers, || executions.load(Ordering::SeqCst) > 0);
        callers.extend((2..CALLERS).map(|_| spawn()));

        // The call stays open until the shot, so all the others must attach to it.
        // A second execution fails the test at once.
        wait_while_running(&callers, || {
            group.waiters(&"key") == CALLERS - 1 || executions.load(Ordering::SeqCst) > 1
        });
        assert_eq!(
            executions.load(Ordering::SeqCst),
            1,
            "a second execution started"
        );
        shot.fire();

        for caller in callers {
            let (value, shared) = join(caller);
            assert_eq!(value, "the value");
            assert!(shared, "every caller, the leader too, shared the value");
        }
        assert_eq!(
            executions.load(Ordering::SeqCst),
            1,
            "exactly one execution"
        );
        assert_eq!(group.in_flight(), 0);
    });
}
// ANCHOR_END: thousand_callers

#[test]
fn a_caller_after_completion_runs_the_work_again() {
    let group = Group::new();
    let executions = AtomicUsize::new(0);
    let count = || executions.fetch_add(1, Ordering::SeqCst) + 1;

    assert_eq!(group.work("key", count), (1, false));
    assert_eq!(group.work("key", count), (2, false), "nothing is cached");
    assert_eq!(executions.load(Ordering::SeqCst), 2);
    assert_eq!(group.in_flight(), 0);
}

// ANCHOR: different_keys
/// Each key's work waits until the other key's work has started too. If the group
/// ran them one after the other (a lock held across the work), neither could finish.
#[test]
fn different_keys_run_at_the_same_time() {
    testkit::watchdog(
        "two keys whose works wait for each other",
        Duration::from_secs(10),
        || {
            let group = Arc::new(Group::new());
            let both_started = Arc::new(Barrier::new(2));
            let callers: Vec<_> = ["a", "b"]
                .into_iter()
                .map(|key| {
                    let (group, both_started) = (group.clone(), both_started.clone());
                    spawn_caller(move || {
                        group.work(key, || {
                            both_started.wait();
                            key.to_uppercase()
                        })
                    })
                })
                .collect();
            let results: Vec<_> = callers.into_iter().map(join).collect();
            assert_eq!(results, [("A".to_owned(), false), ("B".to_owned(), false)]);
            assert_eq!(group.in_flight(), 0);
        },
    );
}
// ANCHOR_END: different_keys

#[test]
fn waiters_and_in_flight_report_the_calls_that_are_open() {
    testkit::watchdog_default("a waiter attached to an open call", || {
        let group = Arc::new(Group::new());
        let started = Arc::new(StartingShot::default());
        let release = Arc::new(StartingShot::default());

        let leader = {
            let (group, started, release) = (group.clone(), started.clone(), release.clone());
            spawn_caller(move || {
                group.work("key", || {
                    started.fire();
                    release.wait();
                    7
                })
            })
        };
        wait_while_running(&[&leader], || started.fired());
        assert_eq!(group.in_flight(), 1);
        assert_eq!(group.waiters(&"key"), 0, "the leader is not a waiter");
        assert_eq!(group.waiters(&"other"), 0);

        let waiter = {
            let group = group.clone();
            spawn_caller(move || group.work("key", || unreachable!("the call is open")))
        };
        wait_while_running(&[&leader, &waiter], || group.waiters(&"key") == 1);
        release.fire();

        assert_eq!(join(leader), (7, true), "the leader's value was shared");
        assert_eq!(join(waiter), (7, true));
        assert_eq!(group.in_flight(), 0);
        assert_eq!(group.waiters(&"key"), 0);
    });
}
