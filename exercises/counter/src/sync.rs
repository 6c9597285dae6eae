//! The synchronisation primitives the counters are built from: std's normally, loom's
//! under `--cfg loom`, so that loom can explore every interleaving of the same code.

#[cfg(loom)]
pub(crate) use loom::sync::Mutex;
#[cfg(loom)]
pub(crate) use loom::sync::atomic::AtomicU64;

#[cfg(not(loom))]
pub(crate) use std::sync::Mutex;
#[cfg(not(loom))]
pub(crate) use std::sync::atomic::AtomicU64;
