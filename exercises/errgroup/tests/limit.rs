//! `cargo test -p errgroup --test limit`

mod common;

use std::panic::{self, AssertUnwindSafe};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use common::{Failed, within};
use errgroup::Group;
use tokio::sync::Semaphore;

/// A gate the test opens one task at a time: each task takes one permit and returns.
struct Gate(Arc<Semaphore>);

impl Gate {
    fn shut() -> Self {
        Gate(Arc::new(Semaphore::new(0)))
    }

    /// A task that waits for the gate to let it through.
    fn task(&self) -> impl FnOnce(errgroup::GroupToken) -> GateFuture + use<> {
        let gate = Arc::clone(&self.0);
        move |_token| {
            Box::pin(async move {
                gate.acquire().await.expect("the gate stays open").forget();
                Ok(())
            })
        }
    }

    fn let_through(&self, tasks: usize) {
        self.0.add_permits(tasks);
    }
}

type GateFuture = std::pin::Pin<Box<dyn Future<Output = Result<(), Failed>> + Send>>;

// ANCHOR: try_spawn
#[tokio::test]
async fn try_spawn_respects_the_limit_42_then_1_then_0() {
    // Go's TestTryGo.
    let mut group = Group::new();
    let gate = Gate::shut();
    group.set_limit(Some(42));
    for i in 0..42 {
        assert!(
            group.try_spawn(gate.task()),
            "try_spawn {i} of 42 must succeed"
        );
    }
    assert!(!group.try_spawn(gate.task()), "the 43rd must fail");
    gate.let_through(42);
    assert_eq!(within("wait", group.wait()).await, Ok(()));

    assert!(
        group.try_spawn(gate.task()),
        "after wait every slot is free again"
    );
    gate.let_through(1);
    assert_eq!(within("wait", group.wait()).await, Ok(()));

    group.set_limit(Some(1));
    assert!(group.try_spawn(gate.task()));
    assert!(
        !group.try_spawn(gate.task()),
        "limit 1: the second must fail"
    );
    gate.let_through(1);
    assert_eq!(within("wait", group.wait()).await, Ok(()));

    group.set_limit(Some(0));
    for _ in 0..1 << 10 {
        assert!(!group.try_spawn(gate.task()), "limit 0: nothing may start");
    }
    assert_eq!(within("wait", group.wait()).await, Ok(()));
}
// ANCHOR_END: try_spawn

// ANCHOR: go_limit
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn never_more_than_10_active_among_1025_tasks() {
    // Go's TestGoLimit, on two worker threads.
    const LIMIT: usize = 10;
    let mut group = Group::new();
    group.set_limit(Some(LIMIT));
    let active = Arc::new(AtomicUsize::new(0));
    for _ in 0..=1 << 10 {
        let active = Arc::clone(&active);
        group
            .spawn(|_token| async move {
                let now = active.fetch_add(1, Ordering::SeqCst) + 1;
                if now > LIMIT {
                    return Err(format!("saw {now} active tasks; want ≤ {LIMIT}"));
                }
                tokio::task::yield_now().await; // let the others in, if they can
                active.fetch_sub(1, Ordering::SeqCst);
                Ok(())
            })
            .await;
    }
    assert_eq!(within("1025 limited tasks", group.wait()).await, Ok(()));
}
// ANCHOR_END: go_limit

#[tokio::test(start_paused = true)]
async fn spawn_waits_for_a_free_slot() {
    let mut group = Group::new();
    let gate = Gate::shut();
    group.set_limit(Some(1));
    group.spawn(gate.task()).await;
    let blocked = tokio::time::timeout(Duration::from_secs(1), group.spawn(gate.task())).await;
    assert!(
        blocked.is_err(),
        "spawn must wait while the only slot is taken"
    );
    gate.let_through(1);
    within("spawn after a slot came free", group.spawn(gate.task())).await;
    gate.let_through(1);
    assert_eq!(within("wait", group.wait()).await, Ok(()));
}

#[tokio::test(start_paused = true)]
async fn a_limit_of_zero_makes_spawn_wait_forever() {
    let mut group = Group::<(), Failed>::new();
    group.set_limit(Some(0));
    let ran = Arc::new(AtomicUsize::new(0));
    let counted = Arc::clone(&ran);
    let spawn = group.spawn(|_token| async move {
        counted.fetch_add(1, Ordering::Relaxed);
        Ok(())
    });
    let gave_up = tokio::time::timeout(Duration::from_secs(3600), spawn).await;
    assert!(gave_up.is_err(), "limit 0: spawn must never return");
    assert_eq!(within("wait", group.wait()).await, Ok(()));
    assert_eq!(ran.load(Ordering::Relaxed), 0, "the task must not have run");
}

#[tokio::test(start_paused = true)]
async fn a_slot_is_free_as_soon_as_its_task_returns() {
    let mut group = Group::<(), Failed>::new();
    group.set_limit(Some(1));
    group.spawn(|_token| async { Ok(()) }).await;
    // The paused clock only moves once every task is idle: the first task has returned,
    // although nobody has collected it with `wait` yet.
    tokio::time::sleep(Duration::from_secs(1)).await;
    assert!(group.try_spawn(|_token| async { Ok(()) }));
    assert_eq!(within("wait", group.wait()).await, Ok(()));
}

// ANCHOR: set_limit_panics
#[tokio::test]
async fn changing_the_limit_while_tasks_hold_slots_panics_as_in_go() {
    let mut group = Group::new();
    let gate = Gate::shut();
    group.set_limit(Some(3));
    assert!(group.try_spawn(gate.task()));
    assert!(group.try_spawn(gate.task()));
    let outcome = panic::catch_unwind(AssertUnwindSafe(|| group.set_limit(Some(5))));
    let payload = outcome.expect_err("set_limit must panic while tasks are active");
    assert_eq!(
        testkit::panic_message(&*payload),
        "errgroup: modify limit while 2 tasks in the group are still active"
    );
    gate.let_through(2);
    assert_eq!(within("wait", group.wait()).await, Ok(()));
    group.set_limit(Some(5)); // nothing active any more: allowed
}
// ANCHOR_END: set_limit_panics

#[tokio::test]
async fn removing_the_limit_or_limiting_an_unlimited_group_is_allowed_while_tasks_run() {
    // As in Go: `SetLimit(-1)` never panics, and tasks started without a limit hold no
    // slot, so a new limit may be set while they run.
    let mut group = Group::new();
    let gate = Gate::shut();
    group.set_limit(Some(1));
    assert!(group.try_spawn(gate.task()));
    group.set_limit(None);
    assert!(group.try_spawn(gate.task()), "no limit any more");
    group.set_limit(Some(1));
    assert!(
        group.try_spawn(gate.task()),
        "running unlimited tasks hold no slot"
    );
    assert!(
        !group.try_spawn(gate.task()),
        "the new limit of 1 is reached"
    );
    gate.let_through(3);
    assert_eq!(within("wait", group.wait()).await, Ok(()));
}
