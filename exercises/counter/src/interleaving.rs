//! A tiny simulator for the bug hunt: replays a schedule of the two steps of
//! [`RacyAtomicCounter::increment`](crate::buggy::RacyAtomicCounter) for two threads,
//! one step at a time, so that a chosen interleaving can be tried deterministically.

/// One of the two simulated threads.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Thread {
    A,
    B,
}

// ANCHOR: step
/// One step of an increment: `Load` reads the shared count into the thread's register,
/// `Store` writes the register plus one back.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Step {
    Load(Thread),
    Store(Thread),
}
// ANCHOR_END: step

/// Runs `schedule` against a shared count that starts at zero and returns the final
/// count. Each thread must `Load` before it `Store`s; a schedule that breaks program
/// order is reported as an error naming the offending step.
pub fn replay(schedule: &[Step]) -> Result<u64, String> {
    let mut shared = 0;
    let mut register_a = None;
    let mut register_b = None;
    for (index, step) in schedule.iter().enumerate() {
        let (thread, register) = match *step {
            Step::Load(Thread::A) | Step::Store(Thread::A) => (Thread::A, &mut register_a),
            Step::Load(Thread::B) | Step::Store(Thread::B) => (Thread::B, &mut register_b),
        };
        match step {
            Step::Load(_) => *register = Some(shared),
            Step::Store(_) => {
                let seen = register.take().ok_or_else(|| {
                    format!("step {index}: thread {thread:?} stores before it loaded")
                })?;
                shared = seen + 1;
            }
        }
    }
    Ok(shared)
}
