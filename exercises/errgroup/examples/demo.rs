//! The live demo of the errgroup chapter: seven shards of one job run in a group, a
//! chunk at a time, and shard 4 finds a bad chunk.
//!
//! - In a `Group::with_cancel()`, that error cancels the group's token. Every shard still
//!   at work sees it before its next chunk and stops early, and `wait` returns the first
//!   error once every shard has returned: the shards' "cancelled" errors are dropped.
//! - The same job in a `Group::new()`, collected with `wait_all`, cancels nothing: every
//!   shard runs to its end, shard 6 finds its own bad chunk, and `wait_all` returns
//!   every error, the first one first.
//!
//! What the chart shows is what the group did: each shard reports how it ended through a
//! channel just before it returns, and the failures are numbered as they happen. The
//! pauses only pace the chunks so that the timeline is readable.
//!
//! `cargo workbook demo errgroup` runs it against the solution, in release, and draws
//! the shards as a timeline. Run directly, it prints the records it sends the chart:
//! `cargo run --release -p errgroup-solution --example demo`.

use std::fmt;
use std::process::ExitCode;
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::sync::{Arc, mpsc};
use std::time::{Duration, Instant};

use errgroup::{CancelCause, Group, GroupToken};

/// One shard of the job: how many chunks it has, how long each takes to process, and
/// which one turns out to be bad, if any.
struct Shard {
    chunks: u32,
    chunk_ms: u64,
    bad_chunk: Option<u32>,
}

/// The job: chunks, milliseconds per chunk, the bad chunk. Shard 4 fails first; shard 6
/// would fail later, if it got that far.
const SHARDS: [Shard; 7] = [
    Shard::new(9, 225, None),
    Shard::new(3, 195, None),
    Shard::new(10, 180, None),
    Shard::new(8, 210, Some(4)),
    Shard::new(12, 165, None),
    Shard::new(10, 195, Some(8)),
    Shard::new(7, 270, None),
];

impl Shard {
    const fn new(chunks: u32, chunk_ms: u64, bad_chunk: Option<u32>) -> Shard {
        Shard {
            chunks,
            chunk_ms,
            bad_chunk,
        }
    }
}

/// What a shard returns when it fails.
#[derive(Debug)]
enum ShardError {
    BadChunk { shard: usize, chunk: u32 },
    Cancelled { shard: usize, after: u32 },
}

impl fmt::Display for ShardError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ShardError::BadChunk { shard, chunk } => write!(f, "shard {shard}: bad chunk {chunk}"),
            ShardError::Cancelled { shard, after } => {
                write!(f, "shard {shard}: cancelled after {after} chunks")
            }
        }
    }
}

impl std::error::Error for ShardError {}

/// How a shard ended, as it reports it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Ending {
    Done,
    /// `order`: 1 for the first shard of the run to fail, 2 for the next, …
    Failed {
        chunk: u32,
        order: usize,
    },
    /// It saw the token cancelled before chunk `after + 1`.
    Cancelled {
        after: u32,
        cause: Option<CancelCause>,
    },
}

struct Report {
    shard: usize,
    started_ms: f64,
    ended_ms: f64,
    ending: Ending,
}

/// The progress bar's count, over both runs.
struct Progress {
    done: AtomicU64,
    total: u64,
}

/// What the shards of one run share.
struct Run {
    /// The lanes' prefix: the method that waits.
    name: &'static str,
    start: Instant,
    failures: AtomicUsize,
    reports: mpsc::Sender<Report>,
    progress: Arc<Progress>,
}

impl Run {
    fn ms(&self) -> f64 {
        self.start.elapsed().as_secs_f64() * 1e3
    }

    /// Counts `chunks` chunks as done (or as skipped, for a shard that stopped early).
    fn advance(&self, chunks: u32, what: &str) {
        let done = self
            .progress
            .done
            .fetch_add(u64::from(chunks), Ordering::Relaxed);
        let done = done + u64::from(chunks);
        println!(
            "@progress\t{done}\t{}\t{}: {what}",
            self.progress.total, self.name
        );
    }
}

