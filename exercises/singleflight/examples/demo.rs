//! The live demo of the singleflight chapter: callers of one key arrive one after the
//! other while the first one's work is still running. They all attach to that one
//! execution and return its value together when it ends. A second wave, after the
//! first has returned, finds the key free and starts a fresh execution.
//!
//! Who leads and who waits is decided by the order of arrival, not by timing: the next
//! caller starts only once the group counts the previous one as attached
//! (`Group::waiters`), and the work is held open until the whole wave is in. The
//! pauses only space the arrivals out so that the timeline is readable.
//!
//! `cargo workbook demo singleflight` runs it against the solution, in release, and
//! draws the callers and the executions as a timeline. Run directly, it prints the
//! records it sends the chart:
//! `cargo run --release -p singleflight-solution --example demo`.

use std::process::ExitCode;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Condvar, Mutex};
use std::thread;
use std::time::{Duration, Instant};

use singleflight::threads::Group;

/// The one key every caller asks for.
const KEY: &str = "profile:42";
/// How many callers each wave has. The second wave starts after the first returned.
const WAVES: [usize; 2] = [12, 4];
/// The pause between two arrivals, for the picture only.
const ARRIVALS_EVERY: Duration = Duration::from_millis(90);
/// How long the work goes on after the last caller of its wave attached.
const LINGER: Duration = Duration::from_millis(250);
/// The quiet time between the waves.
const BETWEEN_WAVES: Duration = Duration::from_millis(300);
/// A demo that waits longer than this for a caller is broken, not slow.
const STUCK: Duration = Duration::from_secs(10);

/// A one-way gate: closed until `open`, then open for good.
#[derive(Default)]
struct Gate {
    open: Mutex<bool>,
    opened: Condvar,
}

impl Gate {
    fn open(&self) {
        *self.open.lock().unwrap() = true;
        self.opened.notify_all();
    }

    fn wait(&self) {
        let open = self.open.lock().unwrap();
        drop(self.opened.wait_while(open, |open| !*open).unwrap());
    }
}

/// What one caller saw.
struct Caller {
    number: usize,
    wave: usize,
    arrived_ms: f64,
    returned_ms: f64,
    /// Whether this caller's own closure ran: it led the execution.
    led: bool,
    value: String,
    shared: bool,
}

/// One execution of the work.
struct Execution {
    number: usize,
    started_ms: f64,
    ended_ms: f64,
}

/// Milliseconds since `start`.
fn ms_since(start: Instant) -> f64 {
    start.elapsed().as_secs_f64() * 1e3
}

/// Waits until `done` holds, polling: only the order of events decides, never the
/// length of a pause. Panics if the demo is stuck.
fn wait_until(what: &str, done: impl Fn() -> bool) {
    let deadline = Instant::now() + STUCK;
    while !done() {
        assert!(Instant::now() < deadline, "the demo is stuck: {what}");
        thread::sleep(Duration::from_micros(200));
    }
}

