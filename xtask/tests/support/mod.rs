//! A temporary copy of the workbook for the runner's tests: the counter chapter, its
//! worked answers, testkit and the book's frame, committed to a fresh git repository,
//! and built into the main target folder so that no dependency is compiled again.

#![allow(dead_code)] // Each test binary uses its own part of this module.

use std::fs;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdin, Command, Output, Stdio};
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::{Duration, Instant};

/// The workbook this test was built from.
fn source_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("xtask sits in the workspace")
        .to_path_buf()
}

/// The main target folder, shared with the copies.
fn main_target_dir() -> PathBuf {
    Path::new(env!("CARGO_TARGET_TMPDIR"))
        .parent()
        .expect("the tmp folder sits in the target folder")
        .to_path_buf()
}

pub struct Workbook {
    pub root: PathBuf,
}

impl Workbook {
    /// A fresh copy named `label`, committed to git. The folder is the same on every run
    /// (`target/tmp/runner-<label>`), so cargo reuses its earlier builds of the copy.
    pub fn copy(label: &str) -> Workbook {
        let workbook = Workbook::copy_without_git(label);
        workbook.git(&["init", "--quiet"]);
        workbook.git(&["add", "--all"]);
        workbook.git(&["commit", "--quiet", "--message", "the workbook as cloned"]);
        workbook
    }

    /// A fresh copy that is not a git checkout (as if downloaded as an archive).
    pub fn copy_without_git(label: &str) -> Workbook {
        let root = Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("runner-{label}"));
        if root.exists() {
            fs::remove_dir_all(&root).expect("clear the previous copy");
        }
        let from = source_root();
        let items = [
            "Cargo.lock",
            "book.toml",
            "book/SUMMARY.md",
            "book/counter",
            "exercises/counter",
            "solutions/counter/src",
            "testkit",
        ];
        // The committed files, so that a learner's own answers in the working tree do
        // not leak into the copy; the working tree where there is no git.
        if !extract_committed(&from, &items, &root) {
            for item in items {
                copy_tree(&from.join(item), &root.join(item));
            }
        }
        let manifest = fs::read_to_string(from.join("Cargo.toml")).expect("root Cargo.toml");
        let trimmed: Vec<String> = manifest
            .lines()
            .filter(|line| !line.starts_with("default-members"))
            .map(|line| {
                if line.starts_with("members") {
                    r#"members = ["exercises/counter", "testkit"]"#.to_owned()
                } else {
                    line.to_owned()
                }
            })
            .collect();
        fs::write(root.join("Cargo.toml"), trimmed.join("\n")).expect("write Cargo.toml");
        Workbook { root }
    }

    fn git(&self, args: &[&str]) {
        let status = Command::new("git")
            .args([
                "-c",
                "user.name=workbook",
                "-c",
                "user.email=workbook@localhost",
            ])
            .args(["-c", "commit.gpgsign=false"])
            .args(args)
            .current_dir(&self.root)
            .stdout(Stdio::null())
            .status()
            .expect("run git");
        assert!(status.success(), "git {args:?} failed");
    }

    pub fn path(&self, relative: &str) -> PathBuf {
        self.root.join(relative)
    }

    pub fn read(&self, relative: &str) -> String {
        fs::read_to_string(self.path(relative)).expect(relative)
    }

    pub fn write(&self, relative: &str, text: &str) {
        fs::write(self.path(relative), text).expect(relative);
    }

    /// Puts the worked answer of `exercises/counter/src/<file>` in its place.
    pub fn solve(&self, file: &str) {
        let answer = self.read(&format!("solutions/counter/src/{file}"));
        self.write(&format!("exercises/counter/src/{file}"), &answer);
    }

    /// The runner's command line, run in this copy.
    pub fn command(&self, args: &[&str]) -> Command {
        let mut command = Command::new(env!("CARGO_BIN_EXE_workbook"));
        command
            .args(args)
            .current_dir(&self.root)
            .env("CARGO_TARGET_DIR", main_target_dir())
            .env("NO_COLOR", "1");
        command
    }

    /// Runs `cargo workbook <args>` to the end with `input` on standard input.
    pub fn run(&self, args: &[&str], input: &str) -> Ran {
        let mut child = self
            .command(args)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("start the runner");
        child
            .stdin
            .take()
            .expect("piped")
            .write_all(input.as_bytes())
            .expect("type the input");
        Ran(child.wait_with_output().expect("run the runner"))
    }
}

/// A finished run of the runner.
pub struct Ran(pub Output);

impl Ran {
    pub fn stdout(&self) -> String {
        String::from_utf8_lossy(&self.0.stdout).into_owned()
    }

