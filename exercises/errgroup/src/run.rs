//! Step 2. The task wrapper, spawning and waiting: the heart of the async group.

// Until `start` and `wait` are written, the helpers below have no caller.
#![allow(dead_code)]

use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};
#[allow(unused_imports)] // The learner needs these in `start`, `join_all` and `wait`.
use std::{mem, panic, sync::Arc, task::ready};

#[allow(unused_imports)]
use tokio::task::{Id, JoinError, JoinSet};

use crate::group::Group;
#[allow(unused_imports)]
use crate::task::{Slot, TaskGuard, Tracked};
use crate::token::{CancelCause, GroupToken};

// ANCHOR: exercise_poll
impl<Fut, S, T, E> Future for Tracked<Fut, S>
where
    Fut: Future<Output = Result<T, E>>,
    S: Slot,
{
    type Output = Result<T, E>;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        // TODO: `self.project()` gives a pinned `future` and the `guard`. Poll the
        // future; once it is ready, release the slot, and if the result is an error,
        // record it (`shared.record_failure(tokio::task::id())`) and, if it was the
        // first and the group has `cancel_on_error`, cancel with `CancelCause::Error`.
        // Record first, cancel second: why does the order matter?
        let shared = &self.guard.shared;
        let _ = (cx, &self.guard.slot, S::release, shared.cancel_on_error);
        let _ = crate::token::Shared::record_failure;
        todo!("poll the task's future; on its error record the failure, then cancel")
    }
}
// ANCHOR_END: exercise_poll

impl<T, E> Group<T, E>
where
    T: Send + 'static,
    E: Send + 'static,
{
    // ANCHOR: exercise
    /// Starts `task` as a new tokio task that holds `slot` until it ends.
    pub(crate) fn start<F, Fut, S>(&mut self, slot: S, task: F)
    where
        F: FnOnce(GroupToken) -> Fut,
        Fut: Future<Output = Result<T, E>> + Send + 'static,
        S: Slot,
    {
        // TODO: call `task(self.token())` for the future, wrap it in a `Tracked` with a
        // `TaskGuard` (the shared state and `slot`), spawn that in `self.tasks`, and
        // tell `self.values` the new task's id (the `AbortHandle` has it).
        let _ = (slot, task, crate::values::Values::<T>::spawned);
        todo!("wrap the task's future and spawn it in the JoinSet")
    }

    /// Go's `g.Wait()`: waits until every task has returned, cancels the token, and
    /// returns the first error, if any. The error is *moved* to the caller, so a second
    /// `wait` reports only tasks spawned after the first one.
    ///
    /// A panic in a task is resumed here, as soon as that task is joined. Cancel-safe:
    /// if this future is dropped, nothing collected so far is lost.
    pub async fn wait(&mut self) -> Result<(), E> {
        // TODO: join all, take the first error, end the round, return.
        todo!("join every task, then return the first error")
    }

    /// Joins every task, storing each value and error in `self` as it arrives (so a
    /// dropped `wait` loses nothing). Resumes the first panic it meets.
    pub(crate) async fn join_all(&mut self) {
        // TODO: loop on `self.tasks.join_next_with_id()`: a value goes to
        // `self.values.joined`, an error to `failed`, a `JoinError` to `task_failed`.
        let _ = crate::values::Values::<T>::joined;
        todo!("join the tasks one by one and store what each returned")
    }

    /// Task `task` returned `error`: keep it apart if it is the first error returned.
    fn failed(&mut self, task: Id, error: E) {
        // TODO: `self.shared.claim_first_failure(task)` says whether this is the
        // error of the first failing task (`self.first_error`) or another one
        // (`self.other_errors`).
        let _ = (task, error, &mut self.first_error, &mut self.other_errors);
        let _ = crate::token::Shared::claim_first_failure;
        todo!("keep the first error apart from the others")
    }

    /// A task that did not return: it panicked, or it was aborted.
    fn task_failed(&mut self, failure: JoinError) {
        // TODO: a panic (`try_into_panic`) cancels the group with `CancelCause::Panic`,
        // aborts the other tasks (replace `self.tasks` with a new `JoinSet`), ends the
        // round, and resumes the panic with its original payload. An aborted task has
        // nothing to report: ignore it.
        let _ = failure;
        todo!("resume a panic in the waiter; ignore an aborted task")
    }
    // ANCHOR_END: exercise

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
