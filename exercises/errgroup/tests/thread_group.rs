//! `cargo test -p errgroup --test thread_group`

mod common;

use std::sync::atomic::{AtomicUsize, Ordering};
use std::thread;

use common::Failed;
use errgroup::ThreadGroup;

/// Runs one group: spawns a thread per outcome (each returns it at once) and waits.
fn run(outcomes: &[Result<(), Failed>]) -> Result<(), Failed> {
    let outcomes = outcomes.to_vec();
    testkit::watchdog_default("a thread group", move || {
        thread::scope(|scope| {
            let mut group = ThreadGroup::new(scope);
            for outcome in outcomes {
                group.spawn(move |_signal| outcome);
            }
            group.wait()
        })
    })
}

#[test]
fn wait_returns_ok_when_no_thread_fails() {
    assert_eq!(run(&[]), Ok(()));
    assert_eq!(run(&[Ok(())]), Ok(()));
    assert_eq!(run(&[Ok(()), Ok(()), Ok(())]), Ok(()));
}

#[test]
fn wait_returns_the_error_of_a_failing_thread() {
    assert_eq!(run(&[Err(Failed("e1"))]), Err(Failed("e1")));
    assert_eq!(run(&[Err(Failed("e1")), Ok(())]), Err(Failed("e1")));
    assert_eq!(run(&[Ok(()), Ok(()), Err(Failed("e1"))]), Err(Failed("e1")));
}

#[test]
fn the_signal_is_cancelled_once_wait_returns_even_without_errors() {
    // Go's TestWithContext: the context is done after Wait, in every case.
    for outcomes in [vec![], vec![Ok(())], vec![Err(Failed("doomed"))]] {
        let signal = testkit::watchdog_default("a thread group", move || {
            thread::scope(|scope| {
                let mut group = ThreadGroup::new(scope);
                let signal = group.signal();
                for outcome in outcomes {
                    group.spawn(move |_signal| outcome);
                }
                let _ = group.wait();
                signal
            })
        });
        assert!(
            signal.is_cancelled(),
            "the signal must be cancelled after wait"
        );
    }
}

// ANCHOR: siblings
#[test]
fn siblings_observe_cancellation_after_the_first_error() {
    let saw_it = testkit::watchdog_default("siblings waiting for the signal", || {
        let saw_it = AtomicUsize::new(0);
        let outcome = thread::scope(|scope| {
            let mut group = ThreadGroup::new(scope);
            for _ in 0..4 {
                group.spawn(|signal| {
                    signal.wait(); // blocks until the group is cancelled
                    saw_it.fetch_add(1, Ordering::Relaxed);
                    Ok(())
                });
            }
            group.spawn(|_signal| Err(Failed("first")));
            group.wait()
        });
        assert_eq!(outcome, Err(Failed("first")));
        saw_it.into_inner()
    });
    assert_eq!(saw_it, 4, "every sibling must see the cancellation");
}
// ANCHOR_END: siblings

#[test]
fn later_errors_are_dropped_even_when_they_race_the_first() {
    // The siblings fail *because* they saw the cancellation. If the group cancelled
    // before it kept the first error, one of them could win the race to be "first".
    for round in 0..100 {
        let outcome = testkit::watchdog_default("siblings failing after the signal", || {
            thread::scope(|scope| {
                let mut group = ThreadGroup::new(scope);
                for _ in 0..3 {
                    group.spawn(|signal| {
                        signal.wait();
                        Err(Failed("late"))
                    });
                }
                group.spawn(|_signal| Err(Failed("first")));
                group.wait()
            })
        });
        assert_eq!(outcome, Err(Failed("first")), "round {round}");
    }
}

#[test]
fn wait_returns_only_after_every_thread_has_returned() {
    let steps = testkit::watchdog_default("a sibling finishing its work", || {
        let steps = AtomicUsize::new(0);
        let outcome = thread::scope(|scope| {
            let mut group = ThreadGroup::new(scope);
            group.spawn(|signal| {
                // Cancellation is cooperative: this thread sees it and still finishes.
                signal.wait();
                for _ in 0..1_000 {
                    steps.fetch_add(1, Ordering::Relaxed);
                }
                Ok(())
            });
            group.spawn(|_signal| Err(Failed("first")));
            group.wait()
        });
        assert_eq!(outcome, Err(Failed("first")));
        steps.into_inner()
    });
    assert_eq!(steps, 1_000, "wait returned before a thread had finished");
}

#[test]
fn threads_may_borrow_from_the_enclosing_scope() {
    // Go's parallel example writes results[i] from each goroutine; scoped threads can
    // borrow a disjoint part of a local vector each.
    let results = testkit::watchdog_default("threads filling a vector", || {
        let queries = ["web", "image", "video"];
        let mut results = vec![String::new(); queries.len()];
        let outcome = thread::scope(|scope| {
            let mut group = ThreadGroup::new(scope);
            for (query, slot) in queries.iter().zip(results.iter_mut()) {
                group.spawn(move |_signal| {
                    *slot = format!("{query} result");
                    Ok::<(), Failed>(())
                });
            }
            group.wait()
        });
        assert_eq!(outcome, Ok(()));
        results
    });
    assert_eq!(results, ["web result", "image result", "video result"]);
}

#[test]
fn a_group_dropped_without_wait_cancels_and_waits_for_its_threads() {
    let finished = testkit::watchdog_default("a dropped thread group", || {
        let finished = AtomicUsize::new(0);
        thread::scope(|scope| {
            let mut group = ThreadGroup::<Failed>::new(scope);
            group.spawn(|signal| {
                signal.wait(); // would block the scope for ever without the cancel
                finished.fetch_add(1, Ordering::Relaxed);
                Ok(())
            });
            drop(group);
            assert_eq!(
                finished.load(Ordering::Relaxed),
                1,
                "drop waits for the thread"
            );
        });
        finished.into_inner()
    });
    assert_eq!(finished, 1);
}
