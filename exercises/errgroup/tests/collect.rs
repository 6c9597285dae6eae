//! `cargo test -p errgroup --test collect`

mod common;

use std::error::Error;
use std::fmt;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use common::{Failed, within};
use errgroup::{BoxError, Group};

/// Go's `fakeSearch`: answers after `delay` (so the searches finish in another order
/// than they were started).
async fn fake_search(kind: &str, query: &str, delay: u64) -> Result<String, Failed> {
    tokio::time::sleep(Duration::from_secs(delay)).await;
    Ok(format!("{kind} result for {query:?}"))
}

// ANCHOR: parallel
#[tokio::test(start_paused = true)]
async fn wait_ordered_returns_the_values_in_spawn_order() {
    // Go's ExampleGroup_parallel; video answers first and web last.
    let mut group = Group::with_cancel();
    for (kind, delay) in [("web", 3), ("image", 2), ("video", 1)] {
        group
            .spawn(move |_token| fake_search(kind, "golang", delay))
            .await;
    }
    let results = within("three searches", group.wait_ordered()).await;
    assert_eq!(
        results.unwrap(),
        [
            "web result for \"golang\"",
            "image result for \"golang\"",
            "video result for \"golang\"",
        ]
    );
}
// ANCHOR_END: parallel

#[tokio::test(start_paused = true)]
async fn wait_ordered_returns_the_first_error_instead_of_values() {
    let mut group = Group::with_cancel();
    group.spawn(|_token| fake_search("web", "x", 1)).await;
    group
        .spawn(|_token| async { Err::<String, _>(Failed("image search failed")) })
        .await;
    let outcome = within("searches", group.wait_ordered()).await;
    assert_eq!(outcome, Err(Failed("image search failed")));
    // The next round starts empty.
    group.spawn(|_token| fake_search("video", "y", 1)).await;
    let next = within("the next round", group.wait_ordered()).await;
    assert_eq!(next.unwrap(), ["video result for \"y\""]);
}

// ANCHOR: wait_all
#[tokio::test(start_paused = true)]
async fn wait_all_returns_every_error_first_one_first_and_lets_every_task_finish() {
    // Kubernetes' AggregateGoroutines: a zero group does not cancel, so every task
    // runs to its end, and every error is reported: the first returned, then the
    // others as they were collected.
    let mut group = Group::new();
    let finished = Arc::new(AtomicUsize::new(0));
    let outcomes = [Ok(()), Err("1"), Ok(()), Err("1234"), Err("22")];
    // The first task spawned is the last to finish.
    for (outcome, delay) in outcomes.into_iter().zip((1..=5).rev()) {
        let finished = Arc::clone(&finished);
        group
            .spawn(move |token| async move {
                tokio::time::sleep(Duration::from_secs(delay)).await;
                assert!(!token.is_cancelled(), "an error cancelled a zero group");
                finished.fetch_add(1, Ordering::Relaxed);
                outcome.map_err(Failed)
            })
            .await;
    }
    let every = within("wait_all", group.wait_all()).await.unwrap_err();
    assert_eq!(
        finished.load(Ordering::Relaxed),
        5,
        "every task runs to its end"
    );
    let messages: Vec<String> = every.errors().iter().map(ToString::to_string).collect();
    assert_eq!(
        messages,
        ["22", "1234", "1"],
        "every error, first returned first"
    );
    assert_eq!(every.to_string(), "[22, 1234, 1]");
}
// ANCHOR_END: wait_all

#[tokio::test]
async fn wait_all_is_ok_when_nothing_failed() {
    let mut group = Group::<(), Failed>::new();
    for _ in 0..3 {
        group.spawn(|_token| async { Ok(()) }).await;
    }
    assert!(within("wait_all", group.wait_all()).await.is_ok());
}

/// What a task returns when it stopped because its group was cancelled.
#[derive(Debug)]
struct Cancelled;

impl fmt::Display for Cancelled {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("cancelled")
    }
}

impl Error for Cancelled {}

// ANCHOR: cause_and_consequences
#[tokio::test]
async fn with_cancel_wait_all_reports_the_cause_and_its_consequences() {
    let mut group = Group::<(), BoxError>::with_cancel();
    for _ in 0..3 {
        group
            .spawn(|token| async move {
                token.cancelled().await;
                Err(Cancelled.into())
            })
            .await;
    }
    group
        .spawn(|_token| async { Err(Failed("disk full").into()) })
        .await;
    let every = within("wait_all", group.wait_all()).await.unwrap_err();
    assert_eq!(
        every.errors().len(),
        4,
        "the cause and its three consequences"
    );
    assert_eq!(every.find::<Failed>(), Some(&Failed("disk full")));
    assert_eq!(
        every.errors()[0].to_string(),
        "disk full",
        "the cause comes first"
    );
    assert_eq!(every.to_string(), "[disk full, cancelled]");

    let cause = every
        .filter_out(|error| error.is::<Cancelled>())
        .expect("the cause is not filtered out")
        .reduce();
    assert_eq!(cause.to_string(), "disk full");
    assert!(cause.downcast_ref::<Failed>().is_some());
}
// ANCHOR_END: cause_and_consequences
