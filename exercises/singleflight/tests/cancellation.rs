//! Step 5, cancellation: a task's future can be dropped at any `.await`. A cancelled
//! leader must not strand its waiters, the work must run again at most once, and no
//! key may be left behind.
//!
//! Most tests here poll futures by hand, with a waker that does nothing: "poll once"
//! starts a call, `drop` cancels it, and nothing happens in between that the test
//! did not ask for.
//!
//! `cargo test -p singleflight --test cancellation`
#![cfg(not(loom))]

mod common;

use std::future::{Future, pending};
use std::hash::{Hash, Hasher};
use std::pin::Pin;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::task::{Context, Poll, Waker};
use std::thread;
use std::time::Duration;

use common::StartingShot;
use common::runtime::{Shot, join, run_paused, until_while_running};
use singleflight::tasks::Group;

// ANCHOR: poll_once
/// Polls `call` once, with a waker that does nothing.
fn poll_once<F: Future>(call: &mut Pin<Box<F>>) -> Poll<F::Output> {
    call.as_mut().poll(&mut Context::from_waker(Waker::noop()))
}
// ANCHOR_END: poll_once

/// A work that counts its executions and never finishes by itself.
async fn stuck_work(executions: &AtomicUsize) -> &'static str {
    executions.fetch_add(1, Ordering::SeqCst);
    pending().await
}

/// A work that counts its executions and finishes at once.
async fn quick_work(executions: &AtomicUsize) -> &'static str {
    executions.fetch_add(1, Ordering::SeqCst);
    "the value"
}

#[test]
fn a_leader_cancelled_with_nobody_waiting_frees_the_key() {
    let group = Group::new();
    let executions = AtomicUsize::new(0);
    let mut leader = Box::pin(group.work("key", || stuck_work(&executions)));
    assert!(poll_once(&mut leader).is_pending());
    assert_eq!(group.in_flight(), 1);

    drop(leader);
    assert_eq!(
        group.in_flight(),
        0,
        "the cancelled call left its key behind"
    );
    let mut next = Box::pin(group.work("key", || quick_work(&executions)));
    assert_eq!(poll_once(&mut next), Poll::Ready(("the value", false)));
    assert_eq!(executions.load(Ordering::SeqCst), 2);
}

// ANCHOR: leader_cancelled
#[test]
fn a_cancelled_leader_hands_the_work_to_exactly_one_waiter() {
    let group = Group::new();
    let executions = AtomicUsize::new(0);
    let mut leader = Box::pin(group.work("key", || stuck_work(&executions)));
    assert!(poll_once(&mut leader).is_pending());
    let mut waiters: Vec<_> = (0..3)
        .map(|_| Box::pin(group.work("key", || quick_work(&executions))))
        .collect();
    for waiter in &mut waiters {
        assert!(poll_once(waiter).is_pending(), "the call is in flight");
    }
    assert_eq!(group.waiters(&"key"), 3);

    drop(leader); // cancelled while three callers wait

    // The first waiter polled takes over and runs its own work, once, for all three.
    for waiter in &mut waiters {
        assert_eq!(poll_once(waiter), Poll::Ready(("the value", true)));
    }
    assert_eq!(
        executions.load(Ordering::SeqCst),
        2,
        "the work ran again more than once"
    );
    assert_eq!(group.in_flight(), 0);
}
// ANCHOR_END: leader_cancelled

#[test]
fn waiters_that_take_over_wait_for_each_other() {
    let group = Group::new();
    let executions = AtomicUsize::new(0);
    let mut leader = Box::pin(group.work("key", || stuck_work(&executions)));
    assert!(poll_once(&mut leader).is_pending());
    let mut first = Box::pin(group.work("key", || stuck_work(&executions)));
    let mut second = Box::pin(group.work("key", || quick_work(&executions)));
    assert!(poll_once(&mut first).is_pending());
    assert!(poll_once(&mut second).is_pending());

    drop(leader);
    assert!(
        poll_once(&mut first).is_pending(),
        "the first waiter runs its work"
    );
    assert!(
        poll_once(&mut second).is_pending(),
        "the second waits for the first"
    );
    assert_eq!(executions.load(Ordering::SeqCst), 2);
    assert_eq!(group.waiters(&"key"), 1);

    drop(first); // the new leader is cancelled too: the second waiter takes over
    assert_eq!(poll_once(&mut second), Poll::Ready(("the value", false)));
    assert_eq!(executions.load(Ordering::SeqCst), 3);
    assert_eq!(group.in_flight(), 0);
}

