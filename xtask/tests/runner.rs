//! The learner's runner, end to end, in a temporary copy of the workbook: the progress
//! table, watch, hint, reset and solution, and the errors a learner can run into.
//! Only the journey test builds anything, into the main target folder.

mod support;

use std::time::{Duration, Instant};

use support::{Running, Workbook};

const ATOMIC: &str = "exercises/counter/src/atomic.rs";

/// The first build of a copy may compile the chapter's dependencies (CI starts cold).
const FIRST_BUILD: Duration = Duration::from_secs(900);

/// A rebuild after one file changed: about 2 s on the 2-core machine the workbook is
/// written on; the bound leaves room for a busy CI machine.
const REBUILD: Duration = Duration::from_secs(20);

#[test]
fn a_learner_goes_from_untouched_to_failing_to_passing_and_back() {
    let workbook = Workbook::copy("journey");
    let skeleton = workbook.read(ATOMIC);

    // A fresh clone: everything untouched, nothing to build, the first exercise next.
    let table = workbook.run(&[], "");
    assert!(table.succeeded(), "{}", table.printed());
    assert!(
        table.stdout().contains("· untouched  counter/atomic"),
        "{}",
        table.printed()
    );
    assert!(
        table.stdout().contains("Progress: 0 of 5 exercises pass"),
        "{}",
        table.printed()
    );
    assert!(
        table.stdout().contains("Next: counter/bug_hunt")
            && table.stdout().contains("cargo workbook watch bug_hunt"),
        "{}",
        table.printed()
    );
    assert!(!table.stderr().contains("checking"), "{}", table.printed());

    // Started, not solved: the table runs the tests and shows the exercise failing.
    workbook.write(ATOMIC, &format!("{skeleton}// a first attempt\n"));
    let table = workbook.run(&[], "");
    assert!(
        table.stderr().contains("checking counter/atomic"),
        "{}",
        table.printed()
    );
    assert!(
        table
            .stdout()
            .contains("✗ failing    counter/atomic               0/2 tests pass"),
        "{}",
        table.printed()
    );

    // watch: the result changes from failing to passing when the answer is saved.
    let mut watch = Running::start(workbook.command(&["watch", "atomic"]));
    let seen = watch.wait_for("0 of 2 tests pass", 0, FIRST_BUILD);
    let saved = Instant::now();
    workbook.solve("atomic.rs");
    watch.wait_for(
        "2 of 2 tests pass: counter/atomic is solved!",
        seen,
        REBUILD,
    );
    let elapsed = saved.elapsed();
    println!("watch showed the new result {elapsed:.1?} after the save");
    watch.type_line("q");
    assert!(
        watch.wait_for_exit(Duration::from_secs(10)),
        "{}",
        watch.output()
    );

    // The table reuses watch's result instead of running the tests again.
    let table = workbook.run(&[], "");
    assert!(!table.stderr().contains("checking"), "{}", table.printed());
    assert!(
        table
            .stdout()
            .contains("✓ passing    counter/atomic               2/2 tests pass")
            && table.stdout().contains("Progress: 1 of 5 exercises pass"),
        "{}",
        table.printed()
    );

    // Manual mode: Enter runs the tests again; closing the input quits.
    let mut manual = Running::start(workbook.command(&["watch", "--manual", "counter/atomic"]));
    let seen = manual.wait_for("2 of 2 tests pass", 0, REBUILD);
    manual.type_line("");
    manual.wait_for("run 2", seen, REBUILD);
    manual.close_input();
    assert!(
        manual.wait_for_exit(Duration::from_secs(30)),
        "{}",
        manual.output()
    );

    // Solved, so the worked answer is shown without a question.
    let solution = workbook.run(&["solution", "atomic"], "");
    assert!(solution.succeeded(), "{}", solution.printed());
    assert!(
        !solution.stderr().contains("[y/N]"),
        "{}",
        solution.printed()
    );
    assert!(
        solution.stdout().contains("Identical"),
        "{}",
        solution.printed()
    );

    // reset asks, restores the skeleton, and keeps the learner's answer.
    let answer = workbook.read(ATOMIC);
    let reset = workbook.run(&["reset", "atomic"], "y\n");
    assert!(reset.succeeded(), "{}", reset.printed());
    assert!(reset.stderr().contains("[y/N]"), "{}", reset.printed());
    assert_eq!(workbook.read(ATOMIC), skeleton);
    assert_eq!(
        workbook.read(".workbook-backups/counter/atomic-1/src/atomic.rs"),
        answer
    );
    let table = workbook.run(&[], "");
    assert!(
        table.stdout().contains("· untouched  counter/atomic"),
        "{}",
        table.printed()
    );
}

