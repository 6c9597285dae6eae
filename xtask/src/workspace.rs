//! Where the workbook lives, and which chapters it has.

use std::fs;
use std::path::{Path, PathBuf};

/// The workspace root: the folder holding `book.toml` and `exercises/`, found from the
/// current directory upwards.
pub fn root() -> Result<PathBuf, String> {
    let is_root = |dir: &Path| dir.join("book.toml").is_file() && dir.join("exercises").is_dir();
    let here = std::env::current_dir()
        .map_err(|error| format!("cannot tell the current directory: {error}"))?;
    match here.ancestors().find(|dir| is_root(dir)) {
        Some(found) => Ok(found.to_path_buf()),
        None => Err(format!(
            "{} is not inside the workbook. Run `cargo workbook` in the folder you cloned \
             (the one with book.toml and exercises/), or in any folder below it.",
            here.display()
        )),
    }
}

/// The chapters, in the order the book presents them (`book/SUMMARY.md`), then any
/// others alphabetically. A chapter is a folder `exercises/<name>` with a `Cargo.toml`.
pub fn chapters(root: &Path) -> Result<Vec<String>, String> {
    let exercises = root.join("exercises");
    let entries = fs::read_dir(&exercises)
        .map_err(|error| format!("cannot read {}: {error}", exercises.display()))?;
    let mut found: Vec<String> = entries
        .filter_map(Result::ok)
        .filter(|entry| entry.path().join("Cargo.toml").is_file())
        .filter_map(|entry| entry.file_name().into_string().ok())
        .collect();
    found.sort();
    let summary = fs::read_to_string(root.join("book/SUMMARY.md")).unwrap_or_default();
    let position = |chapter: &String| summary.find(&format!("]({chapter}/")).unwrap_or(usize::MAX);
    found.sort_by_key(position);
    Ok(found)
}

/// Checks that `name` is a chapter, or explains which names are.
pub fn require_chapter(root: &Path, name: &str) -> Result<(), String> {
    let known = chapters(root)?;
    if known.iter().any(|chapter| chapter == name) {
        return Ok(());
    }
    let closest = known
        .iter()
        .min_by_key(|chapter| edit_distance(chapter, name))
        .filter(|chapter| edit_distance(chapter, name) <= 3);
    let hint = closest.map_or(String::new(), |c| format!(" Did you mean `{c}`?"));
    Err(format!(
        "there is no chapter `{name}`.{hint} Chapters: {}.",
        known.join(", ")
    ))
}

/// Levenshtein distance, for suggesting the closest name to a misspelt one.
pub fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut previous: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut current = vec![i + 1];
        for (j, cb) in b.iter().enumerate() {
            let substitution = previous[j] + usize::from(ca != *cb);
            current.push(substitution.min(previous[j + 1] + 1).min(current[j] + 1));
        }
        previous = current;
    }
    previous[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn edit_distance_counts_single_edits() {
        assert_eq!(edit_distance("counter", "counter"), 0);
        assert_eq!(edit_distance("countr", "counter"), 1);
        assert_eq!(edit_distance("singelflight", "singleflight"), 2);
    }
}
