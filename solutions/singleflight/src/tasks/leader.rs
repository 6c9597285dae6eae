//! The caller running the work: it publishes the outcome, or — if its future is
//! dropped first — hands the call over to the waiters.

use std::hash::Hash;
use std::panic;
use std::sync::Arc;
use std::sync::atomic::Ordering;
use std::thread;

use super::Group;
use super::call::{Call, State, remove_if_current};
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
        let outcome = match &result {
            Ok(value) => Outcome::Returned(value.clone()),
            Err(payload) => Outcome::Panicked(panic_text(&**payload)),
        };
        let mut calls = self.group.calls();
        remove_if_current(&mut calls, &self.key, &self.call);
        // Nobody can attach any more. With nobody waiting, there is nobody to tell.
        let shared = self.call.waiters.load(Ordering::Relaxed) > 0;
        if shared {
            self.call.state.send_replace(State::Done(outcome));
        }
        drop(calls);
        self.finished = true;
        match result {
            Ok(value) => (value, shared),
            Err(payload) => panic::resume_unwind(payload),
        }
    }
    // ANCHOR_END: finish

    // ANCHOR: abandon
    /// The leader's future was dropped before the work finished. With nobody waiting,
    /// the key is freed; otherwise the call becomes leaderless and its waiters wake up,
    /// so that one of them runs the work — once — for all of them.
    fn abandon(&self) {
        let mut calls = self.group.calls();
        if self.call.waiters.load(Ordering::Relaxed) == 0 {
            remove_if_current(&mut calls, &self.key, &self.call);
        } else {
            self.call.state.send_replace(State::Leaderless);
        }
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
