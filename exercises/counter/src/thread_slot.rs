//! A small, stable number for the current thread, used to pick a shard.

use std::cell::Cell;
use std::sync::atomic::{AtomicUsize, Ordering};

static NEXT_SLOT: AtomicUsize = AtomicUsize::new(0);

thread_local! {
    static SLOT: Cell<Option<usize>> = const { Cell::new(None) };
}

/// The current thread's slot number: 0 for the first thread that asks, 1 for the next,
/// and so on. A thread always gets the same number.
pub fn current_thread_slot() -> usize {
    SLOT.with(|slot| {
        *slot.get().get_or_insert_with(|| {
            let fresh = NEXT_SLOT.fetch_add(1, Ordering::Relaxed);
            slot.set(Some(fresh));
            fresh
        })
    })
}
