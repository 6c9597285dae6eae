//! A fingerprint of everything an exercise's test result depends on, so that a result
//! recorded in the progress file is reused only while none of it has changed.

use std::fs;
use std::path::{Path, PathBuf};

use crate::catalog::Exercise;

/// A hash of the files that `cargo test -p <chapter> --test <exercise>` compiles: the
/// chapter crate's manifest and `src/`, the exercise's test file and the shared test
/// modules in `tests/`'s sub-folders, and the workspace's manifest. (Not `Cargo.lock`:
/// cargo rewrites it for reasons that do not change a test's result.)
pub fn of_exercise(root: &Path, exercise: &Exercise) -> String {
    let chapter = Path::new("exercises").join(&exercise.chapter);
    let mut files = vec![
        PathBuf::from("Cargo.toml"),
        chapter.join("Cargo.toml"),
        chapter.join("build.rs"),
        exercise.test_file.clone(),
    ];
    files.extend(files_under(root, &chapter.join("src")));
    let tests = chapter.join("tests");
    if let Ok(entries) = fs::read_dir(root.join(&tests)) {
        for entry in entries.filter_map(Result::ok) {
            if entry.path().is_dir() {
                files.extend(files_under(root, &tests.join(entry.file_name())));
            }
        }
    }
    files.sort();
    files.dedup();
    let mut hash = Fnv1a::new();
    for file in &files {
        hash.write(file.to_string_lossy().as_bytes());
        match fs::read(root.join(file)) {
            Ok(bytes) => {
                hash.write(&[1]);
                hash.write(&bytes);
            }
            Err(_) => hash.write(&[0]),
        }
    }
    format!("{:016x}", hash.0)
}

/// Every file under `dir` (relative to `root`), recursively, as paths relative to `root`.
fn files_under(root: &Path, dir: &Path) -> Vec<PathBuf> {
    let mut found = Vec::new();
    let mut pending = vec![dir.to_path_buf()];
    while let Some(folder) = pending.pop() {
        let Ok(entries) = fs::read_dir(root.join(&folder)) else {
            continue;
        };
        for entry in entries.filter_map(Result::ok) {
            let path = folder.join(entry.file_name());
            if entry.path().is_dir() {
                pending.push(path);
            } else {
                found.push(path);
            }
        }
    }
    found
}

/// 64-bit FNV-1a: tiny, and stable across Rust releases (unlike `DefaultHasher`), so a
/// progress file stays valid after a toolchain update.
struct Fnv1a(u64);

impl Fnv1a {
    fn new() -> Self {
        Fnv1a(0xcbf2_9ce4_8422_2325)
    }

    fn write(&mut self, bytes: &[u8]) {
        for byte in bytes {
            self.0 ^= u64::from(*byte);
            self.0 = self.0.wrapping_mul(0x0000_0100_0000_01b3);
        }
        // A separator, so that ("ab", "c") and ("a", "bc") hash differently.
        self.0 = self.0.rotate_left(5) ^ bytes.len() as u64;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_split_between_writes_matters() {
        let mut one = Fnv1a::new();
        one.write(b"ab");
        one.write(b"c");
        let mut other = Fnv1a::new();
        other.write(b"a");
        other.write(b"bc");
        assert_ne!(one.0, other.0);
    }
}
