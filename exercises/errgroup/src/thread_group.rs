//! Step 1. Go's errgroup with threads: a group of scoped threads, a cancellation
//! signal, and the first error.

// Until `spawn`, `wait` and `finish` are written, most fields have no reader.
#![allow(dead_code)]

use std::any::Any;
#[allow(unused_imports)] // The learner needs these to catch a thread's panic.
use std::panic::{self, AssertUnwindSafe};
use std::sync::{Arc, Condvar, Mutex, MutexGuard, PoisonError};
use std::thread::{self, Scope};

use crate::cancel_signal::CancelSignal;

// ANCHOR: group
/// Threads spawned in a [`thread::scope`] that work on parts of one job. The first
/// error (first to be *returned*) is kept and cancels the group's [`CancelSignal`];
/// later errors are dropped. [`wait`](Self::wait) waits for every thread and returns
/// the first error; a panic in a thread is resumed in the caller of `wait`.
pub struct ThreadGroup<'scope, 'env, E> {
    scope: &'scope Scope<'scope, 'env>,
    shared: Arc<Shared<E>>,
}

struct Shared<E> {
    signal: CancelSignal,
    state: Mutex<State<E>>,
    /// Notified when `running` drops to zero.
    all_done: Condvar,
}

/// Go's `errgroup.Group` is a `sync.WaitGroup` plus a `sync.Once` for the error: here
/// both live under one lock.
struct State<E> {
    running: usize,
    first_error: Option<E>,
    first_panic: Option<Box<dyn Any + Send>>,
}
// ANCHOR_END: group

impl<'scope, 'env, E: Send + 'scope> ThreadGroup<'scope, 'env, E> {
    /// An empty group whose threads will run in `scope`.
    pub fn new(scope: &'scope Scope<'scope, 'env>) -> Self {
        let state = State {
            running: 0,
            first_error: None,
            first_panic: None,
        };
        ThreadGroup {
            scope,
            shared: Arc::new(Shared {
                signal: CancelSignal::new(),
                state: Mutex::new(state),
                all_done: Condvar::new(),
            }),
        }
    }

    /// The group's signal: cancelled at the first error, at a panic, and when `wait`
    /// returns.
    pub fn signal(&self) -> CancelSignal {
        self.shared.signal.clone()
    }

    // ANCHOR: exercise
    /// Runs `task` on a new scoped thread. The task gets the group's signal and should
    /// return early once it is cancelled.
    pub fn spawn<F>(&mut self, task: F)
    where
        F: FnOnce(&CancelSignal) -> Result<(), E> + Send + 'scope,
    {
        // TODO: count the thread as running (`self.shared.lock()`), then spawn it in
        // `self.scope` (no need to keep the handle). The thread:
        // - runs `task(&signal)` inside `panic::catch_unwind(AssertUnwindSafe(…))`;
        // - under the lock, keeps the error or the panic payload if it is the first,
        //   and counts itself out;
        // - after the lock, cancels the signal if it failed, and if it was the last one
        //   running, notifies `all_done`.
        // Keep the failure first, cancel second: why does the order matter?
        let _ = task;
        todo!("spawn a scoped thread that runs the task and records how it ended")
    }

    /// Waits until every thread has returned, cancels the signal, and returns the first
    /// error. If a thread panicked, resumes that panic (the first one) with its
    /// original payload instead.
    pub fn wait(self) -> Result<(), E> {
        // TODO: `self.shared.finish()` gives the outcome; a panic payload is resumed
        // with `panic::resume_unwind`, never turned into an error.
        todo!("wait for every thread, then resume the first panic or return the first error")
    }
    // ANCHOR_END: exercise
}

impl<E> Shared<E> {
    fn lock(&self) -> MutexGuard<'_, State<E>> {
        self.state.lock().unwrap_or_else(PoisonError::into_inner)
    }

    // ANCHOR: finish
    /// Waits for every thread, cancels the signal, and takes the outcome.
    fn finish(&self) -> (Option<E>, Option<Box<dyn Any + Send>>) {
        // TODO: under the lock, wait on `all_done` while threads are running (Go's
        // `WaitGroup.Wait`); take the first error and panic; cancel the signal.
        todo!("wait until no thread is running, then take the outcome")
    }
    // ANCHOR_END: finish
}

impl<E> Drop for ThreadGroup<'_, '_, E> {
    /// A group dropped without `wait` cancels its threads and waits for them; a panic
    /// of one of them is still resumed, as `thread::scope` does. While this thread is
    /// already unwinding it only cancels: the scope waits for the threads anyway.
    fn drop(&mut self) {
        self.shared.signal.cancel();
        if thread::panicking() {
            return;
        }
        if let (_, Some(payload)) = self.shared.finish() {
            panic::resume_unwind(payload);
        }
    }
}
