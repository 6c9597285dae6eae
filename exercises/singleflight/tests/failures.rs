//! Step 2, when the work fails: an error reaches every waiter, and a panic reaches
//! every waiter as a panic and leaves no key behind.
//!
//! `cargo test -p singleflight --test failures`

mod common;

use std::fmt;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use common::{join, spawn_caller, wait_until};
use singleflight::threads::{Group, TryGroup};

/// An error that is deliberately not `Clone`, like most real error types.
#[derive(Debug)]
struct BackendDown {
    attempt: usize,
}

impl fmt::Display for BackendDown {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "backend down (attempt {})", self.attempt)
    }
}

impl std::error::Error for BackendDown {}

// ANCHOR: error_for_everyone
#[test]
fn an_error_reaches_every_waiter_not_only_the_first() {
    const CALLERS: usize = 5;
    testkit::watchdog_default("callers sharing a failing call", || {
        let group: Arc<TryGroup<&str, u32, BackendDown>> = Arc::new(Group::new());
        let executions = Arc::new(AtomicUsize::new(0));
        let callers: Vec<_> = (0..CALLERS)
            .map(|_| {
                let (group, executions) = (group.clone(), executions.clone());
                spawn_caller(move || {
                    group.try_work("key", || {
                        let attempt = executions.fetch_add(1, Ordering::SeqCst) + 1;
                        // Fail only once every other caller has attached (or a second
                        // execution shows they never will).
                        wait_until(|| {
                            group.waiters(&"key") == CALLERS - 1
                                || executions.load(Ordering::SeqCst) > 1
                        });
                        Err(BackendDown { attempt })
                    })
                })
            })
            .collect();

        let results: Vec<_> = callers.into_iter().map(join).collect();
        assert_eq!(executions.load(Ordering::SeqCst), 1);
        let first = results[0].0.as_ref().expect_err("the work failed");
        assert_eq!(first.to_string(), "backend down (attempt 1)");
        for (result, shared) in &results {
            let error = result.as_ref().expect_err("every caller gets the error");
            assert!(Arc::ptr_eq(error, first), "the very same error, not a copy");
            assert!(shared);
        }
        assert_eq!(group.in_flight(), 0);
    });
}
// ANCHOR_END: error_for_everyone

#[test]
fn a_value_from_try_work_is_shared_like_any_value() {
    let group: TryGroup<&str, u32, BackendDown> = Group::new();
    let (result, shared) = group.try_work("key", || Ok(3));
    assert_eq!(result.ok(), Some(3));
    assert!(!shared);
    assert_eq!(group.in_flight(), 0);
}

// ANCHOR: panic_for_everyone
/// Go's `TestPanicDo`: callers of a panicking work all panic, nobody hangs (go#41133).
#[test]
fn a_panic_reaches_every_waiter_as_a_panic() {
    const CALLERS: usize = 5;
    testkit::watchdog_default("callers sharing a panicking call", || {
        let group = Arc::new(Group::<&str, u32>::new());
        let executions = Arc::new(AtomicUsize::new(0));
        let callers: Vec<_> = (0..CALLERS)
            .map(|_| {
                let (group, executions) = (group.clone(), executions.clone());
                spawn_caller(move || {
                    group.work("key", || {
                        executions.fetch_add(1, Ordering::SeqCst);
                        wait_until(|| {
                            group.waiters(&"key") == CALLERS - 1
                                || executions.load(Ordering::SeqCst) > 1
                        });
                        panic!("the work blew up")
                    })
                })
            })
            .collect();

        for caller in callers {
            let payload = caller.join().expect_err("every caller panics");
            let message = testkit::panic_message(&*payload);
            assert!(
                message.contains("the work blew up"),
                "unexpected panic: {message}"
            );
        }
        assert_eq!(executions.load(Ordering::SeqCst), 1);
        assert_eq!(group.in_flight(), 0, "a panic leaves no key behind");
        assert_eq!(
            group.work("key", || 1),
            (1, false),
            "the next call runs fresh"
        );
    });
}
// ANCHOR_END: panic_for_everyone

#[test]
fn the_leader_resumes_the_original_panic_payload() {
    let group = Group::<&str, u32>::new();
    let payload = std::panic::catch_unwind(|| {
        group.work("key", || std::panic::panic_any(BackendDown { attempt: 9 }))
    })
    .expect_err("the work panicked");
    let original = payload
        .downcast_ref::<BackendDown>()
        .expect("the leader gets the payload itself, not a copy of its message");
    assert_eq!(original.attempt, 9);
    assert_eq!(group.in_flight(), 0);
}
