//! `cargo workbook watch [exercise]`: runs an exercise's tests, shows the result, and
//! runs them again on every save (or on Enter in `--manual` mode), until the learner
//! quits. Compile errors are shown like failing tests; the loop goes on.

use std::path::Path;

use crate::catalog::{Catalog, Exercise};
use crate::events::{Event, Events};
use crate::progress;
use crate::status::{self, Status};
use crate::style::{bold, clear_screen, dim};
use crate::{hint, lookup, report};

/// Watches the exercise called `query`, or the first one not yet passing.
pub fn run(root: &Path, query: Option<&str>, manual: bool) -> Result<(), String> {
    let catalog = Catalog::load(root)?;
    let mut exercise = match query {
        Some(query) => lookup::find(&catalog, query)?.clone(),
        None => first_unsolved(root, &catalog, None)
            .ok_or("every exercise passes already: name one to watch it anyway")?,
    };
    let watched = root.join("exercises");
    let (mut events, problem) = Events::start(&watched, manual);
    let mut run = 0;
    loop {
        run += 1;
        clear_screen();
        if let Some(problem) = &problem {
            println!("{problem}");
        }
        println!(
            "{} {}",
            bold(&exercise.key()),
            dim(&format!("· {} · run {run}", exercise.test_command()))
        );
        println!("{}", dim("building and testing …"));
        let outcome = status::check_one(root, &exercise)?;
        let next = first_unsolved(root, &catalog, Some(&exercise));
        report::print(root, &catalog, &exercise, &outcome, next.as_ref());
        print_keys(&events, run == 1);
        loop {
            match events.next() {
                None => return Ok(()),
                Some(Event::Saved) => break,
                Some(Event::InputClosed) if events.watches_saves() => {}
                Some(Event::InputClosed) => return Ok(()),
                Some(Event::Typed(key)) => match key.as_str() {
                    "" | "r" => break,
                    "q" => return Ok(()),
                    "h" => hint::reveal_next(root, &catalog, &exercise, "h and Enter")?,
                    "n" => match &next {
                        Some(next) => {
                            exercise = next.clone();
                            break;
                        }
                        None => println!("There is no exercise after this one left to solve."),
                    },
                    _ => print_keys(&events, true),
                },
            }
        }
    }
}

fn print_keys(events: &Events, explain: bool) {
    let keys = "Enter: run again · h: next hint · n: next exercise · q: quit";
    if events.watches_saves() {
        println!(
            "\n{}",
            dim(&format!("Watching exercises/ for saves. {keys}"))
        );
        if explain {
            println!(
                "{}",
                dim("(Saves not noticed, as on some network or VM shares? Start with --manual.)")
            );
        }
    } else {
        println!(
            "\n{}",
            dim(&format!("Manual mode: save, then press Enter. {keys}"))
        );
    }
}

/// The first exercise after `after` (or from the start) that is not known to pass.
fn first_unsolved(root: &Path, catalog: &Catalog, after: Option<&Exercise>) -> Option<Exercise> {
    let progress = progress::load(root);
    let mut exercises = catalog.exercises().skip_while(|e| match after {
        Some(after) => e.key() != after.key(),
        None => false,
    });
    if after.is_some() {
        exercises.next();
    }
    exercises
        .find(|e| !matches!(status::known(root, e, &progress), Status::Passing { .. }))
        .cloned()
}