#[test]
fn a_misspelt_exercise_gets_the_closest_names_and_a_failure() {
    let workbook = Workbook::copy("misspelt");
    for command in [["watch", "atomc"], ["hint", "atomc"], ["reset", "atomc"]] {
        let ran = workbook.run(&command, "");
        assert!(!ran.succeeded(), "{}", ran.printed());
        assert!(
            ran.stderr()
                .contains("there is no exercise `atomc`. Did you mean `counter/atomic`?"),
            "{}",
            ran.printed()
        );
    }
    let ran = workbook.run(&["solution", "mutx"], "");
    assert!(!ran.succeeded(), "{}", ran.printed());
    assert!(
        ran.stderr().contains("`counter/mutex`"),
        "{}",
        ran.printed()
    );
}

#[test]
fn hints_are_revealed_one_more_per_call_and_remembered() {
    let workbook = Workbook::copy("hints");
    let first = workbook.run(&["hint", "mutex"], "");
    assert!(first.succeeded(), "{}", first.printed());
    assert!(
        first.stdout().contains("Hint 1 of 3 for counter/mutex"),
        "{}",
        first.printed()
    );
    assert!(
        !first.stdout().contains("Hint 2 of 3"),
        "{}",
        first.printed()
    );
    let second = workbook.run(&["hint", "counter/mutex"], "");
    assert!(
        second.stdout().contains("Hint 1 of 3") && second.stdout().contains("Hint 2 of 3"),
        "{}",
        second.printed()
    );
    let third = workbook.run(&["hint", "mutex"], "");
    assert!(
        third.stdout().contains("That was the last hint"),
        "{}",
        third.printed()
    );
    assert!(
        workbook
            .read(".workbook-progress.json")
            .contains("\"hints_shown\": 3"),
        "the progress file keeps the count"
    );
}

#[test]
fn the_solution_asks_first_while_the_tests_fail() {
    let workbook = Workbook::copy("solution");
    let declined = workbook.run(&["solution", "mutex"], "n\n");
    assert!(declined.succeeded(), "{}", declined.printed());
    assert!(
        declined.stderr().contains("do not pass yet"),
        "{}",
        declined.printed()
    );
    assert!(
        !declined.stdout().contains("+++ worked answer"),
        "{}",
        declined.printed()
    );

    let accepted = workbook.run(&["solution", "mutex"], "y\n");
    let diff = accepted.stdout();
    assert!(
        diff.contains("+++ worked answer:  solutions/counter/src/mutex.rs"),
        "{diff}"
    );
    assert!(
        diff.contains("-        todo!(\"lock `count` and return the value\")"),
        "{diff}"
    );
    assert!(
        diff.contains("+        *self.count.lock().unwrap()"),
        "{diff}"
    );
    assert!(
        !diff.contains("ANCHOR"),
        "the book's anchors are left out:\n{diff}"
    );
}

#[test]
fn reset_declined_or_already_pristine_changes_nothing() {
    let workbook = Workbook::copy("reset");
    let pristine = workbook.run(&["reset", "sharded"], "");
    assert!(pristine.succeeded(), "{}", pristine.printed());
    assert!(
        pristine.stdout().contains("nothing to reset"),
        "{}",
        pristine.printed()
    );

    workbook.solve("sharded.rs");
    let answer = workbook.read("exercises/counter/src/sharded.rs");
    let declined = workbook.run(&["reset", "sharded"], "n\n");
    assert!(
        declined.stdout().contains("Nothing changed"),
        "{}",
        declined.printed()
    );
    assert_eq!(workbook.read("exercises/counter/src/sharded.rs"), answer);
}

#[test]
fn reset_outside_git_explains_that_it_needs_git() {
    let workbook = Workbook::copy_without_git("no-git");
    workbook.solve("atomic.rs");
    // The copy sits inside the workbook's own checkout: stop git from finding that one.
    let parent = workbook.root.parent().expect("a parent folder");
    let ran = workbook
        .command(&["reset", "--yes", "atomic"])
        .env("GIT_CEILING_DIRECTORIES", parent)
        .output()
        .expect("run the runner");
    let stderr = String::from_utf8_lossy(&ran.stderr);
    assert!(!ran.status.success(), "{stderr}");
    assert!(stderr.contains("is not a git checkout"), "{stderr}");
}

#[test]
fn outside_the_workbook_it_says_where_to_run() {
    let elsewhere = std::env::temp_dir();
    let ran = std::process::Command::new(env!("CARGO_BIN_EXE_workbook"))
        .current_dir(&elsewhere)
        .output()
        .expect("run the runner");
    assert!(!ran.status.success());
    let stderr = String::from_utf8_lossy(&ran.stderr);
    assert!(stderr.contains("is not inside the workbook"), "{stderr}");
}
