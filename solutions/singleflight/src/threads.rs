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
use std::panic::{self, AssertUnwindSafe};

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
        // Look up and insert under one lock: two first callers cannot both lead.
        let mut calls = self.calls();
        if let Some(call) = calls.get(&key) {
            call.attach();
            let call = Arc::clone(call);
            drop(calls); // never wait with the map locked
            return (call.wait().into_value(), true);
        }
        let call = Arc::new(Call::new());
        calls.insert(key.clone(), Arc::clone(&call));
        drop(calls); // other keys go on while `f` runs

        let result = panic::catch_unwind(AssertUnwindSafe(f));

        // Once retired, nobody can attach: if nobody has, there is nobody to tell
        // (and an uncontended call skips the clone and the wake-up system call).
        let shared = self.retire(&key, &call);
        match result {
            Ok(value) => {
                if shared {
                    call.finish(Outcome::Returned(value.clone()));
                }
                (value, shared)
            }
            Err(payload) => {
                // Release the waiters before unwinding, so that nobody hangs.
                if shared {
                    call.finish(Outcome::Panicked(panic_text(&*payload)));
                }
                panic::resume_unwind(payload)
            }
        }
    }
    // ANCHOR_END: work

    // ANCHOR: retire
    /// Removes `call`'s entry for `key` — unless `forget` already removed it and a newer
    /// call took the key (go#31420) — and returns whether anybody attached to `call`.
    fn retire(&self, key: &K, call: &Arc<Call<T>>) -> bool {
        let mut calls = self.calls();
        if calls
            .get(key)
            .is_some_and(|current| Arc::ptr_eq(current, call))
        {
            calls.remove(key);
        }
        // Read with the map locked: nobody can attach to a call that is not in it.
        call.waiters() > 0
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
        self.calls().remove(key);
    }
    // ANCHOR_END: forget

    /// How many callers are waiting for the call in flight for `key` (not counting the
    /// caller running the work); 0 if no call is in flight.
    pub fn waiters<Q>(&self, key: &Q) -> usize
    where
        K: Borrow<Q>,
        Q: Hash + Eq + ?Sized,
    {
        self.calls().get(key).map_or(0, |call| call.waiters())
    }

    /// How many keys have a call in flight.
    pub fn in_flight(&self) -> usize {
        self.calls().len()
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
        self.work(key, || f().map_err(std::sync::Arc::new))
    }
    // ANCHOR_END: try_work
}
