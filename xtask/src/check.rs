//! Running an exercise's tests, as `cargo test -p <chapter> --test <exercise>` would,
//! but built first and then run with a bound, so that a hanging answer is reported
//! instead of blocking the runner, and each test's verdict is known.

use std::path::Path;
use std::time::Duration;

use crate::artifacts::{Verdicts, build_selected_tests, run_tests};
use crate::catalog::Exercise;
use crate::libtest::Verdict;
use crate::progress::TestResult;

/// How long one exercise's test binary may run before it counts as hung. The tests
/// use watchdogs, so only an answer that loops outside them gets near this.
pub const BOUND: Duration = Duration::from_secs(60);

/// What running an exercise's tests gave.
#[derive(Debug)]
pub enum Outcome {
    /// The chapter's crate (or this test file) does not compile; the first error.
    DoesNotBuild { error: String },
    /// The tests ran: each one's verdict, `None` for a test cut off at the bound.
    Ran { tests: Verdicts },
}

impl Outcome {
    pub fn total(&self) -> usize {
        match self {
            Outcome::DoesNotBuild { .. } => 0,
            Outcome::Ran { tests } => tests.len(),
        }
    }

    pub fn passed(&self) -> usize {
        match self {
            Outcome::DoesNotBuild { .. } => 0,
            Outcome::Ran { tests } => tests
                .values()
                .filter(|verdict| **verdict == Some(Verdict::Passed))
                .count(),
        }
    }

    pub fn passes(&self) -> bool {
        matches!(self, Outcome::Ran { .. }) && self.total() > 0 && self.passed() == self.total()
    }

    /// The first test that did not pass, with the gist of what it printed.
    pub fn first_failure(&self) -> Option<(String, String)> {
        let Outcome::Ran { tests } = self else {
            return None;
        };
        tests.iter().find_map(|(name, verdict)| match verdict {
            Some(Verdict::Passed) => None,
            Some(Verdict::Failed(text)) => Some((name.clone(), gist(text))),
            Some(Verdict::Ignored) => Some((name.clone(), "the test is ignored".to_owned())),
            None => Some((
                name.clone(),
                format!(
                    "no result within {} s: probably a hang (an endless loop, or a thread \
                     that waits for ever)",
                    BOUND.as_secs()
                ),
            )),
        })
    }

    /// What the progress file keeps of this outcome.
    pub fn to_result(&self, fingerprint: String) -> TestResult {
        TestResult {
            fingerprint,
            compiles: matches!(self, Outcome::Ran { .. }),
            passed: self.passed(),
            total: self.total(),
        }
    }
}

/// Builds the tests of `exercises`, all of one chapter, with one cargo call, then runs
/// each; returns their outcomes in the same order.
pub fn run(root: &Path, exercises: &[&Exercise]) -> Vec<Outcome> {
    let Some(first) = exercises.first() else {
        return Vec::new();
    };
    let chapter = &first.chapter;
    let targets: Vec<&str> = exercises.iter().map(|e| e.test_target.as_str()).collect();
    let binaries = match build_selected_tests(root, chapter, &targets, None) {
        Ok(binaries) => binaries,
        Err(complaint) => {
            let error = first_error(&complaint);
            return exercises
                .iter()
                .map(|_| Outcome::DoesNotBuild {
                    error: error.clone(),
                })
                .collect();
        }
    };
    let package_dir = root.join("exercises").join(chapter);
    exercises
        .iter()
        .map(|exercise| {
            let binary = binaries.iter().find(|b| b.target == exercise.test_target);
            match binary.map(|binary| run_tests(binary, &package_dir, BOUND)) {
                Some(Ok(tests)) => Outcome::Ran { tests },
                Some(Err(error)) => Outcome::DoesNotBuild { error },
                None => Outcome::DoesNotBuild {
                    error: format!("cargo built no test binary `{}`", exercise.test_target),
                },
            }
        })
        .collect()
}

/// The first compiler error in cargo's output (the whole diagnostic, up to the blank
/// line that ends it), or the end of the output when there is none.
pub fn first_error(output: &str) -> String {
    let lines: Vec<&str> = output.lines().collect();
    let is_error_start = |line: &&str| {
        line.starts_with("error")
            && !line.starts_with("error: could not compile")
            && !line.starts_with("error: aborting")
    };
    match lines.iter().position(is_error_start) {
        Some(start) => lines[start..]
            .iter()
            .take_while(|line| !line.trim().is_empty())
            .take(30)
            .copied()
            .collect::<Vec<_>>()
            .join("\n"),
        None => lines[lines.len().saturating_sub(15)..].join("\n"),
    }
}

/// A failed test's output without libtest's boilerplate, at most a dozen lines.
fn gist(text: &str) -> String {
    text.lines()
        .filter(|line| !line.trim().is_empty())
        .filter(|line| !line.starts_with("note: run with `RUST_BACKTRACE=1`"))
        .take(12)
        .collect::<Vec<_>>()
        .join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_first_error_is_the_whole_first_diagnostic() {
        let output = "\
   Compiling counter v0.1.0
warning: unused variable: `x`

error[E0308]: mismatched types
 --> exercises/counter/src/atomic.rs:20:9
  |
20 |         1
  |         ^ expected `()`, found integer

error: aborting due to 1 previous error
error: could not compile `counter` (lib)";
        let error = first_error(output);
        assert!(
            error.starts_with("error[E0308]: mismatched types"),
            "{error}"
        );
        assert!(error.ends_with("expected `()`, found integer"), "{error}");
    }

    #[test]
    fn the_gist_drops_the_backtrace_note() {
        let text = "\nthread 't' panicked at src/a.rs:1:1:\nnot yet implemented\n\
                    note: run with `RUST_BACKTRACE=1` environment variable to display a backtrace\n";
        assert_eq!(
            gist(text),
            "thread 't' panicked at src/a.rs:1:1:\nnot yet implemented"
        );
    }
}
