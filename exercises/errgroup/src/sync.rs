//! The primitives [`CancelSignal`](crate::cancel_signal::CancelSignal) is built from:
//! std's normally, loom's under `--cfg loom`, so that loom can explore every
//! interleaving of the same code.

#[cfg(loom)]
pub(crate) use loom::sync::atomic::AtomicBool;
#[cfg(loom)]
pub(crate) use loom::sync::{Arc, Condvar, Mutex, MutexGuard};

#[cfg(not(loom))]
pub(crate) use std::sync::atomic::AtomicBool;
#[cfg(not(loom))]
pub(crate) use std::sync::{Arc, Condvar, Mutex, MutexGuard};
