//! Chapter errgroup: the worked answers.
//!
//! Modules without anything to solve are included from the exercise crate, so the two
//! crates cannot drift apart; the solved modules live here.
//!
//! ```
//! # tokio::runtime::Builder::new_current_thread().build().unwrap().block_on(async {
//! use errgroup::Group;
//!
//! let mut group = Group::with_cancel();
//! for n in 1..=3_u32 {
//!     group
//!         .spawn(move |_token| async move {
//!             if n == 2 { Err(format!("task {n} failed")) } else { Ok(n * 10) }
//!         })
//!         .await;
//! }
//! assert_eq!(group.wait().await, Err("task 2 failed".to_owned()));
//! # });
//! ```

pub mod aggregate;
#[path = "../../../exercises/errgroup/src/cancel_signal.rs"]
pub mod cancel_signal;
#[cfg(not(loom))]
mod collect;
#[cfg(not(loom))]
#[path = "../../../exercises/errgroup/src/group.rs"]
mod group;
#[cfg(not(loom))]
mod limit;
#[cfg(not(loom))]
mod run;
#[path = "../../../exercises/errgroup/src/sync.rs"]
mod sync;
#[cfg(not(loom))]
#[path = "../../../exercises/errgroup/src/task.rs"]
mod task;
pub mod thread_group;
#[cfg(not(loom))]
#[path = "../../../exercises/errgroup/src/token.rs"]
mod token;
#[cfg(not(loom))]
#[path = "../../../exercises/errgroup/src/values.rs"]
mod values;

pub use aggregate::{Aggregate, BoxError};
pub use cancel_signal::CancelSignal;
#[cfg(not(loom))]
pub use group::Group;
pub use thread_group::ThreadGroup;
#[cfg(not(loom))]
pub use token::{CancelCause, GroupToken};
