//! What every counter test does: many threads increment one counter at once.

use std::sync::{Arc, Barrier};
use std::thread;

use counter::Counter;

/// Starts `threads` threads that each call `increment` `per_thread` times, all released
/// together by a barrier so that they really overlap, and returns the final count. Runs
/// under a watchdog, so a deadlocking counter fails instead of hanging.
pub fn hammer<C>(counter: C, threads: usize, per_thread: u64) -> u64
where
    C: Counter + Send + 'static,
{
    testkit::watchdog_default("threads incrementing one counter", move || {
        let counter = Arc::new(counter);
        let start = Arc::new(Barrier::new(threads));
        let workers: Vec<_> = (0..threads)
            .map(|_| {
                let counter = Arc::clone(&counter);
                let start = Arc::clone(&start);
                thread::spawn(move || {
                    start.wait();
                    for _ in 0..per_thread {
                        counter.increment();
                    }
                })
            })
            .collect();
        for worker in workers {
            if let Err(panic) = worker.join() {
                std::panic::resume_unwind(panic);
            }
        }
        counter.get()
    })
}
