//! Chapter: concurrent maps. Go has a builtin map behind a lock and `sync.Map`; in Rust
//! you build both ideas and measure them against the well-known crates.
//!
//! - [`sharded`]: a map split into shards, each a lock around a `HashMap` (the exercise).
//! - [`read_mostly`]: a map whose published keys are read without any lock, for the
//!   grow-only cache that `sync.Map` is made for (the exercise).
//! - [`workload`]: which operation a benchmark worker does next, and on which key (the
//!   exercise), with the small seeded generator in [`rng`].
//!
//! Run `cargo test -p maps` to see what is left to do.

pub mod read_mostly;
pub mod rng;
pub mod sharded;
mod sync;
pub mod workload;

/// The hasher of every map in this chapter, and of every map its benchmark compares:
/// foldhash's fast, randomly seeded hasher. The hasher alone can change a ranking, so a
/// fair comparison gives every contender the same one.
pub type Hasher = foldhash::fast::RandomState;
