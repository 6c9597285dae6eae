//! Go's `ExampleGroup_parallel`: "Google Search 2.0" (web, image and video searches in
//! parallel), with cancellation and the results in the order the searches were started.
//!
//! `cargo run -p errgroup-solution --example parallel_search`

use std::fmt;
use std::time::Duration;

use errgroup::{Group, GroupToken};
use tokio_util::sync::CancellationToken;

#[derive(Debug)]
enum SearchError {
    /// The group was cancelled before this search finished.
    Cancelled,
    Unavailable(&'static str),
}

impl fmt::Display for SearchError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SearchError::Cancelled => f.write_str("search cancelled"),
            SearchError::Unavailable(kind) => write!(f, "{kind} search unavailable"),
        }
    }
}

impl std::error::Error for SearchError {}

/// A fake search backend: answers after `latency`, unless the group is cancelled
/// first. A backend called "broken" always fails.
async fn fake_search(
    token: GroupToken,
    kind: &'static str,
    query: &'static str,
    latency: Duration,
) -> Result<String, SearchError> {
    if kind == "broken" {
        return Err(SearchError::Unavailable(kind));
    }
    tokio::select! {
        () = token.cancelled() => Err(SearchError::Cancelled),
        () = tokio::time::sleep(latency) => Ok(format!("{kind} result for {query:?}")),
    }
}

// ANCHOR: google
/// Runs one search per backend in parallel. The first failure cancels the others;
/// otherwise the results come back in the order of `backends`.
async fn google(
    parent: &CancellationToken,
    query: &'static str,
    backends: &[(&'static str, u64)],
) -> Result<Vec<String>, SearchError> {
    let mut group = Group::with_parent(parent);
    for &(kind, millis) in backends {
        let latency = Duration::from_millis(millis);
        group
            .spawn(move |token| fake_search(token, kind, query, latency))
            .await;
    }
    group.wait_ordered().await
}
// ANCHOR_END: google

#[tokio::main(flavor = "current_thread")]
async fn main() {
    let shutdown = CancellationToken::new();
    let backends = [("web", 30), ("image", 20), ("video", 10)];
    match google(&shutdown, "golang", &backends).await {
        Ok(results) => results.iter().for_each(|result| println!("{result}")),
        Err(error) => eprintln!("{error}"),
    }

    let with_a_broken_backend = [("web", 30), ("broken", 0), ("video", 10)];
    match google(&shutdown, "golang", &with_a_broken_backend).await {
        Ok(results) => println!("unexpected: {results:?}"),
        Err(error) => println!("with a broken backend: {error}"),
    }
}