/// Works through one shard's chunks. Cancellation is cooperative: the shard checks the
/// token before each chunk, as a Go function checks `ctx.Err()` in its loop.
async fn process(run: &Run, token: &GroupToken, number: usize) -> Ending {
    let shard = &SHARDS[number - 1];
    for chunk in 1..=shard.chunks {
        if token.is_cancelled() {
            let after = chunk - 1;
            run.advance(shard.chunks - after, &format!("shard {number} stops"));
            return Ending::Cancelled {
                after,
                cause: token.cause(),
            };
        }
        tokio::time::sleep(Duration::from_millis(shard.chunk_ms)).await;
        run.advance(
            1,
            &format!("shard {number}, chunk {chunk}/{}", shard.chunks),
        );
        if shard.bad_chunk == Some(chunk) {
            run.advance(shard.chunks - chunk, &format!("shard {number} fails"));
            let order = run.failures.fetch_add(1, Ordering::SeqCst) + 1;
            return Ending::Failed { chunk, order };
        }
    }
    Ending::Done
}

/// One task of the group: processes its shard, reports how it ended, and returns that.
async fn shard_task(run: Arc<Run>, token: GroupToken, shard: usize) -> Result<(), ShardError> {
    let started_ms = run.ms();
    let ending = process(&run, &token, shard).await;
    let report = Report {
        shard,
        started_ms,
        ended_ms: run.ms(),
        ending,
    };
    run.reports.send(report).expect("main keeps the receiver");
    match ending {
        Ending::Done => Ok(()),
        Ending::Failed { chunk, .. } => Err(ShardError::BadChunk { shard, chunk }),
        Ending::Cancelled { after, .. } => Err(ShardError::Cancelled { shard, after }),
    }
}

/// Spawns one task per shard into `group`, then waits with `wait`, the async closure
/// given. Returns what it returned, when (ms into the run), the shards' reports as they
/// stood at that moment, and why the group's token was cancelled.
async fn run_job<R>(
    name: &'static str,
    mut group: Group<(), ShardError>,
    progress: &Arc<Progress>,
    wait: impl AsyncFnOnce(&mut Group<(), ShardError>) -> R,
) -> (R, f64, Vec<Report>, Option<CancelCause>) {
    let (reports, received) = mpsc::channel();
    let run = Arc::new(Run {
        name,
        start: Instant::now(),
        failures: AtomicUsize::new(0),
        reports,
        progress: Arc::clone(progress),
    });
    for shard in 1..=SHARDS.len() {
        let run = Arc::clone(&run);
        group
            .spawn(move |token| shard_task(run, token, shard))
            .await;
    }
    let returned = wait(&mut group).await;
    let returned_ms = run.ms();
    let mut reports: Vec<Report> = received.try_iter().collect();
    reports.sort_by_key(|r| r.shard);
    (returned, returned_ms, reports, group.cancel_cause())
}

/// The timeline records of one run: a lane per shard, and one for the waiting method.
fn draw(name: &str, reports: &[Report], returned_ms: f64, returned: &str) {
    for report in reports {
        let lane = format!("{name}: shard {}", report.shard);
        let chunks = SHARDS[report.shard - 1].chunks;
        let (symbol, label) = match report.ending {
            Ending::Done => ('✓', format!("done, {chunks} chunks")),
            Ending::Failed { chunk, .. } => ('✗', format!("bad chunk {chunk}")),
            Ending::Cancelled { after, .. } => ('⊘', format!("stopped after {after} of {chunks}")),
        };
        println!(
            "@span\t{lane}\t{:.1}\t{:.1}\t{symbol} {label}",
            report.started_ms, report.ended_ms
        );
        println!("@mark\t{lane}\t{:.1}\t{symbol}", report.ended_ms);
    }
    let lane = format!("{name}()");
    println!("@span\t{lane}\t0\t{returned_ms:.1}\t→ {returned}");
    println!("@mark\t{lane}\t{returned_ms:.1}\t●");
}

/// The errors of the shards that failed, in the order they failed.
fn failures_in_order(reports: &[Report]) -> Vec<String> {
    let mut failed: Vec<(usize, String)> = reports
        .iter()
        .filter_map(|r| match r.ending {
            Ending::Failed { chunk, order } => Some((
                order,
                ShardError::BadChunk {
                    shard: r.shard,
                    chunk,
                }
                .to_string(),
            )),
            _ => None,
        })
        .collect();
    failed.sort();
    failed.into_iter().map(|(_, error)| error).collect()
}

/// `CancelCause::Error`, or "not cancelled".
fn named(cause: Option<CancelCause>) -> String {
    cause.map_or("not cancelled".to_owned(), |c| {
        format!("CancelCause::{c:?}")
    })
}

