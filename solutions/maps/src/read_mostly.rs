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

    // ANCHOR: solution
    /// A copy of the value for `key`, if there is one. A published key is found without
    /// any lock; so is a missing key while nothing is pending. Only a lookup that misses
    /// the published map while keys are pending takes the writers' mutex (and counts a
    /// miss).
    pub fn get<Q>(&self, key: &Q) -> Option<V>
    where
        K: Borrow<Q>,
        Q: Hash + Eq + ?Sized,
    {
        if let Some(value) = self.with_published(|map| map.get(key).cloned()) {
            return Some(value);
        }
        // A miss. Read the flag *before* looking again: if it says nothing is pending, the
        // publication that emptied `pending` happened before this second look, so a key
        // inserted before this call is in the map the second look sees.
        if !self.has_pending.load(Ordering::Acquire) {
            return self.with_published(|map| map.get(key).cloned());
        }
        let mut pending = self.lock_writer();
        // Look again: the key may have been published while this thread waited.
        if let Some(value) = self.published.load().get(key) {
            return Some(value.clone());
        }
        let found = pending.keys.get(key).cloned();
        self.count_miss(&mut pending);
        found
    }

    /// The value of `key`; if it is absent, the value `make` returns, which is stored
    /// first (pending, not yet published). However many threads ask for an absent key at
    /// once, `make` runs once, under the writers' mutex, and they all get its value.
    pub fn get_or_insert_with(&self, key: K, make: impl FnOnce() -> V) -> V {
        if let Some(value) = self.with_published(|map| map.get(&key).cloned()) {
            return value;
        }
        let mut pending = self.lock_writer();
        if let Some(value) = self.published.load().get(&key) {
            return value.clone();
        }
        if let Some(value) = pending.keys.get(&key) {
            let value = value.clone();
            self.count_miss(&mut pending);
            return value;
        }
        let value = make();
        pending.keys.insert(key, value.clone());
        self.has_pending.store(true, Ordering::Release);
        value
    }

    /// Sets `key` to `value` and returns the value it replaced, if any. A new key waits in
    /// `pending`; a published key is changed by publishing a new copy of the whole map.
    pub fn insert(&self, key: K, value: V) -> Option<V> {
        let mut pending = self.lock_writer();
        let published = self.published.load();
        if published.contains_key(&key) {
            let mut next = HashMap::clone(&published);
            let replaced = next.insert(key, value);
            self.publish(next, &mut pending);
            return replaced;
        }
        let replaced = pending.keys.insert(key, value);
        self.has_pending.store(true, Ordering::Release);
        replaced
    }

    /// Removes `key` and returns its value, if it was there. Removing a published key
    /// publishes a new copy of the whole map.
    pub fn remove<Q>(&self, key: &Q) -> Option<V>
    where
        K: Borrow<Q>,
        Q: Hash + Eq + ?Sized,
    {
        let mut pending = self.lock_writer();
        if let Some(value) = pending.keys.remove(key) {
            if pending.keys.is_empty() {
                self.has_pending.store(false, Ordering::Release);
            }
            return Some(value);
        }
        let published = self.published.load();
        if !published.contains_key(key) {
            return None;
        }
        let mut next = HashMap::clone(&published);
        let removed = next.remove(key);
        self.publish(next, &mut pending);
        removed
    }

    /// The number of keys, published and pending.
    pub fn len(&self) -> usize {
        let pending = self.lock_writer();
        self.published.load().len() + pending.keys.len()
    }

    /// Counts one lookup that missed the published map. Once the misses reach the number
    /// of keys, publishing (which copies them all) is paid for: publish.
    fn count_miss(&self, pending: &mut Pending<K, V>) {
        pending.misses += 1;
        let published = self.published.load();
        if pending.misses >= published.len() + pending.keys.len() {
            let next = HashMap::clone(&published);
            self.publish(next, pending);
        }
    }
    // ANCHOR_END: solution

    /// Whether the map has no keys.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    // ANCHOR: publish
    /// Runs `look` on this thread's handle on the published map, after replacing the
    /// handle if a newer map has been published. On the way it loads the shared `version`
    /// (a cache line that only writers write) and touches this thread's own entry: no
    /// lock, no shared write. `look` must not use this map itself.
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
    fn publish(&self, mut next: HashMap<K, V, Hasher>, pending: &mut Pending<K, V>) {
        next.extend(pending.keys.drain());
        self.published.store(Arc::new(next));
        self.version.fetch_add(1, Ordering::Release);
        self.has_pending.store(false, Ordering::Release);
        pending.misses = 0;
    }

    /// The writers' side. A panic in `make` poisons the mutex but changes nothing, so the
    /// poison is ignored.
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
