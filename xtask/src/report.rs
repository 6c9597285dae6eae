//! The compact result `watch` shows after each run: which tests pass, the first
//! failure's message (or the first compiler error), and where to go next.

use std::path::Path;

use crate::catalog::{Catalog, Exercise};
use crate::check::Outcome;
use crate::hint;
use crate::libtest::Verdict;
use crate::style::{bold, dim, green, red, yellow};

/// Prints the result of one run of `exercise`'s tests; `next` is the exercise after it.
pub fn print(
    root: &Path,
    catalog: &Catalog,
    exercise: &Exercise,
    outcome: &Outcome,
    next: Option<&Exercise>,
) {
    match outcome {
        Outcome::DoesNotBuild { error } => {
            println!("{}", red("✗ does not compile. The first error:"));
            println!("{}", quote(error));
        }
        Outcome::Ran { tests } => {
            for (name, verdict) in tests {
                let mark = match verdict {
                    Some(Verdict::Passed) => green("✓"),
                    Some(Verdict::Ignored) => yellow("-"),
                    Some(Verdict::Failed(_)) | None => red("✗"),
                };
                println!("  {mark} {name}");
            }
            let summary = format!("{} of {} tests pass", outcome.passed(), outcome.total());
            if outcome.passes() {
                println!(
                    "{}",
                    green(&format!("{summary}: {} is solved!", exercise.key()))
                );
            } else if let Some((name, message)) = outcome.first_failure() {
                println!("{}. The first failure, {}:", red(&summary), bold(&name));
                println!("{}", quote(&message));
            } else {
                println!("{}", red(&format!("{summary}: the test file has no tests")));
            }
        }
    }
    let name = catalog.short_name(exercise);
    if outcome.passes() {
        println!("  The worked answer, to compare: cargo workbook solution {name}");
        match next {
            Some(next) => println!(
                "  Next: {} (type n and Enter, or run `cargo workbook watch {}`)",
                next.key(),
                catalog.short_name(next)
            ),
            None => println!("  That was the last exercise: `cargo workbook` shows your progress."),
        }
    } else if let Some(pointer) = hint::pointer(root, catalog, exercise) {
        println!("Stuck? {pointer}, or type h and Enter.");
    }
}

/// Quotes compiler or test output under a margin line, so it stands apart from ours.
fn quote(text: &str) -> String {
    text.lines()
        .map(|line| format!("  {} {line}", dim("│")))
        .collect::<Vec<_>>()
        .join("\n")
}
