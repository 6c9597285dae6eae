//! Finding an exercise by the name the learner typed: `counter/atomic`, or `atomic`
//! when no other chapter has an exercise of that name. A misspelt name gets the
//! closest names as suggestions.

use crate::catalog::{Catalog, Exercise};
use crate::workspace::edit_distance;

/// The exercise called `query`, or an error that says what the learner may have meant.
pub fn find<'a>(catalog: &'a Catalog, query: &str) -> Result<&'a Exercise, String> {
    let query = query.trim().trim_end_matches('/');
    if let Some(exact) = catalog.exercises().find(|e| e.key() == query) {
        return Ok(exact);
    }
    let by_name: Vec<&Exercise> = catalog.exercises().filter(|e| e.name == query).collect();
    match by_name.as_slice() {
        [only] => return Ok(only),
        [_, _, ..] => {
            let keys: Vec<String> = by_name.iter().map(|e| format!("`{}`", e.key())).collect();
            return Err(format!(
                "`{query}` is an exercise in more than one chapter: say which, {}.",
                keys.join(" or ")
            ));
        }
        [] => {}
    }
    if let Some(chapter) = catalog.chapters.iter().find(|c| c.name == query) {
        let keys: Vec<String> = chapter.exercises.iter().map(Exercise::key).collect();
        return Err(format!(
            "`{query}` is a chapter; name one of its exercises: {}.",
            keys.join(", ")
        ));
    }
    let suggestions = closest(catalog, query);
    let hint = if suggestions.is_empty() {
        String::new()
    } else {
        let quoted: Vec<String> = suggestions.iter().map(|s| format!("`{s}`")).collect();
        format!(" Did you mean {}?", quoted.join(" or "))
    };
    Err(format!(
        "there is no exercise `{query}`.{hint} `cargo workbook` lists them all."
    ))
}

/// Up to three exercise names closest to `query`, nearest first, each within a few
/// edits of it (comparing against both the short and the full name).
fn closest(catalog: &Catalog, query: &str) -> Vec<String> {
    let allowed = (query.chars().count() / 3).clamp(2, 4);
    let mut scored: Vec<(usize, String)> = catalog
        .exercises()
        .map(|exercise| {
            let distance =
                edit_distance(query, &exercise.name).min(edit_distance(query, &exercise.key()));
            (distance, exercise.key())
        })
        .filter(|(distance, _)| *distance <= allowed)
        .collect();
    scored.sort();
    scored.into_iter().take(3).map(|(_, key)| key).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog::Chapter;

    fn exercise(chapter: &str, name: &str) -> Exercise {
        Exercise {
            chapter: chapter.to_owned(),
            name: name.to_owned(),
            test_target: name.to_owned(),
            test_file: format!("exercises/{chapter}/tests/{name}.rs").into(),
            sources: Vec::new(),
            page: None,
            hints: Vec::new(),
        }
    }

    fn catalog() -> Catalog {
        let chapter = |name: &str, exercises: &[&str]| Chapter {
            name: name.to_owned(),
            title: None,
            has_metadata: true,
            exercises: exercises.iter().map(|e| exercise(name, e)).collect(),
        };
        Catalog {
            chapters: vec![
                chapter("counter", &["atomic", "mutex", "sharded"]),
                chapter("maps", &["sharded", "rwlock"]),
            ],
        }
    }

    #[test]
    fn a_short_name_is_enough_when_it_is_unique() {
        let catalog = catalog();
        assert_eq!(find(&catalog, "atomic").unwrap().key(), "counter/atomic");
        assert_eq!(
            find(&catalog, "maps/sharded").unwrap().key(),
            "maps/sharded"
        );
    }

    #[test]
    fn a_name_two_chapters_share_asks_which() {
        let error = find(&catalog(), "sharded").unwrap_err();
        assert!(
            error.contains("`counter/sharded` or `maps/sharded`"),
            "{error}"
        );
    }

    #[test]
    fn a_misspelt_name_gets_the_closest_suggested() {
        let error = find(&catalog(), "atomc").unwrap_err();
        assert!(error.contains("Did you mean `counter/atomic`?"), "{error}");
        let error = find(&catalog(), "counter/mutx").unwrap_err();
        assert!(error.contains("`counter/mutex`"), "{error}");
        let error = find(&catalog(), "zzzzzzzz").unwrap_err();
        assert!(!error.contains("Did you mean"), "{error}");
    }

    #[test]
    fn a_chapter_name_lists_its_exercises() {
        let error = find(&catalog(), "maps").unwrap_err();
        assert!(error.contains("maps/sharded, maps/rwlock"), "{error}");
    }
}
