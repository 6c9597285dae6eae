//! Each exercise's status: untouched, failing or passing. Untouched needs no test run
//! (the skeleton fails by contract); a recorded result is reused while the files it was
//! taken on are unchanged; anything else is checked by running the tests.

use std::path::Path;

use crate::catalog::{Catalog, Exercise};
use crate::check::{self, Outcome};
use crate::progress::{self, Progress, TestResult};
use crate::{fingerprint, pristine};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Status {
    /// The learner's files are as committed: nothing tried yet.
    Untouched,
    /// Edited since the last recorded result (or never checked).
    Stale,
    Failing {
        compiles: bool,
        passed: usize,
        total: usize,
    },
    Passing {
        total: usize,
    },
}

impl Status {
    /// The status a fresh test run gives.
    pub fn of(outcome: &Outcome) -> Status {
        Status::from(&outcome.to_result(String::new()))
    }
}

impl From<&TestResult> for Status {
    fn from(result: &TestResult) -> Status {
        if result.passes() {
            Status::Passing {
                total: result.total,
            }
        } else {
            Status::Failing {
                compiles: result.compiles,
                passed: result.passed,
                total: result.total,
            }
        }
    }
}

/// The status of `exercise` without running anything: `Stale` when only a test run
/// can tell.
pub fn known(root: &Path, exercise: &Exercise, progress: &Progress) -> Status {
    if pristine::is_untouched(root, &exercise.sources) {
        return Status::Untouched;
    }
    let fingerprint = fingerprint::of_exercise(root, exercise);
    match progress.record(&exercise.key()).result {
        Some(result) if result.fingerprint == fingerprint => Status::from(&result),
        _ => Status::Stale,
    }
}

/// Every exercise with its status, running the tests of the stale ones (one build per
/// chapter) and recording what they gave.
pub fn all(root: &Path, catalog: &Catalog) -> Result<Vec<(Exercise, Status)>, String> {
    let progress = progress::load(root);
    let mut statuses: Vec<(Exercise, Status)> = catalog
        .exercises()
        .map(|exercise| (exercise.clone(), known(root, exercise, &progress)))
        .collect();
    for chapter in &catalog.chapters {
        let stale: Vec<&Exercise> = statuses
            .iter()
            .filter(|(e, status)| e.chapter == chapter.name && *status == Status::Stale)
            .map(|(exercise, _)| exercise)
            .collect();
        if stale.is_empty() {
            continue;
        }
        let keys: Vec<String> = stale.iter().map(|e| e.key()).collect();
        eprintln!("checking {} (edited since the last run) …", keys.join(", "));
        let outcomes = check_and_record(root, &stale)?;
        for (key, outcome) in keys.iter().zip(&outcomes) {
            if let Some(entry) = statuses.iter_mut().find(|(e, _)| e.key() == *key) {
                entry.1 = Status::of(outcome);
            }
        }
    }
    Ok(statuses)
}

/// Runs the tests of `exercises` (all of one chapter) now and records the results.
fn check_and_record(root: &Path, exercises: &[&Exercise]) -> Result<Vec<Outcome>, String> {
    // Taken before the run: a file saved during the run makes the result stale.
    let fingerprints: Vec<String> = exercises
        .iter()
        .map(|exercise| fingerprint::of_exercise(root, exercise))
        .collect();
    let outcomes = check::run(root, exercises);
    for ((exercise, fingerprint), outcome) in exercises.iter().zip(fingerprints).zip(&outcomes) {
        progress::record_result(root, &exercise.key(), outcome.to_result(fingerprint))?;
    }
    Ok(outcomes)
}

/// Runs one exercise's tests now and records the result; for `watch` and `solution`.
pub fn check_one(root: &Path, exercise: &Exercise) -> Result<Outcome, String> {
    let mut outcomes = check_and_record(root, &[exercise])?;
    Ok(outcomes.pop().expect("one outcome per exercise"))
}
