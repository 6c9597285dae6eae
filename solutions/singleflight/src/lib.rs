//! The singleflight chapter: the worked answers.
//!
//! Modules without anything to solve are included from the exercise crate, so the two
//! crates cannot drift apart; the solved modules live here.

#[path = "../../../exercises/singleflight/src/outcome.rs"]
mod outcome;
#[path = "../../../exercises/singleflight/src/sync.rs"]
mod sync;
#[cfg(not(loom))]
pub mod tasks;
pub mod threads;
#[cfg(not(loom))]
#[path = "../../../exercises/singleflight/src/unwind.rs"]
mod unwind;
