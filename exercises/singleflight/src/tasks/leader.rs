//! The caller running the work: it publishes the outcome, or — if its future is
//! dropped first — hands the call over to the waiters.

use std::hash::Hash;
#[allow(unused_imports)] // The learner needs these to publish the outcome.
use std::panic;
use std::sync::Arc;
#[allow(unused_imports)] // The learner needs it for the waiter count.
use std::sync::atomic::Ordering;
use std::thread;

use super::Group;
#[allow(unused_imports)] // The learner needs the states and the guarded removal.
use super::call::{Call, State, remove_if_current};
#[allow(unused_imports)] // The learner needs these to publish the outcome.
use crate::outcome::{Outcome, panic_text};

// ANCHOR: leader
/// The leadership of one call. [`finish`](Leader::finish) ends it; dropping it before
/// that (the leader's future was cancelled) [abandons](Leader::abandon) the call.
pub(crate) struct Leader<'g, K: Hash + Eq, T> {
    group: &'g Group<K, T>,
    key: K,
    call: Arc<Call<T>>,
    /// Set once the outcome is published.
    finished: bool,
}
// ANCHOR_END: leader

impl<'g, K: Hash + Eq, T> Leader<'g, K, T> {
    /// The leadership of `call`, which is (or was, before a `forget`) `key`'s entry.
    pub(crate) fn new(group: &'g Group<K, T>, key: K, call: Arc<Call<T>>) -> Self {
        Leader {
            group,
            key,
            call,
            finished: false,
        }
    }

    // ANCHOR: finish
    /// Frees the key, publishes how the work ended, and returns the value with whether
    /// anybody else gets it — or, if the work panicked, resumes the panic after the
    /// waiters got its message.
    pub(crate) fn finish(mut self, result: thread::Result<T>) -> (T, bool)
    where
        T: Clone,
    {
        // TODO (step 4): clone the outcome for the waiters (`Outcome::Returned`, or
        //    `Outcome::Panicked(panic_text(…))`) before locking. Then, with the map locked:
        //    `remove_if_current`, read whether anybody waits, and publish
        //    `State::Done(outcome)` with `send_replace` (with nobody waiting, you may
        //    skip it: nobody can attach any more). Set `finished`, unlock, and
        //    return `(value, shared)` — or `panic::resume_unwind` the payload.
        let _ = (&mut self.finished, result);
        todo!("free the key, publish the outcome, and return the value or resume the panic")
    }
    // ANCHOR_END: finish

    // ANCHOR: abandon
    /// The leader's future was dropped before the work finished. With nobody waiting,
    /// the key is freed; otherwise the call becomes leaderless and its waiters wake up,
    /// so that one of them runs the work — once — for all of them.
    fn abandon(&self) {
        // TODO (step 5): with the map locked: nobody waiting → `remove_if_current`;
        //    otherwise publish `State::Leaderless`, which wakes every waiter.
        todo!("free the key, or hand the call over to its waiters")
    }
    // ANCHOR_END: abandon
}

// ANCHOR: drop
impl<K: Hash + Eq, T> Drop for Leader<'_, K, T> {
    fn drop(&mut self) {
        if !self.finished {
            self.abandon();
        }
    }
}
// ANCHOR_END: drop
