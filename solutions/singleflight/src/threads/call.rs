//! One execution in flight, and the signal its waiters block on until it is over.

use std::sync::atomic::Ordering;

use crate::outcome::Outcome;
use crate::sync::{AtomicUsize, Condvar, Mutex};

// ANCHOR: call
/// One execution of the work for one key. The leader runs the work and publishes how
/// it ended with [`finish`](Call::finish); every other caller of the key blocks in
/// [`wait`](Call::wait) until then and gets a copy.
pub(crate) struct Call<T> {
    /// `None` while the work runs; set exactly once, by the leader.
    outcome: Mutex<Option<Outcome<T>>>,
    /// Notified once, when `outcome` is set.
    finished: Condvar,
    /// Callers that attached to this call instead of running the work (Go's `dups`).
    /// Only changed while the group's map is locked.
    waiters: AtomicUsize,
}
// ANCHOR_END: call

impl<T: Clone> Call<T> {
    /// A call whose work has just started, with nobody attached yet.
    pub(crate) fn new() -> Self {
        Call {
            outcome: Mutex::new(None),
            finished: Condvar::new(),
            waiters: AtomicUsize::new(0),
        }
    }

    /// Counts one more caller that shares this call. Call it with the group's map
    /// locked, so that nobody can attach after the leader has read the final count.
    pub(crate) fn attach(&self) {
        // `Relaxed` is enough: every access happens with the map locked, and the lock
        // orders them.
        self.waiters.fetch_add(1, Ordering::Relaxed);
    }

    /// How many callers have attached so far.
    pub(crate) fn waiters(&self) -> usize {
        self.waiters.load(Ordering::Relaxed)
    }

    // ANCHOR: finish
    /// Publishes how the work ended and wakes every waiter.
    pub(crate) fn finish(&self, outcome: Outcome<T>) {
        *self.outcome.lock().unwrap() = Some(outcome);
        self.finished.notify_all();
    }
    // ANCHOR_END: finish

    // ANCHOR: wait
    /// Blocks until the leader has called [`finish`](Call::finish), then returns a copy
    /// of the outcome. Returns at once if the call is already over.
    pub(crate) fn wait(&self) -> Outcome<T> {
        let mut outcome = self.outcome.lock().unwrap();
        // A loop, not an `if`: a condition variable may wake a waiter spuriously.
        loop {
            if let Some(done) = outcome.as_ref() {
                return done.clone();
            }
            outcome = self.finished.wait(outcome).unwrap();
        }
    }
    // ANCHOR_END: wait
}
