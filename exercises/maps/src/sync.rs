//! The locks the sharded map is built from: std's normally, loom's under `--cfg loom`, so
//! that loom can explore every interleaving of the same code. (The read-mostly map is
//! left out: loom cannot see inside `arc-swap` and `thread_local`.)

#[cfg(loom)]
pub(crate) use loom::sync::{RwLock, RwLockReadGuard, RwLockWriteGuard};

#[cfg(not(loom))]
pub(crate) use std::sync::{RwLock, RwLockReadGuard, RwLockWriteGuard};
