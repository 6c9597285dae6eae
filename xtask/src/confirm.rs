//! Asking the learner before doing something they may regret.

use std::io::{BufRead, IsTerminal, Write};

/// Asks `question` on standard error and reads the answer from standard input: true for
/// "y" or "yes". No answer (standard input closed) counts as no, and says how to skip
/// the question.
pub fn ask(question: &str) -> bool {
    eprint!("{question} [y/N] ");
    let _ = std::io::stderr().flush();
    let mut answer = String::new();
    match std::io::stdin().lock().read_line(&mut answer) {
        Ok(0) | Err(_) => {
            eprintln!("\n(no answer, so no; pass --yes to skip the question)");
            false
        }
        Ok(_) => {
            if !std::io::stdin().is_terminal() {
                eprintln!("{}", answer.trim()); // what a terminal would have echoed
            }
            matches!(answer.trim().to_ascii_lowercase().as_str(), "y" | "yes")
        }
    }
}
