//! Step 1. Go's errgroup with threads: a group of scoped threads, a cancellation
//! signal, and the first error.

// Until `spawn` and `wait` are written, some fields and the guard have no reader.
#![allow(dead_code)]

use std::sync::{Arc, Mutex};
use std::thread::{self, Scope, ScopedJoinHandle};
#[allow(unused_imports)] // The learner needs these in `spawn` and `wait`.
use std::{mem, panic, sync::PoisonError};

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

    // ANCHOR: exercise
    /// Runs `task` on a new scoped thread. The task gets the group's signal and should
    /// return early once it is cancelled.
    pub fn spawn<F>(&mut self, task: F)
    where
        F: FnOnce(&CancelSignal) -> Result<(), E> + Send + 'scope,
    {
        // TODO: spawn a thread in `self.scope` (keep its handle in `self.threads`) that
        // - holds a `CancelOnPanic` guard on the signal while it runs,
        // - runs `task(&signal)`, and on `Err` keeps the error if it is the first one,
        //   then cancels the signal. In that order: why does it matter?
        let _ = task;
        todo!("spawn a scoped thread that runs the task, keeps the first error, cancels")
    }

    /// Joins every thread, cancels the signal, and returns the first error. If a thread
    /// panicked, resumes that panic (the first in spawn order) with its original
    /// payload instead.
    pub fn wait(self) -> Result<(), E> {
        // TODO: join every handle (`mem::take` them out of `self.threads`), remember the
        // first panic payload, cancel the signal, then either `panic::resume_unwind` the
        // payload or return the first error taken out of `first_error`.
        todo!("join every thread, then resume the first panic or return the first error")
    }
    // ANCHOR_END: exercise
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
