//! Duplicate call suppression for tokio tasks: the async version of
//! [`threads::Group`](crate::threads::Group). A task can be cancelled — its future
//! dropped — at any `.await`, so this group also survives a leader that never
//! finishes and waiters that stop waiting.
//!
//! ```
//! use singleflight::tasks::Group;
//!
//! # let runtime = tokio::runtime::Builder::new_current_thread().build().unwrap();
//! # runtime.block_on(async {
//! let group = Group::new();
//! let (value, shared) = group.work("config", || async { "loaded".to_owned() }).await;
//! assert_eq!(value, "loaded");
//! assert!(!shared);
//! assert_eq!(group.in_flight(), 0);
//! # });
//! ```

mod call;
mod leader;
mod waiter;

use std::borrow::Borrow;
use std::collections::HashMap;
use std::future::Future;
use std::hash::Hash;
use std::sync::atomic::Ordering;
use std::sync::{Arc, Mutex, MutexGuard};

#[allow(unused_imports)] // The learner needs it to run the work.
use crate::unwind::catching_panics;
use call::Call;
use leader::Leader;
use waiter::Waiter;

// ANCHOR: group
/// A set of keys whose work is in flight. Concurrent callers of [`work`](Group::work)
/// with the same key share one execution; callers of different keys never wait for each
/// other. Nothing is kept once a call is over or nobody is left to run it.
pub struct Group<K, T> {
    /// A std mutex: it is never held across an `.await`, only to look up, insert or
    /// remove an entry and to change a call's bookkeeping.
    calls: Mutex<HashMap<K, Arc<Call<T>>>>,
}
// ANCHOR_END: group

/// A group whose work can fail: the error is shared as an `Arc<E>`, so `E` need not be
/// `Clone`. See [`Group::try_work`].
pub type TryGroup<K, V, E> = Group<K, Result<V, Arc<E>>>;

/// What a caller of [`Group::work`] turned out to be.
enum Role<'g, K: Hash + Eq, T> {
    /// The first caller: it runs the work.
    Leader(Leader<'g, K, T>),
    /// A later caller: it waits for the leader's outcome.
    Waiter(Waiter<'g, K, T>),
}

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
    /// Runs the future made by `f` for `key`, unless a call for `key` is already in
    /// flight: then waits for that call and returns a copy of its value. Returns the
    /// value and whether it was shared (for the caller that ran the work: whether
    /// anybody was waiting for it).
    ///
    /// If the work panics, its caller resumes the panic and every waiter panics with its
    /// message. If the caller running the work is cancelled, one waiter runs its own `f`
    /// for the others.
    pub async fn work<F, Fut>(&self, key: K, f: F) -> (T, bool)
    where
        F: FnOnce() -> Fut,
        Fut: Future<Output = T>,
    {
        // TODO (step 4): `lead_or_wait`, then
        //  - as a waiter, `wait().await`: `Ok(value)` is returned with `shared = true`;
        //    `Err(leader)` means the leader was cancelled and this caller took over
        //    (step 5): go on as that leader.
        //  - as the leader, run the work with `catching_panics(f).await` and hand the
        //    result to `leader.finish`, which returns what `work` returns.
        let _ = (key, f);
        todo!("lead the call for `key` or wait for the one in flight")
    }
    // ANCHOR_END: work

    // ANCHOR: lead_or_wait
    /// Attaches to the call in flight for `key`, or — if there is none — starts one
    /// led by this caller. One lock for the look-up and the insert, so that two first
    /// callers cannot both lead.
    fn lead_or_wait(&self, key: K) -> Role<'_, K, T> {
        // TODO (step 4): with the map locked once: an entry for `key` means
        //    `Role::Waiter(Waiter::attach(…))` (attach while the map is still locked);
        //    none means insert a new `Arc<Call>` and return `Role::Leader(Leader::new(…))`.
        let _ = key;
        todo!("attach to the call in flight for `key`, or insert one and lead it")
    }
    // ANCHOR_END: lead_or_wait
}

impl<K, T> Group<K, T>
where
    K: Hash + Eq,
{
    /// Forgets the call in flight for `key`, if any: the next caller runs the work
    /// again, while the forgotten call goes on and its waiters still get its value.
    pub fn forget<Q>(&self, key: &Q)
    where
        K: Borrow<Q>,
        Q: Hash + Eq + ?Sized,
    {
        self.calls().remove(key);
    }

    /// How many callers are waiting for the call in flight for `key` (not counting the
    /// caller running it); 0 if no call is in flight.
    pub fn waiters<Q>(&self, key: &Q) -> usize
    where
        K: Borrow<Q>,
        Q: Hash + Eq + ?Sized,
    {
        self.calls()
            .get(key)
            .map_or(0, |call| call.waiters.load(Ordering::Relaxed))
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
    /// [`work`](Group::work) for work that can fail. The error is wrapped in an `Arc`,
    /// so every waiter gets the very same error even though `E` is not `Clone`.
    pub async fn try_work<F, Fut>(&self, key: K, f: F) -> (Result<V, Arc<E>>, bool)
    where
        F: FnOnce() -> Fut,
        Fut: Future<Output = Result<V, E>>,
    {
        self.work(key, || async { f().await.map_err(Arc::new) })
            .await
    }
}
