//! Go's `SetLimit` and the slots behind `spawn` and `try_spawn`.

use std::sync::Arc;

use tokio::sync::Semaphore;

use crate::group::{Admission, Group, Limit};

impl<T, E> Group<T, E>
where
    T: Send + 'static,
    E: Send + 'static,
{
    // ANCHOR: set_limit
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
        if let (Some(current), Some(_)) = (&self.limit, limit) {
            let active = current.size - current.semaphore.available_permits();
            if active != 0 {
                panic!("errgroup: modify limit while {active} tasks in the group are still active");
            }
        }
        self.limit = limit.map(|size| Limit {
            semaphore: Arc::new(Semaphore::new(size)),
            size,
        });
    }
    // ANCHOR_END: set_limit

    // ANCHOR: slots
    /// Waits until the group may start one more task.
    pub(crate) async fn acquire_slot(&self) -> Admission {
        let Some(limit) = &self.limit else {
            return Admission::Unlimited;
        };
        let permit = Arc::clone(&limit.semaphore)
            .acquire_owned()
            .await
            .expect("the group never closes its semaphore");
        Admission::Slot(permit)
    }

    /// Whether the group may start one more task right now.
    pub(crate) fn try_acquire_slot(&self) -> Admission {
        let Some(limit) = &self.limit else {
            return Admission::Unlimited;
        };
        match Arc::clone(&limit.semaphore).try_acquire_owned() {
            Ok(permit) => Admission::Slot(permit),
            Err(_) => Admission::Refused,
        }
    }
    // ANCHOR_END: slots
}
