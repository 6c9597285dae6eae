//! Checks the book's `{{#include file:anchor}}` directives, which mdBook silently
//! renders as an empty block when the anchor is missing.

use std::fs;
use std::path::{Path, PathBuf};

/// Every include in the Markdown under `book` whose file or anchor does not exist, as
/// "page: directive (what is wrong)".
pub fn broken_includes(book: &Path) -> Result<Vec<String>, String> {
    let mut broken = Vec::new();
    for page in markdown_files(book)? {
        let text = fs::read_to_string(&page).map_err(|e| format!("{}: {e}", page.display()))?;
        for directive in directives(&text) {
            if let Some(problem) = check(&page, directive) {
                let shown = page.strip_prefix(book).unwrap_or(&page).display();
                broken.push(format!("{shown}: {{{{#include {directive}}}}} ({problem})"));
            }
        }
    }
    Ok(broken)
}

/// The argument of each `{{#include …}}` in `text`.
fn directives(text: &str) -> Vec<&str> {
    let mut found = Vec::new();
    let mut rest = text;
    while let Some(start) = rest.find("{{#include ") {
        rest = &rest[start + "{{#include ".len()..];
        if let Some(end) = rest.find("}}") {
            found.push(rest[..end].trim());
            rest = &rest[end..];
        }
    }
    found
}

fn check(page: &Path, directive: &str) -> Option<String> {
    let (file, selector) = match directive.split_once(':') {
        Some((file, selector)) => (file, Some(selector)),
        None => (directive, None),
    };
    let path = page
        .parent()
        .map_or_else(PathBuf::new, Path::to_path_buf)
        .join(file);
    let Ok(source) = fs::read_to_string(&path) else {
        return Some("no such file".to_owned());
    };
    let anchor =
        selector.filter(|s| !s.is_empty() && !s.chars().all(|c| c.is_ascii_digit() || c == ':'));
    match anchor {
        Some(anchor) => {
            let opens = source.contains(&format!("ANCHOR: {anchor}\n"));
            let closes = source.contains(&format!("ANCHOR_END: {anchor}\n"));
            (!(opens && closes)).then(|| format!("anchor `{anchor}` not found"))
        }
        None => None,
    }
}

fn markdown_files(dir: &Path) -> Result<Vec<PathBuf>, String> {
    let mut found = Vec::new();
    let mut pending = vec![dir.to_path_buf()];
    while let Some(folder) = pending.pop() {
        let entries = fs::read_dir(&folder).map_err(|e| format!("{}: {e}", folder.display()))?;
        for path in entries.filter_map(Result::ok).map(|entry| entry.path()) {
            if path.is_dir() {
                pending.push(path);
            } else if path.extension().is_some_and(|e| e == "md") {
                found.push(path);
            }
        }
    }
    found.sort();
    Ok(found)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_each_directive() {
        let text = "a {{#include ../x.rs:one}} b\n{{#include y.rs}}";
        assert_eq!(directives(text), ["../x.rs:one", "y.rs"]);
    }
}
