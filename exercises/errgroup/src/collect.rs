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
        // TODO: join all; then the first error if there is one, or else
        // `self.values.take_in_spawn_order()`; end the round either way.
        let _ = crate::values::Values::<T>::take_in_spawn_order;
        todo!("join every task and return the values in spawn order")
    }

    /// Like [`wait`](Group::wait), but returns *every* error as one [`Aggregate`]: the
    /// first error returned, then the others in the order they were joined
    /// (Kubernetes' `AggregateGoroutines` when the group is [`new`](Group::new)).
    /// `Ok(())` when no task failed.
    pub async fn wait_all(&mut self) -> Result<(), Aggregate>
    where
        E: Into<BoxError>,
    {
        // TODO: join all, take the first error and the others (`mem::take`), end the
        // round, and build an `Aggregate` of the first followed by the others.
        todo!("join every task and aggregate every error, the first one first")
    }
    // ANCHOR_END: exercise
}
