//! Step 2. Spawning and waiting: the heart of the async group.

// Until `start` and `wait` are written, the helpers below have no caller.
#![allow(dead_code)]

use std::future::Future;
use std::sync::Arc;
use std::thread;
#[allow(unused_imports)] // The learner needs these in `start`, `join_all` and `wait`.
use std::{mem, panic, sync::atomic::Ordering};

use tokio::task::JoinError;
#[allow(unused_imports)] // The learner needs a fresh `JoinSet` after a panic.
use tokio::task::JoinSet;

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
    // ANCHOR: exercise
    /// Starts `task` as a new tokio task that holds `slot` until it ends.
    pub(crate) fn start<F, Fut>(&mut self, slot: Slot, task: F)
    where
        F: FnOnce(GroupToken) -> Fut,
        Fut: Future<Output = Result<T, E>> + Send + 'static,
    {
        // TODO:
        // - the task's index is `self.values.len()`; push a `None` for its value;
        // - build a `TaskGuard` with the shared state and `slot`;
        // - call `task(self.token())` to get the future;
        // - spawn, in `self.tasks`, an async block that owns the guard, awaits the
        //   future, and on `Err` records the failure (`Shared::record_failure`) and, if
        //   it was the first and `cancel_on_error` is set, cancels with
        //   `CancelCause::Error`; it drops the guard and yields `(index, result)`.
        let _ = (
            slot,
            task,
            Shared::record_failure,
            self.shared.cancel_on_error,
        );
        todo!("spawn the task in the JoinSet, wrapped so that an error cancels the group")
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
        // TODO: loop on `self.tasks.join_next()`: store values in `self.values[index]`,
        // errors in `self.errors`, and hand a `JoinError` to `task_failed`.
        let _ = (&mut self.values, &mut self.errors);
        todo!("join the tasks one by one and store what each returned")
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

    /// Takes the error of the task that failed first in this round.
    pub(crate) fn take_first_error(&mut self) -> Option<E> {
        // TODO: find the error whose index is `self.shared.first_failure` and remove it
        // from `self.errors`.
        todo!("take the error of the task recorded as the first failure")
    }
    // ANCHOR_END: exercise

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
