//! A map for the grow-only cache, the case Go's `sync.Map` is made for: keys are written
//! once and then read many times, by many threads. Reads of published keys take no lock
//! and write nothing shared, so they never wait for a writer and never slow each other.

use std::borrow::Borrow;
use std::cell::RefCell;
use std::collections::HashMap;
use std::hash::Hash;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};

use arc_swap::ArcSwap;
use crossbeam_utils::CachePadded;
use thread_local::ThreadLocal;

use crate::Hasher;

// ANCHOR: type
/// A concurrent map with two parts, after Go's `sync.Map`: an immutable *published* map
/// that readers use without any lock, and a *pending* map of new keys behind a mutex. New
/// keys wait in `pending` until as many lookups have missed the published map as the map
/// has keys; then everything is published at once, so each copy is paid for by that many
/// misses. Changing or removing a published key publishes a new copy at once: cheap for a
/// cache, ruinous for a map that is mostly written.
///
/// Invariant: a key is in `published` or in `pending`, never in both; `has_pending` is
/// true whenever `pending` may hold keys.
#[allow(dead_code)] // Used by the operations, once written.
pub struct ReadMostlyMap<K: Send + Sync, V: Send + Sync> {
    /// The published map. Never changed in place: a writer builds a new map and swaps it
    /// in, then bumps `version`.
    published: ArcSwap<HashMap<K, V, Hasher>>,
    /// How many maps have been published. Readers only load it.
    version: AtomicU64,
    /// Every reading thread's own handle on the published map it last used. A read
    /// touches only its own thread's entry, padded to a cache line of its own (the
    /// entries sit side by side, and each read writes its `RefCell`'s borrow flag).
    readers: ThreadLocal<CachePadded<RefCell<Snapshot<K, V>>>>,
    /// Whether a lookup that misses the published map has to look in `pending` too.
    has_pending: AtomicBool,
    /// The writers' side, one writer at a time.
    writer: Mutex<Pending<K, V>>,
}

/// A published map, and the `version` it was published as (or a later one).
struct Snapshot<K, V> {
    version: u64,
    map: Arc<HashMap<K, V, Hasher>>,
}

/// New keys not yet published, and how many lookups missed the published map since the
/// last publication.
#[allow(dead_code)] // Used by the operations, once written.
struct Pending<K, V> {
    keys: HashMap<K, V, Hasher>,
    misses: usize,
}
// ANCHOR_END: type