#[test]
fn a_leaderless_call_whose_last_waiter_is_cancelled_frees_the_key() {
    let group = Group::new();
    let executions = AtomicUsize::new(0);
    let mut leader = Box::pin(group.work("key", || stuck_work(&executions)));
    let mut waiter = Box::pin(group.work("key", || quick_work(&executions)));
    assert!(poll_once(&mut leader).is_pending());
    assert!(poll_once(&mut waiter).is_pending());

    drop(leader); // the call waits for its waiter to take over…
    assert_eq!(group.in_flight(), 1);
    drop(waiter); // …which is cancelled before it noticed
    assert_eq!(group.in_flight(), 0, "nobody is left to run the call");
    assert_eq!(executions.load(Ordering::SeqCst), 1);
}

#[test]
fn a_cancelled_waiter_stops_counting_and_the_call_goes_on() {
    let group = Group::new();
    let executions = AtomicUsize::new(0);
    let release = Shot::default();
    let work = || async {
        executions.fetch_add(1, Ordering::SeqCst);
        release.wait().await;
        "the value"
    };
    let mut leader = Box::pin(group.work("key", work));
    let mut stays = Box::pin(group.work("key", || quick_work(&executions)));
    let mut leaves = Box::pin(group.work("key", || quick_work(&executions)));
    assert!(poll_once(&mut leader).is_pending());
    assert!(poll_once(&mut stays).is_pending());
    assert!(poll_once(&mut leaves).is_pending());
    assert_eq!(group.waiters(&"key"), 2);

    drop(leaves);
    assert_eq!(group.waiters(&"key"), 1);
    release.fire();
    assert_eq!(poll_once(&mut leader), Poll::Ready(("the value", true)));
    assert_eq!(poll_once(&mut stays), Poll::Ready(("the value", true)));
    assert_eq!(executions.load(Ordering::SeqCst), 1);
    assert_eq!(group.in_flight(), 0);
}

// ANCHOR: unique_keys
/// Callers that give up (a timeout) on keys nobody asks for again must not leave their
/// entries behind: with unique keys, that would be a map that grows forever.
#[test]
fn callers_cancelled_with_unique_keys_leave_the_map_empty() {
    const KEYS: usize = 100;
    run_paused("callers timing out on unique keys", || async {
        let group = Arc::new(Group::new());
        let executions = Arc::new(AtomicUsize::new(0));
        let spawn = |key: usize| {
            let (group, executions) = (group.clone(), executions.clone());
            tokio::spawn(async move {
                let call = group.work(key, || stuck_work(&executions));
                tokio::time::timeout(Duration::from_secs(1), call).await
            })
        };
        let mut callers = Vec::new();
        for key in 0..KEYS {
            // Every key gets a leader, every other key a waiter as well.
            callers.push(spawn(key));
            until_while_running(&callers, || group.in_flight() == key + 1).await;
            if key % 2 == 1 {
                callers.push(spawn(key));
                until_while_running(&callers, || group.waiters(&key) == 1).await;
            }
        }
        // Every caller is stuck in its call. The paused clock moves only now that all
        // tasks are idle: every timeout fires at the same instant.
        for caller in callers {
            assert!(join(caller).await.is_err(), "the work never finishes");
        }
        // A waiter polled after its leader was dropped takes over before its own
        // timeout is checked: at most one more execution per key with a waiter.
        let executions = executions.load(Ordering::SeqCst);
        assert!(
            (KEYS..=KEYS + KEYS / 2).contains(&executions),
            "{executions} executions"
        );
        assert_eq!(
            group.in_flight(),
            0,
            "cancelled calls left their keys behind"
        );
    });
}
// ANCHOR_END: unique_keys

