//! `cargo workbook` with no arguments: every chapter's exercises with their status, the
//! overall progress, and the next exercise to do with the commands to work on it.

use std::path::Path;

use crate::catalog::{Catalog, Exercise};
use crate::status::{self, Status};
use crate::style::{bold, dim, green, red};

/// Prints the progress table; checks the exercises edited since their last run first.
pub fn show(root: &Path) -> Result<(), String> {
    let catalog = Catalog::load(root)?;
    let statuses = status::all(root, &catalog)?;
    println!();
    for chapter in &catalog.chapters {
        let title = chapter.title.as_deref().unwrap_or(&chapter.name);
        println!("{} {}", bold(&chapter.name), dim(&format!("— {title}")));
        if chapter.exercises.is_empty() {
            println!("    {}", dim("(no exercises yet)"));
        }
        for (exercise, status) in statuses.iter().filter(|(e, _)| e.chapter == chapter.name) {
            let line = format!(
                "  {}  {:<28} {}",
                label(*status),
                exercise.key(),
                dim(&detail(*status))
            );
            println!("{}", line.trim_end());
        }
        println!();
    }
    let total = statuses.len();
    let done = statuses
        .iter()
        .filter(|(_, status)| matches!(status, Status::Passing { .. }))
        .count();
    println!(
        "Progress: {done} of {total} exercises pass  {}",
        bar(done, total)
    );
    match statuses
        .iter()
        .find(|(_, status)| !matches!(status, Status::Passing { .. }))
    {
        Some((next, _)) => print_next(root, &catalog, next),
        None if total > 0 => println!(
            "\n{} Compare your answers with the worked ones: cargo workbook solution <exercise>",
            green("Every exercise passes.")
        ),
        None => {}
    }
    Ok(())
}

/// The status column, padded before colouring so that the columns line up.
fn label(status: Status) -> String {
    match status {
        Status::Untouched => dim(&format!("{:<11}", "· untouched")),
        Status::Stale => dim(&format!("{:<11}", "? unchecked")),
        Status::Failing { .. } => red(&format!("{:<11}", "✗ failing")),
        Status::Passing { .. } => green(&format!("{:<11}", "✓ passing")),
    }
}

fn detail(status: Status) -> String {
    match status {
        Status::Failing {
            compiles: false, ..
        } => "does not compile".to_owned(),
        Status::Failing { passed, total, .. } => format!("{passed}/{total} tests pass"),
        Status::Passing { total } => format!("{total}/{total} tests pass"),
        Status::Untouched | Status::Stale => String::new(),
    }
}

fn bar(done: usize, total: usize) -> String {
    const WIDTH: usize = 20;
    let filled = (done * WIDTH).checked_div(total).unwrap_or(0);
    let percent = (done * 100).checked_div(total).unwrap_or(0);
    format!(
        "[{}{}] {percent}%",
        green(&"#".repeat(filled)),
        "-".repeat(WIDTH - filled)
    )
}

fn print_next(root: &Path, catalog: &Catalog, next: &Exercise) {
    let name = catalog.short_name(next);
    println!("\nNext: {}", bold(&next.key()));
    if let Some(page) = &next.page
        && root.join("book").join(page).is_file()
    {
        println!("  read   book/{page}  (or `cargo workbook serve`)");
    }
    let files: Vec<String> = next
        .sources
        .iter()
        .map(|s| s.display().to_string())
        .collect();
    if !files.is_empty() {
        println!("  edit   {}", files.join(", "));
    }
    let watch = format!("cargo workbook watch {name}");
    let once = next.test_command();
    let width = watch.len().max(once.len());
    println!(
        "  run    {}  re-runs its tests on every save",
        bold(&format!("{watch:<width$}"))
    );
    println!("         {once:<width$}  the same tests, once");
    if !next.hints.is_empty() {
        println!("  stuck? cargo workbook hint {name}");
    }
}
