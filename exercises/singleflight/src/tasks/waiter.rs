//! A caller waiting for another caller's work: it gets the outcome, or takes over the
//! call when its leader is cancelled.

use std::hash::Hash;
use std::sync::Arc;
#[allow(unused_imports)] // The learner needs it for the waiter count.
use std::sync::atomic::Ordering;

use tokio::sync::watch;

use super::Group;
#[allow(unused_imports)] // The learner needs the states and the guarded removal.
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
        // TODO (step 5): with the map locked, take this waiter off the count and clear
        //    `attached`. If it was the last waiter of a leaderless call, nobody will run
        //    it: `remove_if_current`.
        todo!("stop counting this waiter, and free the key of a call nobody will run")
    }
    // ANCHOR_END: leave
}

impl<'g, K: Hash + Eq + Clone, T: Clone> Waiter<'g, K, T> {
    // ANCHOR: wait
    /// Waits until the call is done and returns its value (panicking if the work
    /// panicked), or — if the leader was cancelled and this waiter is the first to
    /// notice — returns the leadership, to run the work for everybody.
    pub(crate) async fn wait(mut self) -> Result<T, Leader<'g, K, T>> {
        // TODO (step 4): loop: `self.state.wait_for(…)` a state that is not `Running`.
        //    Clone the outcome out of `State::Done` and drop the `Ref` the watch returned
        //    before anything else; clear `attached` (the call is over) and return
        //    `Ok(outcome.into_value())`.
        // TODO (step 5): on `State::Leaderless`, `take_over()`: `Some(leader)` is
        //    returned as `Err(leader)`; `None` means another waiter was first: wait on.
        let _ = &mut self.state;
        todo!("wait for the outcome, or take over a call whose leader is gone")
    }
    // ANCHOR_END: wait

    // ANCHOR: take_over
    /// Becomes the call's leader if it is still leaderless. The check and the change
    /// happen under the map lock, so exactly one waiter takes over.
    fn take_over(&mut self) -> Option<Leader<'g, K, T>> {
        // TODO (step 5): with the map locked, check that the call is still
        //    leaderless (else `None`). Publish `State::Running`, take this waiter off the
        //    count, clear `attached`, and return `Some(Leader::new(…))` for the call.
        todo!("become the leader of a leaderless call, unless another waiter was first")
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
