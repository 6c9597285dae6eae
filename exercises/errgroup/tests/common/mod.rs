//! Helpers shared by the chapter's tests: a small error type, and a bound on every
//! `.await` that could hang.

#![allow(dead_code)] // Each test file uses the part it needs.

use std::error::Error;
use std::fmt;
use std::future::Future;
use std::time::Duration;

/// An error with a name, so tests can tell which task's error came back.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Failed(pub &'static str);

impl fmt::Display for Failed {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.0)
    }
}

impl Error for Failed {}

/// The bound for awaiting something that could hang. On a paused clock (tests with
/// `start_paused = true`) it elapses as soon as every task is stuck, so a deadlock is
/// reported at once instead of after ten real seconds.
pub const BOUND: Duration = Duration::from_secs(10);

/// Awaits `future`, failing the test with "probable deadlock: `what`" after [`BOUND`].
pub async fn within<F: Future>(what: &str, future: F) -> F::Output {
    match tokio::time::timeout(BOUND, future).await {
        Ok(output) => output,
        Err(_) => panic!(
            "probable deadlock: {what} did not finish within {} s",
            BOUND.as_secs()
        ),
    }
}
