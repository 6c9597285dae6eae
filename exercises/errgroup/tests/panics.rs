//! `cargo test -p errgroup --test panics`
//!
//! A panic is a bug, not an error: it must reach whoever waits for the group, with its
//! original payload, and never be swallowed or turned into an `Err`.

mod common;

use std::panic::{self, AssertUnwindSafe};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::thread;

use common::{Failed, within};
use errgroup::{CancelCause, Group, ThreadGroup};
use tokio::runtime::Builder;
use tokio::sync::mpsc;

// ANCHOR: thread_panic
#[test]
fn a_panicking_thread_resumes_its_panic_in_wait() {
    let (payload, released) = testkit::watchdog_default("a panicking thread group", || {
        let released = AtomicUsize::new(0);
        let outcome = panic::catch_unwind(AssertUnwindSafe(|| {
            thread::scope(|scope| {
                let mut group = ThreadGroup::<Failed>::new(scope);
                for _ in 0..3 {
                    group.spawn(|signal| {
                        signal.wait(); // released only if the panic cancels the group
                        released.fetch_add(1, Ordering::Relaxed);
                        Ok(())
                    });
                }
                group.spawn(|_signal| panic!("boom in a thread"));
                group.wait()
            })
        }));
        let payload = match outcome {
            Ok(result) => panic!("wait returned {result:?} instead of panicking"),
            Err(payload) => testkit::panic_message(&*payload),
        };
        (payload, released.into_inner())
    });
    assert_eq!(
        payload, "boom in a thread",
        "the original payload, not a new panic"
    );
    assert_eq!(released, 3, "the panic must cancel the siblings");
}
// ANCHOR_END: thread_panic

// ANCHOR: task_panic
#[tokio::test]
async fn a_panicking_task_cancels_the_group_and_resumes_its_panic_in_the_waiter() {
    let mut group = Group::<(), Failed>::new();
    let (saw_it, mut seen) = mpsc::unbounded_channel();
    for _ in 0..3 {
        let saw_it = saw_it.clone();
        group
            .spawn(|token| async move {
                token.cancelled().await;
                let _ = saw_it.send(token.cause());
                Ok(())
            })
            .await;
    }
    group
        .spawn(|_token| async { panic!("boom in a task") })
        .await;
    // The panic cancels the group at once (even a zero group), before anyone waits.
    for _ in 0..3 {
        let cause = within("a sibling seeing the panic", seen.recv()).await;
        assert_eq!(cause, Some(Some(CancelCause::Panic)));
    }
    // The waiter runs as its own task, so that its panic can be inspected here.
    let waiter = tokio::spawn(async move { group.wait().await });
    let joined = within("the waiter", waiter).await;
    let failure = joined.expect_err("wait must panic, not return");
    assert!(failure.is_panic());
    assert_eq!(
        testkit::panic_message(&*failure.into_panic()),
        "boom in a task"
    );
}
// ANCHOR_END: task_panic

#[tokio::test]
async fn the_panic_does_not_wait_for_slow_siblings() {
    // Go's reverted attempt re-panicked only after every goroutine had returned, so a
    // stuck sibling could hide the panic for ever. Here it comes out at once, and the
    // stuck sibling (which ignores its token) is aborted.
    let mut group = Group::<(), Failed>::new();
    group
        .spawn(|_token| async {
            std::future::pending::<()>().await;
            Ok(())
        })
        .await;
    group.spawn(|_token| async { panic!("boom") }).await;
    let waiter = tokio::spawn(async move { group.wait().await });
    let failure = within("the waiter", waiter).await.unwrap_err();
    assert_eq!(testkit::panic_message(&*failure.into_panic()), "boom");
}

#[tokio::test]
async fn a_group_dropped_without_wait_still_resumes_a_panic() {
    let mut group = Group::<(), Failed>::new();
    let token = group.token();
    group
        .spawn(|_token| async { panic!("nobody waited") })
        .await;
    within("the panic", token.cancelled()).await;
    assert_eq!(token.cause(), Some(CancelCause::Panic));
    let dropped = panic::catch_unwind(AssertUnwindSafe(move || drop(group)));
    let payload = dropped.expect_err("the panic must not vanish with the group");
    assert_eq!(testkit::panic_message(&*payload), "nobody waited");
}

#[test]
fn a_panic_is_never_reported_as_an_error_or_swallowed() {
    testkit::watchdog_default("a reused group after a panic", || {
        let runtime = Builder::new_current_thread().enable_time().build().unwrap();
        let mut group = Group::<(), Failed>::new();
        runtime.block_on(async {
            group
                .spawn(|_token| async { Err(Failed("plain error")) })
                .await;
            group.spawn(|_token| async { panic!("the bug") }).await;
            for _ in 0..3 {
                group
                    .spawn(|_token| async {
                        std::future::pending::<()>().await;
                        Ok(())
                    })
                    .await;
            }
        });
        let outcome = panic::catch_unwind(AssertUnwindSafe(|| runtime.block_on(group.wait())));
        let payload = outcome.expect_err("a panic must not become Ok or Err");
        assert_eq!(testkit::panic_message(&*payload), "the bug");

        // The caller caught it and goes on: the aborted tasks must not come back as a
        // "task was cancelled" panic (tokio#4534), nor the old error as a new one.
        let next = runtime.block_on(async {
            group.spawn(|_token| async { Ok(()) }).await;
            within("the next wait", group.wait()).await
        });
        assert_eq!(next, Ok(()));
    });
}
