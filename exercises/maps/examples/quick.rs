//! The whole comparison in under a minute, for a live demo: every map on every workload
//! at the largest thread count, as a table of throughputs and of ratios.
//!
//! `cargo run --release -p maps-solution --example quick`
//! (options: `--threads N`; `--millis M` of measuring per cell, default 400;
//! `--only WORKLOAD` to measure one workload).

#[path = "../benches/harness/mod.rs"]
mod harness;

use std::time::Duration;

use harness::{Contender, Runner, Visit, cores, for_each_contender, machine};
use maps::workload::Workload;

/// Measures one cell: a short round to estimate the rate, then rounds sized to fill the
/// rest of `budget` in about two more, so that few rounds (each with a fresh, prefilled
/// map) are needed.
fn throughput<M: Contender>(workload: Workload, threads: usize, budget: Duration) -> f64 {
    let mut runner = Runner::<M>::new(workload, threads);
    let (mut ops, mut total_ops, mut total_time) = (4_096_u64, 0_u64, Duration::ZERO);
    while total_time < budget {
        let took = runner.run(ops);
        total_ops += ops;
        total_time += took;
        let per_second = ops as f64 / took.as_secs_f64().max(1e-9);
        let left = budget.saturating_sub(total_time).as_secs_f64();
        ops = ((per_second * left / 2.0) as u64).clamp(1_024, ops.saturating_mul(64));
    }
    total_ops as f64 / total_time.as_secs_f64()
}

/// One row of the table: a map's throughput on every workload, in operations per second.
struct Row {
    name: &'static str,
    per_workload: Vec<f64>,
}

struct MeasureAll {
    workloads: Vec<Workload>,
    threads: usize,
    budget: Duration,
    rows: Vec<Row>,
}

impl Visit for MeasureAll {
    fn visit<M: Contender>(&mut self) {
        eprint!("{:<16}", M::NAME);
        let per_workload = self
            .workloads
            .iter()
            .map(|&workload| {
                let result = throughput::<M>(workload, self.threads, self.budget);
                eprint!(" {}", workload.name());
                result
            })
            .collect();
        eprintln!();
        self.rows.push(Row {
            name: M::NAME,
            per_workload,
        });
    }
}

/// The value after `--name` on the command line, if given.
fn option(name: &str) -> Option<String> {
    let args: Vec<String> = std::env::args().collect();
    let at = args.iter().position(|arg| arg == name)?;
    let value = args.get(at + 1);
    Some(
        value
            .unwrap_or_else(|| panic!("{name} needs a value"))
            .clone(),
    )
}

fn number(name: &str) -> Option<u64> {
    let parse = |value: String| {
        value
            .parse()
            .unwrap_or_else(|_| panic!("{name} takes a number"))
    };
    option(name).map(parse)
}

fn print_table(
    title: &str,
    workloads: &[Workload],
    rows: &[Row],
    cell: impl Fn(usize, &Row) -> String,
) {
    println!("\n{title}");
    print!("{:<16}", "");
    for workload in workloads {
        print!("{:>18}", workload.name());
    }
    println!();
    for row in rows {
        print!("{:<16}", row.name);
        for column in 0..workloads.len() {
            print!("{:>18}", cell(column, row));
        }
        println!();
    }
}

fn main() {
    let threads = number("--threads").map_or_else(cores, |n| n as usize);
    let budget = Duration::from_millis(number("--millis").unwrap_or(400));
    let workloads: Vec<Workload> = match option("--only") {
        Some(name) => vec![
            *Workload::ALL
                .iter()
                .find(|workload| workload.name().eq_ignore_ascii_case(&name))
                .unwrap_or_else(|| panic!("no workload called {name}")),
        ],
        None => Workload::ALL.to_vec(),
    };
    println!("Maps x workloads, {threads} threads, on {}.", machine());
    if threads > cores() {
        println!("(more threads than cores: oversubscribed on purpose)");
    }
    let mut all = MeasureAll {
        workloads: workloads.clone(),
        threads,
        budget,
        rows: Vec::new(),
    };
    for_each_contender(&mut all);
    let rows = all.rows;

    print_table(
        "Throughput, millions of operations per second:",
        &workloads,
        &rows,
        |column, row| format!("{:.2}", row.per_workload[column] / 1e6),
    );
    let baseline = rows
        .iter()
        .position(|row| row.name == "RwLock<HashMap>")
        .unwrap();
    print_table(
        "Ratio to RwLock<HashMap> (above 1 is faster):",
        &workloads,
        &rows,
        |column, row| {
            format!(
                "{:.2}x",
                row.per_workload[column] / rows[baseline].per_workload[column]
            )
        },
    );

    let ratio = |map: &str, to: &str, workload: Workload| {
        let find = |name: &str| rows.iter().find(|row| row.name == name).unwrap();
        let column = workloads.iter().position(|&w| w == workload)?;
        Some(find(map).per_workload[column] / find(to).per_workload[column])
    };
    println!("\nThe chapter's claims, measured in this run:");
    for workload in [Workload::ReadHeavy, Workload::Exchange] {
        if let Some(ratio) = ratio("ShardedMap", "dashmap", workload) {
            let name = workload.name();
            println!("  ShardedMap / dashmap on {name:<15} {ratio:.2}x  (target >= 0.8x)");
        }
    }
    if let Some(ratio) = ratio("ReadMostlyMap", "RwLock<HashMap>", Workload::LoadMostlyHits) {
        println!("  ReadMostlyMap / RwLock<HashMap> on LoadMostlyHits {ratio:.2}x  (target >= 2x)");
    }
}
