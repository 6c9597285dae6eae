//! Duplicate call suppression for threads: Go's `singleflight.Group` with `Do` and
//! `Forget`.
//!
//! ```
//! use singleflight::threads::Group;
//!
//! let group = Group::new();
//! let (value, shared) = group.work("config", || "loaded".to_owned());
//! assert_eq!(value, "loaded");
//! assert!(!shared, "nobody else asked for the key at the same time");
//! assert_eq!(group.in_flight(), 0, "nothing is cached");
//! ```

mod call;

use std::borrow::Borrow;
use std::collections::HashMap;
use std::hash::Hash;
#[allow(unused_imports)] // The learner needs these to catch and resume a panic.
use std::panic::{self, AssertUnwindSafe};

#[allow(unused_imports)] // The learner needs these to publish the outcome.
use crate::outcome::{Outcome, panic_text};
use crate::sync::{Arc, Mutex, MutexGuard};
use call::Call;

// ANCHOR: group
/// A set of keys whose work is in flight. Concurrent callers of [`work`](Group::work)
/// with the same key share one execution; callers of different keys never wait for each
/// other. Nothing is kept after a call finishes.
pub struct Group<K, T> {
    /// The call in flight for each key. Locked only to look up, insert or remove an
    /// entry — never while the work runs.
    calls: Mutex<HashMap<K, Arc<Call<T>>>>,
}
// ANCHOR_END: group

/// A group whose work can fail: the error is shared as an `Arc<E>`, so `E` need not be
/// `Clone`. See [`Group::try_work`].
pub type TryGroup<K, V, E> = Group<K, Result<V, std::sync::Arc<E>>>;

impl<K, T> Group<K, T> {
    /// An empty group.
    pub fn new() -> Self {
        Group {
            calls: Mutex::new(HashMap::new()),
        }
    }

    /// The map, locked. No user code runs while it is held, so a poisoned lock still
    /// holds a consistent map.
    fn calls(&self) -> MutexGuard<'_, HashMap<K, Arc<Call<T>>>> {
        self.calls
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}

impl<K, T> Default for Group<K, T> {
    fn default() -> Self {
        Group::new()
    }
}

impl<K, T> Group<K, T>
where
    K: Hash + Eq + Clone,
    T: Clone,
{
    // ANCHOR: work
    /// Runs `f` for `key`, unless a call for `key` is already in flight: then waits for
    /// that call and returns a copy of its value. Returns the value and whether it was
    /// shared (for the caller that ran `f`: whether anybody else got its value).
    ///
    /// If `f` panics, the caller that ran it resumes the panic and every waiter panics
    /// with its message; the key is free again either way.
    pub fn work<F>(&self, key: K, f: F) -> (T, bool)
    where
        F: FnOnce() -> T,
    {
        // TODO (step 1): with the map locked *once*, look `key` up.
        //  - Found: `attach()` to that call, unlock, `wait()` for it, and return
        //    `(outcome.into_value(), true)`.
        //  - Not found: insert a new `Arc<Call>`, unlock, run `f`, `retire` the call,
        //    `finish` it with the value and return `(value, shared)`.
        // TODO (step 2): run `f` inside `panic::catch_unwind(AssertUnwindSafe(f))`. On a
        //    panic, retire and finish the call with `Outcome::Panicked(panic_text(…))`
        //    *before* `panic::resume_unwind(payload)`, so that no waiter hangs.
        let _ = (key, f);
        todo!("lead the call for `key` or wait for the one in flight")
    }
    // ANCHOR_END: work

    // ANCHOR: retire
    /// Removes `call`'s entry for `key` — unless `forget` already removed it and a newer
    /// call took the key (go#31420) — and returns whether anybody attached to `call`.
    fn retire(&self, key: &K, call: &Arc<Call<T>>) -> bool {
        // TODO (step 1): lock the map and remove `key`'s entry, then return whether the
        //    call has waiters (read it with the map locked: why does that matter?).
        // TODO (step 3): remove the entry only if it is still this call
        //    (`Arc::ptr_eq`), Go's `if g.m[key] == c`.
        let _ = (key, call);
        todo!("free the key if it is still this call's, and report whether it was shared")
    }
    // ANCHOR_END: retire

    // ANCHOR: forget
    /// Forgets the call in flight for `key`, if any: the next caller runs the work
    /// again, while the forgotten call goes on and its waiters still get its value.
    pub fn forget<Q>(&self, key: &Q)
    where
        K: Borrow<Q>,
        Q: Hash + Eq + ?Sized,
    {
        // TODO (step 3): remove the entry; the call itself goes on.
        let _ = key;
        todo!("remove `key`'s entry from the map")
    }
    // ANCHOR_END: forget

    /// How many callers are waiting for the call in flight for `key` (not counting the
    /// caller running the work); 0 if no call is in flight.
    pub fn waiters<Q>(&self, key: &Q) -> usize
    where
        K: Borrow<Q>,
        Q: Hash + Eq + ?Sized,
    {
        // TODO (step 1): the waiters of `key`'s call, or 0.
        let _ = key;
        todo!("count the waiters of the call in flight for `key`")
    }

    /// How many keys have a call in flight.
    pub fn in_flight(&self) -> usize {
        // TODO (step 1): the number of entries in the map.
        todo!("count the keys in the map")
    }
}

impl<K, V, E> TryGroup<K, V, E>
where
    K: Hash + Eq + Clone,
    V: Clone,
{
    // ANCHOR: try_work
    /// [`work`](Group::work) for work that can fail. The error is wrapped in an `Arc`,
    /// so every waiter gets the very same error even though `E` is not `Clone`.
    pub fn try_work<F>(&self, key: K, f: F) -> (Result<V, std::sync::Arc<E>>, bool)
    where
        F: FnOnce() -> Result<V, E>,
    {
        // TODO (step 2): call `work` with a closure that runs `f` and wraps its error in
        //    an `Arc` (`map_err`).
        let _ = (key, f);
        todo!("share the error as an Arc<E>")
    }
    // ANCHOR_END: try_work
}
