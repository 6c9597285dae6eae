//! Two counters that lose increments, although every access is safe Rust.
//!
//! Each increment reads the count and writes it back in two separate steps. Between
//! them another thread can do the same, and one of the two increments is overwritten.

use std::sync::atomic::Ordering;

use crate::Counter;
use crate::sync::{AtomicU64, Mutex};

// ANCHOR: racy_atomic
/// Loads, adds one, stores: each step is atomic, the increment as a whole is not.
#[derive(Default)]
pub struct RacyAtomicCounter {
    count: AtomicU64,
}

impl Counter for RacyAtomicCounter {
    fn increment(&self) {
        let seen = self.count.load(Ordering::SeqCst);
        // Another thread may load the same value here.
        self.count.store(seen + 1, Ordering::SeqCst);
    }

    fn get(&self) -> u64 {
        self.count.load(Ordering::SeqCst)
    }
}
// ANCHOR_END: racy_atomic

// ANCHOR: two_locks
/// Reads under the lock, unlocks, then writes under the lock again: two critical
/// sections where one was needed.
#[derive(Default)]
pub struct TwoLockCounter {
    count: Mutex<u64>,
}

impl Counter for TwoLockCounter {
    fn increment(&self) {
        let seen = *self.count.lock().unwrap();
        // The lock is free here: another thread may read the same value.
        *self.count.lock().unwrap() = seen + 1;
    }

    fn get(&self) -> u64 {
        *self.count.lock().unwrap()
    }
}
// ANCHOR_END: two_locks
