//! A cooperative cancellation signal for threads: the thread-world counterpart of a
//! `context.Context`'s `Done()` channel, or of tokio-util's `CancellationToken`.

use std::sync::PoisonError;
use std::sync::atomic::Ordering;
use std::time::Duration;

use crate::sync::{Arc, AtomicBool, Condvar, Mutex, MutexGuard};

// ANCHOR: signal
/// A flag that goes from "running" to "cancelled" once and never back. Clones share
/// the flag. Cancelling never stops a thread: each thread checks
/// [`is_cancelled`](Self::is_cancelled) between steps, or blocks in
/// [`wait`](Self::wait) / [`wait_timeout`](Self::wait_timeout) until it is cancelled.
#[derive(Clone)]
pub struct CancelSignal {
    inner: Arc<Inner>,
}

struct Inner {
    /// A copy of `cancelled` that can be read without the lock.
    fast: AtomicBool,
    /// The truth; the lock is what makes "check, then sleep" race-free with `cancel`.
    cancelled: Mutex<bool>,
    woken: Condvar,
}

impl CancelSignal {
    /// A signal that is not cancelled yet.
    pub fn new() -> Self {
        let inner = Inner {
            fast: AtomicBool::new(false),
            cancelled: Mutex::new(false),
            woken: Condvar::new(),
        };
        CancelSignal {
            inner: Arc::new(inner),
        }
    }

    /// Cancels the signal and wakes every thread blocked in `wait`. Returns `true` for
    /// the call that actually cancelled it, `false` if it was already cancelled.
    pub fn cancel(&self) -> bool {
        let mut cancelled = self.lock();
        if *cancelled {
            return false;
        }
        *cancelled = true;
        self.inner.fast.store(true, Ordering::Release);
        // Notify while holding the lock: a waiter is either before its check (it will
        // see `true`) or already asleep on the condvar (it gets this wake-up).
        self.inner.woken.notify_all();
        true
    }

    /// Whether the signal has been cancelled. Cheap: one atomic load.
    pub fn is_cancelled(&self) -> bool {
        self.inner.fast.load(Ordering::Acquire)
    }

    /// Blocks the calling thread until the signal is cancelled.
    pub fn wait(&self) {
        let mut cancelled = self.lock();
        while !*cancelled {
            cancelled = self
                .inner
                .woken
                .wait(cancelled)
                .unwrap_or_else(PoisonError::into_inner);
        }
    }

    /// Blocks for at most `timeout`; returns whether the signal is cancelled. Use it to
    /// pace a loop that must also stop promptly when cancelled.
    pub fn wait_timeout(&self, timeout: Duration) -> bool {
        let cancelled = self.lock();
        if *cancelled {
            return true;
        }
        let (cancelled, _) = self
            .inner
            .woken
            .wait_timeout(cancelled, timeout)
            .unwrap_or_else(PoisonError::into_inner);
        *cancelled
    }

    fn lock(&self) -> MutexGuard<'_, bool> {
        self.inner
            .cancelled
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
    }
}
// ANCHOR_END: signal

impl Default for CancelSignal {
    fn default() -> Self {
        Self::new()
    }
}

impl std::fmt::Debug for CancelSignal {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("CancelSignal")
            .field("cancelled", &self.is_cancelled())
            .finish()
    }
}
