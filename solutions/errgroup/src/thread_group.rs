//! Go's errgroup with threads: a group of scoped threads, a cancellation signal, and
//! the first error.

use std::mem;
use std::panic;
use std::sync::{Arc, Mutex, PoisonError};
use std::thread::{self, Scope, ScopedJoinHandle};

use crate::cancel_signal::CancelSignal;

// ANCHOR: group
/// Threads spawned in a [`thread::scope`] that work on parts of one job. The first
/// error (first to be *returned*) is kept and cancels the group's [`CancelSignal`];
/// later errors are dropped. [`wait`](Self::wait) joins every thread and returns the
/// first error; a panic in a thread is resumed in the caller of `wait`.
pub struct ThreadGroup<'scope, 'env, E> {
    scope: &'scope Scope<'scope, 'env>,
    shared: Arc<Shared<E>>,
    threads: Vec<ScopedJoinHandle<'scope, ()>>,
}

struct Shared<E> {
    signal: CancelSignal,
    first_error: Mutex<Option<E>>,
}
// ANCHOR_END: group

impl<'scope, 'env, E: Send + 'scope> ThreadGroup<'scope, 'env, E> {
    /// An empty group whose threads will run in `scope`.
    pub fn new(scope: &'scope Scope<'scope, 'env>) -> Self {
        ThreadGroup {
            scope,
            shared: Arc::new(Shared {
                signal: CancelSignal::new(),
                first_error: Mutex::new(None),
            }),
            threads: Vec::new(),
        }
    }

    /// The group's signal: cancelled at the first error, at a panic, and when `wait`
    /// returns.
    pub fn signal(&self) -> CancelSignal {
        self.shared.signal.clone()
    }

    // ANCHOR: spawn
    /// Runs `task` on a new scoped thread. The task gets the group's signal and should
    /// return early once it is cancelled.
    pub fn spawn<F>(&mut self, task: F)
    where
        F: FnOnce(&CancelSignal) -> Result<(), E> + Send + 'scope,
    {
        let shared = Arc::clone(&self.shared);
        let thread = self.scope.spawn(move || {
            let _cancel_on_panic = CancelOnPanic(&shared.signal);
            if let Err(error) = task(&shared.signal) {
                let mut first = shared
                    .first_error
                    .lock()
                    .unwrap_or_else(PoisonError::into_inner);
                if first.is_none() {
                    *first = Some(error);
                }
                drop(first);
                // Keep the error first, cancel second: a sibling that fails because it
                // saw the signal can never overtake the error that caused it.
                shared.signal.cancel();
            }
        });
        self.threads.push(thread);
    }
    // ANCHOR_END: spawn

    // ANCHOR: wait
    /// Joins every thread, cancels the signal, and returns the first error. If a thread
    /// panicked, resumes that panic (the first in spawn order) with its original
    /// payload instead.
    pub fn wait(mut self) -> Result<(), E> {
        let mut first_panic = None;
        for thread in mem::take(&mut self.threads) {
            if let Err(payload) = thread.join() {
                first_panic.get_or_insert(payload);
            }
        }
        self.shared.signal.cancel();
        if let Some(payload) = first_panic {
            panic::resume_unwind(payload);
        }
        let first = self
            .shared
            .first_error
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .take();
        first.map_or(Ok(()), Err)
    }
    // ANCHOR_END: wait
}

/// Cancels the signal if the thread is unwinding from a panic.
struct CancelOnPanic<'a>(&'a CancelSignal);

impl Drop for CancelOnPanic<'_> {
    fn drop(&mut self) {
        if thread::panicking() {
            self.0.cancel();
        }
    }
}

impl<E> Drop for ThreadGroup<'_, '_, E> {
    /// A group dropped without `wait` still stops its threads: the scope joins them.
    fn drop(&mut self) {
        self.shared.signal.cancel();
    }
}
