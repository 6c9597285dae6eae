use std::sync::atomic::{AtomicBool, AtomicU64, AtomicUsize, Ordering};
use std::sync::{Arc, Barrier, Mutex};
use std::thread::{self, JoinHandle};
use std::time::{Duration, Instant};

// ANCHOR: pool
/// A fixed set of benchmark worker threads, spawned once and reused for every timed
/// round, so thread start-up never lands in a measurement.
///
/// Each [`run`](WorkerPool::run) splits `ops` as evenly as possible across the workers,
/// parks them at a barrier, releases them together through a spinning start flag, and
/// returns the wall time from the release to the moment the *last* worker finished.
/// Between rounds the workers sleep on the barrier, so they cost no CPU while criterion
/// analyses. Dropping the pool stops and joins the workers.
pub struct WorkerPool {
    shared: Arc<Shared>,
    handles: Vec<JoinHandle<()>>,
}

// ANCHOR_END: pool

struct Shared {
    threads: usize,
    /// Workers plus the driving thread meet here before every round.
    gate: Barrier,
    /// Workers that have passed the gate and are spinning on `round`.
    ready: AtomicUsize,
    /// The round being run; workers spin until it changes, which is the starting shot.
    round: AtomicU64,
    ops: AtomicU64,
    last_finish: Mutex<Option<Instant>>,
    done: Barrier,
    shutdown: AtomicBool,
}

impl WorkerPool {
    /// Spawns `threads` workers (at least one). `work(worker, ops)` is what worker number
    /// `worker` does with its share of `ops` operations in each round.
    pub fn new<W>(threads: usize, work: W) -> Self
    where
        W: Fn(usize, u64) + Send + Sync + 'static,
    {
        let threads = threads.max(1);
        let shared = Arc::new(Shared {
            threads,
            gate: Barrier::new(threads + 1),
            ready: AtomicUsize::new(0),
            round: AtomicU64::new(0),
            ops: AtomicU64::new(0),
            last_finish: Mutex::new(None),
            done: Barrier::new(threads + 1),
            shutdown: AtomicBool::new(false),
        });
        let work = Arc::new(work);
        let handles = (0..threads)
            .map(|worker| {
                let shared = Arc::clone(&shared);
                let work = Arc::clone(&work);
                thread::Builder::new()
                    .name(format!("bench worker {worker}"))
                    .spawn(move || shared.serve(worker, &*work))
                    .expect("spawn a benchmark worker")
            })
            .collect();
        WorkerPool { shared, handles }
    }

    /// The number of workers.
    pub fn threads(&self) -> usize {
        self.shared.threads
    }

    // ANCHOR: round
    /// Runs one timed round of `ops` operations split across the workers and returns the
    /// time from the starting shot until the last worker finished.
    pub fn run(&self, ops: u64) -> Duration {
        let shared = &self.shared;
        shared.ops.store(ops, Ordering::Relaxed);
        shared.ready.store(0, Ordering::Relaxed);
        *shared.last_finish.lock().unwrap() = None;
        shared.gate.wait();
        while shared.ready.load(Ordering::Acquire) < shared.threads {
            thread::yield_now();
        }
        let start = Instant::now();
        shared.round.fetch_add(1, Ordering::Release);
        shared.done.wait();
        let finish = shared
            .last_finish
            .lock()
            .unwrap()
            .expect("every worker records its finish");
        finish.saturating_duration_since(start)
    }
    // ANCHOR_END: round
}

impl Shared {
    // ANCHOR: worker
    fn serve(&self, worker: usize, work: &(dyn Fn(usize, u64) + Send + Sync)) {
        loop {
            let seen = self.round.load(Ordering::Acquire);
            self.gate.wait();
            if self.shutdown.load(Ordering::Acquire) {
                return;
            }
            self.ready.fetch_add(1, Ordering::AcqRel);
            while self.round.load(Ordering::Acquire) == seen {
                std::hint::spin_loop();
            }
            work(worker, self.share_of(worker));
            let finished_at = Instant::now();
            let mut last = self.last_finish.lock().unwrap();
            if last.is_none_or(|t| t < finished_at) {
                *last = Some(finished_at);
            }
            drop(last);
            self.done.wait();
        }
    }
    // ANCHOR_END: worker

    /// Worker `worker`'s share of this round's operations; shares differ by at most one.
    fn share_of(&self, worker: usize) -> u64 {
        let ops = self.ops.load(Ordering::Relaxed);
        let threads = self.threads as u64;
        ops / threads + u64::from((worker as u64) < ops % threads)
    }
}

impl Drop for WorkerPool {
    fn drop(&mut self) {
        self.shared.shutdown.store(true, Ordering::Release);
        self.shared.gate.wait();
        for handle in self.handles.drain(..) {
            let _ = handle.join();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_operation_is_run_exactly_once_per_round() {
        let total = Arc::new(AtomicU64::new(0));
        let counted = Arc::clone(&total);
        let pool = WorkerPool::new(3, move |_, ops| {
            counted.fetch_add(ops, Ordering::Relaxed);
        });
        for round in 1..=5 {
            pool.run(1_000 + round);
        }
        assert_eq!(
            total.load(Ordering::Relaxed),
            5 * 1_000 + (1..=5).sum::<u64>()
        );
    }

    #[test]
    fn the_round_lasts_until_the_slowest_worker_finishes() {
        let pool = WorkerPool::new(2, |worker, _| {
            if worker == 1 {
                thread::sleep(Duration::from_millis(30));
            }
        });
        assert!(pool.run(2) >= Duration::from_millis(30));
    }
}
