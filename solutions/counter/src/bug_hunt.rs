//! The bug hunt, solved: both threads read the count before either writes it back.

use crate::interleaving::Step;
use crate::interleaving::{Step::*, Thread::*};

// ANCHOR: solution
/// An interleaving of two [`RacyAtomicCounter`](crate::buggy::RacyAtomicCounter)
/// increments, one by thread `A` and one by thread `B`, after which the count is 1
/// instead of 2. Each thread does exactly one `Load` and then one `Store`.
pub fn losing_interleaving() -> Vec<Step> {
    // Both threads see 0; both write 1. B's store overwrites A's.
    vec![Load(A), Load(B), Store(A), Store(B)]
}
// ANCHOR_END: solution
