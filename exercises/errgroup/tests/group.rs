//! `cargo test -p errgroup --test group`

mod common;

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use common::{Failed, within};
use errgroup::{CancelCause, Group};
use tokio::sync::{Barrier, oneshot};
use tokio_util::sync::CancellationToken;

type Outcome = Result<(), Failed>;

/// Spawns one task per outcome, each returning its outcome at once.
async fn spawn_all(group: &mut Group<(), Failed>, outcomes: &[Outcome]) {
    for outcome in outcomes.iter().cloned() {
        group.spawn(move |_token| async move { outcome }).await;
    }
}

#[tokio::test]
async fn a_zero_group_returns_the_first_error_of_each_round() {
    // Go's TestZeroGroup calls Wait after every Go. Go's Wait keeps returning the first
    // error ever stored ([e1, nil, e2] gives e1, e1, e1). Here `wait` *moves* the error
    // to its caller, so each wait reports the tasks spawned since the previous one
    // ([e1, nil, e2] gives e1, Ok, e2).
    let e1 = || Err(Failed("errgroup_test: 1"));
    let e2 = || Err(Failed("errgroup_test: 2"));
    let cases: [Vec<Outcome>; 5] = [
        vec![],
        vec![Ok(())],
        vec![e1()],
        vec![e1(), Ok(())],
        vec![e1(), Ok(()), e2()],
    ];
    for outcomes in cases {
        let mut group = Group::new();
        assert_eq!(within("an empty wait", group.wait()).await, Ok(()));
        for outcome in outcomes {
            spawn_all(&mut group, std::slice::from_ref(&outcome)).await;
            assert_eq!(within("wait", group.wait()).await, outcome);
        }
    }
}

#[tokio::test]
async fn wait_returns_the_first_error_within_a_round() {
    let mut group = Group::new();
    spawn_all(&mut group, &[Ok(()), Err(Failed("only")), Ok(())]).await;
    assert_eq!(within("wait", group.wait()).await, Err(Failed("only")));
}

#[tokio::test(start_paused = true)]
async fn first_means_first_to_return_not_first_spawned() {
    let mut group = Group::new();
    group
        .spawn(|_token| async {
            tokio::time::sleep(Duration::from_secs(2)).await;
            Err::<(), _>(Failed("spawned first, failed second"))
        })
        .await;
    group
        .spawn(|_token| async {
            tokio::time::sleep(Duration::from_secs(1)).await;
            Err(Failed("spawned second, failed first"))
        })
        .await;
    let outcome = within("wait", group.wait()).await;
    assert_eq!(outcome, Err(Failed("spawned second, failed first")));
}

#[tokio::test]
async fn with_cancel_cancels_the_token_once_wait_returns_in_every_case() {
    // Go's TestWithContext.
    let doom = || Err(Failed("group_test: doomed"));
    let cases: [(Vec<Outcome>, Outcome); 4] = [
        (vec![], Ok(())),
        (vec![Ok(())], Ok(())),
        (vec![doom()], doom()),
        (vec![doom(), Ok(())], doom()),
    ];
    for (outcomes, want) in cases {
        let mut group = Group::with_cancel();
        let token = group.token();
        spawn_all(&mut group, &outcomes).await;
        assert_eq!(within("wait", group.wait()).await, want);
        assert!(
            token.is_cancelled(),
            "{outcomes:?}: not cancelled after wait"
        );
    }
}

#[tokio::test]
async fn the_cancel_cause_is_the_error_or_plain_wait() {
    // Go's TestCancelCause: the cause is the first error, or context.Canceled. The
    // error itself is what `wait` returned; the cause says that an error did it.
    let doom = || Err(Failed("group_test: doomed"));
    let cases: [(Vec<Outcome>, CancelCause); 4] = [
        (vec![], CancelCause::Waited),
        (vec![Ok(())], CancelCause::Waited),
        (vec![doom()], CancelCause::Error),
        (vec![doom(), Ok(())], CancelCause::Error),
    ];
    for (outcomes, want) in cases {
        let mut group = Group::with_cancel();
        assert_eq!(group.cancel_cause(), None, "not cancelled yet");
        for outcome in outcomes.iter().cloned() {
            assert!(group.try_spawn(move |_token| async move { outcome }));
        }
        let _ = within("wait", group.wait()).await;
        assert_eq!(group.cancel_cause(), Some(want), "{outcomes:?}");
        assert_eq!(group.token().cause(), Some(want), "the token agrees");
    }
}

