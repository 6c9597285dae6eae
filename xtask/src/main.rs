//! `cargo workbook`: the workbook's runner. See `cargo workbook --help`.

mod artifacts;
mod book;
mod demo;
mod includes;
mod lanes;
mod libtest;
mod pristine;
mod process;
mod schedule;
mod serve;
mod tools;
mod verify;
mod workspace;

use std::process::ExitCode;
use std::time::Duration;

use clap::{Parser, Subcommand};

/// The runner of the Go-sync-in-Rust workbook.
#[derive(Parser)]
#[command(name = "cargo workbook", version, about)]
struct Cli {
    #[command(subcommand)]
    command: Option<Task>,
}

#[derive(Subcommand)]
enum Task {
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
        /// Arguments for the demo, after `--`.
        #[arg(last = true)]
        args: Vec<String>,
    },
    /// Check the time budgets: every page has one, and the introduction's schedule adds them up.
    Schedule,
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
        None => {
            println!("Chapters: {}", workspace::chapters(&root)?.join(", "));
            println!("Run `cargo workbook --help` for the commands.");
            Ok(())
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
        Some(Task::Demo { name, args }) => demo::run(&root, name.as_deref(), &args),
        Some(Task::Schedule) => schedule::run(&root),
    });
    match outcome {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("error: {message}");
            ExitCode::FAILURE
        }
    }
}
