//! The Rust toolchain the exercises are built with: present, and at least the
//! workspace's `rust-version`, or a message that says how to get there.

use std::path::Path;
use std::process::Command;

/// Checks that `rustc` runs and is at least the `rust-version` in the root `Cargo.toml`.
pub fn check(root: &Path) -> Result<(), String> {
    let Some(required) = required_version(root) else {
        return Ok(());
    };
    let rustc = std::env::var_os("RUSTC").unwrap_or_else(|| "rustc".into());
    let output = Command::new(&rustc)
        .arg("--version")
        .current_dir(root)
        .output()
        .map_err(|error| {
            format!(
                "cannot run rustc ({error}). The exercises need Rust {}.{} or newer: \
                 install it from https://rustup.rs, then open a new terminal.",
                required.0, required.1
            )
        })?;
    let printed = String::from_utf8_lossy(&output.stdout);
    match parse_version(&printed) {
        Some(found) if found < required => Err(format!(
            "this workbook needs Rust {}.{} or newer, and `rustc --version` says {}. \
             Update with `rustup update stable` (or install from https://rustup.rs).",
            required.0,
            required.1,
            printed.trim()
        )),
        _ => Ok(()),
    }
}

/// `rust-version` from `[workspace.package]` of the root manifest, as (major, minor).
fn required_version(root: &Path) -> Option<(u32, u32)> {
    let text = std::fs::read_to_string(root.join("Cargo.toml")).ok()?;
    let manifest: toml::Table = toml::from_str(&text).ok()?;
    let version = manifest
        .get("workspace")?
        .get("package")?
        .get("rust-version")?
        .as_str()?;
    parse_version(&format!("rustc {version}"))
}

/// The (major, minor) of a line such as `rustc 1.88.0 (6b00bc388 2025-06-23)`.
fn parse_version(line: &str) -> Option<(u32, u32)> {
    let version = line.split_whitespace().nth(1)?;
    let mut parts = version.split(['.', '-']);
    let major = parts.next()?.parse().ok()?;
    let minor = parts.next()?.parse().ok()?;
    Some((major, minor))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_stable_nightly_and_short_versions() {
        assert_eq!(
            parse_version("rustc 1.88.0 (6b00bc388 2025-06-23)"),
            Some((1, 88))
        );
        assert_eq!(
            parse_version("rustc 1.90.0-nightly (abc 2025-07-01)"),
            Some((1, 90))
        );
        assert_eq!(parse_version("rustc 1.88"), Some((1, 88)));
        assert_eq!(parse_version("garbage"), None);
    }

    #[test]
    fn the_workspace_states_its_minimum() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).parent().unwrap();
        assert!(required_version(root).is_some_and(|version| version >= (1, 85)));
    }
}
