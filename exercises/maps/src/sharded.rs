//! A map split into shards, each a reader-writer lock around its own `HashMap`. Threads
//! working on keys in different shards never wait for each other, and never write to the
//! same cache line.

use std::borrow::Borrow;
use std::collections::HashMap;
#[allow(unused_imports)] // The learner needs `BuildHasher::hash_one` for `shard_of`.
use std::hash::{BuildHasher, Hash};
use std::sync::PoisonError;

use crossbeam_utils::CachePadded;

use crate::Hasher;
use crate::sync::{RwLock, RwLockReadGuard, RwLockWriteGuard};

/// One shard: a lock around a map, padded so that two shards' locks never share a cache
/// line (a reader taking one lock would otherwise slow down the neighbour's readers).
type Shard<K, V> = CachePadded<RwLock<HashMap<K, V, Hasher>>>;

// ANCHOR: type
/// A concurrent map made of a power-of-two number of shards. A key lives in the shard
/// its hash picks; every operation locks that one shard only (reads share it, writes
/// take it alone), so operations on different shards run in parallel.
pub struct ShardedMap<K, V> {
    shards: Box<[Shard<K, V>]>,
    /// Picks a key's shard. It is seeded independently of the shards' own hashers, so the
    /// bits that choose the shard tell nothing about where the key lands inside it.
    #[allow(dead_code)] // Used by `shard_of`, once written.
    shard_hasher: Hasher,
}
// ANCHOR_END: type

/// Four shards per core, rounded up to a power of two (what dashmap does): enough that
/// two threads rarely want the same shard, few enough that `len` stays cheap.
pub fn default_shards() -> usize {
    let cores = std::thread::available_parallelism().map_or(1, usize::from);
    (cores * 4).next_power_of_two()
}

impl<K: Hash + Eq, V> ShardedMap<K, V> {
    /// An empty map with [`default_shards`] shards.
    pub fn new() -> Self {
        Self::with_shards_and_capacity(default_shards(), 0)
    }

    // ANCHOR: exercise
    /// An empty map with `shards` shards, rounded up to a power of two (at least one), and
    /// room for about `capacity` keys in all before any shard has to grow.
    pub fn with_shards_and_capacity(shards: usize, capacity: usize) -> Self {
        // TODO: round `shards` up to a power of two (at least 1); build that many
        // `CachePadded::new(RwLock::new(map))`, each map made with
        // `HashMap::with_capacity_and_hasher(its share of capacity, Hasher::default())`;
        // and give the map its own `shard_hasher: Hasher::default()`.
        let _ = (shards, capacity);
        todo!("build the shards and the shard hasher")
    }

    /// The index of the shard that holds `key`: its hash, masked to the number of shards.
    pub fn shard_of<Q>(&self, key: &Q) -> usize
    where
        K: Borrow<Q>,
        Q: Hash + ?Sized,
    {
        // TODO: hash `key` with `self.shard_hasher.hash_one(key)` and keep the low bits:
        // `& (number of shards - 1)` (the number is a power of two).
        let _ = key;
        todo!("pick the shard from the key's hash")
    }

    /// A copy of the value for `key`, if there is one. Holds the shard's read lock only
    /// while cloning, so readers of one shard run together.
    pub fn get<Q>(&self, key: &Q) -> Option<V>
    where
        K: Borrow<Q>,
        Q: Hash + Eq + ?Sized,
        V: Clone,
    {
        // TODO: look `key` up under `self.read_shard(key)` and clone what you find.
        let _ = key;
        todo!("get: read-lock the key's shard and clone the value")
    }

    /// Sets `key` to `value` and returns the value it replaced, if any.
    pub fn insert(&self, key: K, value: V) -> Option<V> {
        // TODO: insert under `self.write_shard(&key)`.
        let _ = (key, value);
        todo!("insert: write-lock the key's shard and insert")
    }

    /// Removes `key` and returns its value, if it was there.
    pub fn remove<Q>(&self, key: &Q) -> Option<V>
    where
        K: Borrow<Q>,
        Q: Hash + Eq + ?Sized,
    {
        // TODO: remove under `self.write_shard(key)`.
        let _ = key;
        todo!("remove: write-lock the key's shard and remove")
    }

    /// Runs `change` on the value of `key` in place, under the shard's write lock, and
    /// returns what it returned; `None` (without running it) if `key` is absent. No other
    /// operation on the shard can see the value half-changed.
    pub fn update<Q, R>(&self, key: &Q, change: impl FnOnce(&mut V) -> R) -> Option<R>
    where
        K: Borrow<Q>,
        Q: Hash + Eq + ?Sized,
    {
        // TODO: `get_mut` under the write lock, and run `change` on what you find.
        let _ = (key, change);
        todo!("update: change the value in place under the write lock")
    }

    /// The value of `key`; if it is absent, the value `make` returns, which is stored
    /// first. However many threads ask for an absent key at once, `make` runs once and
    /// they all get the one value it made.
    pub fn get_or_insert_with(&self, key: K, make: impl FnOnce() -> V) -> V
    where
        V: Clone,
    {
        // TODO: a hit needs only the read lock. On a miss, take the write lock and look
        // again (another thread may have inserted meanwhile): the `entry` API does both
        // the second look and the insert.
        let _ = (key, make);
        todo!("get_or_insert_with: read lock for a hit, write lock + entry for a miss")
    }

    /// The number of keys. Locks one shard at a time, so under concurrent writes it is a
    /// count that was true for each shard at some moment, not for the whole map at once.
    pub fn len(&self) -> usize {
        // TODO: add up the `len()` of every shard, read-locking one at a time (ignore
        // poison with `.unwrap_or_else(PoisonError::into_inner)`, as `read_shard` does).
        todo!("len: sum the shards' lengths")
    }
    // ANCHOR_END: exercise

    /// Whether the map has no keys (with the same caveat as [`len`](Self::len)).
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The number of shards.
    pub fn shards(&self) -> usize {
        self.shards.len()
    }

    // ANCHOR: locks
    /// The read guard of `key`'s shard. A panic in another thread's `update` poisons the
    /// lock but leaves a valid map behind, so the poison is ignored (as dashmap does).
    #[allow(dead_code)] // Used by the operations, once written.
    fn read_shard<Q>(&self, key: &Q) -> RwLockReadGuard<'_, HashMap<K, V, Hasher>>
    where
        K: Borrow<Q>,
        Q: Hash + ?Sized,
    {
        let shard = &self.shards[self.shard_of(key)];
        shard.read().unwrap_or_else(PoisonError::into_inner)
    }

    /// The write guard of `key`'s shard, ignoring poison as [`read_shard`](Self::read_shard) does.
    #[allow(dead_code)] // Used by the operations, once written.
    fn write_shard<Q>(&self, key: &Q) -> RwLockWriteGuard<'_, HashMap<K, V, Hasher>>
    where
        K: Borrow<Q>,
        Q: Hash + ?Sized,
    {
        let shard = &self.shards[self.shard_of(key)];
        shard.write().unwrap_or_else(PoisonError::into_inner)
    }
    // ANCHOR_END: locks
}

impl<K: Hash + Eq, V> Default for ShardedMap<K, V> {
    fn default() -> Self {
        Self::new()
    }
}
