//! The learner's progress, kept in `.workbook-progress.json` at the workspace root
//! (ignored by git): each exercise's last test result with the fingerprint of the files
//! it was taken on, and how many hints were shown. Closing the terminal loses nothing.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

/// The file's name; `.gitignore` lists `/.workbook-progress*`.
pub const FILE: &str = ".workbook-progress.json";

/// Bumped when the meaning of a recorded result changes, which discards old results.
const FORMAT: u32 = 1;

#[derive(Serialize, Deserialize, Default)]
pub struct Progress {
    #[serde(default)]
    format: u32,
    /// By exercise key, `<chapter>/<exercise>`.
    #[serde(default)]
    pub exercises: BTreeMap<String, Record>,
}

/// What is known about one exercise.
#[derive(Serialize, Deserialize, Default, Clone, Debug)]
pub struct Record {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub result: Option<TestResult>,
    #[serde(default, skip_serializing_if = "is_zero")]
    pub hints_shown: usize,
}

/// The outcome of the exercise's last test run, and the fingerprint of its inputs.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Eq)]
pub struct TestResult {
    pub fingerprint: String,
    pub compiles: bool,
    pub passed: usize,
    pub total: usize,
}

impl TestResult {
    pub fn passes(&self) -> bool {
        self.compiles && self.total > 0 && self.passed == self.total
    }
}

fn is_zero(n: &usize) -> bool {
    *n == 0
}

fn path(root: &Path) -> PathBuf {
    root.join(FILE)
}

/// The recorded progress; empty when there is none yet. A damaged file is reported and
/// then treated as empty (results are re-checked; only hint counts are lost).
pub fn load(root: &Path) -> Progress {
    let file = path(root);
    let Ok(text) = fs::read_to_string(&file) else {
        return Progress::default();
    };
    match serde_json::from_str::<Progress>(&text) {
        Ok(progress) if progress.format == FORMAT => progress,
        Ok(_) => Progress::default(),
        Err(error) => {
            eprintln!(
                "warning: ignoring {} ({error}); it will be written afresh",
                file.display()
            );
            Progress::default()
        }
    }
}

impl Progress {
    pub fn record(&self, key: &str) -> Record {
        self.exercises.get(key).cloned().unwrap_or_default()
    }
}

/// Applies `change` to the freshly read progress and writes it back atomically (write a
/// temporary file, then rename), so that a concurrent `watch` and `hint` lose nothing
/// but what they changed in the same instant.
pub fn update(root: &Path, change: impl FnOnce(&mut Progress)) -> Result<(), String> {
    let mut progress = load(root);
    progress.format = FORMAT;
    change(&mut progress);
    let text = serde_json::to_string_pretty(&progress).map_err(|e| e.to_string())?;
    let file = path(root);
    let temporary = root.join(format!("{FILE}.{}.tmp", std::process::id()));
    fs::write(&temporary, text + "\n")
        .and_then(|()| fs::rename(&temporary, &file))
        .map_err(|error| format!("cannot save your progress in {}: {error}", file.display()))
}

/// Records the test result of the exercise `key`.
pub fn record_result(root: &Path, key: &str, result: TestResult) -> Result<(), String> {
    update(root, |progress| {
        progress.exercises.entry(key.to_owned()).or_default().result = Some(result);
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_result_and_a_hint_count_survive_a_round_trip() {
        let root = std::env::temp_dir().join(format!("workbook-progress-{}", std::process::id()));
        fs::create_dir_all(&root).unwrap();
        let result = TestResult {
            fingerprint: "abc".to_owned(),
            compiles: true,
            passed: 2,
            total: 2,
        };
        record_result(&root, "counter/atomic", result.clone()).unwrap();
        update(&root, |p| {
            p.exercises
                .entry("counter/atomic".into())
                .or_default()
                .hints_shown = 2
        })
        .unwrap();
        let record = load(&root).record("counter/atomic");
        fs::remove_dir_all(&root).unwrap();
        assert_eq!(record.result, Some(result));
        assert_eq!(record.hints_shown, 2);
        assert!(record.result.unwrap().passes());
    }

    #[test]
    fn a_damaged_file_counts_as_no_progress() {
        let root = std::env::temp_dir().join(format!("workbook-damaged-{}", std::process::id()));
        fs::create_dir_all(&root).unwrap();
        fs::write(root.join(FILE), "{ not json").unwrap();
        let progress = load(&root);
        fs::remove_dir_all(&root).unwrap();
        assert!(progress.exercises.is_empty());
    }
}
