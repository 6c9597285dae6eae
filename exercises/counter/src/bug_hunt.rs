//! The bug hunt: find an order of the steps of two concurrent increments that loses
//! one of them.

use crate::interleaving::Step;
#[allow(unused_imports)] // The learner needs these to write the schedule.
use crate::interleaving::{Step::*, Thread::*};

// ANCHOR: exercise
/// An interleaving of two [`RacyAtomicCounter`](crate::buggy::RacyAtomicCounter)
/// increments, one by thread `A` and one by thread `B`, after which the count is 1
/// instead of 2. Each thread does exactly one `Load` and then one `Store`.
pub fn losing_interleaving() -> Vec<Step> {
    // TODO: return the four steps in an order that loses an update,
    // for example `vec![Load(A), ...]`.
    todo!("write the schedule of Load/Store steps of threads A and B that loses an update")
}
// ANCHOR_END: exercise
