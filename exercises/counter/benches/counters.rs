//! Counting throughput of each fix, from one thread up to every core.
//!
//! `cargo bench -p counter-solution --bench counters` (or `cargo workbook bench counter`).
//! Workers are spawned once per measurement and released together by
//! [`testkit::WorkerPool`]; throughput is increments per second across all threads.

use std::hint::black_box;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::thread;
use std::time::Duration;

use counter::Counter;
use counter::atomic::AtomicCounter;
use counter::mutex::MutexCounter;
use counter::sharded::ShardedCounter;
use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use testkit::WorkerPool;

/// Slots next to each other in one array: one cache line shared by every thread, the
/// false sharing that `CachePadded` in [`ShardedCounter`] prevents.
struct UnpaddedSlots(Box<[AtomicU64]>);

/// What a worker does with its share of increments.
type Work = Box<dyn Fn(usize, u64) + Send + Sync>;

fn shared<C: Counter + Send + 'static>(counter: C) -> Work {
    let counter = Arc::new(counter);
    Box::new(move |_, ops| {
        for _ in 0..ops {
            counter.increment();
        }
        black_box(counter.get());
    })
}

fn contenders(threads: usize) -> Vec<(&'static str, Work)> {
    let sharded = Arc::new(ShardedCounter::new(threads));
    let total = Arc::new(AtomicU64::new(0));
    let unpadded = Arc::new(UnpaddedSlots(
        (0..threads).map(|_| AtomicU64::new(0)).collect(),
    ));
    vec![
        ("mutex", shared(MutexCounter::default())),
        ("atomic fetch_add", shared(AtomicCounter::default())),
        (
            "sharded, unpadded",
            Box::new(move |worker, ops| {
                for _ in 0..ops {
                    unpadded.0[worker].fetch_add(1, Ordering::Relaxed);
                }
            }),
        ),
        (
            "sharded, padded",
            Box::new(move |worker, ops| {
                for _ in 0..ops {
                    sharded.increment_shard(worker);
                }
            }),
        ),
        (
            "local + reduce",
            Box::new(move |_, ops| {
                let mut local = 0_u64;
                for _ in 0..ops {
                    local = black_box(local + 1);
                }
                total.fetch_add(local, Ordering::Relaxed);
            }),
        ),
    ]
}

fn increments(c: &mut Criterion) {
    let cores = thread::available_parallelism().map_or(1, usize::from);
    let mut group = c.benchmark_group("counter/increment");
    group.throughput(Throughput::Elements(1));
    group.measurement_time(Duration::from_secs(2));
    group.warm_up_time(Duration::from_millis(500));
    for threads in 1..=cores {
        for (name, work) in contenders(threads) {
            let pool = WorkerPool::new(threads, work);
            group.bench_function(BenchmarkId::new(name, threads), |b| {
                b.iter_custom(|iters| pool.run(iters));
            });
        }
    }
    group.finish();
}

criterion_group!(benches, increments);
criterion_main!(benches);
