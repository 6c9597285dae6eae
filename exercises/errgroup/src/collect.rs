//! Step 5. Beyond Go's `Wait`: the values in spawn order, and every error.

#[allow(unused_imports)] // The learner needs `mem::take` for the collected state.
use std::mem;

use crate::aggregate::{Aggregate, BoxError};
use crate::group::Group;

impl<T, E> Group<T, E>
where
    T: Send + 'static,
    E: Send + 'static,
{
    // ANCHOR: exercise
    /// Like [`wait`](Group::wait), but on success returns every task's value in the
    /// order the tasks were spawned (Go's parallel example writes `results[i]`).
    pub async fn wait_ordered(&mut self) -> Result<Vec<T>, E> {
        // TODO: join all; on a first error end the round and return it; otherwise take
        // `self.values` (every entry is `Some` now), end the round, and unwrap them.
        todo!("join every task and return the values in spawn order")
    }

    /// Like [`wait`](Group::wait), but returns *every* error, in spawn order, as one
    /// [`Aggregate`] (Kubernetes' `AggregateGoroutines` when the group is
    /// [`new`](Group::new)). `Ok(())` when no task failed.
    pub async fn wait_all(&mut self) -> Result<(), Aggregate>
    where
        E: Into<BoxError>,
    {
        // TODO: join all, take `self.errors`, end the round, sort them by spawn index,
        // and build an `Aggregate` from them (no errors: `Ok(())`).
        todo!("join every task and aggregate every error in spawn order")
    }
    // ANCHOR_END: exercise
}
