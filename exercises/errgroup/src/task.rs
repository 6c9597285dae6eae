//! What the group wraps around each task's future: the shared state it reports to,
//! and the slot it holds while it runs.

use std::sync::Arc;
use std::thread;

use pin_project_lite::pin_project;
use tokio::sync::OwnedSemaphorePermit;

use crate::token::{CancelCause, Shared};

// ANCHOR: tracked
pin_project! {
    /// A task of a group: the future the task's closure returned, and what the group
    /// needs while it runs. Kept as small as possible: a tokio task stores its future
    /// inline, and a few bytes more can double the size of every task.
    pub(crate) struct Tracked<Fut, S> {
        #[pin]
        pub(crate) future: Fut,
        pub(crate) guard: TaskGuard<S>,
    }
}

/// Lives as long as its task. Gives the slot back when told (or when dropped); if the
/// task is dropped by a panic, cancels the group first.
pub(crate) struct TaskGuard<S> {
    pub(crate) shared: Arc<Shared>,
    pub(crate) slot: S,
}

impl<S> Drop for TaskGuard<S> {
    fn drop(&mut self) {
        if thread::panicking() {
            self.shared.cancel(CancelCause::Panic);
        }
    }
}
// ANCHOR_END: tracked

// ANCHOR: slot
/// What a task holds while it is active: nothing in a group without a limit (so the
/// task is no bigger than it must be), a semaphore permit otherwise.
pub(crate) trait Slot: Send + 'static {
    /// Frees the slot for another task.
    fn release(&mut self);
}

impl Slot for () {
    fn release(&mut self) {}
}

impl Slot for Option<OwnedSemaphorePermit> {
    fn release(&mut self) {
        self.take();
    }
}
// ANCHOR_END: slot
