//! One execution in flight for one key, as the group and its callers share it.

use std::collections::HashMap;
use std::hash::Hash;
use std::sync::Arc;
use std::sync::atomic::AtomicUsize;

use tokio::sync::watch;

use crate::outcome::Outcome;

// ANCHOR: state
/// Where a call stands. Waiters watch it change.
pub(crate) enum State<T> {
    /// A leader is running the work.
    Running,
    /// The leader's future was dropped before the work finished, while callers were
    /// waiting: the first of them to notice takes over and runs the work.
    Leaderless,
    /// The work is over; every waiter gets a copy of the outcome.
    Done(Outcome<T>),
}
// ANCHOR_END: state

// ANCHOR: call
/// One execution of the work for one key. Both fields are changed only while the
/// group's map is locked, so a caller that holds the lock sees a consistent call.
pub(crate) struct Call<T> {
    /// Callers waiting for this call's outcome (not its leader).
    pub(crate) waiters: AtomicUsize,
    /// Where the call stands. The call owns the sender, so the channel never closes
    /// while anybody holds the call.
    pub(crate) state: watch::Sender<State<T>>,
}
// ANCHOR_END: call

impl<T> Call<T> {
    /// A call whose work has just started, with nobody waiting yet.
    pub(crate) fn new() -> Self {
        Call {
            waiters: AtomicUsize::new(0),
            state: watch::Sender::new(State::Running),
        }
    }

    /// Whether the call has lost its leader and waits for a waiter to take over.
    pub(crate) fn is_leaderless(&self) -> bool {
        matches!(*self.state.borrow(), State::Leaderless)
    }
}

// ANCHOR: remove_if_current
/// Removes `key`'s entry if it is still `call`. After `forget`, the key may belong to a
/// newer call, which an older call must not remove (go#31420).
pub(crate) fn remove_if_current<K: Hash + Eq, T>(
    calls: &mut HashMap<K, Arc<Call<T>>>,
    key: &K,
    call: &Arc<Call<T>>,
) {
    if calls
        .get(key)
        .is_some_and(|current| Arc::ptr_eq(current, call))
    {
        calls.remove(key);
    }
}
// ANCHOR_END: remove_if_current
