//! Runtimes for the async tests, each under a watchdog.

use std::borrow::Borrow;
use std::future::Future;
use std::time::Duration;

use tokio::runtime::Builder;
use tokio::task::JoinHandle;

// ANCHOR: run_paused
/// Runs `test` on a current-thread runtime whose clock is paused. Two guards: when
/// every task is stuck, the paused clock jumps straight to the timeout, so a deadlock
/// fails at once; a task that spins forever trips testkit's watchdog instead.
pub fn run_paused<F, Fut>(what: &'static str, test: F)
where
    F: FnOnce() -> Fut + Send + 'static,
    Fut: Future<Output = ()>,
{
    testkit::watchdog_default(what, move || {
        let runtime = Builder::new_current_thread()
            .enable_time()
            .start_paused(true)
            .build()
            .expect("build a current-thread runtime");
        runtime.block_on(async move {
            tokio::time::timeout(Duration::from_secs(3600), test())
                .await
                .unwrap_or_else(|_| panic!("probable deadlock: {what}: every task is stuck"));
        });
    });
}
// ANCHOR_END: run_paused

/// Runs `test` on a runtime with two worker threads, so that callers really race.
pub fn run_on_two_workers<F, Fut>(what: &'static str, test: F)
where
    F: FnOnce() -> Fut + Send + 'static,
    Fut: Future<Output = ()>,
{
    testkit::watchdog_default(what, move || {
        let runtime = Builder::new_multi_thread()
            .worker_threads(2)
            .build()
            .expect("build a multi-thread runtime");
        runtime.block_on(test());
    });
}

/// Yields to the other tasks until `condition` holds. Never decides anything by
/// itself: the watchdog turns a condition that never comes true into a failure.
pub async fn until(mut condition: impl FnMut() -> bool) {
    while !condition() {
        tokio::task::yield_now().await;
    }
}

/// [`until`], for a condition that must come true while every one of `callers` is
/// still running: if one ends first (a `todo!()` panic, say) the test fails at once.
pub async fn until_while_running<T, H: Borrow<JoinHandle<T>>>(
    callers: &[H],
    mut condition: impl FnMut() -> bool,
) {
    while !condition() {
        assert!(
            !callers.iter().any(|caller| caller.borrow().is_finished()),
            "a caller ended too early (its panic message, if any, is above)"
        );
        tokio::task::yield_now().await;
    }
}

/// The result of a task, with its panic resumed here if it panicked.
pub async fn join<T>(task: JoinHandle<T>) -> T {
    match task.await {
        Ok(value) => value,
        Err(error) if error.is_panic() => std::panic::resume_unwind(error.into_panic()),
        Err(error) => panic!("the task was cancelled: {error}"),
    }
}

/// The async starting shot: every task that [`wait`](Shot::wait)s is held until
/// somebody [`fire`](Shot::fire)s.
#[derive(Default)]
pub struct Shot {
    fired: tokio::sync::watch::Sender<bool>,
}

impl Shot {
    pub fn fire(&self) {
        self.fired.send_replace(true);
    }

    pub async fn wait(&self) {
        let mut fired = self.fired.subscribe();
        let _ = fired.wait_for(|fired| *fired).await;
    }
}
