//! Step 4, the tokio group: the same behaviours as the thread group, with tasks.
//!
//! `cargo test -p singleflight --test tasks`
#![cfg(not(loom))]

mod common;

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use common::runtime::{Shot, join, run_on_two_workers, run_paused, until, until_while_running};
use singleflight::tasks::{Group, TryGroup};
use tokio::sync::Barrier;

#[test]
fn a_lone_caller_runs_the_work_and_shares_nothing() {
    run_paused("a lone caller", || async {
        let group = Group::new();
        assert_eq!(group.work("key", || async { 42 }).await, (42, false));
        assert_eq!(group.in_flight(), 0);
        assert_eq!(group.waiters(&"key"), 0);
    });
}

// ANCHOR: thousand_tasks
#[test]
fn a_thousand_tasks_on_one_key_share_one_execution() {
    const CALLERS: usize = 1_000;
    run_on_two_workers("1,000 tasks on one key", || async {
        let group = Arc::new(Group::new());
        let executions = Arc::new(AtomicUsize::new(0));
        let shot = Arc::new(Shot::default());
        let spawn = || {
            let (group, executions, shot) = (group.clone(), executions.clone(), shot.clone());
            tokio::spawn(async move {
                let work = || async move {
                    executions.fetch_add(1, Ordering::SeqCst);
                    shot.wait().await; // hold the call open until everybody is in
                    "the value"
                };
                group.work("key", work).await
            })
        };

        // Two tasks race to lead (on two worker threads); then the rest arrive.
        let mut callers: Vec<_> = (0..2).map(|_| spawn()).collect();
        until_while_running(&callers, || executions.load(Ordering::SeqCst) > 0).await;
        callers.extend((2..CALLERS).map(|_| spawn()));

        until_while_running(&callers, || {
            group.waiters(&"key") == CALLERS - 1 || executions.load(Ordering::SeqCst) > 1
        })
        .await;
        assert_eq!(
            executions.load(Ordering::SeqCst),
            1,
            "a second execution started"
        );
        shot.fire();

        for caller in callers {
            assert_eq!(join(caller).await, ("the value", true));
        }
        assert_eq!(
            executions.load(Ordering::SeqCst),
            1,
            "exactly one execution"
        );
        assert_eq!(group.in_flight(), 0);
    });
}
// ANCHOR_END: thousand_tasks

#[test]
fn a_caller_after_completion_runs_the_work_again() {
    run_paused("two calls one after the other", || async {
        let group = Group::new();
        let executions = AtomicUsize::new(0);
        let count = || async { executions.fetch_add(1, Ordering::SeqCst) + 1 };
        assert_eq!(group.work("key", count).await, (1, false));
        assert_eq!(
            group.work("key", count).await,
            (2, false),
            "nothing is cached"
        );
        assert_eq!(group.in_flight(), 0);
    });
}

/// Each key's work waits at a barrier for the other key's work. Run one after the
/// other, neither could pass; the paused clock turns that deadlock into a failure at
/// once.
#[test]
fn different_keys_run_at_the_same_time() {
    run_paused("two keys whose works wait for each other", || async {
        let group = Arc::new(Group::new());
        let both_started = Arc::new(Barrier::new(2));
        let callers: Vec<_> = ["a", "b"]
            .into_iter()
            .map(|key| {
                let (group, both_started) = (group.clone(), both_started.clone());
                tokio::spawn(async move {
                    let work = || async move {
                        both_started.wait().await;
                        key.to_uppercase()
                    };
                    group.work(key, work).await
                })
            })
            .collect();
        let mut results = Vec::new();
        for caller in callers {
            results.push(join(caller).await);
        }
        assert_eq!(results, [("A".to_owned(), false), ("B".to_owned(), false)]);
        assert_eq!(group.in_flight(), 0);
    });
}

#[derive(Debug)]
struct BackendDown;

