//! The quick comparison's measuring, shared by the one-minute table
//! (`examples/quick.rs`) and the chapter's live demo (`examples/demo.rs`): every map takes
//! its turn on a workload, slice by slice, and reports its median slice. Each example
//! includes this file next to `harness/mod.rs`, as `mod turns`.

use std::time::Duration;

use crate::harness::{Contender, Runner, Visit, for_each_contender};
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
/// After each slice, `measured(done, total, map)` says how many of the workload's slices
/// are done, of how many, and whose slice that was: for a progress display.
pub fn measure(
    workload: Workload,
    threads: usize,
    budget: Duration,
    mut measured: impl FnMut(usize, usize, &'static str),
) -> Vec<(&'static str, f64)> {
    let mut cells = Cells {
        workload,
        threads,
        cells: Vec::new(),
    };
    for_each_contender(&mut cells);
    let total = SLICES * cells.cells.len();
    let mut done = 0;
    for _ in 0..SLICES {
        for cell in &mut cells.cells {
            cell.measure(budget / SLICES as u32);
            done += 1;
            measured(done, total, cell.name);
        }
    }
    cells
        .cells
        .iter()
        .map(|cell| (cell.name, cell.median()))
        .collect()
}

/// The value after `--name` on the command line, if given.
pub fn option(name: &str) -> Option<String> {
    let args: Vec<String> = std::env::args().collect();
    let at = args.iter().position(|arg| arg == name)?;
    let value = args.get(at + 1);
    Some(
        value
            .unwrap_or_else(|| panic!("{name} needs a value"))
            .clone(),
    )
}

pub fn number(name: &str) -> Option<u64> {
    let parse = |value: String| {
        value
            .parse()
            .unwrap_or_else(|_| panic!("{name} takes a number"))
    };
    option(name).map(parse)
}
