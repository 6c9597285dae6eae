//! Catching a panic raised while a future is being created or polled.

use std::future::{Future, poll_fn};
use std::panic::{self, AssertUnwindSafe};
use std::pin::pin;
use std::task::Poll;
use std::thread;

// ANCHOR: catching_panics
/// Creates the future with `make` and drives it to completion, returning `Err(payload)`
/// instead of unwinding if `make` or any poll of the future panics: the async
/// counterpart of [`std::panic::catch_unwind`]. Dropping the returned future drops the
/// work: that is cancellation, not a panic.
pub(crate) async fn catching_panics<F, Fut>(make: F) -> thread::Result<Fut::Output>
where
    F: FnOnce() -> Fut,
    Fut: Future,
{
    let work = panic::catch_unwind(AssertUnwindSafe(make))?;
    let mut work = pin!(work);
    poll_fn(
        |cx| match panic::catch_unwind(AssertUnwindSafe(|| work.as_mut().poll(cx))) {
            Ok(Poll::Pending) => Poll::Pending,
            Ok(Poll::Ready(value)) => Poll::Ready(Ok(value)),
            Err(payload) => Poll::Ready(Err(payload)),
        },
    )
    .await
}
// ANCHOR_END: catching_panics
