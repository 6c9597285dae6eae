//! What suppression buys and what it costs.
//!
//! `cargo bench -p singleflight-solution --bench singleflight`
//!
//! - `herd/threads`: N threads ask for one key at the same moment (a cache miss under
//!   load). The work is a backend call: 1 ms waiting for the reply, then some tens of
//!   microseconds decoding it. Without suppression every caller runs the work; with
//!   the group, one does. Workers are spawned once and released together by
//!   [`testkit::WorkerPool`]; one iteration is one herd. The executions per herd are
//!   printed after each case.
//! - `herd/tasks`: the same with 100 tokio tasks on a current-thread runtime.
//! - `herd/work alone`: one execution of the work, for scale.
//! - `uncontended`: one caller, a trivial work: the group's bookkeeping per call
//!   against calling the work directly, and against the floor under any group (a
//!   locked `HashMap` insert and remove). The async calls are polled by hand, once,
//!   so no runtime is measured.

use std::collections::HashMap;
use std::future::Future;
use std::hint::black_box;
use std::pin::pin;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll, Waker};
use std::thread;
use std::time::{Duration, Instant};

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use singleflight::{tasks, threads};
use testkit::WorkerPool;

/// How long the backend takes to reply.
const ROUND_TRIP: Duration = Duration::from_millis(1);

/// What the caller does with the reply: some tens of microseconds of arithmetic.
fn decode() -> u64 {
    let mut x = 0_u64;
    for i in 0..50_000 {
        x = black_box(x.wrapping_mul(31).wrapping_add(i));
    }
    x
}

/// Executions and herds seen by one case, to print executions per herd.
#[derive(Default)]
struct Tally {
    executions: AtomicU64,
    herds: AtomicU64,
}

impl Tally {
    /// The work a herd asks for, on a thread: a backend call — wait for the reply,
    /// then decode it.
    fn run(&self) -> u64 {
        self.executions.fetch_add(1, Ordering::Relaxed);
        thread::sleep(ROUND_TRIP);
        decode()
    }

    /// The same work in a task.
    async fn run_async(&self) -> u64 {
        self.executions.fetch_add(1, Ordering::Relaxed);
        tokio::time::sleep(ROUND_TRIP).await;
        decode()
    }

    fn report(&self, case: &str) {
        let herds = self.herds.load(Ordering::Relaxed).max(1);
        let executions = self.executions.load(Ordering::Relaxed);
        eprintln!(
            "{case}: {:.2} executions per herd ({executions} in {herds} herds)",
            executions as f64 / herds as f64
        );
    }
}

fn work_alone(c: &mut Criterion) {
    let mut group = c.benchmark_group("herd");
    group.measurement_time(Duration::from_secs(3));
    let tally = Tally::default();
    group.bench_function("work alone", |b| b.iter(|| tally.run()));
    group.finish();
}

fn herd_of_threads(c: &mut Criterion) {
    let cores = thread::available_parallelism().map_or(1, usize::from);
    let mut group = c.benchmark_group("herd/threads");
    group.measurement_time(Duration::from_secs(3));
    group.warm_up_time(Duration::from_millis(500));
    // As many callers as cores, and four times as many: a herd oversubscribes the
    // machine on purpose — that is when suppression matters.
    for callers in [cores, 4 * cores] {
        group.throughput(Throughput::Elements(callers as u64));
        for suppressed in [false, true] {
            let tally = Arc::new(Tally::default());
            let sf = Arc::new(threads::Group::<&str, u64>::new());
            let pool = {
                let (tally, sf) = (tally.clone(), sf.clone());
                WorkerPool::new(callers, move |_, ops| {
                    for _ in 0..ops {
                        let value = if suppressed {
                            sf.work("key", || tally.run()).0
                        } else {
                            tally.run()
                        };
                        black_box(value);
                    }
                })
            };
            let name = if suppressed {
                "singleflight"
            } else {
                "every caller"
            };
            group.bench_function(BenchmarkId::new(name, callers), |b| {
                b.iter_custom(|herds| {
                    tally.herds.fetch_add(herds, Ordering::Relaxed);
                    (0..herds).map(|_| pool.run(callers as u64)).sum()
                });
            });
            tally.report(&format!("herd/threads/{name}/{callers}"));
        }
    }
    group.finish();
}

fn herd_of_tasks(c: &mut Criterion) {
    const CALLERS: usize = 100;
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_time()
        .build()
        .expect("build a current-thread runtime");
    let mut group = c.benchmark_group("herd/tasks");
    group.measurement_time(Duration::from_secs(3));
    group.warm_up_time(Duration::from_millis(500));
    group.throughput(Throughput::Elements(CALLERS as u64));
    for suppressed in [false, true] {
        let tally = Arc::new(Tally::default());
        let sf = Arc::new(tasks::Group::<&str, u64>::new());
        let name = if suppressed {
            "singleflight"
        } else {
            "every caller"
        };
        group.bench_function(BenchmarkId::new(name, CALLERS), |b| {
            b.iter_custom(|herds| {
                tally.herds.fetch_add(herds, Ordering::Relaxed);
                runtime.block_on(async {
                    let start = Instant::now();
                    for _ in 0..herds {
                        let callers: Vec<_> = (0..CALLERS)
                            .map(|_| {
                                let (tally, sf) = (tally.clone(), sf.clone());
                                tokio::spawn(async move {
                                    let work = || async move { tally.run_async().await };
                                    if suppressed {
                                        sf.work("key", work).await.0
                                    } else {
                                        work().await
                                    }
                                })
                            })
                            .collect();
                        for caller in callers {
                            black_box(caller.await.expect("the caller finishes"));
                        }
                    }
                    start.elapsed()
                })
            });
        });
        tally.report(&format!("herd/tasks/{name}/{CALLERS}"));
    }
    group.finish();
}

/// Polls a future that is ready at once, without a runtime.
fn ready<F: Future>(future: F) -> F::Output {
    match pin!(future).poll(&mut Context::from_waker(Waker::noop())) {
        Poll::Ready(value) => value,
        Poll::Pending => unreachable!("the benchmarked calls never wait"),
    }
}

fn uncontended(c: &mut Criterion) {
    let mut group = c.benchmark_group("uncontended");
    group.throughput(Throughput::Elements(1));
    let work = || black_box(42_u64);

    group.bench_function("direct call", |b| b.iter(work));
    // The floor under any group: lock a map, insert the key, unlock; lock, remove, unlock.
    let map = Mutex::new(HashMap::new());
    group.bench_function("Mutex<HashMap> insert + remove", |b| {
        b.iter(|| {
            map.lock().unwrap().insert(black_box("key"), work());
            map.lock().unwrap().remove(black_box("key"))
        })
    });
    let sf = threads::Group::new();
    group.bench_function("threads::Group::work", |b| {
        b.iter(|| sf.work(black_box("key"), work))
    });
    group.bench_function("direct async call", |b| b.iter(|| ready(async { work() })));
    let sf = tasks::Group::new();
    group.bench_function("tasks::Group::work", |b| {
        b.iter(|| ready(sf.work(black_box("key"), || async { work() })))
    });
    group.finish();
}

criterion_group!(
    benches,
    work_alone,
    herd_of_threads,
    herd_of_tasks,
    uncontended
);
criterion_main!(benches);