#[test]
fn an_error_reaches_every_waiter_not_only_the_first() {
    const CALLERS: usize = 5;
    run_paused("tasks sharing a failing call", || async {
        let group: Arc<TryGroup<&str, u32, BackendDown>> = Arc::new(Group::new());
        let executions = Arc::new(AtomicUsize::new(0));
        let callers: Vec<_> = (0..CALLERS)
            .map(|_| {
                let (group, executions) = (group.clone(), executions.clone());
                tokio::spawn(async move {
                    let work = || async {
                        executions.fetch_add(1, Ordering::SeqCst);
                        until(|| {
                            group.waiters(&"key") == CALLERS - 1
                                || executions.load(Ordering::SeqCst) > 1
                        })
                        .await;
                        Err(BackendDown)
                    };
                    group.try_work("key", work).await
                })
            })
            .collect();

        let mut errors = Vec::new();
        for caller in callers {
            let (result, shared) = join(caller).await;
            assert!(shared);
            errors.push(result.expect_err("every caller gets the error"));
        }
        assert_eq!(executions.load(Ordering::SeqCst), 1);
        assert!(
            errors.iter().all(|error| Arc::ptr_eq(error, &errors[0])),
            "the very same error, not a copy"
        );
        assert_eq!(group.in_flight(), 0);
    });
}

#[test]
fn a_panic_reaches_every_waiter_as_a_panic() {
    const CALLERS: usize = 5;
    run_paused("tasks sharing a panicking call", || async {
        let group = Arc::new(Group::<&str, u32>::new());
        let executions = Arc::new(AtomicUsize::new(0));
        let callers: Vec<_> = (0..CALLERS)
            .map(|_| {
                let (group, executions) = (group.clone(), executions.clone());
                tokio::spawn(async move {
                    let work = || async {
                        executions.fetch_add(1, Ordering::SeqCst);
                        until(|| {
                            group.waiters(&"key") == CALLERS - 1
                                || executions.load(Ordering::SeqCst) > 1
                        })
                        .await;
                        panic!("the work blew up")
                    };
                    group.work("key", work).await
                })
            })
            .collect();

        for caller in callers {
            let error = caller.await.expect_err("every caller panics");
            let message = testkit::panic_message(&*error.into_panic());
            assert!(
                message.contains("the work blew up"),
                "unexpected panic: {message}"
            );
        }
        assert_eq!(executions.load(Ordering::SeqCst), 1);
        assert_eq!(group.in_flight(), 0, "a panic leaves no key behind");
        assert_eq!(group.work("key", || async { 1 }).await, (1, false));
    });
}

/// Go's `TestForget`, with tasks.
#[test]
fn forget_starts_a_new_call_that_the_old_one_must_not_remove() {
    run_paused("forget while a call is in flight", || async {
        let group = Arc::new(Group::<&str, u32>::new());
        let executions = Arc::new(AtomicUsize::new(0));
        let spawn = |value: u32, release: Arc<Shot>| {
            let (group, executions) = (group.clone(), executions.clone());
            tokio::spawn(async move {
                let work = || async move {
                    executions.fetch_add(1, Ordering::SeqCst);
                    release.wait().await;
                    value
                };
                group.work("key", work).await
            })
        };

        let release_first = Arc::new(Shot::default());
        let first = spawn(1, release_first.clone());
        until_while_running(&[&first], || executions.load(Ordering::SeqCst) == 1).await;
        let first_waiter = spawn(0, Arc::new(Shot::default()));
        until_while_running(&[&first, &first_waiter], || group.waiters(&"key") == 1).await;

        group.forget(&"key");
        let release_second = Arc::new(Shot::default());
        let second = spawn(2, release_second.clone());
        until_while_running(&[&first, &first_waiter, &second], || {
            executions.load(Ordering::SeqCst) == 2
        })
        .await;

        release_first.fire();
        assert_eq!(join(first).await, (1, true));
        assert_eq!(join(first_waiter).await, (1, true));
        assert_eq!(
            group.in_flight(),
            1,
            "the old call removed the new call's entry"
        );

        let third = spawn(3, Arc::new(Shot::default()));
        until_while_running(&[&second, &third], || group.waiters(&"key") == 1).await;
        release_second.fire();
        assert_eq!(join(second).await, (2, true));
        assert_eq!(join(third).await, (2, true));
        assert_eq!(executions.load(Ordering::SeqCst), 2);
        assert_eq!(group.in_flight(), 0);
    });
}
