//! `cargo workbook demo <name>`: the live demos of the talk, one command each.
//!
//! A demo is an example of a chapter's *solution* crate, built and run in release. It
//! prints records (see [`records`]) that become a progress bar while it runs and a
//! chart when it ends. Adding a chapter's demo is one entry in [`DEMOS`] plus the
//! example itself (see CONTRIBUTING.md, "Presenting").

mod charts;
mod records;

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::Stdio;
use std::time::{Duration, Instant};

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

use self::charts::Charts;
use self::records::{Line, Record};
use crate::process::cargo;
use crate::workspace;

/// One live demo.
#[derive(Debug)]
pub struct Demo {
    /// What to type: `cargo workbook demo <name>`.
    pub name: &'static str,
    /// The chapter whose solution crate (`<chapter>-solution`) has the example.
    pub chapter: &'static str,
    /// The example's name in the solution's Cargo.toml (conventionally `demo`).
    pub example: &'static str,
    /// One line for the listing: what the audience sees.
    pub shows: &'static str,
}

/// Every demo, in the order of the talk.
pub const DEMOS: &[Demo] = &[
    Demo {
        name: "counter",
        chapter: "counter",
        example: "demo",
        shows: "the buggy counters run 60 times each: a histogram of the final counts, lost updates at a glance",
    },
    Demo {
        name: "maps",
        chapter: "maps",
        example: "demo",
        shows: "the quick map benchmark cut to ReadHeavy and Exchange: a bar chart of each map's throughput",
    },
    Demo {
        name: "errgroup",
        chapter: "errgroup",
        example: "demo",
        shows: "7 shards, one bad chunk: a timeline of the first error cancelling its siblings (wait), then every error (wait_all)",
    },
    Demo {
        name: "singleflight",
        chapter: "singleflight",
        example: "demo",
        shows: "16 callers of one key in two waves: a timeline of 1 execution per wave, who led and who waited",
    },
];

/// How long a demo may take once built: the talk has no time to wait for more.
const TIME_LIMIT: Duration = Duration::from_secs(30);

/// Lists the demos (no name), or builds and runs the one called `name`; `extra`
/// arguments go to the example.
pub fn run(root: &Path, name: Option<&str>, extra: &[String]) -> Result<(), String> {
    let Some(name) = name else {
        list();
        return Ok(());
    };
    let demo = find(name)?;
    workspace::require_chapter(root, demo.chapter)?;
    let package = format!("{}-solution", demo.chapter);
    eprintln!(
        "demo `{}`: building {package} --example {} (release) …",
        demo.name, demo.example
    );
    let status = cargo()
        .current_dir(root)
        .args(["build", "--release", "--quiet", "--package", &package])
        .args(["--example", demo.example])
        .status()
        .map_err(|error| format!("cannot run cargo build: {error}"))?;
    if !status.success() {
        return Err(format!(
            "building the demo `{}` failed ({status})",
            demo.name
        ));
    }
    let started = Instant::now();
    let charts = stream(root, demo, &package, extra)?;
    let took = started.elapsed();
    print!("\n{}", charts.render());
    println!("(the demo ran in {:.1} s)", took.as_secs_f64());
    if took > TIME_LIMIT {
        eprintln!(
            "note: demo `{}` took longer than the {} s a live demo may take; make it smaller",
            demo.name,
            TIME_LIMIT.as_secs()
        );
    }
    Ok(())
}

fn list() {
    println!("Live demos (cargo workbook demo <name>):");
    let width = DEMOS.iter().map(|d| d.name.len()).max().unwrap_or(0);
    for demo in DEMOS {
        println!("  {:width$}  {}", demo.name, demo.shows);
    }
}

fn find(name: &str) -> Result<&'static Demo, String> {
    if let Some(demo) = DEMOS.iter().find(|d| d.name == name) {
        return Ok(demo);
    }
    let closest = DEMOS
        .iter()
        .min_by_key(|d| workspace::edit_distance(d.name, name))
        .filter(|d| workspace::edit_distance(d.name, name) <= 3);
    let hint = closest.map_or(String::new(), |d| format!(" Did you mean `{}`?", d.name));
    let known: Vec<&str> = DEMOS.iter().map(|d| d.name).collect();
    Err(format!(
        "there is no demo `{name}`.{hint} Demos: {}.",
        known.join(", ")
    ))
}

/// Runs the built example, showing its progress and plain lines as they come, and
/// collects its records.
fn stream(root: &Path, demo: &Demo, package: &str, extra: &[String]) -> Result<Charts, String> {
    let mut child = cargo()
        .current_dir(root)
        .args(["run", "--release", "--quiet", "--package", package])
        .args(["--example", demo.example, "--"])
        .args(extra)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .spawn()
        .map_err(|error| format!("cannot start the demo: {error}"))?;
    let stdout = child.stdout.take().expect("stdout is piped");
    let progress = ProgressBar::with_draw_target(None, ProgressDrawTarget::stderr());
    progress.set_style(
        ProgressStyle::with_template("{spinner} {msg:40!} [{bar:30}] {pos}/{len} {elapsed}")
            .expect("a valid template")
            .progress_chars("=> "),
    );
    progress.enable_steady_tick(Duration::from_millis(120));
    let mut charts = Charts::default();
    let mut failure = None;
    for line in BufReader::new(stdout).lines() {
        let line = line.map_err(|error| format!("cannot read the demo's output: {error}"))?;
        match records::parse(&line) {
            Ok(Line::Text(text)) => progress.println(text),
            Ok(Line::Record(Record::Progress { done, total, what })) => {
                progress.set_length(total);
                progress.set_position(done);
                progress.set_message(what);
            }
            Ok(Line::Record(record)) => charts.add(record),
            Err(error) => {
                failure.get_or_insert(error);
            }
        }
    }
    progress.finish_and_clear();
    let status = child
        .wait()
        .map_err(|error| format!("waiting for the demo failed: {error}"))?;
    if !status.success() {
        return Err(format!("the demo `{}` failed ({status})", demo.name));
    }
    if let Some(error) = failure {
        return Err(error);
    }
    if charts.is_empty() {
        return Err(format!(
            "the demo `{}` reported nothing to chart",
            demo.name
        ));
    }
    Ok(charts)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::fs;

    /// Every entry names a chapter whose solution lists the example, so a demo added to
    /// the registry cannot be silently unrunnable.
    #[test]
    fn every_demo_is_an_example_of_its_solution() {
        let root = workspace::root().unwrap();
        for demo in DEMOS {
            let manifest = root.join("solutions").join(demo.chapter).join("Cargo.toml");
            let text = fs::read_to_string(&manifest)
                .unwrap_or_else(|e| panic!("demo `{}`: {}: {e}", demo.name, manifest.display()));
            let declared = text
                .split("[[example]]")
                .skip(1)
                .any(|entry| entry.contains(&format!("name = \"{}\"", demo.example)));
            assert!(
                declared,
                "demo `{}`: {} has no [[example]] named `{}`",
                demo.name,
                manifest.display(),
                demo.example
            );
        }
    }

    #[test]
    fn names_are_unique_and_misspellings_get_a_hint() {
        let mut names: Vec<&str> = DEMOS.iter().map(|d| d.name).collect();
        names.sort_unstable();
        names.dedup();
        assert_eq!(names.len(), DEMOS.len());
        assert!(
            find("countr")
                .unwrap_err()
                .contains("Did you mean `counter`?")
        );
    }
}
