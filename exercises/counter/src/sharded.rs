//! Fix 3: give every thread its own slot, each on its own cache line, and add the
//! slots up when the total is asked for.

use crossbeam_utils::CachePadded;
#[allow(unused_imports)] // The learner needs `Ordering` for the atomic operations.
use std::sync::atomic::Ordering;

use crate::Counter;
use crate::sync::AtomicU64;
use crate::thread_slot::current_thread_slot;

// ANCHOR: exercise
/// A counter split into `shards` cache-padded slots. Threads on different slots never
/// touch the same cache line; threads that share a slot still add atomically.
pub struct ShardedCounter {
    slots: Box<[CachePadded<AtomicU64>]>,
}

impl ShardedCounter {
    /// A counter with `shards` slots (at least one).
    pub fn new(shards: usize) -> Self {
        // TODO: build `shards.max(1)` slots, each a `CachePadded::new(AtomicU64::new(0))`.
        let _ = shards;
        todo!("allocate one padded AtomicU64 slot per shard")
    }

    /// The number of slots.
    pub fn shards(&self) -> usize {
        self.slots.len()
    }

    /// Adds one to slot `shard % shards()`.
    pub fn increment_shard(&self, shard: usize) {
        // TODO: pick the slot and add one to it atomically.
        let _ = shard;
        todo!("fetch_add 1 on the slot for `shard`")
    }
}

impl Counter for ShardedCounter {
    fn increment(&self) {
        self.increment_shard(current_thread_slot());
    }

    fn get(&self) -> u64 {
        // TODO: the total is the sum of all slots.
        todo!("sum the values of all slots")
    }
}
// ANCHOR_END: exercise
