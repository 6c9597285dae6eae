//! What a task of a [`Group`](crate::Group) sees of its group: a cancellation token to
//! watch, and why it was cancelled. The counterpart of the `ctx` that Go's
//! `errgroup.WithContext` returns, and of `context.Cause(ctx)`.

use std::sync::atomic::{AtomicU8, Ordering};
use std::sync::{Arc, Mutex, PoisonError};

use tokio::task::Id;
use tokio_util::sync::{CancellationToken, WaitForCancellationFuture};

// ANCHOR: cause
/// Why a group's token was cancelled: the Rust counterpart of `context.Cause(ctx)`.
/// The error itself is not kept here: it is moved to the caller of `wait`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CancelCause {
    /// A task returned an error in a group that cancels on error (Go: the cause is that
    /// error).
    Error,
    /// A task panicked; the panic is resumed in the waiter.
    Panic,
    /// `wait` returned (Go: the cause is plain `context.Canceled`).
    Waited,
    /// The group was dropped.
    Dropped,
    /// Someone cancelled the token directly: its parent token, or a call to `cancel()`
    /// on [`GroupToken::token`].
    External,
}
// ANCHOR_END: cause

const NO_CAUSE: u8 = 0;

/// Which task returned the first error of the current round.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum FirstFailure {
    Nobody,
    /// This task did; its error is still in the `JoinSet`.
    Task(Id),
    /// Its error has been joined and is kept by the group.
    Collected,
}

/// State shared by a group, its tasks and their tokens: one allocation per group.
pub(crate) struct Shared {
    pub(crate) token: CancellationToken,
    /// Whether a task's error cancels the token (Go: the group came from
    /// `WithContext`).
    pub(crate) cancel_on_error: bool,
    /// The [`CancelCause`] recorded by the group when it cancelled the token.
    cause: AtomicU8,
    /// "First" means first to *return* an error, which need not be the first error
    /// the waiter joins. Locked only when a task fails.
    first_failure: Mutex<FirstFailure>,
}

impl Shared {
    pub(crate) fn new(token: CancellationToken, cancel_on_error: bool) -> Self {
        Shared {
            token,
            cancel_on_error,
            cause: AtomicU8::new(NO_CAUSE),
            first_failure: Mutex::new(FirstFailure::Nobody),
        }
    }

    /// Cancels the token for `cause`, unless it is already cancelled: the first cause
    /// sticks, as with Go's `context.WithCancelCause`.
    pub(crate) fn cancel(&self, cause: CancelCause) {
        if self.token.is_cancelled() {
            return;
        }
        let recorded = self.cause.compare_exchange(
            NO_CAUSE,
            encode(cause),
            Ordering::AcqRel,
            Ordering::Acquire,
        );
        if recorded.is_ok() {
            self.token.cancel();
        }
    }

    /// Called by task `task` as it returns an error: `true` if it is the first task of
    /// the round to do so.
    pub(crate) fn record_failure(&self, task: Id) -> bool {
        let mut first = self.first_failure();
        let is_first = *first == FirstFailure::Nobody;
        if is_first {
            *first = FirstFailure::Task(task);
        }
        is_first
    }

    /// Called by the waiter as it joins task `task`'s error: `true` if that is the
    /// error the first failing task returned (asked once per joined error).
    pub(crate) fn claim_first_failure(&self, task: Id) -> bool {
        let mut first = self.first_failure();
        let is_first = *first == FirstFailure::Task(task);
        if is_first {
            *first = FirstFailure::Collected;
        }
        is_first
    }

    /// A new round: no task has failed yet.
    pub(crate) fn forget_failures(&self) {
        *self.first_failure() = FirstFailure::Nobody;
    }

    fn first_failure(&self) -> std::sync::MutexGuard<'_, FirstFailure> {
        self.first_failure
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
    }

    pub(crate) fn cause(&self) -> Option<CancelCause> {
        if !self.token.is_cancelled() {
            return None;
        }
        Some(decode(self.cause.load(Ordering::Acquire)))
    }
}

fn encode(cause: CancelCause) -> u8 {
    match cause {
        CancelCause::Error => 1,
        CancelCause::Panic => 2,
        CancelCause::Waited => 3,
        CancelCause::Dropped => 4,
        CancelCause::External => 5,
    }
}

fn decode(cause: u8) -> CancelCause {
    match cause {
        1 => CancelCause::Error,
        2 => CancelCause::Panic,
        3 => CancelCause::Waited,
        4 => CancelCause::Dropped,
        // Cancelled, but not by the group: the parent, or a direct `cancel()`.
        _ => CancelCause::External,
    }
}

// ANCHOR: token
/// A task's view of its group's cancellation, handed to every task the group spawns.
/// Cloning it is one atomic increment. Cancellation is cooperative: a task that never
/// looks at its token runs to the end.
#[derive(Clone)]
pub struct GroupToken {
    pub(crate) shared: Arc<Shared>,
}

impl GroupToken {
    /// Completes when the group is cancelled (use it in `tokio::select!`).
    pub fn cancelled(&self) -> WaitForCancellationFuture<'_> {
        self.shared.token.cancelled()
    }

    /// Whether the group is cancelled.
    pub fn is_cancelled(&self) -> bool {
        self.shared.token.is_cancelled()
    }

    /// Why the group was cancelled, or `None` while it is not.
    pub fn cause(&self) -> Option<CancelCause> {
        self.shared.cause()
    }

    /// The underlying token, for APIs that take a `CancellationToken` (or to derive a
    /// `child_token`). Calling `cancel()` on it cancels the whole group.
    pub fn token(&self) -> &CancellationToken {
        &self.shared.token
    }
}
// ANCHOR_END: token

impl std::fmt::Debug for GroupToken {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("GroupToken")
            .field("cause", &self.cause())
            .finish()
    }
}
