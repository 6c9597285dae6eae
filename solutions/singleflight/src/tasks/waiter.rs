//! A caller waiting for another caller's work: it gets the outcome, or takes over the
//! call when its leader is cancelled.

use std::hash::Hash;
use std::sync::Arc;
use std::sync::atomic::Ordering;

use tokio::sync::watch;

use super::Group;
use super::call::{Call, State, remove_if_current};
use super::leader::Leader;

// ANCHOR: waiter
/// A caller attached to a call it does not run. While attached it is counted in the
/// call's `waiters`; dropped while still attached (its future was cancelled), it
/// [leaves](Waiter::leave).
pub(crate) struct Waiter<'g, K: Hash + Eq, T> {
    group: &'g Group<K, T>,
    key: K,
    call: Arc<Call<T>>,
    state: watch::Receiver<State<T>>,
    /// Whether this caller is counted in `call.waiters`.
    attached: bool,
}
// ANCHOR_END: waiter

impl<'g, K: Hash + Eq, T> Waiter<'g, K, T> {
    /// Attaches a caller to `call`, `key`'s entry. Call it with the group's map locked.
    pub(crate) fn attach(group: &'g Group<K, T>, key: K, call: Arc<Call<T>>) -> Self {
        call.waiters.fetch_add(1, Ordering::Relaxed);
        let state = call.state.subscribe();
        Waiter {
            group,
            key,
            call,
            state,
            attached: true,
        }
    }

    // ANCHOR: leave
    /// This waiter's future was dropped. If it was the last waiter of a leaderless
    /// call, nobody is left to take over: the key is freed.
    fn leave(&mut self) {
        let mut calls = self.group.calls();
        let left = self.call.waiters.fetch_sub(1, Ordering::Relaxed) - 1;
        if left == 0 && self.call.is_leaderless() {
            remove_if_current(&mut calls, &self.key, &self.call);
        }
        self.attached = false;
    }
    // ANCHOR_END: leave
}

impl<'g, K: Hash + Eq + Clone, T: Clone> Waiter<'g, K, T> {
    // ANCHOR: wait
    /// Waits until the call is done and returns its value (panicking if the work
    /// panicked), or — if the leader was cancelled and this waiter is the first to
    /// notice — returns the leadership, to run the work for everybody.
    pub(crate) async fn wait(mut self) -> Result<T, Leader<'g, K, T>> {
        loop {
            let outcome = {
                let state = self
                    .state
                    .wait_for(|state| !matches!(state, State::Running))
                    .await
                    .expect("the call owns the sender, and this waiter owns the call");
                match &*state {
                    State::Done(outcome) => Some(outcome.clone()),
                    State::Running | State::Leaderless => None,
                }
            };
            if let Some(outcome) = outcome {
                // The call is over: nothing to leave.
                self.attached = false;
                return Ok(outcome.into_value());
            }
            if let Some(leader) = self.take_over() {
                return Err(leader);
            }
            // Another waiter took over first: wait for its outcome.
        }
    }
    // ANCHOR_END: wait

    // ANCHOR: take_over
    /// Becomes the call's leader if it is still leaderless. The check and the change
    /// happen under the map lock, so exactly one waiter takes over.
    fn take_over(&mut self) -> Option<Leader<'g, K, T>> {
        let _calls = self.group.calls();
        if !self.call.is_leaderless() {
            return None;
        }
        self.call.state.send_replace(State::Running);
        self.call.waiters.fetch_sub(1, Ordering::Relaxed);
        self.attached = false;
        Some(Leader::new(
            self.group,
            self.key.clone(),
            Arc::clone(&self.call),
        ))
    }
    // ANCHOR_END: take_over
}

// ANCHOR: drop
impl<K: Hash + Eq, T> Drop for Waiter<'_, K, T> {
    fn drop(&mut self) {
        if self.attached {
            self.leave();
        }
    }
}
// ANCHOR_END: drop
