//! The live demo of the counter chapter: each buggy counter runs many times, and the
//! final counts show how many increments were lost; the fixed counter never loses one.
//!
//! `cargo workbook demo counter` runs it against the solution, in release, and draws
//! the counts as a histogram. Run directly, it prints the records it sends the chart:
//! `cargo run --release -p counter-solution --example demo`.

use std::sync::Barrier;
use std::thread;

use counter::Counter;
use counter::atomic::AtomicCounter;
use counter::buggy::{RacyAtomicCounter, TwoLockCounter};

const THREADS: usize = 2;
const PER_THREAD: u64 = 1_000_000;
const RUNS: usize = 60;

/// One run of one counter, returning its final count.
type Run = fn() -> u64;

/// One run: `THREADS` threads, released together by a barrier, each increment a fresh
/// counter `PER_THREAD` times. Returns the final count.
fn final_count<C: Counter + Default>() -> u64 {
    let counter = C::default();
    let start = Barrier::new(THREADS);
    thread::scope(|scope| {
        for _ in 0..THREADS {
            scope.spawn(|| {
                start.wait();
                (0..PER_THREAD).for_each(|_| counter.increment());
            });
        }
    });
    counter.get()
}

fn main() {
    let expected = THREADS as u64 * PER_THREAD;
    let contenders: [(&str, Run); 3] = [
        (
            "RacyAtomicCounter (load, then store)",
            final_count::<RacyAtomicCounter>,
        ),
        (
            "TwoLockCounter (two critical sections)",
            final_count::<TwoLockCounter>,
        ),
        (
            "AtomicCounter (fix 1: fetch_add)",
            final_count::<AtomicCounter>,
        ),
    ];
    println!("@title\t{THREADS} threads × {PER_THREAD} increments, {RUNS} runs per counter");
    let total = contenders.len() * RUNS;
    let mut done = 0;
    for (name, run) in contenders {
        println!("@expect\t{name}\t{expected}");
        for _ in 0..RUNS {
            println!("@sample\t{name}\t{}", run());
            done += 1;
            println!("@progress\t{done}\t{total}\t{name}");
        }
    }
}
