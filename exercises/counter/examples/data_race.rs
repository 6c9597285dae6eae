//! The data race that safe Rust forbids: two threads increment an `UnsafeCounter`.
//! Natively this "works" (and may lose updates); under Miri it is reported as
//! undefined behaviour: "Data race detected".
//!
//! `cargo +nightly miri run -p counter-solution --example data_race`
//! (or `cargo workbook miri`, which says so when Miri is not installed).

use std::thread;

use counter::Counter;
use counter::unsafe_counter::UnsafeCounter;

fn main() {
    let counter = UnsafeCounter::default();
    thread::scope(|scope| {
        for _ in 0..2 {
            scope.spawn(|| (0..100).for_each(|_| counter.increment()));
        }
    });
    println!("final count: {} (expected 200)", counter.get());
}
