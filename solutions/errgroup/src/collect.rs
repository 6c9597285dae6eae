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
        if let Some(error) = self.take_first_error() {
            self.end_round();
            return Err(error);
        }
        let values = mem::take(&mut self.values);
        self.end_round();
        Ok(values
            .into_iter()
            .map(|value| value.expect("every task of the round was joined"))
            .collect())
    }
    // ANCHOR_END: wait_ordered

    // ANCHOR: wait_all
    /// Like [`wait`](Group::wait), but returns *every* error, in spawn order, as one
    /// [`Aggregate`] (Kubernetes' `AggregateGoroutines` when the group is
    /// [`new`](Group::new)). `Ok(())` when no task failed.
    pub async fn wait_all(&mut self) -> Result<(), Aggregate>
    where
        E: Into<BoxError>,
    {
        self.join_all().await;
        let mut errors = mem::take(&mut self.errors);
        self.end_round();
        errors.sort_unstable_by_key(|(index, _)| *index);
        match Aggregate::from_errors(errors.into_iter().map(|(_, error)| error)) {
            Some(aggregate) => Err(aggregate),
            None => Ok(()),
        }
    }
    // ANCHOR_END: wait_all
}
