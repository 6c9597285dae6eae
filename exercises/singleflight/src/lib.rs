//! The singleflight chapter: duplicate call suppression, Go's
//! `golang.org/x/sync/singleflight`, with threads and with tokio.
//!
//! Concurrent callers of the same key share one execution of the work: the first runs
//! it, the others wait and get a copy of its value. Nothing is cached: a caller that
//! comes after the work finished runs it again.
//!
//! The groups are yours to finish: [`threads::Group`] (steps 1–3) and
//! [`tasks::Group`] (steps 4–5). Run `cargo test -p singleflight` to see what is left.

// The given helpers (the call types, `Outcome`, `catching_panics`, …) are only used by
// the code you write: until then the compiler would call them dead.
#![allow(dead_code)]

mod outcome;
mod sync;
#[cfg(not(loom))]
pub mod tasks;
pub mod threads;
#[cfg(not(loom))]
mod unwind;
