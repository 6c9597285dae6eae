//! The bug, live: two threads increment a buggy counter a million times each, ten times
//! over, and the final counts fall short of 2,000,000.
//!
//! `cargo run --release -p counter-solution --example lost_updates`

use std::thread;

use counter::Counter;
use counter::buggy::{RacyAtomicCounter, TwoLockCounter};

const PER_THREAD: u64 = 1_000_000;
const ROUNDS: usize = 10;

fn final_count<C: Counter + Default>() -> u64 {
    let counter = C::default();
    thread::scope(|scope| {
        for _ in 0..2 {
            scope.spawn(|| (0..PER_THREAD).for_each(|_| counter.increment()));
        }
    });
    counter.get()
}

fn show<C: Counter + Default>(name: &str) {
    println!(
        "{name}: two threads x {PER_THREAD} increments, expected {}",
        2 * PER_THREAD
    );
    for round in 1..=ROUNDS {
        let count = final_count::<C>();
        let lost = 2 * PER_THREAD - count;
        println!("  round {round:2}: {count:>9}  ({lost} lost)");
    }
}

fn main() {
    show::<RacyAtomicCounter>("RacyAtomicCounter (load, then store)");
    show::<TwoLockCounter>("TwoLockCounter (read under one lock, write under another)");
}
