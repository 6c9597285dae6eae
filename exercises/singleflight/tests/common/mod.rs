//! What the thread tests share: a starting shot, callers on small stacks, and a way to
//! wait for a condition without guessing how long it takes.
// Each test file uses a different part of this module.
#![allow(dead_code)]

#[cfg(not(loom))]
pub mod runtime;

use std::borrow::Borrow;
use std::panic;
use std::sync::{Condvar, Mutex};
use std::thread::{self, JoinHandle};

// ANCHOR: starting_shot
/// A one-way signal: every thread that [`wait`](StartingShot::wait)s is held until
/// somebody [`fire`](StartingShot::fire)s, and nobody waits after that. The shot is
/// remembered, so firing before anybody waits is fine.
#[derive(Default)]
pub struct StartingShot {
    fired: Mutex<bool>,
    bang: Condvar,
}

impl StartingShot {
    pub fn fire(&self) {
        *self.fired.lock().unwrap() = true;
        self.bang.notify_all();
    }

    pub fn fired(&self) -> bool {
        *self.fired.lock().unwrap()
    }

    pub fn wait(&self) {
        let fired = self.fired.lock().unwrap();
        drop(self.bang.wait_while(fired, |fired| !*fired).unwrap());
    }
}
// ANCHOR_END: starting_shot

/// 1,000 threads with the default 2 MiB stack would reserve 2 GiB of address space;
/// a caller needs very little.
const CALLER_STACK: usize = 128 * 1024;

/// Starts a thread with a small stack.
pub fn spawn_caller<T, F>(f: F) -> JoinHandle<T>
where
    T: Send + 'static,
    F: FnOnce() -> T + Send + 'static,
{
    thread::Builder::new()
        .stack_size(CALLER_STACK)
        .spawn(f)
        .expect("spawn a caller thread")
}

/// Joins `handle`, resuming its panic on this thread if it panicked.
pub fn join<T>(handle: JoinHandle<T>) -> T {
    handle
        .join()
        .unwrap_or_else(|payload| panic::resume_unwind(payload))
}

/// Yields until `condition` holds. Never decides anything by itself: the test's
/// watchdog turns a condition that never comes true into a failure.
pub fn wait_until(mut condition: impl FnMut() -> bool) {
    while !condition() {
        thread::yield_now();
    }
}

/// [`wait_until`], for a condition that must come true while every one of `callers` is
/// still running: if one ends first (a `todo!()` panic, say) the test fails at once
/// instead of waiting for the watchdog.
pub fn wait_while_running<T, H: Borrow<JoinHandle<T>>>(
    callers: &[H],
    mut condition: impl FnMut() -> bool,
) {
    while !condition() {
        assert!(
            !callers.iter().any(|caller| caller.borrow().is_finished()),
            "a caller ended too early (its panic message, if any, is above)"
        );
        thread::yield_now();
    }
}
