//! Chapter 1, the buggy counter: the worked answers.
//!
//! Modules without anything to solve are included from the exercise crate, so the two
//! crates cannot drift apart; the solved modules live here.

pub mod atomic;
pub mod bug_hunt;
#[path = "../../../exercises/counter/src/buggy.rs"]
pub mod buggy;
#[path = "../../../exercises/counter/src/interleaving.rs"]
pub mod interleaving;
pub mod map_reduce;
pub mod mutex;
pub mod sharded;
#[path = "../../../exercises/counter/src/shared_counter.rs"]
mod shared_counter;
#[path = "../../../exercises/counter/src/sync.rs"]
mod sync;
#[path = "../../../exercises/counter/src/thread_slot.rs"]
pub mod thread_slot;
#[path = "../../../exercises/counter/src/unsafe_counter.rs"]
pub mod unsafe_counter;

pub use shared_counter::Counter;