// ANCHOR: siblings
#[tokio::test]
async fn siblings_observe_cancellation_after_the_first_error() {
    let mut group = Group::with_cancel();
    let saw_error = Arc::new(AtomicUsize::new(0));
    for _ in 0..4 {
        let saw_error = Arc::clone(&saw_error);
        group
            .spawn(|token| async move {
                token.cancelled().await;
                if token.cause() == Some(CancelCause::Error) {
                    saw_error.fetch_add(1, Ordering::Relaxed);
                }
                Ok(())
            })
            .await;
    }
    group.spawn(|_token| async { Err(Failed("first")) }).await;
    let outcome = within("siblings waiting for cancellation", group.wait()).await;
    assert_eq!(outcome, Err(Failed("first")));
    assert_eq!(saw_error.load(Ordering::Relaxed), 4);
}
// ANCHOR_END: siblings

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_sibling_failing_because_of_the_cancellation_never_becomes_the_first_error() {
    // A stress test on two workers: the "late" siblings are woken by the cancellation
    // that the first error causes, and fail at once, in parallel with the failing task.
    for round in 0..500 {
        let mut group = Group::<(), Failed>::with_cancel();
        for _ in 0..3 {
            group
                .spawn(|token| async move {
                    token.cancelled().await;
                    Err(Failed("late"))
                })
                .await;
        }
        group.spawn(|_token| async { Err(Failed("first")) }).await;
        let outcome = within("wait", group.wait()).await;
        assert_eq!(outcome, Err(Failed("first")), "round {round}");
    }
}

/// Spawns `failing` and a watcher that reports, once `failing` has certainly returned
/// (the paused clock only moves when every task is idle), whether the token was
/// cancelled. Waits for that report *before* calling `wait`.
async fn cancelled_before_wait(mut group: Group<(), Failed>) -> (bool, Group<(), Failed>) {
    let (report, reported) = oneshot::channel();
    group.spawn(|_token| async { Err(Failed("fails")) }).await;
    group
        .spawn(|token| async move {
            tokio::time::sleep(Duration::from_secs(1)).await;
            let _ = report.send(token.is_cancelled());
            Ok(())
        })
        .await;
    let cancelled = within("the watcher's report", reported).await.unwrap();
    (cancelled, group)
}

#[tokio::test(start_paused = true)]
async fn with_cancel_cancels_at_the_first_error_not_at_wait() {
    let (cancelled, mut group) = cancelled_before_wait(Group::with_cancel()).await;
    assert!(
        cancelled,
        "the error must cancel the token before anyone waits"
    );
    assert_eq!(group.cancel_cause(), Some(CancelCause::Error));
    assert_eq!(within("wait", group.wait()).await, Err(Failed("fails")));
}

#[tokio::test(start_paused = true)]
async fn a_zero_group_does_not_cancel_on_error() {
    let (cancelled, mut group) = cancelled_before_wait(Group::new()).await;
    assert!(!cancelled, "Go's zero Group does not cancel on error");
    assert_eq!(within("wait", group.wait()).await, Err(Failed("fails")));
    assert_eq!(group.cancel_cause(), Some(CancelCause::Waited));
}

#[tokio::test]
async fn a_task_spawned_after_cancellation_starts_with_a_cancelled_token() {
    let mut group = Group::with_cancel();
    group.spawn(|_token| async { Err(Failed("first")) }).await;
    within("the first error", group.token().cancelled()).await;

    let (report, reported) = oneshot::channel();
    group
        .spawn(|token| async move {
            let _ = report.send((token.is_cancelled(), token.cause()));
            Ok(())
        })
        .await;
    let seen = within("the late task", reported).await.unwrap();
    assert_eq!(seen, (true, Some(CancelCause::Error)));
    assert_eq!(within("wait", group.wait()).await, Err(Failed("first")));

    // After wait, as in Go, the token stays cancelled for any later task.
    let (report, reported) = oneshot::channel();
    group
        .spawn(|token| async move {
            let _ = report.send(token.is_cancelled());
            Ok(())
        })
        .await;
    assert!(within("a task after wait", reported).await.unwrap());
    assert_eq!(within("wait", group.wait()).await, Ok(()));
}

