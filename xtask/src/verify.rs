//! `cargo workbook verify`: the exercise/solution contract, checked for every chapter.
//!
//! Every exercise crate compiles; each of its tests fails on the untouched skeleton
//! within a bound, with a `todo!()` message ("not yet implemented"), never by hanging;
//! and the solution crate passes every one of the same tests.

use std::collections::BTreeMap;
use std::path::Path;
use std::time::{Duration, Instant};

use crate::artifacts::{TestBinary, build_tests, run_tests};
use crate::libtest::Verdict;
use crate::{metadata_check, pristine, workspace};

const TODO_MESSAGE: &str = "not yet implemented";

/// The outcome of one chapter's check.
struct ChapterReport {
    chapter: String,
    exercise_tests: usize,
    failing_with_todo: usize,
    solution_passing: usize,
    elapsed: Duration,
    breaches: Vec<String>,
}

/// Checks `chapters` (all when empty), prints a table, and fails when any chapter
/// breaks the contract. `bound` limits each test binary's run.
pub fn run(root: &Path, chapters: &[String], bound: Duration) -> Result<(), String> {
    let chapters = if chapters.is_empty() {
        workspace::chapters(root)?
    } else {
        for chapter in chapters {
            workspace::require_chapter(root, chapter)?;
        }
        chapters.to_vec()
    };
    if chapters.is_empty() {
        return Err("no chapters found under exercises/".to_owned());
    }
    let mut reports = Vec::new();
    for chapter in &chapters {
        eprintln!("verify: {chapter} …");
        reports.push(check_chapter(root, chapter, bound));
    }
    print_table(&reports);
    let breaches: usize = reports.iter().map(|r| r.breaches.len()).sum();
    if breaches == 0 {
        println!("contract holds for every chapter: {}", chapters.join(", "));
        Ok(())
    } else {
        for report in &reports {
            for breach in &report.breaches {
                println!("- {}: {breach}", report.chapter);
            }
        }
        Err(format!(
            "{breaches} breach(es) of the exercise/solution contract"
        ))
    }
}

fn check_chapter(root: &Path, chapter: &str, bound: Duration) -> ChapterReport {
    let started = Instant::now();
    let mut report = ChapterReport {
        chapter: chapter.to_owned(),
        exercise_tests: 0,
        failing_with_todo: 0,
        solution_passing: 0,
        elapsed: Duration::ZERO,
        breaches: Vec::new(),
    };
    let target_dir = root.join("target");
    let exercise_crate = if pristine::is_edited(root, chapter) {
        eprintln!("verify: exercises/{chapter} has local edits; checking the committed skeleton");
        match pristine::checkout(root, chapter) {
            Ok(dir) => dir,
            Err(error) => {
                report.breaches.push(error);
                return report;
            }
        }
    } else {
        root.join("exercises").join(chapter)
    };
    let metadata = metadata_check::review(root, chapter);
    report.breaches.extend(metadata.breaches);
    for note in metadata.notes {
        eprintln!("verify: note: {note}");
    }
    let solution_crate = root.join("solutions").join(chapter);
    let exercise = run_package(&exercise_crate, chapter, &target_dir, bound);
    let solution = run_package(
        &solution_crate,
        &format!("{chapter}-solution"),
        &target_dir,
        bound,
    );
    match (&exercise, &solution) {
        (Ok(exercise), Ok(solution)) => {
            judge(&mut report, exercise, solution);
        }
        (exercise, solution) => {
            report.breaches.extend(exercise.as_ref().err().cloned());
            report.breaches.extend(solution.as_ref().err().cloned());
        }
    }
    report.elapsed = started.elapsed();
    report
}

/// Each test's verdict, keyed by "target::test"; `None` when the binary hung first.
type Results = BTreeMap<String, Option<Verdict>>;

/// Builds and runs the tests of `package`, whose crate is in `crate_dir` (cargo finds
/// the workspace from there; the tests run there, as under `cargo test`).
fn run_package(
    crate_dir: &Path,
    package: &str,
    target_dir: &Path,
    bound: Duration,
) -> Result<Results, String> {
    let binaries = build_tests(crate_dir, package, target_dir)?;
    let mut results = Results::new();
    for binary in &binaries {
        run_binary(binary, crate_dir, bound, &mut results)?;
    }
    Ok(results)
}

fn run_binary(
    binary: &TestBinary,
    cwd: &Path,
    bound: Duration,
    results: &mut Results,
) -> Result<(), String> {
    for (name, verdict) in run_tests(binary, cwd, bound)? {
        results.insert(format!("{}::{name}", binary.target), verdict);
    }
    Ok(())
}

fn judge(report: &mut ChapterReport, exercise: &Results, solution: &Results) {
    report.exercise_tests = exercise.len();
    if exercise.is_empty() {
        report
            .breaches
            .push("the exercise crate has no tests".to_owned());
    }
    for (test, verdict) in exercise {
        match verdict {
            Some(Verdict::Failed(text)) if text.contains(TODO_MESSAGE) => {
                report.failing_with_todo += 1
            }
            Some(Verdict::Failed(_)) => report.breaches.push(format!(
                "exercise test {test} fails on the skeleton without a todo!() message"
            )),
            Some(Verdict::Passed) => report.breaches.push(format!(
                "exercise test {test} passes on the untouched skeleton"
            )),
            Some(Verdict::Ignored) => report
                .breaches
                .push(format!("exercise test {test} is ignored")),
            None => report.breaches.push(format!(
                "exercise test {test} gave no result within the bound (probable hang)"
            )),
        }
    }
    for (test, verdict) in solution {
        match verdict {
            Some(Verdict::Passed) => report.solution_passing += 1,
            Some(Verdict::Failed(text)) => report
                .breaches
                .push(format!("solution fails {test}:\n{}", indent(text))),
            Some(Verdict::Ignored) => report
                .breaches
                .push(format!("solution test {test} is ignored")),
            None => report.breaches.push(format!(
                "solution test {test} gave no result within the bound (probable hang)"
            )),
        }
    }
    for test in exercise.keys().filter(|test| !solution.contains_key(*test)) {
        report.breaches.push(format!(
            "the solution crate does not run exercise test {test}"
        ));
    }
    for test in solution.keys().filter(|test| !exercise.contains_key(*test)) {
        report.breaches.push(format!(
            "the solution crate runs {test}, which the exercise lacks"
        ));
    }
}

fn indent(text: &str) -> String {
    text.lines()
        .filter(|line| !line.trim().is_empty())
        .take(12)
        .map(|line| format!("    {line}"))
        .collect::<Vec<_>>()
        .join("\n")
}

fn print_table(reports: &[ChapterReport]) {
    println!();
    println!(
        "{:<14} {:>6} {:>18} {:>17} {:>8}  contract",
        "chapter", "tests", "fail on skeleton", "solution passes", "time"
    );
    for r in reports {
        println!(
            "{:<14} {:>6} {:>18} {:>17} {:>7.1}s  {}",
            r.chapter,
            r.exercise_tests,
            format!("{}/{}", r.failing_with_todo, r.exercise_tests),
            format!("{}/{}", r.solution_passing, r.exercise_tests),
            r.elapsed.as_secs_f64(),
            if r.breaches.is_empty() {
                "ok"
            } else {
                "BROKEN"
            }
        );
    }
    println!();
}