impl<K, V> ReadMostlyMap<K, V>
where
    K: Hash + Eq + Clone + Send + Sync,
    V: Clone + Send + Sync,
{
    /// An empty map.
    pub fn new() -> Self {
        ReadMostlyMap {
            published: ArcSwap::from_pointee(HashMap::default()),
            version: AtomicU64::new(0),
            readers: ThreadLocal::new(),
            has_pending: AtomicBool::new(false),
            writer: Mutex::new(Pending {
                keys: HashMap::default(),
                misses: 0,
            }),
        }
    }

    // ANCHOR: exercise
    /// A copy of the value for `key`, if there is one. A published key is found without
    /// any lock; so is a missing key while nothing is pending. Only a lookup that misses
    /// the published map while keys are pending takes the writers' mutex (and counts a
    /// miss).
    pub fn get<Q>(&self, key: &Q) -> Option<V>
    where
        K: Borrow<Q>,
        Q: Hash + Eq + ?Sized,
    {
        // TODO: 1. Look with `self.with_published(|map| map.get(key).cloned())`; a hit is
        //    the answer.
        // 2. On a miss, load `has_pending` (Acquire) *first*, then, if it is false, look
        //    with `with_published` once more: that second look is the answer.
        // 3. Otherwise lock the writer, look in the published map again
        //    (`self.published.load()`: it may have been published meanwhile), then in
        //    `pending.keys`, and `count_miss`.
        let _ = key;
        todo!("get: the published map without a lock, the pending keys under the mutex")
    }

    /// The value of `key`; if it is absent, the value `make` returns, which is stored
    /// first (pending, not yet published). However many threads ask for an absent key at
    /// once, `make` runs once, under the writers' mutex, and they all get its value.
    pub fn get_or_insert_with(&self, key: K, make: impl FnOnce() -> V) -> V {
        // TODO: a published hit (`with_published`) needs no lock. Otherwise, under the
        // writer's lock: look in `self.published.load()` again; then in `pending.keys` (a hit there counts a miss);
        // else call `make`, put its value in `pending.keys` and set `has_pending`
        // (Release).
        let _ = (key, make);
        todo!("get_or_insert_with: published hit, else make it once under the mutex")
    }

    /// Sets `key` to `value` and returns the value it replaced, if any. A new key waits in
    /// `pending`; a published key is changed by publishing a new copy of the whole map.
    pub fn insert(&self, key: K, value: V) -> Option<V> {
        // TODO: under the writer's lock: if the published map has `key`, clone the map
        // (`HashMap::clone(&published)`), insert into the copy and `publish` it;
        // otherwise insert into `pending.keys` and set `has_pending`.
        let _ = (key, value);
        todo!("insert: a pending key, or a new published copy")
    }

    /// Removes `key` and returns its value, if it was there. Removing a published key
    /// publishes a new copy of the whole map.
    pub fn remove<Q>(&self, key: &Q) -> Option<V>
    where
        K: Borrow<Q>,
        Q: Hash + Eq + ?Sized,
    {
        // TODO: under the writer's lock: a pending key is simply removed (if that empties
        // `pending`, you may clear `has_pending`); a published key is removed from a copy
        // that you `publish`.
        let _ = key;
        todo!("remove: from pending, or from a new published copy")
    }

    /// The number of keys, published and pending.
    pub fn len(&self) -> usize {
        // TODO: under the writer's lock (so that no publication moves keys meanwhile),
        // the published map's length plus the pending keys'.
        todo!("len: published plus pending")
    }

    /// Counts one lookup that missed the published map. Once the misses reach the number
    /// of keys, publishing (which copies them all) is paid for: publish.
    #[allow(dead_code)] // Used by the operations, once written.
    #[allow(dead_code)] // Used by the operations, once written.
    fn count_miss(&self, pending: &mut Pending<K, V>) {
        // TODO: add one to `pending.misses`; when it reaches the published length plus the
        // pending length, `publish` a clone of the published map.
        let _ = pending;
        todo!("count a miss, and publish once the misses pay for the copy")
    }
    // ANCHOR_END: exercise

    /// Whether the map has no keys.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    // ANCHOR: publish
    /// Runs `look` on this thread's handle on the published map, after replacing the
    /// handle if a newer map has been published. On the way it loads the shared `version`
    /// (a cache line that only writers write) and touches this thread's own entry: no
    /// lock, no shared write. `look` must not use this map itself.
    #[allow(dead_code)] // Used by the operations, once written.
    fn with_published<R>(&self, look: impl FnOnce(&HashMap<K, V, Hasher>) -> R) -> R {
        let version = self.version.load(Ordering::Acquire);
        let mine = self
            .readers
            .get_or(|| CachePadded::new(RefCell::new(self.snapshot())));
        let mut mine = mine.borrow_mut();
        if mine.version != version {
            *mine = self.snapshot();
        }
        look(&mine.map)
    }

    /// The published map and its version, read in that order: the map is at least as new
    /// as the version says.
    fn snapshot(&self) -> Snapshot<K, V> {
        let version = self.version.load(Ordering::Acquire);
        let map = self.published.load_full();
        Snapshot { version, map }
    }

    /// Publishes `next` together with every pending key, and starts counting misses
    /// afresh. The order is what readers rely on: the new map is stored, then `version`
    /// bumped, then the flag cleared, each release. A reader that sees the version (or the
    /// cleared flag, acquire) then loads this map or a later one.
    #[allow(dead_code)] // Used by the operations, once written.
    fn publish(&self, mut next: HashMap<K, V, Hasher>, pending: &mut Pending<K, V>) {
        next.extend(pending.keys.drain());
        self.published.store(Arc::new(next));
        self.version.fetch_add(1, Ordering::Release);
        self.has_pending.store(false, Ordering::Release);
        pending.misses = 0;
    }

    /// The writers' side. A panic in `make` poisons the mutex but changes nothing, so the
    /// poison is ignored.
    #[allow(dead_code)] // Used by the operations, once written.
    fn lock_writer(&self) -> MutexGuard<'_, Pending<K, V>> {
        self.writer.lock().unwrap_or_else(PoisonError::into_inner)
    }
    // ANCHOR_END: publish
}

impl<K, V> Default for ReadMostlyMap<K, V>
where
    K: Hash + Eq + Clone + Send + Sync,
    V: Clone + Send + Sync,
{
    fn default() -> Self {
        Self::new()
    }
}