    pub fn stderr(&self) -> String {
        String::from_utf8_lossy(&self.0.stderr).into_owned()
    }

    pub fn succeeded(&self) -> bool {
        self.0.status.success()
    }

    /// Everything printed, for assertion messages.
    pub fn printed(&self) -> String {
        format!("--- stdout\n{}--- stderr\n{}", self.stdout(), self.stderr())
    }
}

/// A runner still running (for `watch`), its output collected as it comes. Killed when
/// dropped, so that a failing test leaves nothing behind.
pub struct Running {
    child: Child,
    stdin: Option<ChildStdin>,
    output: Arc<Mutex<String>>,
}

impl Running {
    pub fn start(mut command: Command) -> Running {
        let mut child = command
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("start the runner");
        let output = Arc::new(Mutex::new(String::new()));
        for stream in [
            Box::new(child.stdout.take().expect("piped")) as Box<dyn Read + Send>,
            Box::new(child.stderr.take().expect("piped")),
        ] {
            let output = Arc::clone(&output);
            thread::spawn(move || collect(stream, &output));
        }
        let stdin = child.stdin.take();
        Running {
            child,
            stdin,
            output,
        }
    }

    /// Everything printed so far.
    pub fn output(&self) -> String {
        self.output.lock().unwrap().clone()
    }

    /// Waits until `text` appears in what is printed after byte `from`, and returns the
    /// end of the output at that moment. Fails the test after `bound`.
    pub fn wait_for(&self, text: &str, from: usize, bound: Duration) -> usize {
        let started = Instant::now();
        loop {
            let output = self.output();
            if output.get(from..).is_some_and(|new| new.contains(text)) {
                return output.len();
            }
            assert!(
                started.elapsed() < bound,
                "`{text}` did not appear within {bound:?}; the runner printed:\n{output}"
            );
            thread::sleep(Duration::from_millis(20));
        }
    }

    /// Types `line` and Enter.
    pub fn type_line(&mut self, line: &str) {
        let stdin = self.stdin.as_mut().expect("standard input is open");
        writeln!(stdin, "{line}").expect("type into the runner");
    }

    /// Closes standard input, as Ctrl-D would.
    pub fn close_input(&mut self) {
        self.stdin = None;
    }

    /// Waits for the runner to exit by itself and tells whether it succeeded.
    pub fn wait_for_exit(&mut self, bound: Duration) -> bool {
        let started = Instant::now();
        loop {
            if let Some(status) = self.child.try_wait().expect("poll the runner") {
                return status.success();
            }
            assert!(
                started.elapsed() < bound,
                "the runner did not exit within {bound:?}; it printed:\n{}",
                self.output()
            );
            thread::sleep(Duration::from_millis(20));
        }
    }
}

impl Drop for Running {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn collect(mut stream: Box<dyn Read + Send>, output: &Mutex<String>) {
    let mut buffer = [0; 4096];
    while let Ok(read) = stream.read(&mut buffer) {
        if read == 0 {
            break;
        }
        output
            .lock()
            .unwrap()
            .push_str(&String::from_utf8_lossy(&buffer[..read]));
    }
}

/// Unpacks `items` as committed in the git checkout `from` into `to`; false when `from`
/// is not a git checkout.
fn extract_committed(from: &Path, items: &[&str], to: &Path) -> bool {
    let archive = Command::new("git")
        .args(["archive", "--format=tar", "HEAD"])
        .args(items)
        .current_dir(from)
        .output();
    let Some(archive) = archive.ok().filter(|archive| archive.status.success()) else {
        return false;
    };
    fs::create_dir_all(to).expect("create the copy");
    let mut tar = Command::new("tar")
        .args(["-x", "-f", "-"])
        .current_dir(to)
        .stdin(Stdio::piped())
        .spawn()
        .expect("run tar");
    tar.stdin
        .take()
        .expect("piped")
        .write_all(&archive.stdout)
        .expect("unpack the committed files");
    assert!(tar.wait().expect("tar").success(), "tar failed");
    true
}

fn copy_tree(from: &Path, to: &Path) {
    if from.is_dir() {
        fs::create_dir_all(to).expect("create a folder of the copy");
        for entry in fs::read_dir(from).expect("read a folder to copy") {
            let entry = entry.expect("a folder entry");
            copy_tree(&entry.path(), &to.join(entry.file_name()));
        }
    } else {
        fs::create_dir_all(to.parent().expect("a parent")).expect("create a folder");
        fs::copy(from, to).expect("copy a file");
    }
}
