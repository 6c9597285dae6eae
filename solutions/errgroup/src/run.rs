//! Spawning and waiting: the heart of the async group.

use std::future::Future;
use std::mem;
use std::panic;
use std::sync::Arc;
use std::sync::atomic::Ordering;
use std::thread;

use tokio::task::{JoinError, JoinSet};

use crate::group::{Group, Slot};
use crate::token::{CancelCause, GroupToken, NO_FAILURE, Shared};

// ANCHOR: guard
/// Lives inside a task for as long as the task runs. Dropping it gives the task's slot
/// back; if the task is being dropped by a panic, it cancels the group first.
struct TaskGuard {
    shared: Arc<Shared>,
    _slot: Slot,
}

impl Drop for TaskGuard {
    fn drop(&mut self) {
        if thread::panicking() {
            self.shared.cancel(CancelCause::Panic);
        }
    }
}
// ANCHOR_END: guard

impl<T, E> Group<T, E>
where
    T: Send + 'static,
    E: Send + 'static,
{
    // ANCHOR: start
    /// Starts `task` as a new tokio task that holds `slot` until it ends.
    pub(crate) fn start<F, Fut>(&mut self, slot: Slot, task: F)
    where
        F: FnOnce(GroupToken) -> Fut,
        Fut: Future<Output = Result<T, E>> + Send + 'static,
    {
        let index = self.values.len();
        self.values.push(None);
        let guard = TaskGuard {
            shared: Arc::clone(&self.shared),
            _slot: slot,
        };
        let future = task(self.token());
        self.tasks.spawn(async move {
            let result = future.await;
            if result.is_err() {
                // Record first, cancel second: a sibling woken by the cancellation
                // may fail too, but it cannot become "the first error".
                let shared = &guard.shared;
                if shared.record_failure(index) && shared.cancel_on_error {
                    shared.cancel(CancelCause::Error);
                }
            }
            drop(guard); // the slot is free before the result is even collected
            (index, result)
        });
    }
    // ANCHOR_END: start

    // ANCHOR: wait
    /// Go's `g.Wait()`: waits until every task has returned, cancels the token, and
    /// returns the first error, if any. The error is *moved* to the caller, so a second
    /// `wait` reports only tasks spawned after the first one.
    ///
    /// A panic in a task is resumed here, as soon as that task is joined. Cancel-safe:
    /// if this future is dropped, nothing collected so far is lost.
    pub async fn wait(&mut self) -> Result<(), E> {
        self.join_all().await;
        let first = self.take_first_error();
        self.end_round();
        first.map_or(Ok(()), Err)
    }
    // ANCHOR_END: wait

    // ANCHOR: join_all
    /// Joins every task, storing each value and error in `self` as it arrives (so a
    /// dropped `wait` loses nothing). Resumes the first panic it meets.
    pub(crate) async fn join_all(&mut self) {
        while let Some(joined) = self.tasks.join_next().await {
            match joined {
                Ok((index, Ok(value))) => self.values[index] = Some(value),
                Ok((index, Err(error))) => self.errors.push((index, error)),
                Err(failure) => self.task_failed(failure),
            }
        }
    }

    /// A task that did not return: it panicked, or it was aborted.
    fn task_failed(&mut self, failure: JoinError) {
        if let Ok(payload) = failure.try_into_panic() {
            self.shared.cancel(CancelCause::Panic);
            // Abort the rest now, and start the next round clean if the caller
            // catches the panic and keeps using the group.
            drop(mem::replace(&mut self.tasks, JoinSet::new()));
            self.end_round();
            panic::resume_unwind(payload);
        }
        // Aborted (the runtime is shutting down): there is no result to report, and
        // "task was cancelled" is not the caller's panic (tokio#4534).
    }
    // ANCHOR_END: join_all

    /// Takes the error of the task that failed first in this round.
    pub(crate) fn take_first_error(&mut self) -> Option<E> {
        let first = self.shared.first_failure.load(Ordering::Acquire);
        let position = self
            .errors
            .iter()
            .position(|(index, _)| *index == first)
            .or(if self.errors.is_empty() {
                None
            } else {
                Some(0)
            })?;
        Some(self.errors.swap_remove(position).1)
    }

    /// Every task of the round has been joined: cancel the token as Go's `Wait` does,
    /// and start the next round from index 0.
    pub(crate) fn end_round(&mut self) {
        self.shared.cancel(CancelCause::Waited);
        self.values.clear();
        self.errors.clear();
        self.shared
            .first_failure
            .store(NO_FAILURE, Ordering::Release);
    }
}
