//! `cargo workbook`: the workbook's runner. See `cargo workbook --help`.

mod artifacts;
mod book;
mod catalog;
mod charts;
mod check;
mod confirm;
mod demo;
mod events;
mod fingerprint;
mod hint;
mod includes;
mod lanes;
mod libtest;
mod lookup;
mod metadata_check;
mod overview;
mod pristine;
mod process;
mod progress;
mod report;
mod reset;
mod schedule;
mod serve;
mod solution;
mod status;
mod style;
mod toolchain;
mod tools;
mod verify;
mod watch;
mod workspace;

use std::process::ExitCode;
use std::time::Duration;

use clap::{Parser, Subcommand};

/// The runner of the Go-sync-in-Rust workbook. With no command: your progress through
/// the exercises, and the next one to do.
#[derive(Parser)]
#[command(name = "cargo workbook", bin_name = "cargo workbook", version)]
struct Cli {
    #[command(subcommand)]
    command: Option<Task>,
}

#[derive(Subcommand)]
enum Task {
    /// Your progress: every exercise with its status, and the next one to do (the
    /// default when no command is given).
    Status,
    /// Run an exercise's tests on every save and show the result (default: the next
    /// exercise to do).
    Watch {
        /// The exercise, as `chapter/exercise` or just `exercise`.
        exercise: Option<String>,
        /// Re-run when you press Enter instead of on every save (for file systems
        /// where saves are not noticed).
        #[arg(long)]
        manual: bool,
    },
    /// Show the next hint for an exercise; each call reveals one more.
    Hint { exercise: String },
    /// Put an exercise's files back as they were at the start (your version is kept).
    Reset {
        exercise: String,
        /// Do not ask for confirmation.
        #[arg(long, short)]
        yes: bool,
    },
    /// Show the worked answer as a diff against your file (asks first while your tests
    /// fail).
    Solution {
        exercise: String,
        /// Do not ask for confirmation.
        #[arg(long, short)]
        yes: bool,
    },
    /// Serve the book on localhost with live reload (installs the pinned mdBook if missing).
    Serve {
        /// The port to listen on.
        #[arg(long, default_value_t = 3000)]
        port: u16,
        /// The address to listen on.
        #[arg(long, default_value = "127.0.0.1")]
        hostname: String,
        /// Open the book in your browser.
        #[arg(long)]
        open: bool,
    },
    /// Check the contract: every exercise compiles, each of its tests fails on the
    /// skeleton with a todo!() message, and its solution passes them all.
    Verify {
        /// Chapters to check (all when none are given).
        chapters: Vec<String>,
        /// Seconds one test binary may run before it counts as hung.
        #[arg(long, default_value_t = 60)]
        bound: u64,
    },
    /// Build the book with the pinned mdBook; fail on warnings and broken links.
    Book,
    /// Run the loom model checks of the solutions (all chapters when none are given).
    Loom { chapters: Vec<String> },
    /// Show Miri reporting the data race in the counter chapter's unsafe counter.
    Miri,
    /// Run a live demo of the talk, against the solutions in release (lists them without a name).
    Demo {
        name: Option<String>,
        /// Print only the demos' names, one a line (for scripts).
        #[arg(long, conflicts_with = "name")]
        list: bool,
        /// Arguments for the demo, after `--`.
        #[arg(last = true)]
        args: Vec<String>,
    },
    /// Check the time budgets: every page has one, and the introduction's schedule adds them up.
    Schedule,
    /// Draw the book's benchmark charts (SVG) from the last criterion run's results.
    Charts {
        /// The chapter whose charts to draw (only `maps` has charts).
        chapter: String,
    },
    /// Run a chapter's criterion benchmarks against its solution.
    Bench {
        chapter: String,
        /// Arguments for criterion, after `--` (for example `-- --quick`).
        #[arg(last = true)]
        criterion: Vec<String>,
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let outcome = workspace::root().and_then(|root| match cli.command {
        None | Some(Task::Status) => {
            toolchain::check(&root)?;
            overview::show(&root)
        }
        Some(Task::Watch { exercise, manual }) => {
            toolchain::check(&root)?;
            watch::run(&root, exercise.as_deref(), manual)
        }
        Some(Task::Hint { exercise }) => hint::run(&root, &exercise),
        Some(Task::Reset { exercise, yes }) => reset::run(&root, &exercise, yes),
        Some(Task::Solution { exercise, yes }) => {
            toolchain::check(&root)?;
            solution::run(&root, &exercise, yes)
        }
        Some(Task::Serve {
            port,
            hostname,
            open,
        }) => serve::run(&root, &hostname, port, open),
        Some(Task::Verify { chapters, bound }) => {
            verify::run(&root, &chapters, Duration::from_secs(bound))
        }
        Some(Task::Book) => book::build_and_check(&root),
        Some(Task::Loom { chapters }) => lanes::loom(&root, &chapters),
        Some(Task::Miri) => lanes::miri(&root),
        Some(Task::Bench { chapter, criterion }) => lanes::bench(&root, &chapter, &criterion),
        Some(Task::Demo { list: true, .. }) => {
            demo::DEMOS
                .iter()
                .for_each(|demo| println!("{}", demo.name));
            Ok(())
        }
        Some(Task::Demo { name, args, .. }) => demo::run(&root, name.as_deref(), &args),
        Some(Task::Schedule) => schedule::run(&root),
        Some(Task::Charts { chapter }) => match chapter.as_str() {
            "maps" => charts::render_maps_charts(&root).map(|written| {
                for file in written {
                    println!("wrote {}", file.display());
                }
            }),
            other => Err(format!(
                "there are no charts for `{other}`: only the maps chapter draws charts \
                 (cargo workbook charts maps, after cargo workbook bench maps)"
            )),
        },
    });
    match outcome {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("error: {message}");
            ExitCode::FAILURE
        }
    }
}
