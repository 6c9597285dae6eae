//! Chapter: concurrent maps, the worked answers.
//!
//! Modules without anything to solve are included from the exercise crate, so the two
//! crates cannot drift apart; the solved modules live here.

pub mod read_mostly;
#[path = "../../../exercises/maps/src/rng.rs"]
pub mod rng;
pub mod sharded;
#[path = "../../../exercises/maps/src/sync.rs"]
mod sync;
pub mod workload;

/// The hasher of every map in this chapter, and of every map its benchmark compares:
/// foldhash's fast, randomly seeded hasher. The hasher alone can change a ranking, so a
/// fair comparison gives every contender the same one.
pub type Hasher = foldhash::fast::RandomState;
