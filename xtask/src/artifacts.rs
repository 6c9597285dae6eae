//! Building a package's test binaries and finding them.

use std::path::{Path, PathBuf};
use std::time::Duration;

use crate::process::{cargo, run_bounded};

/// One compiled test binary: the `[[test]]` target's name and where the executable is.
pub struct TestBinary {
    pub target: String,
    pub executable: PathBuf,
}

/// Builds the tests of `package` in the workspace at `dir` and returns its test binaries
/// (integration tests and the library's unit tests), or the compiler's complaint.
pub fn build_tests(
    dir: &Path,
    package: &str,
    target_dir: &Path,
) -> Result<Vec<TestBinary>, String> {
    let mut command = cargo();
    command
        .args([
            "test",
            "--no-run",
            "--message-format=json-render-diagnostics",
        ])
        .args(["--package", package])
        .arg("--target-dir")
        .arg(target_dir);
    let outcome = run_bounded(command, dir, Duration::from_secs(1800))?;
    if !outcome.succeeded() {
        let complaint: Vec<&str> = outcome
            .output
            .lines()
            .filter(|line| !line.starts_with('{'))
            .collect();
        return Err(format!(
            "`cargo test -p {package}` does not compile:\n{}",
            complaint.join("\n")
        ));
    }
    let mut binaries = Vec::new();
    for line in outcome.output.lines().filter(|line| line.starts_with('{')) {
        let Ok(message) = serde_json::from_str::<serde_json::Value>(line) else {
            continue;
        };
        let is_test =
            message["reason"] == "compiler-artifact" && message["profile"]["test"] == true;
        let executable = message["executable"].as_str();
        if let (true, Some(executable)) = (is_test, executable) {
            binaries.push(TestBinary {
                target: message["target"]["name"].as_str().unwrap_or("?").to_owned(),
                executable: PathBuf::from(executable),
            });
        }
    }
    binaries.sort_by(|a, b| a.target.cmp(&b.target));
    Ok(binaries)
}
