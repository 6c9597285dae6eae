//! Beyond Go's `Wait`: the values in spawn order, and every error.

use std::mem;

use crate::aggregate::{Aggregate, BoxError};
use crate::group::Group;

impl<T, E> Group<T, E>
where
    T: Send + 'static,
    E: Send + 'static,
{
    // ANCHOR: wait_ordered
    /// Like [`wait`](Group::wait), but on success returns every task's value in the
    /// order the tasks were spawned (Go's parallel example writes `results[i]`).
    pub async fn wait_ordered(&mut self) -> Result<Vec<T>, E> {
        self.join_all().await;
        let outcome = match self.first_error.take() {
            Some(error) => Err(error),
            None => Ok(self.values.take_in_spawn_order()),
        };
        self.end_round();
        outcome
    }
    // ANCHOR_END: wait_ordered

    // ANCHOR: wait_all
    /// Like [`wait`](Group::wait), but returns *every* error as one [`Aggregate`]: the
    /// first error returned, then the others in the order they were joined
    /// (Kubernetes' `AggregateGoroutines` when the group is [`new`](Group::new)).
    /// `Ok(())` when no task failed.
    pub async fn wait_all(&mut self) -> Result<(), Aggregate>
    where
        E: Into<BoxError>,
    {
        self.join_all().await;
        let first = self.first_error.take();
        let others = mem::take(&mut self.other_errors);
        self.end_round();
        match Aggregate::from_errors(first.into_iter().chain(others)) {
            Some(every) => Err(every),
            None => Ok(()),
        }
    }
    // ANCHOR_END: wait_all
}
