//! Spawning and waiting: the heart of the async group.

use std::future::Future;
use std::mem;
use std::panic;
use std::pin::Pin;
use std::sync::Arc;
use std::task::{Context, Poll, ready};

use tokio::task::{Id, JoinError, JoinSet};

use crate::group::Group;
use crate::task::{Slot, TaskGuard, Tracked};
use crate::token::{CancelCause, GroupToken};

// ANCHOR: poll
impl<Fut, S, T, E> Future for Tracked<Fut, S>
where
    Fut: Future<Output = Result<T, E>>,
    S: Slot,
{
    type Output = Result<T, E>;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        let this = self.project();
        let result = ready!(this.future.poll(cx));
        let guard = this.guard;
        guard.slot.release();
        if result.is_err() {
            // Record first, cancel second: a sibling woken by the cancellation may
            // fail too, but it cannot become "the first error".
            let shared = &guard.shared;
            if shared.record_failure(tokio::task::id()) && shared.cancel_on_error {
                shared.cancel(CancelCause::Error);
            }
        }
        Poll::Ready(result)
    }
}
// ANCHOR_END: poll

impl<T, E> Group<T, E>
where
    T: Send + 'static,
    E: Send + 'static,
{
    // ANCHOR: start
    /// Starts `task` as a new tokio task that holds `slot` until it ends.
    pub(crate) fn start<F, Fut, S>(&mut self, slot: S, task: F)
    where
        F: FnOnce(GroupToken) -> Fut,
        Fut: Future<Output = Result<T, E>> + Send + 'static,
        S: Slot,
    {
        let future = task(self.token());
        let guard = TaskGuard {
            shared: Arc::clone(&self.shared),
            slot,
        };
        let handle = self.tasks.spawn(Tracked { future, guard });
        self.values.spawned(handle.id());
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
        let first = self.first_error.take();
        self.end_round();
        first.map_or(Ok(()), Err)
    }
    // ANCHOR_END: wait

    // ANCHOR: join_all
    /// Joins every task, storing each value and error in `self` as it arrives (so a
    /// dropped `wait` loses nothing). Resumes the first panic it meets.
    pub(crate) async fn join_all(&mut self) {
        while let Some(joined) = self.tasks.join_next_with_id().await {
            match joined {
                Ok((task, Ok(value))) => self.values.joined(task, value),
                Ok((task, Err(error))) => self.failed(task, error),
                Err(failure) => self.task_failed(failure),
            }
        }
    }

    /// Task `task` returned `error`: keep it apart if it is the first error returned.
    fn failed(&mut self, task: Id, error: E) {
        if self.shared.claim_first_failure(task) {
            self.first_error = Some(error);
        } else {
            self.other_errors.push(error);
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

    /// Every task of the round has been joined: cancel the token as Go's `Wait` does,
    /// and forget the round.
    pub(crate) fn end_round(&mut self) {
        self.shared.cancel(CancelCause::Waited);
        self.values.clear();
        self.first_error = None;
        self.other_errors.clear();
        self.shared.forget_failures();
    }
}
