//! The race that safe Rust forbids, written with `unsafe` to show what Go's plain
//! `counter++` really is: two threads writing one memory location with no
//! synchronisation. This is undefined behaviour; Miri reports it as a data race.

use std::cell::UnsafeCell;

use crate::Counter;

// ANCHOR: unsafe_counter
/// A plain `u64` behind an `UnsafeCell`, shared between threads by an unsound promise.
#[derive(Default)]
pub struct UnsafeCounter {
    count: UnsafeCell<u64>,
}

// SAFETY: none. This promise is false: `increment` writes without synchronisation, so
// two threads incrementing at once is a data race. It exists to be caught by Miri.
unsafe impl Sync for UnsafeCounter {}

impl Counter for UnsafeCounter {
    fn increment(&self) {
        // SAFETY: unsound on purpose, see the `Sync` impl above.
        unsafe { *self.count.get() += 1 }
    }

    fn get(&self) -> u64 {
        // SAFETY: unsound on purpose, see the `Sync` impl above.
        unsafe { *self.count.get() }
    }
}
// ANCHOR_END: unsafe_counter
