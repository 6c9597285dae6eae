//! Model checks of the thread group: loom runs each model under every interleaving of
//! its threads. The models are small (two or three threads, one call each) so that
//! loom explores them in seconds.
//!
//! `RUSTFLAGS="--cfg loom" cargo test --profile loom --target-dir target/loom -p singleflight-solution --test loom`
//! (or `cargo workbook loom singleflight`).
#![cfg(loom)]

use loom::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use loom::sync::{Arc, Condvar, Mutex};
use loom::thread;
use singleflight::threads::Group;

/// A flag a thread can wait for: loom has to see the waiting, so it is a `Condvar`
/// rather than a spin loop.
#[derive(Default)]
struct Flag {
    raised: Mutex<bool>,
    changed: Condvar,
}

impl Flag {
    fn raise(&self) {
        *self.raised.lock().unwrap() = true;
        self.changed.notify_all();
    }

    fn wait(&self) {
        let mut raised = self.raised.lock().unwrap();
        while !*raised {
            raised = self.changed.wait(raised).unwrap();
        }
    }
}

// ANCHOR: one_key
/// Two callers of one key: they either overlap and share one execution, or come one
/// after the other and run two; never two executions at the same time, and never a
/// lost wake-up (loom reports a waiter that sleeps forever as a deadlock).
#[test]
fn two_callers_of_one_key_never_run_the_work_twice_at_once() {
    loom::model(|| {
        let group = Arc::new(Group::new());
        let running = Arc::new(AtomicBool::new(false));
        let executions = Arc::new(AtomicUsize::new(0));
        let call = {
            let (group, running, executions) = (group.clone(), running.clone(), executions.clone());
            move || {
                group.work("key", || {
                    assert!(
                        !running.swap(true, Ordering::SeqCst),
                        "two executions at once"
                    );
                    executions.fetch_add(1, Ordering::SeqCst);
                    running.store(false, Ordering::SeqCst);
                    7
                })
            }
        };
        let other = thread::spawn(call.clone());
        let (mine, theirs) = (call(), other.join().unwrap());

        assert_eq!((mine.0, theirs.0), (7, 7));
        match executions.load(Ordering::SeqCst) {
            1 => assert!(mine.1 && theirs.1, "one execution, shared by both"),
            2 => assert!(!mine.1 && !theirs.1, "two executions, nothing shared"),
            n => panic!("{n} executions for two callers"),
        }
        assert_eq!(group.in_flight(), 0);
    });
}
// ANCHOR_END: one_key

/// go#31420: after `forget`, the old call's end must not remove the new call's entry,
/// whatever the interleaving of the old call's end and the new call's start.
#[test]
fn the_end_of_a_forgotten_call_never_removes_the_newer_call() {
    loom::model(|| {
        let group = Arc::new(Group::new());
        let first_started = Arc::new(Flag::default());
        let first_done = Arc::new(Flag::default());
        let first = {
            let (group, started, done) = (group.clone(), first_started.clone(), first_done.clone());
            thread::spawn(move || {
                let result = group.work("key", || {
                    started.raise();
                    1
                });
                done.raise();
                result
            })
        };
        first_started.wait();
        group.forget(&"key");
        let second = group.work("key", || {
            first_done.wait(); // the forgotten call is over…
            assert_eq!(
                group.in_flight(),
                1,
                "…and must have left this call's entry alone"
            );
            2
        });
        assert_eq!(second, (2, false));
        assert_eq!(first.join().unwrap(), (1, false));
        assert_eq!(group.in_flight(), 0);
    });
}

/// Works for different keys that each wait for the other to have started: a group
/// that serialised keys would deadlock, which loom reports.
#[test]
fn different_keys_never_wait_for_each_other() {
    loom::model(|| {
        let group = Arc::new(Group::new());
        let a_started = Arc::new(Flag::default());
        let b_started = Arc::new(Flag::default());
        let other = {
            let (group, a_started, b_started) =
                (group.clone(), a_started.clone(), b_started.clone());
            thread::spawn(move || {
                group.work("b", || {
                    b_started.raise();
                    a_started.wait();
                    'b'
                })
            })
        };
        let mine = group.work("a", || {
            a_started.raise();
            b_started.wait();
            'a'
        });
        assert_eq!(mine, ('a', false));
        assert_eq!(other.join().unwrap(), ('b', false));
        assert_eq!(group.in_flight(), 0);
    });
}
