//! The bare `cargo test` at the root runs the contract check over every chapter.

use std::process::Command;

#[test]
fn every_exercise_fails_on_its_skeleton_and_every_solution_passes() {
    let output = Command::new(env!("CARGO_BIN_EXE_workbook"))
        .arg("verify")
        .current_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/.."))
        .output()
        .expect("run `cargo workbook verify`");
    let report = String::from_utf8_lossy(&output.stdout);
    // Shown by `cargo test -- --nocapture`, and on failure.
    println!("{report}");
    assert!(
        output.status.success(),
        "the contract is broken:\n{report}\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(
        report.contains("contract holds for every chapter"),
        "{report}"
    );
}
