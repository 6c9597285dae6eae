//! The exercises of every chapter, as the learner's runner sees them.
//!
//! An exercise is one test file `exercises/<chapter>/tests/<name>.rs` plus the source
//! files the learner edits to make it pass. A chapter describes its exercises, in the
//! order the book presents them, in `exercises/<chapter>/workbook.toml`; without that
//! file they are derived from `tests/` by convention and have no hints.

use std::fs;
use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::workspace;

/// The metadata file of a chapter, beside its `Cargo.toml`.
pub const METADATA: &str = "workbook.toml";

/// One exercise: a test target of the chapter's crate and the files it checks.
#[derive(Clone, Debug)]
pub struct Exercise {
    pub chapter: String,
    pub name: String,
    /// The `[[test]]` target, the test file's stem.
    pub test_target: String,
    /// The test file, relative to the workspace root.
    pub test_file: PathBuf,
    /// The files the learner edits, relative to the workspace root.
    pub sources: Vec<PathBuf>,
    /// The book page of the exercise, relative to `book/`.
    pub page: Option<String>,
    /// Tiered hints, the gentlest first.
    pub hints: Vec<String>,
}

impl Exercise {
    /// The unique name, `<chapter>/<exercise>`.
    pub fn key(&self) -> String {
        format!("{}/{}", self.chapter, self.name)
    }

    /// The plain cargo command that runs this exercise's tests once.
    pub fn test_command(&self) -> String {
        format!("cargo test -p {} --test {}", self.chapter, self.test_target)
    }

    /// The worked answer's counterpart of `source`: the same path under `solutions/`.
    pub fn solution_of(&self, source: &Path) -> PathBuf {
        let exercise_dir = Path::new("exercises").join(&self.chapter);
        let inside = source.strip_prefix(&exercise_dir).unwrap_or(source);
        Path::new("solutions").join(&self.chapter).join(inside)
    }
}

/// A chapter and its exercises in the book's order.
#[derive(Debug)]
pub struct Chapter {
    pub name: String,
    /// The chapter's title in `book/SUMMARY.md`, if it is listed there.
    pub title: Option<String>,
    pub has_metadata: bool,
    pub exercises: Vec<Exercise>,
}

/// Every chapter's exercises, chapters in the book's order.
#[derive(Debug)]
pub struct Catalog {
    pub chapters: Vec<Chapter>,
}

impl Catalog {
    pub fn load(root: &Path) -> Result<Catalog, String> {
        let chapters = workspace::chapters(root)?
            .into_iter()
            .map(|chapter| load_chapter(root, &chapter))
            .collect::<Result<Vec<_>, _>>()?;
        Ok(Catalog { chapters })
    }

    /// The shortest name that finds `exercise`: its own name when no other chapter has
    /// an exercise of that name, else `<chapter>/<exercise>`.
    pub fn short_name(&self, exercise: &Exercise) -> String {
        let namesakes = self.exercises().filter(|e| e.name == exercise.name).count();
        if namesakes > 1 {
            exercise.key()
        } else {
            exercise.name.clone()
        }
    }

