//! Fix 2: hold one lock across the whole read-modify-write.

use crate::Counter;
use crate::sync::Mutex;

// ANCHOR: exercise
/// A counter whose increment happens inside a single critical section.
#[derive(Default)]
pub struct MutexCounter {
    count: Mutex<u64>,
}

impl Counter for MutexCounter {
    fn increment(&self) {
        // TODO: lock once, add one, and let the guard unlock at the end of the scope.
        let _ = &self.count;
        todo!("lock `count` once and add one while holding the guard")
    }

    fn get(&self) -> u64 {
        // TODO: read the count under the lock.
        todo!("lock `count` and return the value")
    }
}
// ANCHOR_END: exercise
