//! Step 3. Go's `SetLimit` and the slots behind `spawn` and `try_spawn`.

#[allow(unused_imports)] // The learner needs these to build and use the semaphore.
use std::sync::Arc;
#[allow(unused_imports)]
use tokio::sync::Semaphore;

#[allow(unused_imports)]
use crate::group::{Admission, Group, Limit};

impl<T, E> Group<T, E>
where
    T: Send + 'static,
    E: Send + 'static,
{
    // ANCHOR: exercise
    /// Go's `g.SetLimit(n)`: at most `limit` tasks of this group may be active at once;
    /// `None` removes the limit. A limit of `Some(0)` makes `spawn` wait forever and
    /// `try_spawn` always fail.
    ///
    /// # Panics
    ///
    /// Like Go, if a limit is set while tasks still hold slots of the current limit:
    /// "errgroup: modify limit while N tasks in the group are still active". Removing
    /// the limit is always allowed.
    pub fn set_limit(&mut self, limit: Option<usize>) {
        // TODO: if a new limit is set while the current one has slots taken (its size
        // minus its semaphore's available permits), panic with Go's message. Then store
        // a `Limit` with a fresh semaphore of `size` permits, or `None`.
        let _ = limit;
        todo!("check no slot is taken, then install a semaphore with `limit` permits")
    }

    /// Waits until the group may start one more task.
    pub(crate) async fn acquire_slot(&self) -> Admission {
        let Some(limit) = &self.limit else {
            return Admission::Unlimited;
        };
        // TODO: wait for an owned permit of the limit's semaphore: `Admission::Slot`.
        let _ = (&limit.semaphore, limit.size, Admission::Slot);
        todo!("acquire an owned permit (Semaphore::acquire_owned) for the task's slot")
    }

    /// Whether the group may start one more task right now.
    pub(crate) fn try_acquire_slot(&self) -> Admission {
        let Some(limit) = &self.limit else {
            return Admission::Unlimited;
        };
        // TODO: take an owned permit only if one is free right now; `Refused` if not.
        let _ = (limit, Admission::Refused);
        todo!("try to take an owned permit (Semaphore::try_acquire_owned) without waiting")
    }
    // ANCHOR_END: exercise
}
