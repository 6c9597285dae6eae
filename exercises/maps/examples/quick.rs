//! The whole comparison in under a minute, for a live demo: every map on every workload
//! at the largest thread count, as a table of throughputs and of ratios.
//!
//! `cargo run --release -p maps-solution --example quick`
//! (options: `--threads N`; `--millis M` of measuring per cell, default 300;
//! `--only WORKLOAD` to measure one workload).

#[path = "../benches/harness/mod.rs"]
mod harness;
#[path = "../benches/harness/turns.rs"]
mod turns;

use std::time::Duration;

use harness::{cores, machine};
use maps::workload::Workload;
use turns::{measure, number, option};

/// One row of the table: a map's throughput on every workload, in operations per second.
struct Row {
    name: &'static str,
    per_workload: Vec<f64>,
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
    let budget = Duration::from_millis(number("--millis").unwrap_or(300));
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
    let mut rows: Vec<Row> = Vec::new();
    for &workload in &workloads {
        eprint!("{} ", workload.name());
        for (at, (name, rate)) in measure(workload, threads, budget, |_, _, _| {})
            .into_iter()
            .enumerate()
        {
            if rows.len() <= at {
                rows.push(Row {
                    name,
                    per_workload: Vec::new(),
                });
            }
            rows[at].per_workload.push(rate);
        }
    }
    eprintln!();

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
