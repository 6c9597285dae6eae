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
/// The ratio that matters, measured so that a busy machine cannot skew it. Runs are
/// interleaved in blocks on the same runtime (raw, group, raw, group, …); in each
/// block the fastest run of each side is kept (a run that was descheduled is only
/// slower), and the median of the blocks' ratios is reported.
fn paired_ratio(_: &mut Criterion) {
    const BLOCKS: usize = 40;
    const RUNS: usize = 5;
    type Driver = fn(&Runtime);
    let contenders: [(&str, Driver); 2] = [
        ("Group::new", |runtime| run_on(runtime, group(Group::new()))),
        ("Group::with_cancel", |runtime| {
            run_on(runtime, group(Group::with_cancel()))
        }),
    ];
    let raw: Driver = |runtime| run_on(runtime, raw_join_set());
    for (flavor, runtime) in runtimes() {
        let time = |driver: Driver| {
            let start = Instant::now();
            driver(&runtime);
            start.elapsed().as_secs_f64()
        };
        for (name, grouped) in contenders {
            let (mut fastest_raw, mut fastest_group) = (f64::MAX, f64::MAX);
            let mut ratios: Vec<f64> = (0..BLOCKS)
                .map(|_| {
                    let (mut best_raw, mut best_group) = (f64::MAX, f64::MAX);
                    for _ in 0..RUNS {
                        best_raw = best_raw.min(time(raw));
                        best_group = best_group.min(time(grouped));
                    }
                    fastest_raw = fastest_raw.min(best_raw);
                    fastest_group = fastest_group.min(best_group);
                    best_group / best_raw
                })
                .collect();
            ratios.sort_by(f64::total_cmp);
            let at = |quantile: f64| ratios[((BLOCKS - 1) as f64 * quantile).round() as usize];
            let per_task = |seconds: f64| seconds * 1e9 / TASKS as f64;
            println!(
                "errgroup/paired {flavor}: {name} / raw JoinSet = {:.3}x median \
                 (quartiles {:.3}..{:.3}; {BLOCKS} blocks of {RUNS}+{RUNS} interleaved runs); \
                 fastest runs {:.0} vs {:.0} ns/task",
                at(0.5),
                at(0.25),
                at(0.75),
                per_task(fastest_group),
                per_task(fastest_raw),
            );
        }
    }
}
// ANCHOR_END: paired

criterion_group!(benches, async_groups, thread_groups, paired_ratio);
criterion_main!(benches);
