//! Step 3, `forget`: the next caller starts afresh, the forgotten call goes on for its
//! own waiters, and its end must not remove the newer call's entry (go#31420).
//!
//! `cargo test -p singleflight --test forget`

mod common;

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use common::{StartingShot, join, spawn_caller, wait_while_running};
use singleflight::threads::Group;

/// A work that reports when it has started and returns `value` once released.
fn held_work(
    value: u32,
    executions: &Arc<AtomicUsize>,
) -> (
    Arc<StartingShot>,
    Arc<StartingShot>,
    impl FnOnce() -> u32 + Send + 'static,
) {
    let started = Arc::new(StartingShot::default());
    let release = Arc::new(StartingShot::default());
    let (s, r, e) = (started.clone(), release.clone(), executions.clone());
    let work = move || {
        e.fetch_add(1, Ordering::SeqCst);
        s.fire();
        r.wait();
        value
    };
    (started, release, work)
}

// ANCHOR: forget_regression
/// Go's `TestForget`, plus a waiter on the forgotten call.
#[test]
fn forget_starts_a_new_call_that_the_old_one_must_not_remove() {
    testkit::watchdog_default("forget while a call is in flight", || {
        let group = Arc::new(Group::<&str, u32>::new());
        let executions = Arc::new(AtomicUsize::new(0));
        let spawn = |work: Box<dyn FnOnce() -> u32 + Send>| {
            let group = group.clone();
            spawn_caller(move || group.work("key", work))
        };

        // The first call is in flight, with one waiter attached.
        let (first_started, release_first, first_work) = held_work(1, &executions);
        let first = spawn(Box::new(first_work));
        wait_while_running(&[&first], || first_started.fired());
        let first_waiter = spawn(Box::new(|| unreachable!("the first call is open")));
        wait_while_running(&[&first, &first_waiter], || group.waiters(&"key") == 1);

        // Forgotten: the next caller runs its own work.
        group.forget(&"key");
        assert_eq!(group.in_flight(), 0);
        let (second_started, release_second, second_work) = held_work(2, &executions);
        let second = spawn(Box::new(second_work));
        wait_while_running(&[&first, &first_waiter, &second], || second_started.fired());
        assert_eq!(executions.load(Ordering::SeqCst), 2);

        // The first call ends. Its caller and waiter get its value, and the second
        // call's entry must survive it.
        release_first.fire();
        assert_eq!(join(first), (1, true));
        assert_eq!(join(first_waiter), (1, true));
        assert_eq!(
            group.in_flight(),
            1,
            "the old call removed the new call's entry"
        );

        // So a third caller shares the second call instead of starting a third.
        let third = spawn(Box::new(|| unreachable!("the second call is open")));
        wait_while_running(&[&second, &third], || group.waiters(&"key") == 1);
        release_second.fire();
        assert_eq!(join(second), (2, true));
        assert_eq!(join(third), (2, true));
        assert_eq!(executions.load(Ordering::SeqCst), 2);
        assert_eq!(group.in_flight(), 0);
    });
}
// ANCHOR_END: forget_regression

#[test]
fn forget_without_a_call_in_flight_does_nothing() {
    let group = Group::<String, u32>::new();
    group.forget("nobody");
    assert_eq!(group.work("key".to_owned(), || 4), (4, false));
    group.forget("key");
    assert_eq!(group.in_flight(), 0);
}
