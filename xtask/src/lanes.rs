//! The extra lanes beyond `cargo test`: loom model checks, the Miri data-race
//! demonstration, and benchmarks. Each runs against the solution crates.

use std::path::Path;
use std::process::Command;

use crate::process::cargo;
use crate::workspace;

/// Runs `tests/loom.rs` of each chapter in `chapters` (every chapter that has one when
/// empty) under `--cfg loom`, optimised, in its own target folder.
pub fn loom(root: &Path, chapters: &[String]) -> Result<(), String> {
    let chapters = with_file(root, chapters, "tests/loom.rs")?;
    for chapter in &chapters {
        println!("loom: exploring the interleavings of chapter `{chapter}` …");
        let mut command = cargo();
        command
            .current_dir(root)
            .env("RUSTFLAGS", "--cfg loom")
            .args(["test", "--profile", "loom", "--target-dir", "target/loom"])
            .args([
                "--package",
                &format!("{chapter}-solution"),
                "--test",
                "loom",
            ]);
        run(command, &format!("the loom models of `{chapter}`"))?;
    }
    Ok(())
}

/// Runs the counter chapter's data-race example under Miri and expects Miri to report
/// the race. Without Miri (it needs a nightly toolchain) it says so and succeeds.
pub fn miri(root: &Path) -> Result<(), String> {
    let has_miri = Command::new("cargo")
        .args(["+nightly", "miri", "--version"])
        .current_dir(root)
        .output()
        .is_ok_and(|out| out.status.success());
    if !has_miri {
        println!(
            "miri: skipped — Miri is not installed. It needs a nightly toolchain:\n  \
             rustup toolchain install nightly --component miri\n\
             then run `cargo workbook miri` again to see Miri report the data race."
        );
        return Ok(());
    }
    println!("miri: running the unsafe counter; Miri should report a data race …");
    let out = Command::new("cargo")
        .args(["+nightly", "miri", "run", "--package", "counter-solution"])
        .args(["--example", "data_race"])
        .current_dir(root)
        .output()
        .map_err(|error| format!("cannot run cargo miri: {error}"))?;
    let printed = String::from_utf8_lossy(&out.stderr);
    if printed.contains("Data race detected") {
        let first = printed
            .lines()
            .find(|line| line.contains("Data race detected"));
        println!(
            "miri: found it, as expected:\n  {}",
            first.unwrap_or_default().trim()
        );
        Ok(())
    } else {
        Err(format!(
            "Miri did not report the data race in the unsafe counter:\n{printed}"
        ))
    }
}

/// Runs a chapter's criterion benchmarks against its solution; `extra` goes to criterion
/// (for example `--quick`).
pub fn bench(root: &Path, chapter: &str, extra: &[String]) -> Result<(), String> {
    workspace::require_chapter(root, chapter)?;
    let mut command = cargo();
    command
        .current_dir(root)
        .args(["bench", "--package", &format!("{chapter}-solution"), "--"])
        .args(extra);
    run(command, &format!("the benchmarks of `{chapter}`"))
}

fn with_file(root: &Path, chapters: &[String], file: &str) -> Result<Vec<String>, String> {
    if chapters.is_empty() {
        let all = workspace::chapters(root)?;
        return Ok(all
            .into_iter()
            .filter(|chapter| root.join("exercises").join(chapter).join(file).is_file())
            .collect());
    }
    for chapter in chapters {
        workspace::require_chapter(root, chapter)?;
        if !root.join("exercises").join(chapter).join(file).is_file() {
            return Err(format!("chapter `{chapter}` has no {file}"));
        }
    }
    Ok(chapters.to_vec())
}

fn run(mut command: Command, what: &str) -> Result<(), String> {
    let status = command
        .status()
        .map_err(|error| format!("cannot run cargo for {what}: {error}"))?;
    if status.success() {
        Ok(())
    } else {
        Err(format!("{what} failed ({status})"))
    }
}