/// The same hand-over as above, on a real runtime: the leader's task is aborted.
#[test]
fn an_aborted_leader_task_does_not_strand_its_waiters() {
    run_paused("waiters of an aborted leader", || async {
        let group = Arc::new(Group::new());
        let executions = Arc::new(AtomicUsize::new(0));
        let spawn = || {
            let (group, executions) = (group.clone(), executions.clone());
            tokio::spawn(async move {
                let work = || async move {
                    // The first execution never finishes; the next one does.
                    if executions.fetch_add(1, Ordering::SeqCst) == 0 {
                        pending::<()>().await;
                    }
                    "the value"
                };
                group.work("key", work).await
            })
        };
        let leader = spawn();
        until_while_running(&[&leader], || executions.load(Ordering::SeqCst) == 1).await;
        let waiters: Vec<_> = (0..3).map(|_| spawn()).collect();
        until_while_running(&waiters, || group.waiters(&"key") == 3).await;

        leader.abort();
        assert!(leader.await.expect_err("aborted").is_cancelled());
        for waiter in waiters {
            assert_eq!(join(waiter).await, ("the value", true));
        }
        assert_eq!(executions.load(Ordering::SeqCst), 2);
        assert_eq!(group.in_flight(), 0);
    });
}

/// A key whose hashing can be held at a gate. A caller that hashes it while holding the
/// group's map lock (`waiters` does, to look it up) keeps the lock until the gate
/// opens: the test holds the group's lock from outside.
#[derive(Clone)]
struct HeldKey {
    name: &'static str,
    /// Fired once hashing has started, then hashing waits for `gate`.
    hold: Option<(Arc<StartingShot>, Arc<StartingShot>)>,
}

impl PartialEq for HeldKey {
    fn eq(&self, other: &Self) -> bool {
        self.name == other.name
    }
}

impl Eq for HeldKey {}

impl Hash for HeldKey {
    fn hash<H: Hasher>(&self, state: &mut H) {
        if let Some((holding, gate)) = &self.hold {
            holding.fire();
            gate.wait();
        }
        self.name.hash(state);
    }
}

// ANCHOR: racing_take_over
/// Two waiters of a cancelled leader, on two threads, both see the call leaderless
/// while the test holds the map lock; then the lock is released. Only one of them may
/// take the call over: the other must see that it is running again.
#[test]
fn only_one_of_two_racing_waiters_takes_over() {
    testkit::watchdog_default("two waiters racing to take over", || {
        let group = Group::new();
        let executions = AtomicUsize::new(0);
        let key = HeldKey {
            name: "key",
            hold: None,
        };
        let mut leader = Box::pin(group.work(key.clone(), || stuck_work(&executions)));
        assert!(poll_once(&mut leader).is_pending());
        let quick = || quick_work(&executions);
        let mut waiters = [
            Box::pin(group.work(key.clone(), quick)),
            Box::pin(group.work(key.clone(), quick)),
        ];
        for waiter in &mut waiters {
            assert!(poll_once(waiter).is_pending());
        }
        drop(leader);

        let (holding, gate) = (
            Arc::new(StartingShot::default()),
            Arc::new(StartingShot::default()),
        );
        thread::scope(|s| {
            let held = HeldKey {
                name: "key",
                hold: Some((holding.clone(), gate.clone())),
            };
            let group = &group;
            s.spawn(move || group.waiters(&held));
            holding.wait(); // the map is locked now
            for waiter in &mut waiters {
                s.spawn(move || {
                    while poll_once(waiter).is_pending() {
                        thread::yield_now();
                    }
                });
            }
            // Both waiters see the call leaderless and queue for the lock. The sleep
            // only gives them time to get there; a correct group passes either way.
            thread::sleep(Duration::from_millis(50));
            gate.fire();
        });
        assert_eq!(
            executions.load(Ordering::SeqCst),
            2,
            "both waiters took over"
        );
        assert_eq!(group.in_flight(), 0);
    });
}
// ANCHOR_END: racing_take_over