    /// Every exercise, in the order a learner meets them.
    pub fn exercises(&self) -> impl Iterator<Item = &Exercise> {
        self.chapters.iter().flat_map(|chapter| &chapter.exercises)
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct MetadataFile {
    #[serde(default, rename = "exercise")]
    exercises: Vec<MetadataEntry>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct MetadataEntry {
    name: String,
    test: Option<String>,
    sources: Option<Vec<String>>,
    page: Option<String>,
    #[serde(default)]
    hints: Vec<String>,
}

/// Reads one chapter's exercises from its metadata file, or derives them from `tests/`.
pub fn load_chapter(root: &Path, chapter: &str) -> Result<Chapter, String> {
    let dir = Path::new("exercises").join(chapter);
    let metadata_path = root.join(&dir).join(METADATA);
    let title = chapter_title(root, chapter);
    if !metadata_path.is_file() {
        let exercises = test_files(root, chapter)?
            .into_iter()
            .map(|stem| {
                let source = dir.join("src").join(format!("{stem}.rs"));
                let sources = if root.join(&source).is_file() {
                    vec![source]
                } else {
                    Vec::new()
                };
                Exercise {
                    chapter: chapter.to_owned(),
                    test_file: dir.join("tests").join(format!("{stem}.rs")),
                    name: stem.clone(),
                    test_target: stem,
                    sources,
                    page: None,
                    hints: Vec::new(),
                }
            })
            .collect();
        return Ok(Chapter {
            name: chapter.to_owned(),
            title,
            has_metadata: false,
            exercises,
        });
    }
    let shown = metadata_path.display();
    let text = fs::read_to_string(&metadata_path).map_err(|e| format!("{shown}: {e}"))?;
    let parsed: MetadataFile = toml::from_str(&text).map_err(|e| format!("{shown}: {e}"))?;
    let mut exercises = Vec::new();
    for entry in parsed.exercises {
        let name = entry.name;
        if name.is_empty() || name.contains(['/', ' ']) {
            return Err(format!(
                "{shown}: exercise name `{name}` must be a plain word"
            ));
        }
        if exercises.iter().any(|e: &Exercise| e.name == name) {
            return Err(format!("{shown}: exercise `{name}` is listed twice"));
        }
        let test = entry.test.unwrap_or_else(|| format!("tests/{name}.rs"));
        let test_target = Path::new(&test)
            .file_stem()
            .and_then(|stem| stem.to_str())
            .filter(|_| test.starts_with("tests/") && test.ends_with(".rs"))
            .ok_or_else(|| format!("{shown}: `{test}` is not a file tests/<name>.rs"))?
            .to_owned();
        let sources = entry
            .sources
            .unwrap_or_else(|| vec![format!("src/{name}.rs")]);
        let mut files = vec![test.clone()];
        files.extend(sources.iter().cloned());
        for file in &files {
            if !root.join(&dir).join(file).is_file() {
                return Err(format!(
                    "{shown}: exercise `{name}` names {file}, which does not exist"
                ));
            }
        }
        exercises.push(Exercise {
            chapter: chapter.to_owned(),
            name,
            test_target,
            test_file: dir.join(&test),
            sources: sources.iter().map(|source| dir.join(source)).collect(),
            page: entry.page,
            hints: entry.hints,
        });
    }
    Ok(Chapter {
        name: chapter.to_owned(),
        title,
        has_metadata: true,
        exercises,
    })
}

/// The stems of the chapter's exercise test files: `tests/*.rs` except `loom.rs`, whose
/// model checks run against the solution (`cargo workbook loom`).
pub fn test_files(root: &Path, chapter: &str) -> Result<Vec<String>, String> {
    let tests = root.join("exercises").join(chapter).join("tests");
    let Ok(entries) = fs::read_dir(&tests) else {
        return Ok(Vec::new());
    };
    let mut stems: Vec<String> = entries
        .filter_map(Result::ok)
        .map(|entry| entry.path())
        .filter(|path| path.is_file() && path.extension().is_some_and(|e| e == "rs"))
        .filter_map(|path| path.file_stem()?.to_str().map(str::to_owned))
        .filter(|stem| stem != "loom")
        .collect();
    stems.sort();
    Ok(stems)
}

/// The title of the chapter's first entry in `book/SUMMARY.md`.
fn chapter_title(root: &Path, chapter: &str) -> Option<String> {
    let summary = fs::read_to_string(root.join("book/SUMMARY.md")).ok()?;
    let link = format!("]({chapter}/");
    let line = summary.lines().find(|line| line.contains(&link))?;
    let start = line.find('[')? + 1;
    let end = line.find(&link)?;
    (start <= end).then(|| line[start..end].to_owned())
}
