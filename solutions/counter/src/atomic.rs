//! Fix 1: make the read-modify-write a single atomic operation.

use std::sync::atomic::Ordering;

use crate::Counter;
use crate::sync::AtomicU64;

// ANCHOR: solution
/// A counter whose increment is one indivisible `fetch_add`.
#[derive(Default)]
pub struct AtomicCounter {
    count: AtomicU64,
}

impl Counter for AtomicCounter {
    fn increment(&self) {
        // Relaxed is enough: the count publishes no other data. Every fetch_add on one
        // atomic is still totally ordered, so no increment is lost.
        self.count.fetch_add(1, Ordering::Relaxed);
    }

    fn get(&self) -> u64 {
        self.count.load(Ordering::Relaxed)
    }
}
// ANCHOR_END: solution
