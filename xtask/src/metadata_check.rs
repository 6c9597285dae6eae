//! Checks a chapter's exercise metadata (`exercises/<chapter>/workbook.toml`) against
//! its files, for `verify`: every test file is an exercise, every exercise has a worked
//! answer for each of its sources, a book page that exists and names the runner's
//! `watch` command for it, and two or three hints.

use std::path::Path;

use crate::catalog::{self, Exercise, METADATA};

/// What is wrong with the chapter's metadata (breaches of the contract), and notes
/// worth printing that break nothing.
#[derive(Default)]
pub struct Review {
    pub breaches: Vec<String>,
    pub notes: Vec<String>,
}

pub fn review(root: &Path, chapter: &str) -> Review {
    let mut review = Review::default();
    let loaded = match catalog::load_chapter(root, chapter) {
        Ok(loaded) => loaded,
        Err(error) => {
            review.breaches.push(error);
            return review;
        }
    };
    if !loaded.has_metadata {
        review.notes.push(format!(
            "exercises/{chapter} has no {METADATA}: the runner derives its exercises from \
             tests/ and has no hints for them (see CONTRIBUTING.md)"
        ));
        return review;
    }
    let file = format!("exercises/{chapter}/{METADATA}");
    for stem in catalog::test_files(root, chapter).unwrap_or_default() {
        if !loaded.exercises.iter().any(|e| e.test_target == stem) {
            review.breaches.push(format!(
                "{file}: tests/{stem}.rs is not the test of any exercise"
            ));
        }
    }
    for exercise in &loaded.exercises {
        let key = exercise.key();
        if !(2..=3).contains(&exercise.hints.len()) {
            review.breaches.push(format!(
                "{file}: {key} has {} hints; give two or three, each a nudge, not the answer",
                exercise.hints.len()
            ));
        }
        if exercise.sources.is_empty() {
            review
                .breaches
                .push(format!("{file}: {key} names no sources"));
        }
        for source in &exercise.sources {
            let answer = exercise.solution_of(source);
            if !root.join(&answer).is_file() {
                review.breaches.push(format!(
                    "{file}: {key} edits {}, but there is no worked answer {}",
                    source.display(),
                    answer.display()
                ));
            }
        }
        match &exercise.page {
            Some(page) => match std::fs::read_to_string(root.join("book").join(page)) {
                Err(_) => review
                    .breaches
                    .push(format!("{file}: {key}'s page book/{page} does not exist")),
                Ok(text) if !names_watch(&text, exercise) => review.breaches.push(format!(
                    "book/{page} does not name the runner next to {key}: add \
                     `cargo workbook watch {key}` (and hint, solution) by the exercise"
                )),
                Ok(_) => {}
            },
            None => review
                .breaches
                .push(format!("{file}: {key} names no book page")),
        }
    }
    review
}

/// Whether `page` tells the learner to `cargo workbook watch` this exercise.
fn names_watch(page: &str, exercise: &Exercise) -> bool {
    [exercise.key(), exercise.name.clone()].iter().any(|name| {
        let command = format!("cargo workbook watch {name}");
        page.match_indices(&command).any(|(at, _)| {
            let after = page[at + command.len()..].chars().next();
            !after.is_some_and(|c| c.is_alphanumeric() || c == '_')
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_watch_command_must_name_this_exercise() {
        let exercise = crate::catalog::Exercise {
            chapter: "counter".to_owned(),
            name: "atomic".to_owned(),
            test_target: "atomic".to_owned(),
            test_file: "exercises/counter/tests/atomic.rs".into(),
            sources: Vec::new(),
            page: None,
            hints: Vec::new(),
        };
        assert!(names_watch(
            "run `cargo workbook watch counter/atomic`.",
            &exercise
        ));
        assert!(names_watch("cargo workbook watch atomic\n", &exercise));
        assert!(!names_watch("cargo workbook watch atomically", &exercise));
        assert!(!names_watch(
            "cargo test -p counter --test atomic",
            &exercise
        ));
    }
}