#[tokio::test]
async fn cancelling_the_parent_cancels_the_group_but_not_the_other_way_round() {
    let parent = CancellationToken::new();
    let mut group = Group::<(), Failed>::with_parent(&parent);
    group
        .spawn(|token| async move {
            token.cancelled().await;
            assert_eq!(token.cause(), Some(CancelCause::External));
            Ok(())
        })
        .await;
    parent.cancel();
    assert_eq!(within("wait", group.wait()).await, Ok(()));

    let parent = CancellationToken::new();
    let mut group = Group::<(), Failed>::with_parent(&parent);
    group.spawn(|_token| async { Err(Failed("child")) }).await;
    assert_eq!(within("wait", group.wait()).await, Err(Failed("child")));
    assert!(!parent.is_cancelled(), "a group must not cancel its parent");
}

// ANCHOR: drop
/// Sends on its channel when dropped: proof that a task's future was dropped.
struct DropAlarm(Option<oneshot::Sender<()>>);

impl Drop for DropAlarm {
    fn drop(&mut self) {
        if let Some(alarm) = self.0.take() {
            let _ = alarm.send(());
        }
    }
}

#[tokio::test]
async fn dropping_the_group_aborts_its_tasks() {
    let mut group = Group::<(), Failed>::with_cancel();
    let token = group.token();
    let mut alarms = Vec::new();
    for _ in 0..3 {
        let (alarm, rings) = oneshot::channel();
        let alarm = DropAlarm(Some(alarm));
        group
            .spawn(|_token| async move {
                let _alarm = alarm;
                // Ignores its token: only an abort can stop it.
                std::future::pending::<()>().await;
                Ok(())
            })
            .await;
        alarms.push(rings);
    }
    drop(group);
    for rings in alarms {
        within("an aborted task's drop", rings).await.unwrap();
    }
    assert_eq!(token.cause(), Some(CancelCause::Dropped));
}
// ANCHOR_END: drop

#[tokio::test(start_paused = true)]
async fn wait_is_cancel_safe() {
    let mut group = Group::new();
    let gate = Arc::new(tokio::sync::Notify::new());
    group.spawn(|_token| async { Err(Failed("early")) }).await;
    let opened = Arc::clone(&gate);
    group
        .spawn(|_token| async move {
            opened.notified().await;
            Ok(())
        })
        .await;
    // The first wait collects the early error, then is dropped while the gate is shut.
    let gave_up = tokio::time::timeout(Duration::from_secs(1), group.wait()).await;
    assert!(gave_up.is_err(), "wait cannot finish while a task is stuck");
    gate.notify_one();
    let outcome = within("the second wait", group.wait()).await;
    assert_eq!(
        outcome,
        Err(Failed("early")),
        "a dropped wait lost the error"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn wait_waits_for_every_task() {
    let mut group = Group::<(), Failed>::new();
    let finished = Arc::new(AtomicUsize::new(0));
    for _ in 0..1_000 {
        let finished = Arc::clone(&finished);
        group
            .spawn(|_token| async move {
                tokio::task::yield_now().await;
                finished.fetch_add(1, Ordering::Relaxed);
                Ok(())
            })
            .await;
    }
    assert_eq!(within("wait", group.wait()).await, Ok(()));
    assert_eq!(finished.load(Ordering::Relaxed), 1_000);
    assert!(group.is_empty());
}

#[tokio::test]
async fn tasks_run_concurrently() {
    // Three tasks meet at a barrier: only possible if they all run at once.
    let mut group = Group::<(), Failed>::new();
    let meeting = Arc::new(Barrier::new(3));
    for _ in 0..3 {
        let meeting = Arc::clone(&meeting);
        group
            .spawn(|_token| async move {
                meeting.wait().await;
                Ok(())
            })
            .await;
    }
    assert_eq!(group.len(), 3);
    assert_eq!(within("tasks meeting", group.wait()).await, Ok(()));
}
