//! Bad input gets a clear error that says what to do, never a panic trace.

use std::net::TcpListener;
use std::process::{Command, Output};

fn workbook(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_workbook"))
        .args(args)
        .current_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/.."))
        .output()
        .expect("run the workbook runner")
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

#[test]
fn serve_on_a_taken_port_names_the_port_and_suggests_another() {
    let taken = TcpListener::bind(("127.0.0.1", 0)).expect("bind a free port");
    let port = taken.local_addr().unwrap().port();
    let output = workbook(&["serve", "--port", &port.to_string()]);
    let message = stderr(&output);
    assert!(!output.status.success());
    assert!(message.contains(&format!("port {port}")), "{message}");
    assert!(message.contains("already in use"), "{message}");
    assert!(message.contains("--port"), "{message}");
    assert!(!message.contains("panicked"), "{message}");
}

#[test]
fn a_misspelt_chapter_gets_the_closest_name() {
    let output = workbook(&["verify", "countr"]);
    let message = stderr(&output);
    assert!(!output.status.success());
    assert!(
        message.contains("there is no chapter `countr`"),
        "{message}"
    );
    assert!(message.contains("Did you mean `counter`?"), "{message}");
}
