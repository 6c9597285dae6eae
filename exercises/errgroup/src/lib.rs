//! Chapter errgroup: Go's `errgroup` in Rust. A group of tasks where the first error
//! cancels the rest, and one that collects every error.
//!
//! Given: the thread-side [`CancelSignal`], the async [`Group`]'s type, constructors and
//! `spawn`/`try_spawn`, and the [`GroupToken`] its tasks watch. Yours, step by step:
//! [`thread_group`], `run.rs` (the group's task wrapper and `wait`), `limit.rs`
//! (`set_limit` and the slots), [`aggregate`] and `collect.rs` (`wait_ordered`,
//! `wait_all`). Run `cargo test -p errgroup` to see what is left to do.
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
pub mod cancel_signal;
#[cfg(not(loom))]
mod collect;
#[cfg(not(loom))]
mod group;
#[cfg(not(loom))]
mod limit;
#[cfg(not(loom))]
mod run;
mod sync;
#[cfg(not(loom))]
mod task;
pub mod thread_group;
#[cfg(not(loom))]
mod token;
#[cfg(not(loom))]
mod values;

pub use aggregate::{Aggregate, BoxError};
pub use cancel_signal::CancelSignal;
#[cfg(not(loom))]
pub use group::Group;
pub use thread_group::ThreadGroup;
#[cfg(not(loom))]
pub use token::{CancelCause, GroupToken};
