//! `cargo workbook book`: builds the book with the pinned mdBook and fails on any
//! warning or error mdBook prints, and on any broken internal link or anchor.

use std::collections::{HashMap, HashSet};
use std::fs;
use std::path::{Path, PathBuf};

use crate::includes::broken_includes;
use crate::tools;

/// Builds the book into `target/book` and checks it.
pub fn build_and_check(root: &Path) -> Result<(), String> {
    let includes = broken_includes(&root.join("book"))?;
    if !includes.is_empty() {
        return Err(format!("broken includes:\n{}", includes.join("\n")));
    }
    let out = tools::mdbook_command(root)?
        .arg("build")
        .current_dir(root)
        .output()
        .map_err(|error| format!("cannot run mdbook: {error}"))?;
    let printed = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    let complaints: Vec<&str> = printed
        .lines()
        .filter(|line| line.contains("WARN") || line.contains("ERROR"))
        .collect();
    if !out.status.success() || !complaints.is_empty() {
        return Err(format!("mdbook build is not clean:\n{printed}"));
    }
    let html = root.join("target/book");
    let broken = broken_links(&html)?;
    if !broken.is_empty() {
        return Err(format!(
            "{} broken internal link(s):\n{}",
            broken.len(),
            broken.join("\n")
        ));
    }
    println!(
        "book built into {} with no warnings and no broken links",
        html.display()
    );
    Ok(())
}

/// Every `href`/`src` in the HTML under `dir` that points inside the book to a file or
/// `#anchor` that does not exist, as "page: link".
pub fn broken_links(dir: &Path) -> Result<Vec<String>, String> {
    let pages = html_files(dir)?;
    let mut ids: HashMap<PathBuf, HashSet<String>> = HashMap::new();
    let mut texts = Vec::new();
    for page in &pages {
        let text = fs::read_to_string(page).map_err(|e| format!("{}: {e}", page.display()))?;
        ids.insert(
            page.clone(),
            attribute_values(&text, "id").into_iter().collect(),
        );
        texts.push((page.clone(), text));
    }
    let site = normalise(dir);
    let mut broken = Vec::new();
    for (page, text) in &texts {
        let links = attribute_values(text, "href")
            .into_iter()
            .chain(attribute_values(text, "src"));
        for link in links {
            if is_external(&link) {
                continue;
            }
            let (path, fragment) = link.split_once('#').unwrap_or((&link, ""));
            let path = path.split('?').next().unwrap_or_default();
            let target = if path.is_empty() {
                page.clone()
            } else {
                let from = page
                    .parent()
                    .and_then(|folder| folder.strip_prefix(&site).ok())
                    .unwrap_or(Path::new(""));
                let joined = resolve_link(&site, from, path);
                if joined.is_dir() {
                    joined.join("index.html")
                } else {
                    joined
                }
            };
            let target = normalise(&target);
            if !target.exists() {
                broken.push(format!("{}: {link}", relative(dir, page)));
            } else if !fragment.is_empty() && target.extension().is_some_and(|e| e == "html") {
                let known = ids.get(&target).is_some_and(|ids| ids.contains(fragment));
                if !known {
                    broken.push(format!("{}: {link} (no such anchor)", relative(dir, page)));
                }
            }
        }
    }
    broken.sort();
    broken.dedup();
    Ok(broken)
}

/// Where `path`, linked from a page in the folder `from` (relative to the site's root),
/// points. As in a browser, `..` never climbs above the root: mdBook's print page keeps
/// the `../` of a chapter's own asset links (mdbook-quiz's script), and they still work.
fn resolve_link(site: &Path, from: &Path, path: &str) -> PathBuf {
    let mut parts: Vec<&str> = if path.starts_with('/') {
        Vec::new()
    } else {
        from.iter().filter_map(|part| part.to_str()).collect()
    };
    for part in path.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                parts.pop();
            }
            other => parts.push(other),
        }
    }
    parts
        .iter()
        .fold(site.to_path_buf(), |joined, part| joined.join(part))
}

fn is_external(link: &str) -> bool {
    link.is_empty()
        || link.contains("://")
        || link.starts_with("//")
        || link.starts_with("mailto:")
        || link.starts_with("javascript:")
        || link.starts_with("data:")
        || link.starts_with('{')
}

fn html_files(dir: &Path) -> Result<Vec<PathBuf>, String> {
    let mut found = Vec::new();
    let mut pending = vec![dir.to_path_buf()];
    while let Some(folder) = pending.pop() {
        let entries = fs::read_dir(&folder).map_err(|e| {
            format!(
                "cannot read {}: {e} (was the book built?)",
                folder.display()
            )
        })?;
        for entry in entries.filter_map(Result::ok) {
            let path = entry.path();
            if path.is_dir() {
                pending.push(path);
            } else if path.extension().is_some_and(|e| e == "html") {
                found.push(normalise(&path));
            }
        }
    }
    Ok(found)
}

/// The values of `name="…"` attributes in `html` (a plain scan; enough for mdBook).
fn attribute_values(html: &str, name: &str) -> Vec<String> {
    let needle = format!(" {name}=\"");
    let mut values = Vec::new();
    let mut rest = html;
    while let Some(start) = rest.find(&needle) {
        rest = &rest[start + needle.len()..];
        if let Some(end) = rest.find('"') {
            values.push(decode(&rest[..end]));
            rest = &rest[end..];
        }
    }
    values
}

fn decode(value: &str) -> String {
    value.replace("&amp;", "&").replace("%20", " ")
}

fn normalise(path: &Path) -> PathBuf {
    let mut parts = PathBuf::new();
    for part in path.components() {
        match part {
            std::path::Component::ParentDir => {
                parts.pop();
            }
            std::path::Component::CurDir => {}
            other => parts.push(other),
        }
    }
    parts
}

fn relative(dir: &Path, page: &Path) -> String {
    page.strip_prefix(dir).unwrap_or(page).display().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_a_missing_page_and_a_missing_anchor() {
        let dir = std::env::temp_dir().join(format!("workbook-links-{}", std::process::id()));
        fs::create_dir_all(dir.join("ch")).unwrap();
        fs::write(
            dir.join("index.html"),
            r##"<a href="ch/a.html#here">ok</a> <a href="ch/a.html#gone">x</a>
                <a href="missing.html">y</a> <a href="https://example.org/">ext</a>
                <img src="ch/a.html"> <a href="#top">self</a> <p id="top"></p>"##,
        )
        .unwrap();
        fs::write(dir.join("ch/a.html"), r#"<h1 id="here">A</h1>"#).unwrap();
        // `..` above the root stays at the root, as in a browser.
        fs::write(
            dir.join("print.html"),
            r#"<script src="../ch/a.html"></script>"#,
        )
        .unwrap();
        let broken = broken_links(&dir).unwrap();
        fs::remove_dir_all(&dir).unwrap();
        assert_eq!(
            broken,
            [
                "index.html: ch/a.html#gone (no such anchor)",
                "index.html: missing.html"
            ]
        );
    }
}
