//! `cargo workbook solution <exercise>`: the worked answer, as a diff from the learner's
//! file to the answer's. While the learner's tests fail it asks first.

use std::fs;
use std::path::Path;

use similar::{ChangeTag, TextDiff};

use crate::catalog::{Catalog, Exercise};
use crate::progress;
use crate::status::{self, Status};
use crate::style::{bold, dim, green, red};
use crate::{confirm, lookup};

/// Shows the worked answer of the exercise called `query`; `yes` skips the question.
pub fn run(root: &Path, query: &str, yes: bool) -> Result<(), String> {
    let catalog = Catalog::load(root)?;
    let exercise = lookup::find(&catalog, query)?;
    let key = exercise.key();
    let name = catalog.short_name(exercise);
    if exercise.sources.is_empty() {
        return Err(format!("{key} names no source files to compare"));
    }
    if !yes && !passes(root, exercise)? {
        let question = format!(
            "Your tests of {key} do not pass yet, and the worked answer gives the game away \
             (`cargo workbook hint {name}` only nudges). Show it anyway?"
        );
        if !confirm::ask(&question) {
            println!("Not shown. Keep going: `cargo workbook watch {name}`.");
            return Ok(());
        }
    }
    for source in &exercise.sources {
        let answer_path = exercise.solution_of(source);
        let answer = fs::read_to_string(root.join(&answer_path)).map_err(|error| {
            format!(
                "cannot read the worked answer {}: {error}",
                answer_path.display()
            )
        })?;
        let yours = fs::read_to_string(root.join(source)).unwrap_or_default();
        print_diff(
            &source.display().to_string(),
            &yours,
            &answer_path.display().to_string(),
            &answer,
        );
    }
    if let Some(page) = &exercise.page {
        println!("Why it works: the explanation after the exercise in book/{page}.");
    }
    Ok(())
}

/// Whether the learner's tests pass: from the recorded result while it is current,
/// else by running them now.
fn passes(root: &Path, exercise: &Exercise) -> Result<bool, String> {
    match status::known(root, exercise, &progress::load(root)) {
        Status::Passing { .. } => Ok(true),
        Status::Untouched | Status::Failing { .. } => Ok(false),
        Status::Stale => {
            eprintln!("checking whether your tests of {} pass …", exercise.key());
            Ok(status::check_one(root, exercise)?.passes())
        }
    }
}

/// A unified diff from `yours` to `answer`, without the book's `// ANCHOR` markers
/// (they differ between exercise and answer and mean nothing to the learner).
fn print_diff(your_path: &str, yours: &str, answer_path: &str, answer: &str) {
    let yours = without_anchors(yours);
    let answer = without_anchors(answer);
    println!("{}", bold(&format!("--- yours:          {your_path}")));
    println!("{}", bold(&format!("+++ worked answer:  {answer_path}")));
    if yours == answer {
        println!(
            "{}\n",
            green("Identical: your file is the worked answer, word for word.")
        );
        return;
    }
    let diff = TextDiff::from_lines(&yours, &answer);
    for hunk in diff.unified_diff().context_radius(3).iter_hunks() {
        println!("{}", dim(&hunk.header().to_string()));
        for change in hunk.iter_changes() {
            let line = change.value().trim_end_matches('\n');
            match change.tag() {
                ChangeTag::Delete => println!("{}", red(&format!("-{line}"))),
                ChangeTag::Insert => println!("{}", green(&format!("+{line}"))),
                ChangeTag::Equal => println!(" {line}"),
            }
        }
    }
    println!();
}

fn without_anchors(text: &str) -> String {
    text.lines()
        .filter(|line| !line.trim_start().starts_with("// ANCHOR"))
        .map(|line| format!("{line}\n"))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn anchors_are_not_part_of_the_comparison() {
        let exercise = "// ANCHOR: exercise\nfn f() {}\n// ANCHOR_END: exercise\n";
        let answer = "// ANCHOR: solution\nfn f() {}\n// ANCHOR_END: solution\n";
        assert_eq!(without_anchors(exercise), without_anchors(answer));
    }
}
