//! A pristine copy of an exercise, taken from git, for when the learner has edited it.

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
