//! The async group: Go's `errgroup.Group` on tokio. This file is given; the parts you
//! write are in `run.rs` (the task wrapper, spawning and waiting), `limit.rs` and
//! `collect.rs`.

use std::future::Future;
use std::sync::Arc;
use std::{panic, thread};

use tokio::sync::{OwnedSemaphorePermit, Semaphore};
use tokio::task::JoinSet;
use tokio_util::sync::CancellationToken;

use crate::token::{CancelCause, GroupToken, Shared};
use crate::values::Values;

// ANCHOR: group
/// A set of tokio tasks working on parts of one job. Each task returns
/// `Result<T, E>`; [`wait`](Group::wait) waits for all of them and returns the first
/// error (first to *return* one), or `Ok(())`.
///
/// Every task gets a [`GroupToken`]. The group cancels it when `wait` returns, when the
/// group is dropped (which also aborts the tasks still running), when a task panics,
/// and, for a group made by [`with_cancel`](Group::with_cancel) or
/// [`with_parent`](Group::with_parent), at the first error.
pub struct Group<T: 'static, E: 'static> {
    /// The running tasks, and the finished ones not yet joined.
    pub(crate) tasks: JoinSet<Result<T, E>>,
    pub(crate) shared: Arc<Shared>,
    /// `None`: no limit on the number of active tasks.
    pub(crate) limit: Option<Limit>,
    /// The values joined in this round (since the last `wait`).
    pub(crate) values: Values<T>,
    /// The error of the task that failed first in this round, once joined.
    pub(crate) first_error: Option<E>,
    /// Every other error joined in this round, in the order they were joined.
    pub(crate) other_errors: Vec<E>,
}

/// At most `size` tasks may be active: each holds one of the semaphore's permits.
pub(crate) struct Limit {
    pub(crate) semaphore: Arc<Semaphore>,
    pub(crate) size: usize,
}

/// Whether the group lets one more task start.
pub(crate) enum Admission {
    /// The group has no limit.
    Unlimited,
    /// A slot of the limit, held by the task until it ends.
    Slot(OwnedSemaphorePermit),
    /// The limit is reached (only from `try_acquire_slot`).
    Refused,
}
// ANCHOR_END: group

impl<T, E> Group<T, E>
where
    T: Send + 'static,
    E: Send + 'static,
{
    // ANCHOR: constructors
    /// Go's zero `Group`: no limit, and an error does not cancel the other tasks.
    pub fn new() -> Self {
        Self::build(CancellationToken::new(), false)
    }

    /// Go's `errgroup.WithContext(context.Background())`: the first error cancels
    /// the group's token.
    pub fn with_cancel() -> Self {
        Self::build(CancellationToken::new(), true)
    }

    /// Go's `errgroup.WithContext(ctx)`: like [`with_cancel`](Self::with_cancel), and
    /// the group's token is a child of `parent`, so cancelling `parent` cancels it.
    pub fn with_parent(parent: &CancellationToken) -> Self {
        Self::build(parent.child_token(), true)
    }
    // ANCHOR_END: constructors

    fn build(token: CancellationToken, cancel_on_error: bool) -> Self {
        Group {
            tasks: JoinSet::new(),
            shared: Arc::new(Shared::new(token, cancel_on_error)),
            limit: None,
            values: Values::new(),
            first_error: None,
            other_errors: Vec::new(),
        }
    }

    /// The token the group's tasks get: watch it, or ask it why it was cancelled.
    pub fn token(&self) -> GroupToken {
        GroupToken {
            shared: Arc::clone(&self.shared),
        }
    }

    /// Why the group's token was cancelled, or `None` while it is not. Go:
    /// `context.Cause(ctx)`.
    pub fn cancel_cause(&self) -> Option<CancelCause> {
        self.shared.cause()
    }

    /// The number of tasks spawned and not yet collected by a `wait`.
    pub fn len(&self) -> usize {
        self.tasks.len()
    }

    /// Whether no task is waiting to be collected.
    pub fn is_empty(&self) -> bool {
        self.tasks.is_empty()
    }

    // ANCHOR: spawn
    /// Go's `g.Go(f)`: calls `task` with the group's token and runs the future it
    /// returns as a new tokio task. With a limit set, first waits until fewer than
    /// `limit` tasks are active (so with a limit of 0 it waits forever). Cancel-safe:
    /// dropped while waiting, it starts nothing.
    pub async fn spawn<F, Fut>(&mut self, task: F)
    where
        F: FnOnce(GroupToken) -> Fut,
        Fut: Future<Output = Result<T, E>> + Send + 'static,
    {
        let admission = self.acquire_slot().await;
        self.admit(admission, task);
    }

    /// Go's `g.TryGo(f)`: starts `task` only if a slot is free right now. Returns
    /// whether it was started; never waits.
    pub fn try_spawn<F, Fut>(&mut self, task: F) -> bool
    where
        F: FnOnce(GroupToken) -> Fut,
        Fut: Future<Output = Result<T, E>> + Send + 'static,
    {
        let admission = self.try_acquire_slot();
        self.admit(admission, task)
    }

    fn admit<F, Fut>(&mut self, admission: Admission, task: F) -> bool
    where
        F: FnOnce(GroupToken) -> Fut,
        Fut: Future<Output = Result<T, E>> + Send + 'static,
    {
        match admission {
            // No slot to carry: the task stays as small as possible.
            Admission::Unlimited => self.start((), task),
            Admission::Slot(permit) => self.start(Some(permit), task),
            Admission::Refused => return false,
        }
        true
    }
    // ANCHOR_END: spawn
}

impl<T, E> Default for Group<T, E>
where
    T: Send + 'static,
    E: Send + 'static,
{
    fn default() -> Self {
        Self::new()
    }
}

// ANCHOR: drop
impl<T: 'static, E: 'static> Drop for Group<T, E> {
    /// Cancels the token; dropping the `JoinSet` right after aborts every task still
    /// running, at its next `.await`. A panic of a task that already ended is resumed
    /// here rather than lost (unless this thread is unwinding already), as
    /// `thread::scope` does.
    fn drop(&mut self) {
        self.shared.cancel(CancelCause::Dropped);
        if thread::panicking() {
            return;
        }
        while let Some(joined) = self.tasks.try_join_next() {
            if let Err(failure) = joined
                && let Ok(payload) = failure.try_into_panic()
            {
                panic::resume_unwind(payload);
            }
        }
    }
}
// ANCHOR_END: drop
