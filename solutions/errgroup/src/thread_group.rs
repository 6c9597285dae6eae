//! Go's errgroup with threads: a group of scoped threads, a cancellation signal, and
//! the first error.

use std::any::Any;
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

    // ANCHOR: spawn
    /// Runs `task` on a new scoped thread. The task gets the group's signal and should
    /// return early once it is cancelled.
    pub fn spawn<F>(&mut self, task: F)
    where
        F: FnOnce(&CancelSignal) -> Result<(), E> + Send + 'scope,
    {
        self.shared.lock().running += 1;
        let shared = Arc::clone(&self.shared);
        // The handle is dropped at once: the group counts its threads itself, so a
        // finished thread can release its stack without waiting to be joined.
        self.scope.spawn(move || {
            let outcome = panic::catch_unwind(AssertUnwindSafe(|| task(&shared.signal)));
            let mut state = shared.lock();
            let failed = match outcome {
                Ok(Ok(())) => false,
                Ok(Err(error)) => {
                    state.first_error.get_or_insert(error);
                    true
                }
                Err(payload) => {
                    state.first_panic.get_or_insert(payload);
                    true
                }
            };
            state.running -= 1;
            let last = state.running == 0;
            drop(state);
            // The failure is recorded before the signal goes off: a sibling that fails
            // because it saw the signal can never overtake the failure that caused it.
            if failed {
                shared.signal.cancel();
            }
            if last {
                shared.all_done.notify_all();
            }
        });
    }
    // ANCHOR_END: spawn

    // ANCHOR: wait
    /// Waits until every thread has returned, cancels the signal, and returns the first
    /// error. If a thread panicked, resumes that panic (the first one) with its
    /// original payload instead.
    pub fn wait(self) -> Result<(), E> {
        let (first_error, first_panic) = self.shared.finish();
        if let Some(payload) = first_panic {
            panic::resume_unwind(payload);
        }
        first_error.map_or(Ok(()), Err)
    }
    // ANCHOR_END: wait
}

impl<E> Shared<E> {
    fn lock(&self) -> MutexGuard<'_, State<E>> {
        self.state.lock().unwrap_or_else(PoisonError::into_inner)
    }

    // ANCHOR: finish
    /// Waits for every thread, cancels the signal, and takes the outcome.
    fn finish(&self) -> (Option<E>, Option<Box<dyn Any + Send>>) {
        let mut state = self.lock();
        while state.running > 0 {
            state = self
                .all_done
                .wait(state)
                .unwrap_or_else(PoisonError::into_inner);
        }
        let outcome = (state.first_error.take(), state.first_panic.take());
        drop(state);
        self.signal.cancel();
        outcome
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
