//! The pinned command-line tools the workbook needs (mdBook and mdbook-quiz), found or
//! installed into the workspace's own `.tools/` folder — never behind the user's back.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

/// A tool installed from crates.io at a pinned version.
pub struct PinnedTool {
    pub crate_name: &'static str,
    pub binary: &'static str,
    pub version: &'static str,
    /// What `<binary> --version` prints for the pinned version.
    pub version_line: &'static str,
    /// Roughly how long a first install takes on a 2-core machine.
    pub install_time: &'static str,
}

/// mdBook, pinned: the book's theme and includes are written for this version.
pub const MDBOOK: PinnedTool = PinnedTool {
    crate_name: "mdbook",
    binary: "mdbook",
    version: "0.5.4",
    version_line: "mdbook v0.5.4",
    install_time: "about 5 minutes",
};

/// mdbook-quiz, pinned: 0.5.0 is the first release for mdBook 0.5 (its preprocessor
/// protocol changed); checked with mdBook 0.5.4 by the end-to-end test (xtask/e2e).
pub const MDBOOK_QUIZ: PinnedTool = PinnedTool {
    crate_name: "mdbook-quiz",
    binary: "mdbook-quiz",
    version: "0.5.0",
    version_line: "mdbook-quiz 0.5.0",
    install_time: "about 10 minutes",
};

/// A command running the pinned mdBook with the pinned mdbook-quiz on its PATH (the
/// book's `[preprocessor.quiz]` runs `mdbook-quiz`), installing either if missing.
pub fn mdbook_command(root: &Path) -> Result<Command, String> {
    let mdbook = ensure(root, &MDBOOK)?;
    let quiz = ensure(root, &MDBOOK_QUIZ)?;
    let mut command = Command::new(mdbook);
    if let Some(dir) = quiz.parent().filter(|dir| !dir.as_os_str().is_empty()) {
        let path = std::env::var_os("PATH").unwrap_or_default();
        let dirs = std::iter::once(dir.to_path_buf()).chain(std::env::split_paths(&path));
        let joined = std::env::join_paths(dirs)
            .map_err(|error| format!("cannot put {} on the PATH: {error}", dir.display()))?;
        command.env("PATH", joined);
    }
    Ok(command)
}

/// Where the workbook keeps its own tools.
pub fn tools_dir(root: &Path) -> PathBuf {
    root.join(".tools")
}

fn prints_version(program: &Path, tool: &PinnedTool) -> bool {
    Command::new(program)
        .arg("--version")
        .stderr(Stdio::null())
        .output()
        .is_ok_and(|out| String::from_utf8_lossy(&out.stdout).trim() == tool.version_line)
}

/// The path of the pinned `tool`: the workbook's own copy in `.tools/bin`, else one on
/// the PATH if it is exactly the pinned version, else `None`.
pub fn find(root: &Path, tool: &PinnedTool) -> Option<PathBuf> {
    let local = tools_dir(root).join("bin").join(tool.binary);
    if prints_version(&local, tool) {
        return Some(local);
    }
    let on_path = PathBuf::from(tool.binary);
    prints_version(&on_path, tool).then_some(on_path)
}

/// The pinned `tool`, installed first with `cargo install --locked` into `.tools/` if
/// it is missing. Says what it does, and shows cargo's own progress while it does it.
pub fn ensure(root: &Path, tool: &PinnedTool) -> Result<PathBuf, String> {
    if let Some(found) = find(root, tool) {
        return Ok(found);
    }
    let dir = tools_dir(root);
    eprintln!(
        "{name} {version} is not installed. Installing it now into {dir} with\n  \
         cargo install {name} --version {version} --locked --root {dir}\n\
         This happens once and takes {time}; it needs access to crates.io.",
        name = tool.crate_name,
        version = tool.version,
        dir = dir.display(),
        time = tool.install_time,
    );
    let status = Command::new(std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into()))
        .args([
            "install",
            tool.crate_name,
            "--version",
            tool.version,
            "--locked",
        ])
        .arg("--root")
        .arg(&dir)
        .status()
        .map_err(|error| format!("cannot run cargo install: {error}"))?;
    if !status.success() {
        return Err(format!(
            "installing {} {} failed (see cargo's message above). Check your network \
             access to crates.io, or install it yourself with \
             `cargo install {} --version {} --locked` and run this again.",
            tool.crate_name, tool.version, tool.crate_name, tool.version
        ));
    }
    find(root, tool).ok_or_else(|| {
        format!(
            "{} was installed but `{} --version` does not print `{}`",
            tool.crate_name, tool.binary, tool.version_line
        )
    })
}
