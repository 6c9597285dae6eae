//! `cargo test -p counter --test bug_hunt`

use counter::bug_hunt::losing_interleaving;
use counter::interleaving::{Step, Thread, replay};

#[test]
fn each_thread_loads_once_and_then_stores_once() {
    let schedule = losing_interleaving();
    for thread in [Thread::A, Thread::B] {
        let own: Vec<Step> = schedule
            .iter()
            .copied()
            .filter(|step| matches!(step, Step::Load(t) | Step::Store(t) if *t == thread))
            .collect();
        assert_eq!(
            own,
            [Step::Load(thread), Step::Store(thread)],
            "thread {thread:?} must do one Load, then one Store"
        );
    }
}

#[test]
fn the_schedule_loses_one_of_the_two_increments() {
    let schedule = losing_interleaving();
    let count = replay(&schedule).expect("a schedule in program order");
    assert_eq!(
        count, 1,
        "two increments ran; a losing interleaving leaves the count at 1"
    );
}
