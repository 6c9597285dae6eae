//! Chapter 1, the buggy counter: why `counter++` from many threads loses updates, and
//! four ways to count correctly.
//!
//! The buggy counters ([`buggy`]) and the unsound one ([`unsafe_counter`]) are given.
//! The fixes are yours: [`atomic`], [`mutex`], [`sharded`], [`map_reduce`], and the bug
//! hunt in [`bug_hunt`]. Run `cargo test -p counter` to see what is left to do.

pub mod atomic;
pub mod bug_hunt;
pub mod buggy;
pub mod interleaving;
pub mod map_reduce;
pub mod mutex;
pub mod sharded;
mod shared_counter;
mod sync;
pub mod thread_slot;
pub mod unsafe_counter;

pub use shared_counter::Counter;