fn count(reports: &[Report], matches: impl Fn(&Ending) -> bool) -> usize {
    reports.iter().filter(|r| matches(&r.ending)).count()
}

#[tokio::main(flavor = "current_thread")]
async fn main() -> ExitCode {
    let shards = SHARDS.len();
    let total = 2 * SHARDS.iter().map(|s| u64::from(s.chunks)).sum::<u64>();
    let progress = Arc::new(Progress {
        done: AtomicU64::new(0),
        total,
    });
    let mut problems = Vec::new();
    let is_cancelled = |e: &Ending| matches!(e, Ending::Cancelled { .. });
    let is_done = |e: &Ending| *e == Ending::Done;

    // Run 1: Go's errgroup.WithContext, and Wait.
    println!("run 1: Group::with_cancel(), {shards} shards, then wait()");
    let (returned, returned_ms, reports, cause) =
        run_job("wait", Group::with_cancel(), &progress, async |g| {
            g.wait().await
        })
        .await;
    let first = failures_in_order(&reports).into_iter().next();
    let shown = match &returned {
        Ok(()) => "Ok(())".to_owned(),
        Err(error) => format!("Err({error})"),
    };
    let cancelled = count(&reports, is_cancelled);
    println!(
        "  wait() → {shown} after {returned_ms:.0} ms, {} of {shards} shards returned",
        reports.len()
    );
    println!("  the token: cancelled by that error ({})", named(cause));
    println!(
        "  {cancelled} shards saw it before their next chunk and stopped (⊘), {} had finished \
         (✓);\n  the {cancelled} \"cancelled\" errors they returned were dropped",
        count(&reports, is_done)
    );
    draw("wait", &reports, returned_ms, &shown);
    if reports.len() != shards {
        problems.push(format!(
            "wait returned when {} of {shards} shards had",
            reports.len()
        ));
    }
    if returned.as_ref().err().map(ToString::to_string) != first {
        problems.push(format!(
            "wait returned {shown}, not the first error, {first:?}"
        ));
    }
    if cause != Some(CancelCause::Error) || cancelled == 0 {
        problems.push(format!(
            "the first error did not cancel the others ({cause:?})"
        ));
    }
    for report in &reports {
        if let Ending::Cancelled { cause: seen, .. } = report.ending
            && seen != Some(CancelCause::Error)
        {
            problems.push(format!("shard {} saw the cause {seen:?}", report.shard));
        }
    }

    // Run 2: the same job, every error (Kubernetes' AggregateGoroutines).
    println!("run 2: Group::new(), the same {shards} shards, then wait_all()");
    let (returned, returned_ms, reports, cause) =
        run_job("wait_all", Group::new(), &progress, async |g| {
            g.wait_all().await
        })
        .await;
    let every = failures_in_order(&reports);
    let (shown, got) = match &returned {
        Ok(()) => ("Ok(())".to_owned(), Vec::new()),
        Err(aggregate) => (
            format!("Err({aggregate})"),
            aggregate.errors().iter().map(ToString::to_string).collect(),
        ),
    };
    println!(
        "  wait_all() → {shown} after {returned_ms:.0} ms: {} errors, the first one first",
        got.len()
    );
    println!(
        "  the token: cancelled only as wait_all returned ({})",
        named(cause)
    );
    println!(
        "  nothing stopped early: {} of {shards} shards finished (✓), {} failed (✗)",
        count(&reports, is_done),
        every.len()
    );
    draw("wait_all", &reports, returned_ms, &shown);
    if reports.len() != shards {
        problems.push(format!(
            "wait_all returned when {} of {shards} shards had",
            reports.len()
        ));
    }
    if got != every || every.len() < 2 {
        problems.push(format!(
            "wait_all returned {got:?}, not every error, {every:?}"
        ));
    }
    if cause != Some(CancelCause::Waited) || count(&reports, is_cancelled) > 0 {
        problems.push(format!("Group::new() cancelled on error ({cause:?})"));
    }

    // The title comes last, so that it can give the counts.
    println!(
        "@title\terrgroup: {shards} shards, shard 4 hits a bad chunk → wait() returns 1 error \
         and {cancelled} shards stop early; wait_all() on Group::new() returns {} errors \
         (✗ failed · ⊘ cancelled · ✓ done · ● wait returns)",
        got.len()
    );
    if !problems.is_empty() {
        eprintln!("errgroup did not keep its promise: {}", problems.join("; "));
        return ExitCode::FAILURE;
    }
    ExitCode::SUCCESS
}
