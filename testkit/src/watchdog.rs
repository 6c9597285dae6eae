use std::any::Any;
use std::panic;
use std::sync::mpsc;
use std::thread;
use std::time::Duration;

/// The bound used by [`watchdog_default`]: generous for a debug build on a busy 2-core
/// machine, short enough that a deadlock is reported long before anyone gives up.
pub const DEFAULT_BOUND: Duration = Duration::from_secs(20);

/// Runs `body` on its own thread and returns its result, failing the calling test with
/// "probable deadlock: `what` …" if it has not finished within `bound`.
///
/// A panic inside `body` (a failed assertion, a `todo!()`) is resumed on the calling
/// thread, so the test fails with the original message. A body that times out is left
/// running: the test process ends when the test harness exits.
pub fn watchdog<T, F>(what: &str, bound: Duration, body: F) -> T
where
    T: Send + 'static,
    F: FnOnce() -> T + Send + 'static,
{
    let (done_tx, done_rx) = mpsc::channel();
    let worker = thread::Builder::new()
        .name(format!("watched: {what}"))
        .spawn(move || {
            let outcome = panic::catch_unwind(panic::AssertUnwindSafe(body));
            let _ = done_tx.send(outcome);
        })
        .expect("spawn the watched thread");
    match done_rx.recv_timeout(bound) {
        Ok(Ok(value)) => {
            let _ = worker.join();
            value
        }
        Ok(Err(payload)) => {
            let _ = worker.join();
            panic::resume_unwind(payload)
        }
        Err(_) => panic!(
            "probable deadlock: {what} did not finish within {} s",
            bound.as_secs_f64()
        ),
    }
}

/// [`watchdog`] with the [`DEFAULT_BOUND`].
pub fn watchdog_default<T, F>(what: &str, body: F) -> T
where
    T: Send + 'static,
    F: FnOnce() -> T + Send + 'static,
{
    watchdog(what, DEFAULT_BOUND, body)
}

/// The message carried by a panic payload (`&str` or `String`), or a placeholder for
/// payloads of other types. Useful for asserting *which* panic a waiter received.
pub fn panic_message(payload: &(dyn Any + Send)) -> String {
    if let Some(text) = payload.downcast_ref::<&str>() {
        (*text).to_owned()
    } else if let Some(text) = payload.downcast_ref::<String>() {
        text.clone()
    } else {
        "<a panic payload that is not a string>".to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn returns_the_value_of_a_finishing_body() {
        assert_eq!(watchdog("a quick body", Duration::from_secs(5), || 7), 7);
    }

    #[test]
    fn resumes_the_panic_of_the_body() {
        let outcome = panic::catch_unwind(|| {
            watchdog("a panicking body", Duration::from_secs(5), || -> () {
                panic!("the original message")
            })
        });
        let payload = outcome.expect_err("the panic must reach the caller");
        assert_eq!(panic_message(&*payload), "the original message");
    }

    #[test]
    fn reports_a_probable_deadlock_after_the_bound() {
        let (_keep_open, never) = mpsc::channel::<()>();
        let outcome = panic::catch_unwind(move || {
            watchdog("a stuck body", Duration::from_millis(50), move || {
                let _ = never.recv();
            })
        });
        let payload = outcome.expect_err("a stuck body must fail the test");
        let message = panic_message(&*payload);
        assert!(
            message.starts_with("probable deadlock: a stuck body"),
            "{message}"
        );
    }
}
