//! The live demo of the maps chapter: the quick benchmark, cut down to two workloads at
//! the largest thread count, as a bar chart of each map's throughput. ReadHeavy and
//! Exchange are on the same scale: the sharded map level with `dashmap`, and the
//! read-mostly map collapsing as soon as published keys change.
//!
//! `cargo workbook demo maps` runs it against the solution, in release, and draws the
//! chart. Run directly, it prints the records it sends the chart:
//! `cargo run --release -p maps-solution --example demo` (options: `--threads N`,
//! `--millis M` of measuring per map and workload, default 500).

#[path = "../benches/harness/mod.rs"]
mod harness;
#[path = "../benches/harness/turns.rs"]
mod turns;

use std::time::Duration;

use harness::{cores, machine};
use maps::workload::Workload;
use turns::{measure, number};

/// The workloads shown, in the order of the chapter's tables.
const WORKLOADS: [Workload; 2] = [Workload::ReadHeavy, Workload::Exchange];

fn main() {
    let threads = number("--threads").map_or_else(cores, |n| n as usize);
    let budget = Duration::from_millis(number("--millis").unwrap_or(500));
    println!(
        "@title\tThroughput per map, {threads} threads, on {}",
        machine()
    );
    for (at, workload) in WORKLOADS.into_iter().enumerate() {
        let name = workload.name();
        let rates = measure(workload, threads, budget, |done, total, map| {
            // Progress over both workloads: each has the same number of slices.
            let (done, total) = (at * total + done, WORKLOADS.len() * total);
            println!("@progress\t{done}\t{total}\t{name}: {map}");
        });
        for (map, rate) in rates {
            println!("@bar\t{name}\t{map}\t{rate:.0}\tops/s");
        }
    }
}
