//! Throughput of every map on every workload, from one thread up to every core.
//!
//! `cargo bench -p maps-solution --bench maps` (a few minutes on 2 cores). A group per
//! workload (`maps/<workload>`), a benchmark per map and thread count; throughput is
//! operations per second across all threads. For a one-minute table instead, run
//! `cargo run --release -p maps-solution --example quick`.

mod harness;

use std::time::Duration;

use criterion::measurement::WallTime;
use criterion::{
    BenchmarkGroup, BenchmarkId, Criterion, Throughput, criterion_group, criterion_main,
};
use harness::{Contender, Runner, Visit, cores, for_each_contender};
use maps::workload::Workload;

/// Adds one benchmark per contender to a workload's group, at one thread count.
struct AddToGroup<'a, 'c> {
    group: &'a mut BenchmarkGroup<'c, WallTime>,
    workload: Workload,
    threads: usize,
}

impl Visit for AddToGroup<'_, '_> {
    fn visit<M: Contender>(&mut self) {
        let mut runner = Runner::<M>::new(self.workload, self.threads);
        let id = BenchmarkId::new(M::NAME, self.threads);
        self.group
            .bench_function(id, |b| b.iter_custom(|ops| runner.run(ops)));
    }
}

/// Leaves the machine's description beside criterion's results, for the charts' titles
/// (`target/criterion/maps-machine.txt`; `cargo workbook charts maps` reads it).
fn record_machine() {
    let target = std::path::Path::new(env!("CARGO_TARGET_TMPDIR"))
        .parent()
        .expect("the tmp dir is inside the target dir")
        .join("criterion");
    if std::fs::create_dir_all(&target).is_ok() {
        let _ = std::fs::write(target.join("maps-machine.txt"), harness::machine());
    }
}

fn workloads(c: &mut Criterion) {
    record_machine();
    for workload in Workload::ALL {
        let mut group = c.benchmark_group(format!("maps/{}", workload.name()));
        group.throughput(Throughput::Elements(1));
        group.sample_size(10);
        group.warm_up_time(Duration::from_millis(500));
        group.measurement_time(Duration::from_secs(1));
        for threads in 1..=cores() {
            for_each_contender(&mut AddToGroup {
                group: &mut group,
                workload,
                threads,
            });
        }
        group.finish();
    }
}

criterion_group!(benches, workloads);
criterion_main!(benches);