fn main() -> ExitCode {
    let group: Group<&str, String> = Group::new();
    let executions = AtomicUsize::new(0);
    let log: Mutex<Vec<Execution>> = Mutex::new(Vec::new());
    let start = Instant::now();
    let total: usize = WAVES.iter().sum();
    let mut callers: Vec<Caller> = Vec::new();

    for (wave, &size) in WAVES.iter().enumerate() {
        if wave > 0 {
            thread::sleep(BETWEEN_WAVES);
        }
        // The work of this wave's execution, held open until the whole wave attached.
        let release = Gate::default();
        let work = || {
            let number = executions.fetch_add(1, Ordering::SeqCst) + 1;
            let started_ms = ms_since(start);
            release.wait();
            log.lock().unwrap().push(Execution {
                number,
                started_ms,
                ended_ms: ms_since(start),
            });
            format!("v{number}")
        };
        thread::scope(|scope| {
            let mut handles = Vec::new();
            for place in 0..size {
                let number = callers.len() + handles.len() + 1;
                let (group, work) = (&group, &work);
                handles.push(scope.spawn(move || {
                    let arrived_ms = ms_since(start);
                    let mut led = false;
                    let (value, shared) = group.work(KEY, || {
                        led = true;
                        work()
                    });
                    Caller {
                        number,
                        wave: wave + 1,
                        arrived_ms,
                        returned_ms: ms_since(start),
                        led,
                        value,
                        shared,
                    }
                }));
                if place == 0 {
                    wait_until("the first caller of a wave starts the work", || {
                        executions.load(Ordering::SeqCst) == wave + 1
                    });
                } else {
                    wait_until("a caller attaches to the call in flight", || {
                        group.waiters(KEY) == place
                    });
                }
                let done = callers.len() + place + 1;
                let role = if place == 0 { "leads" } else { "waits" };
                println!(
                    "@progress\t{done}\t{total}\twave {}: caller {number} {role}",
                    wave + 1
                );
                thread::sleep(if place + 1 < size {
                    ARRIVALS_EVERY
                } else {
                    LINGER
                });
            }
            release.open();
            for handle in handles {
                callers.push(handle.join().expect("a caller panicked"));
            }
        });
    }

    let mut executions = log.into_inner().unwrap();
    executions.sort_by_key(|e| e.number);
    for execution in &executions {
        let lane = format!("execution {}", execution.number);
        let label = format!("runs the work once → \"v{}\"", execution.number);
        println!(
            "@span\t{lane}\t{:.1}\t{:.1}\t{label}",
            execution.started_ms, execution.ended_ms
        );
        for caller in callers.iter().filter(|c| c.wave == execution.number) {
            let lane = format!("caller {}", caller.number);
            let role = if caller.led { "leader" } else { "waiter" };
            println!(
                "@span\t{lane}\t{:.1}\t{:.1}\t{role}: \"{}\", shared = {}",
                caller.arrived_ms, caller.returned_ms, caller.value, caller.shared
            );
            let arrival = if caller.led { "▶" } else { "○" };
            println!("@mark\t{lane}\t{:.1}\t{arrival}", caller.arrived_ms);
            println!("@mark\t{lane}\t{:.1}\t●", caller.returned_ms);
        }
    }

    // What the chart shows, in words, and a check that it is what singleflight promises:
    // per wave one leader, and every caller got that wave's value, shared.
    let mut problems = Vec::new();
    for (wave, &size) in WAVES.iter().enumerate() {
        let wave = wave + 1;
        let members: Vec<&Caller> = callers.iter().filter(|c| c.wave == wave).collect();
        let leaders: Vec<String> = members
            .iter()
            .filter(|c| c.led)
            .map(|c| format!("caller {}", c.number))
            .collect();
        let expected = format!("v{wave}");
        let got = members
            .iter()
            .filter(|c| c.value == expected && c.shared)
            .count();
        println!(
            "wave {wave}: {size} callers → {} led ({}), {} waited; {got} got \"{expected}\", shared",
            leaders.len(),
            leaders.join(", "),
            size - leaders.len()
        );
        if leaders.len() != 1 || got != size {
            problems.push(format!(
                "wave {wave}: {} leaders, {got} of {size} got \"{expected}\" shared",
                leaders.len()
            ));
        }
    }
    println!(
        "executions: {} for {total} callers in {} waves",
        executions.len(),
        WAVES.len()
    );
    // The title comes last, so that it can give the count.
    println!(
        "@title\tsingleflight: {total} callers of one key in {} waves → {} executions \
         (▶ leads · ○ attaches · ● returns)",
        WAVES.len(),
        executions.len()
    );
    if executions.len() != WAVES.len() || !problems.is_empty() {
        eprintln!(
            "singleflight did not keep its promise: {} executions for {} waves; {}",
            executions.len(),
            WAVES.len(),
            problems.join("; ")
        );
        return ExitCode::FAILURE;
    }
    ExitCode::SUCCESS
}
