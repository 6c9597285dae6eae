//! The whole comparison in under a minute, for a live demo: every map on every workload
//! at the largest thread count, as a table of throughputs and of ratios.
//!
//! `cargo run --release -p maps-solution --example quick`
//! (options: `--threads N`; `--millis M` of measuring per cell, default 300;
//! `--only WORKLOAD` to measure one workload).

#[path = "../benches/harness/mod.rs"]
mod harness;

use std::time::Duration;

use harness::{Contender, Runner, Visit, cores, for_each_contender, machine};
use maps::workload::Workload;

/// How many slices each cell's measuring time is cut into. The maps take turns slice by
/// slice, and a cell reports its median slice: a burst of other work on the machine then
/// hits every map a little instead of one map a lot.
const SLICES: usize = 3;

/// A map's runner for one workload, behind a uniform face so that maps can take turns.
struct Cell {
    name: &'static str,
    run: Box<dyn FnMut(u64) -> Duration>,
    /// The size of the next round, carried from slice to slice.
    ops: u64,
    /// Operations per second, one entry per slice.
    slices: Vec<f64>,
}

impl Cell {
    /// Runs rounds until `slice` of timed work is done, sizing each round from the rate
    /// seen so far, and records the slice's throughput.
    fn measure(&mut self, slice: Duration) {
        let (mut done, mut time) = (0_u64, Duration::ZERO);
        while time < slice {
            let took = (self.run)(self.ops);
            done += self.ops;
            time += took;
            let per_second = self.ops as f64 / took.as_secs_f64().max(1e-9);
            let left = slice.saturating_sub(time).as_secs_f64();
            // Grow at most twofold: on some maps a round's cost grows faster than its size
            // (the read-mostly map copies itself on every update of a published key).
            let fill = (per_second * left / 2.0) as u64;
            self.ops = fill.clamp(1_024, self.ops.saturating_mul(2));
        }
        self.slices.push(done as f64 / time.as_secs_f64());
    }

    fn median(&self) -> f64 {
        let mut sorted = self.slices.clone();
        sorted.sort_by(f64::total_cmp);
        sorted[sorted.len() / 2]
    }
}

/// Builds one [`Cell`] per contender for a workload.
struct Cells {
    workload: Workload,
    threads: usize,
    cells: Vec<Cell>,
}

impl Visit for Cells {
    fn visit<M: Contender>(&mut self) {
        let mut runner = Runner::<M>::new(self.workload, self.threads);
        self.cells.push(Cell {
            name: M::NAME,
            run: Box::new(move |ops| runner.run(ops)),
            ops: 16_384,
            slices: Vec::with_capacity(SLICES),
        });
    }
}

/// Every map's throughput on `workload`, in operations per second, in contender order.
fn measure(workload: Workload, threads: usize, budget: Duration) -> Vec<(&'static str, f64)> {
    let mut cells = Cells {
        workload,
        threads,
        cells: Vec::new(),
    };
    for_each_contender(&mut cells);
    for _ in 0..SLICES {
        for cell in &mut cells.cells {
            cell.measure(budget / SLICES as u32);
        }
    }
    cells
        .cells
        .iter()
        .map(|cell| (cell.name, cell.median()))
        .collect()
}

/// One row of the table: a map's throughput on every workload, in operations per second.
struct Row {
    name: &'static str,
    per_workload: Vec<f64>,
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
        for (at, (name, rate)) in measure(workload, threads, budget).into_iter().enumerate() {
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
