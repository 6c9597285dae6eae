//! What the groups cost on top of what they are built from, for 10 000 tiny tasks:
//! [`Group`] against a raw `JoinSet`, on the same runtime, and [`ThreadGroup`] against
//! a raw `thread::scope`.
//!
//! `cargo bench -p errgroup-solution --bench overhead`. Each measurement spawns 10 000
//! tasks that return at once and waits for all of them; throughput is tasks per second.

use std::convert::Infallible;
use std::hint::black_box;
use std::thread;
use std::time::{Duration, Instant};

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use errgroup::{Group, ThreadGroup};
use tokio::runtime::{Builder, Runtime};
use tokio::task::JoinSet;

const TASKS: usize = 10_000;

/// The work of one task: next to nothing, so that only the machinery is measured.
fn tiny(i: usize) -> Result<(), Infallible> {
    black_box(i);
    Ok(())
}

// ANCHOR: raw
async fn raw_join_set() {
    let mut set = JoinSet::new();
    for i in 0..TASKS {
        set.spawn(async move { tiny(i) });
    }
    while let Some(joined) = set.join_next().await {
        let outcome = joined.expect("no task panics");
        black_box(outcome).expect("no task fails");
    }
}
// ANCHOR_END: raw

// ANCHOR: group
async fn group(mut group: Group<(), Infallible>) {
    for i in 0..TASKS {
        group.spawn(move |_token| async move { tiny(i) }).await;
    }
    black_box(group.wait().await).expect("no task fails");
}
// ANCHOR_END: group

/// Runs `driver` as a task of `runtime`, as an application's own code would be.
fn run_on<F>(runtime: &Runtime, driver: F)
where
    F: Future<Output = ()> + Send + 'static,
{
    runtime
        .block_on(runtime.spawn(driver))
        .expect("the driver does not panic");
}

fn runtimes() -> Vec<(&'static str, Runtime)> {
    let multi = Builder::new_multi_thread()
        .worker_threads(2)
        .build()
        .expect("a multi-thread runtime");
    let current = Builder::new_current_thread()
        .build()
        .expect("a current-thread runtime");
    vec![("multi_thread(2)", multi), ("current_thread", current)]
}

fn async_groups(c: &mut Criterion) {
    let mut bench = c.benchmark_group("errgroup/10k tasks");
    bench.throughput(Throughput::Elements(TASKS as u64));
    bench.measurement_time(Duration::from_secs(3));
    bench.warm_up_time(Duration::from_millis(500));
    for (flavor, runtime) in runtimes() {
        // Interleaved on purpose: raw and group run back to back on one runtime.
        bench.bench_function(BenchmarkId::new("raw JoinSet", flavor), |b| {
            b.iter(|| run_on(&runtime, raw_join_set()));
        });
        bench.bench_function(BenchmarkId::new("Group::new", flavor), |b| {
            b.iter(|| run_on(&runtime, group(Group::new())));
        });
        bench.bench_function(BenchmarkId::new("Group::with_cancel", flavor), |b| {
            b.iter(|| run_on(&runtime, group(Group::with_cancel())));
        });
    }
    bench.finish();
}

fn thread_groups(c: &mut Criterion) {
    let mut bench = c.benchmark_group("errgroup/10k threads");
    bench.throughput(Throughput::Elements(TASKS as u64));
    bench.sample_size(10);
    bench.measurement_time(Duration::from_secs(5));
    bench.warm_up_time(Duration::from_millis(500));
    bench.bench_function("raw thread::scope", |b| {
        b.iter(|| {
            thread::scope(|scope| {
                for i in 0..TASKS {
                    scope.spawn(move || tiny(i));
                }
            })
        });
    });
    bench.bench_function("ThreadGroup", |b| {
        b.iter(|| {
            thread::scope(|scope| {
                let mut group = ThreadGroup::new(scope);
                for i in 0..TASKS {
                    group.spawn(move |_signal| tiny(i));
                }
                black_box(group.wait()).expect("no thread fails");
            })
        });
    });
    bench.finish();
}

// ANCHOR: paired
/// The ratio that matters, measured so that a busy machine cannot skew it: raw and
/// group runs alternate (the order flipping every pair) on the same runtime, and the
/// median of the per-pair ratios is reported.
fn paired_ratio(_: &mut Criterion) {
    const PAIRS: usize = 60;
    for (flavor, runtime) in runtimes() {
        let time = |driver: &dyn Fn(&Runtime)| {
            let start = Instant::now();
            driver(&runtime);
            start.elapsed().as_secs_f64()
        };
        let raw_run = |runtime: &Runtime| run_on(runtime, raw_join_set());
        let group_run = |runtime: &Runtime| run_on(runtime, group(Group::new()));
        for _ in 0..5 {
            time(&raw_run);
            time(&group_run);
        }
        let mut ratios: Vec<f64> = (0..PAIRS)
            .map(|pair| {
                let (raw, grouped) = if pair % 2 == 0 {
                    let raw = time(&raw_run);
                    (raw, time(&group_run))
                } else {
                    let grouped = time(&group_run);
                    (time(&raw_run), grouped)
                };
                grouped / raw
            })
            .collect();
        ratios.sort_by(f64::total_cmp);
        let at = |quantile: f64| ratios[((PAIRS - 1) as f64 * quantile).round() as usize];
        println!(
            "errgroup/paired {flavor}: Group::new / raw JoinSet = {:.3}x median \
             (quartiles {:.3}..{:.3}, {PAIRS} pairs of 10k tasks)",
            at(0.5),
            at(0.25),
            at(0.75),
        );
    }
}
// ANCHOR_END: paired

criterion_group!(benches, async_groups, thread_groups, paired_ratio);
criterion_main!(benches);
