//! `cargo workbook hint <exercise>`: tiered hints. Each call reveals one more, the
//! gentlest first, and the count is kept in the progress file.

use std::path::Path;

use crate::catalog::{Catalog, Exercise};
use crate::lookup;
use crate::progress;
use crate::style::{bold, dim};

/// Shows the hints of the exercise called `query` revealed so far plus the next one.
pub fn run(root: &Path, query: &str) -> Result<(), String> {
    let catalog = Catalog::load(root)?;
    let exercise = lookup::find(&catalog, query)?;
    let again = format!("`cargo workbook hint {}`", catalog.short_name(exercise));
    reveal_next(root, &catalog, exercise, &again)
}

/// Prints the hints shown before (dimmed) and reveals the next one; `again` says how to
/// ask for the one after.
pub fn reveal_next(
    root: &Path,
    catalog: &Catalog,
    exercise: &Exercise,
    again: &str,
) -> Result<(), String> {
    let key = exercise.key();
    let name = catalog.short_name(exercise);
    let count = exercise.hints.len();
    if count == 0 {
        println!(
            "{key} has no hints. Its todo!() messages say what to do, and the book explains \
             the idea{}.",
            exercise
                .page
                .as_ref()
                .map_or(String::new(), |page| format!(" (book/{page})"))
        );
        return Ok(());
    }
    let shown_before = progress::load(root).record(&key).hints_shown.min(count);
    let shown_now = (shown_before + 1).min(count);
    for (index, hint) in exercise.hints.iter().enumerate().take(shown_now) {
        let heading = format!("Hint {} of {count} for {key}:", index + 1);
        let text = indent(hint);
        if index + 1 == shown_now && shown_now > shown_before {
            println!("{}\n{text}\n", bold(&heading));
        } else {
            println!("{}\n{}\n", dim(&heading), dim(&text));
        }
    }
    if shown_now < count {
        println!("For the next hint: {again} again.");
    } else {
        println!(
            "That was the last hint. Still stuck? `cargo workbook solution {name}` shows the \
             worked answer (it asks first while your tests fail)."
        );
    }
    progress::update(root, |progress| {
        let record = progress.exercises.entry(key).or_default();
        record.hints_shown = record.hints_shown.max(shown_now);
    })
}

/// Wraps a hint to the terminal's usual width and indents it.
fn indent(hint: &str) -> String {
    let mut lines = Vec::new();
    for paragraph in hint.trim().split('\n') {
        let mut line = String::new();
        for word in paragraph.split_whitespace() {
            if !line.is_empty() && line.len() + word.len() + 1 > 84 {
                lines.push(std::mem::take(&mut line));
            }
            if !line.is_empty() {
                line.push(' ');
            }
            line.push_str(word);
        }
        lines.push(line);
    }
    lines
        .iter()
        .map(|line| format!("  {line}"))
        .collect::<Vec<_>>()
        .join("\n")
}

/// "hint 2 of 3" style pointer for reports: what `hint` would reveal next.
pub fn pointer(root: &Path, catalog: &Catalog, exercise: &Exercise) -> Option<String> {
    let count = exercise.hints.len();
    if count == 0 {
        return None;
    }
    let shown = progress::load(root).record(&exercise.key()).hints_shown;
    let name = catalog.short_name(exercise);
    Some(if shown >= count {
        format!("all {count} hints shown: `cargo workbook hint {name}` repeats them")
    } else {
        format!(
            "`cargo workbook hint {name}` (hint {} of {count})",
            shown + 1
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_long_hint_is_wrapped_and_indented() {
        let hint = "word ".repeat(40);
        let wrapped = indent(&hint);
        assert!(wrapped.lines().count() > 1);
        assert!(
            wrapped
                .lines()
                .all(|line| line.starts_with("  ") && line.len() <= 88)
        );
    }
}
