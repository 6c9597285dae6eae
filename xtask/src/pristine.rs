//! The pristine exercises: what git has committed, before the learner's edits. A whole
//! chapter checked out for `verify`, or one file for `reset`, `solution` and the status.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

/// Whether `exercises/<chapter>` differs from what git has committed (edited, added or
/// deleted files). Outside a git checkout nothing counts as edited.
pub fn is_edited(root: &Path, chapter: &str) -> bool {
    Command::new("git")
        .args(["status", "--porcelain", "--"])
        .arg(format!("exercises/{chapter}"))
        .current_dir(root)
        .output()
        .is_ok_and(|out| out.status.success() && !out.stdout.is_empty())
}

/// Writes a small workspace under `target/pristine/<chapter>` holding the committed
/// exercise crate and what it depends on, and returns the exercise crate's folder. The
/// caller builds it with the main target folder, so dependencies are not compiled again.
///
/// The copies sit under `pristine/` inside that workspace on purpose: cargo names the
/// build outputs of workspace members after their path *relative to the workspace*, so
/// a copy at the same relative path as the learner's crate would overwrite the learner's
/// build and leave cargo believing it up to date.
pub fn checkout(root: &Path, chapter: &str) -> Result<PathBuf, String> {
    let dir = root.join("target/pristine").join(chapter);
    if dir.exists() {
        fs::remove_dir_all(&dir).map_err(|e| format!("cannot clear {}: {e}", dir.display()))?;
    }
    fs::create_dir_all(&dir).map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
    let archive = Command::new("git")
        .args([
            "archive",
            "--format=tar",
            "HEAD",
            "Cargo.toml",
            "Cargo.lock",
            "testkit",
        ])
        .arg(format!("exercises/{chapter}"))
        .current_dir(root)
        .output()
        .map_err(|e| format!("cannot run git archive: {e}"))?;
    if !archive.status.success() {
        return Err(format!(
            "git archive of exercises/{chapter} failed: {}",
            String::from_utf8_lossy(&archive.stderr)
        ));
    }
    let mut tar = Command::new("tar")
        .args(["-x", "-f", "-"])
        .current_dir(&dir)
        .stdin(std::process::Stdio::piped())
        .spawn()
        .map_err(|e| format!("cannot run tar: {e}"))?;
    use std::io::Write;
    tar.stdin
        .take()
        .expect("tar's stdin is piped")
        .write_all(&archive.stdout)
        .map_err(|e| format!("cannot unpack the pristine copy: {e}"))?;
    let status = tar.wait().map_err(|e| format!("tar failed: {e}"))?;
    if !status.success() {
        return Err("tar could not unpack the pristine copy".to_owned());
    }
    let moved = dir.join("pristine");
    fs::create_dir_all(&moved).map_err(|e| e.to_string())?;
    fs::rename(dir.join("exercises").join(chapter), moved.join(chapter))
        .and_then(|()| fs::rename(dir.join("testkit"), moved.join("testkit")))
        .map_err(|e| format!("cannot arrange the pristine copy: {e}"))?;
    let manifest = dir.join("Cargo.toml");
    let text = fs::read_to_string(&manifest).map_err(|e| e.to_string())?;
    let members = format!("members = [\"pristine/{chapter}\", \"pristine/testkit\"]");
    let rewritten: Vec<String> = text
        .lines()
        .filter(|line| !line.starts_with("default-members"))
        .map(|line| {
            if line.starts_with("members") {
                members.clone()
            } else if line.starts_with("testkit = ") {
                "testkit = { path = \"pristine/testkit\" }".to_owned()
            } else {
                line.to_owned()
            }
        })
        .collect();
    fs::write(&manifest, rewritten.join("\n")).map_err(|e| e.to_string())?;
    Ok(moved.join(chapter))
}

/// The committed text of `file` (relative to the workspace root): its pristine version.
/// Fails with an explanation when git is missing, this is not a git checkout, or the
/// file was never committed.
pub fn committed_file(root: &Path, file: &Path) -> Result<String, String> {
    let inside = Command::new("git")
        .args(["rev-parse", "--is-inside-work-tree"])
        .current_dir(root)
        .output()
        .map_err(|error| {
            format!(
                "the original version of each exercise file comes from git, and git cannot \
                 be run ({error}). Install git, or copy the file from the workbook's repository."
            )
        })?;
    if !inside.status.success() {
        return Err(format!(
            "the original version of each exercise file comes from git, but {} is not a git \
             checkout (was it downloaded as an archive?). Clone the workbook with git, or copy \
             the file from the workbook's repository.",
            root.display()
        ));
    }
    let shown = Command::new("git")
        .arg("show")
        .arg(format!(
            "HEAD:./{}",
            file.to_string_lossy().replace('\\', "/")
        ))
        .current_dir(root)
        .output()
        .map_err(|error| format!("cannot run git show: {error}"))?;
    if !shown.status.success() {
        return Err(format!(
            "{} is not in git's last commit, so there is no original version to go back to",
            file.display()
        ));
    }
    String::from_utf8(shown.stdout).map_err(|_| format!("{} is not UTF-8 text", file.display()))
}

/// Whether the learner has not started on `sources` yet: each file is exactly as
/// committed, and the committed version still has a `todo!(` to solve (a learner who
/// committed their answers has started). Without git nothing counts as untouched.
pub fn is_untouched(root: &Path, sources: &[PathBuf]) -> bool {
    let mut has_todo = false;
    for source in sources {
        let Ok(current) = fs::read_to_string(root.join(source)) else {
            return false;
        };
        match committed_file(root, source) {
            Ok(committed) if committed == current => has_todo |= current.contains("todo!("),
            _ => return false,
        }
    }
    has_todo
}
