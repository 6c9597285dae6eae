//! Fix 1: make the read-modify-write a single atomic operation.

use crate::Counter;
#[allow(unused_imports)] // The learner needs `Ordering` for the atomic operations.
use std::sync::atomic::Ordering;

use crate::sync::AtomicU64;

// ANCHOR: exercise
/// A counter whose increment is one indivisible `fetch_add`.
#[derive(Default)]
pub struct AtomicCounter {
    count: AtomicU64,
}

impl Counter for AtomicCounter {
    fn increment(&self) {
        // TODO: add one in a single atomic step. Which `Ordering` does a pure count need?
        let _ = &self.count;
        todo!("increment `count` with one atomic read-modify-write (AtomicU64::fetch_add)")
    }

    fn get(&self) -> u64 {
        // TODO: read the current count.
        todo!("load the current value of `count`")
    }
}
// ANCHOR_END: exercise
