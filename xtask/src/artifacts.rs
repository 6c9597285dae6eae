//! Building a package's test binaries, finding them, and running them with a bound.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Duration;

use crate::libtest::{Verdict, listed, verdicts};
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
    build_selected_tests(dir, package, &[], Some(target_dir))
}

/// Builds only the integration tests `tests` of `package` (all its tests when empty) in
/// the workspace at `dir`, into `target_dir` or else cargo's configured target folder.
pub fn build_selected_tests(
    dir: &Path,
    package: &str,
    tests: &[&str],
    target_dir: Option<&Path>,
) -> Result<Vec<TestBinary>, String> {
    let mut command = cargo();
    command
        .args([
            "test",
            "--no-run",
            "--message-format=json-render-diagnostics",
        ])
        .args(["--package", package]);
    for test in tests {
        command.args(["--test", test]);
    }
    if let Some(target_dir) = target_dir {
        command.arg("--target-dir").arg(target_dir);
    }
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

/// Each test's verdict, by test name; `None` for a test that never reported one because
/// the binary was killed at the bound (a probable hang).
pub type Verdicts = BTreeMap<String, Option<Verdict>>;

/// Runs every test of `binary` in `cwd`, killing the binary after `bound`.
pub fn run_tests(binary: &TestBinary, cwd: &Path, bound: Duration) -> Result<Verdicts, String> {
    let mut list = Command::new(&binary.executable);
    list.args(["--list", "--format", "terse"]);
    let names = listed(&run_bounded(list, cwd, Duration::from_secs(60))?.output);
    let mut results = Verdicts::new();
    if names.is_empty() {
        return Ok(results);
    }
    let mut command = Command::new(&binary.executable);
    command.env("RUST_BACKTRACE", "0");
    let outcome = run_bounded(command, cwd, bound)?;
    let mut found = verdicts(&outcome.output);
    for name in names {
        let verdict = found.remove(&name).or_else(|| {
            // No verdict: the binary was killed at the bound (a hang), or it died.
            (!outcome.timed_out()).then(|| {
                Verdict::Failed(format!(
                    "the test binary ended before reporting this test:\n{}",
                    outcome.output
                ))
            })
        });
        results.insert(name, verdict);
    }
    Ok(results)
}
