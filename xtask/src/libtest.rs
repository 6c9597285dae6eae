//! Reading the plain-text report of a Rust test binary (libtest).

use std::collections::BTreeMap;

/// How one test ended.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Verdict {
    Passed,
    /// Failed; holds what the test printed (its panic message among it).
    Failed(String),
    Ignored,
}

/// The verdict of every test that reported one, by test name. Tests that never reported
/// (the binary hung or crashed first) are absent.
pub fn verdicts(output: &str) -> BTreeMap<String, Verdict> {
    let mut verdicts = BTreeMap::new();
    for line in output.lines() {
        let Some(rest) = line.strip_prefix("test ") else {
            continue;
        };
        let Some((name, result)) = rest.rsplit_once(" ... ") else {
            continue;
        };
        let verdict = match result.trim() {
            "ok" => Verdict::Passed,
            "FAILED" => Verdict::Failed(String::new()),
            result if result.starts_with("ignored") => Verdict::Ignored,
            _ => continue,
        };
        verdicts.insert(name.to_owned(), verdict);
    }
    for (name, printed) in failure_sections(output) {
        if let Some(Verdict::Failed(text)) = verdicts.get_mut(&name) {
            *text = printed;
        }
    }
    verdicts
}

/// The `---- name stdout ----` sections libtest prints for failed tests.
fn failure_sections(output: &str) -> Vec<(String, String)> {
    let mut sections = Vec::new();
    let mut current: Option<(String, String)> = None;
    for line in output.lines() {
        let header = line
            .strip_prefix("---- ")
            .and_then(|rest| rest.strip_suffix(" stdout ----"));
        if let Some(name) = header {
            sections.extend(current.take());
            current = Some((name.to_owned(), String::new()));
        } else if line == "failures:" || line.starts_with("test result:") {
            sections.extend(current.take());
        } else if let Some((_, text)) = current.as_mut() {
            text.push_str(line);
            text.push('\n');
        }
    }
    sections.extend(current);
    sections
}

/// The names `--list` reports for a test binary.
pub fn listed(output: &str) -> Vec<String> {
    output
        .lines()
        .filter_map(|line| line.strip_suffix(": test"))
        .map(str::to_owned)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    const REPORT: &str = "\
running 3 tests
test slow_one ... ok
test a::fails ... FAILED
test skipped ... ignored, needs a network

failures:

---- a::fails stdout ----

thread 'a::fails' panicked at src/lib.rs:3:5:
not yet implemented: do the thing
note: run with `RUST_BACKTRACE=1`

failures:
    a::fails

test result: FAILED. 1 passed; 1 failed; 1 ignored; 0 measured; 0 filtered out
";

    #[test]
    fn reads_each_verdict_and_the_failure_text() {
        let verdicts = verdicts(REPORT);
        assert_eq!(verdicts["slow_one"], Verdict::Passed);
        assert_eq!(verdicts["skipped"], Verdict::Ignored);
        let Verdict::Failed(text) = &verdicts["a::fails"] else {
            panic!("a::fails should have failed");
        };
        assert!(text.contains("not yet implemented: do the thing"), "{text}");
    }

    #[test]
    fn reads_the_listed_tests() {
        let names = listed("a::one: test\nb: test\n\n2 tests, 0 benchmarks\n");
        assert_eq!(names, ["a::one", "b"]);
    }
}
