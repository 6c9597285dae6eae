//! `cargo workbook reset <exercise>`: puts the exercise's files back as committed, after
//! asking, and keeps the learner's version in `.workbook-backups/` first.

use std::fs;
use std::path::{Path, PathBuf};

use crate::catalog::Catalog;
use crate::{confirm, lookup, pristine};

/// Where the learner's versions are kept; `.gitignore` lists it.
pub const BACKUPS: &str = ".workbook-backups";

/// Resets the exercise called `query`; `yes` skips the question.
pub fn run(root: &Path, query: &str, yes: bool) -> Result<(), String> {
    let catalog = Catalog::load(root)?;
    let exercise = lookup::find(&catalog, query)?;
    let key = exercise.key();
    if exercise.sources.is_empty() {
        return Err(format!(
            "{key} names no source files, so there is nothing to reset (see its chapter's {})",
            crate::catalog::METADATA
        ));
    }
    let mut changed: Vec<(&PathBuf, String, Option<String>)> = Vec::new();
    for source in &exercise.sources {
        let pristine = pristine::committed_file(root, source)
            .map_err(|error| format!("cannot reset {key}: {error}"))?;
        let current = fs::read_to_string(root.join(source)).ok();
        if current.as_deref() != Some(pristine.as_str()) {
            changed.push((source, pristine, current));
        }
    }
    if changed.is_empty() {
        println!("{key} is already as it was at the start: nothing to reset.");
        return Ok(());
    }
    let backup_dir = unused_backup_dir(root, &key);
    let files: Vec<String> = changed
        .iter()
        .map(|(s, ..)| s.display().to_string())
        .collect();
    let question = format!(
        "Reset {key}? This puts {} back as it was at the start; your version is kept in {}/.",
        files.join(", "),
        backup_dir.display()
    );
    if !yes && !confirm::ask(&question) {
        println!("Nothing changed.");
        return Ok(());
    }
    for (source, pristine, current) in &changed {
        if let Some(current) = current {
            let backup = root.join(&backup_dir).join(inside_chapter(source));
            if let Some(parent) = backup.parent() {
                fs::create_dir_all(parent).map_err(|e| format!("{}: {e}", parent.display()))?;
            }
            fs::write(&backup, current).map_err(|e| format!("{}: {e}", backup.display()))?;
        }
        fs::write(root.join(source), pristine)
            .map_err(|e| format!("cannot restore {}: {e}", source.display()))?;
    }
    println!("Reset {key}: {} as at the start.", files.join(", "));
    println!(
        "Your version is in {}/; to bring it back:",
        backup_dir.display()
    );
    for (source, _, current) in &changed {
        if current.is_some() {
            let backup = backup_dir.join(inside_chapter(source));
            println!("  cp {} {}", backup.display(), source.display());
        }
    }
    Ok(())
}

/// `.workbook-backups/<chapter>/<exercise>-<n>` with the first `n` not yet taken, so that
/// every reset keeps its own copy.
fn unused_backup_dir(root: &Path, key: &str) -> PathBuf {
    (1..)
        .map(|n| Path::new(BACKUPS).join(format!("{key}-{n}")))
        .find(|dir| !root.join(dir).exists())
        .expect("some backup number is free")
}

/// `exercises/<chapter>/src/x.rs` as `src/x.rs`.
fn inside_chapter(source: &Path) -> PathBuf {
    source.iter().skip(2).collect()
}
