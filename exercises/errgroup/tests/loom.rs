//! Model checks of the threads' cancellation signal: loom runs each test under every
//! interleaving of its threads.
//!
//! `RUSTFLAGS="--cfg loom" cargo test --profile loom --target-dir target/loom -p errgroup-solution --test loom`
#![cfg(loom)]

use errgroup::CancelSignal;
use loom::thread;

// ANCHOR: model
#[test]
fn a_waiting_thread_is_always_woken_by_cancel() {
    // The lost wake-up: if `cancel` could slip in between a waiter's check and its
    // sleep, the waiter would sleep for ever and loom would report a deadlock.
    loom::model(|| {
        let signal = CancelSignal::new();
        let waiter = {
            let signal = signal.clone();
            thread::spawn(move || signal.wait())
        };
        signal.cancel();
        waiter.join().unwrap();
    });
}
// ANCHOR_END: model

#[test]
fn exactly_one_of_two_racing_cancels_wins() {
    loom::model(|| {
        let signal = CancelSignal::new();
        let other = {
            let signal = signal.clone();
            thread::spawn(move || signal.cancel())
        };
        let mine = signal.cancel();
        let theirs = other.join().unwrap();
        assert!(mine ^ theirs, "exactly one cancel call does the cancelling");
        assert!(signal.is_cancelled());
    });
}

#[test]
fn a_thread_that_sees_the_flag_also_sees_what_came_before_the_cancel() {
    use loom::sync::Arc;
    use loom::sync::atomic::{AtomicUsize, Ordering};

    loom::model(|| {
        let signal = CancelSignal::new();
        let data = Arc::new(AtomicUsize::new(0));
        let watcher = {
            let (signal, data) = (signal.clone(), Arc::clone(&data));
            thread::spawn(move || {
                if signal.is_cancelled() {
                    assert_eq!(data.load(Ordering::Relaxed), 42);
                }
            })
        };
        data.store(42, Ordering::Relaxed);
        signal.cancel();
        watcher.join().unwrap();
    });
}
