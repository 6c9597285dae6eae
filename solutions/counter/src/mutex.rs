//! Fix 2: hold one lock across the whole read-modify-write.

use crate::Counter;
use crate::sync::Mutex;

// ANCHOR: solution
/// A counter whose increment happens inside a single critical section.
#[derive(Default)]
pub struct MutexCounter {
    count: Mutex<u64>,
}

impl Counter for MutexCounter {
    fn increment(&self) {
        *self.count.lock().unwrap() += 1;
    }

    fn get(&self) -> u64 {
        *self.count.lock().unwrap()
    }
}
// ANCHOR_END: solution
