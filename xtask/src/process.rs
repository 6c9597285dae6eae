//! Running commands with a time bound and capturing everything they print.

use std::io::Read;
use std::path::Path;
use std::process::{Command, Stdio};
use std::thread;
use std::time::{Duration, Instant};

/// What a bounded command did.
pub struct Outcome {
    /// `Some(code)` when it exited by itself; `None` when it was killed at the bound.
    pub exit: Option<i32>,
    /// Standard output and standard error, interleaved as printed.
    pub output: String,
}

impl Outcome {
    pub fn succeeded(&self) -> bool {
        self.exit == Some(0)
    }

    pub fn timed_out(&self) -> bool {
        self.exit.is_none()
    }
}

/// Runs `command` in `dir`, killing it if it is still running after `bound`.
pub fn run_bounded(mut command: Command, dir: &Path, bound: Duration) -> Result<Outcome, String> {
    let (mut reader, writer) =
        std::io::pipe().map_err(|error| format!("cannot create a pipe: {error}"))?;
    let writer_for_stderr = writer
        .try_clone()
        .map_err(|error| format!("cannot share a pipe: {error}"))?;
    let program = format!("{:?}", command.get_program());
    command
        .current_dir(dir)
        .stdin(Stdio::null())
        .stdout(writer)
        .stderr(writer_for_stderr);
    let started = Instant::now();
    let mut child = command
        .spawn()
        .map_err(|error| format!("cannot start {program}: {error}"))?;
    drop(command); // closes our copies of the pipe's write end
    let collector = thread::spawn(move || {
        let mut bytes = Vec::new();
        let _ = reader.read_to_end(&mut bytes);
        String::from_utf8_lossy(&bytes).into_owned()
    });
    let exit = loop {
        match child.try_wait() {
            Ok(Some(status)) => break Some(status.code().unwrap_or(-1)),
            Ok(None) if started.elapsed() >= bound => {
                let _ = child.kill();
                let _ = child.wait();
                break None;
            }
            Ok(None) => thread::sleep(Duration::from_millis(20)),
            Err(error) => return Err(format!("waiting for {program} failed: {error}")),
        }
    };
    let output = collector.join().unwrap_or_default();
    Ok(Outcome { exit, output })
}

/// A `cargo` command, using the same cargo that runs this tool.
pub fn cargo() -> Command {
    Command::new(std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into()))
}
