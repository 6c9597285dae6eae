//! Test and benchmark helpers shared by every chapter: a watchdog so that no concurrency
//! test can hang `cargo test`, a helper that reports a panic's message, and a pool of
//! benchmark workers that are spawned once and started together.
//!
//! ```
//! use std::time::Duration;
//! let sum = testkit::watchdog("adding two numbers", Duration::from_secs(5), || 2 + 2);
//! assert_eq!(sum, 4);
//! ```

mod watchdog;
mod workers;

pub use watchdog::{DEFAULT_BOUND, panic_message, watchdog, watchdog_default};
pub use workers::WorkerPool;
