//! What `watch` waits for: a saved source file (through the operating system's file
//! notifications, via `notify`) or a line typed by the learner. Without notifications
//! (`--manual`, or a file system that cannot be watched) only typed lines arrive.

use std::collections::VecDeque;
use std::io::BufRead;
use std::path::Path;
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender};
use std::thread;
use std::time::Duration;

use notify::{EventKind, RecommendedWatcher, RecursiveMode, Watcher};

/// Saves that arrive within this much of each other count as one (editors often write
/// a file in several steps).
const SETTLE: Duration = Duration::from_millis(80);

#[derive(Debug, PartialEq, Eq)]
pub enum Event {
    /// A `.rs` or `.toml` file was written, created or removed.
    Saved,
    /// A line typed on standard input, trimmed.
    Typed(String),
    /// Standard input was closed.
    InputClosed,
}

pub struct Events {
    receiver: Receiver<Event>,
    pending: VecDeque<Event>,
    /// Reports saves for as long as it is kept; `None` in manual mode.
    watcher: Option<RecommendedWatcher>,
}

impl Events {
    /// Listens to typed lines and, unless `manual`, to saves under `dir`. The second
    /// value explains why saves are not watched when watching was asked for but failed.
    pub fn start(dir: &Path, manual: bool) -> (Events, Option<String>) {
        let (sender, receiver) = mpsc::channel();
        read_lines(sender.clone());
        let (watcher, problem) = if manual {
            (None, None)
        } else {
            match watch(dir, sender) {
                Ok(watcher) => (Some(watcher), None),
                Err(error) => (
                    None,
                    Some(format!(
                        "Cannot watch {} for saves ({error}); running in manual mode instead.",
                        dir.display()
                    )),
                ),
            }
        };
        let events = Events {
            receiver,
            pending: VecDeque::new(),
            watcher,
        };
        (events, problem)
    }

    /// Whether saves are being watched (otherwise only typed lines arrive).
    pub fn watches_saves(&self) -> bool {
        self.watcher.is_some()
    }

    /// Blocks until the next event; a burst of saves comes out as one `Saved`. `None`
    /// when no event can arrive any more.
    pub fn next(&mut self) -> Option<Event> {
        let event = match self.pending.pop_front() {
            Some(event) => event,
            None => self.receiver.recv().ok()?,
        };
        if event == Event::Saved {
            self.settle();
        }
        Some(event)
    }

    /// Swallows the saves that follow within `SETTLE` of each other; keeps anything else.
    fn settle(&mut self) {
        loop {
            match self.receiver.recv_timeout(SETTLE) {
                Ok(Event::Saved) => {}
                Ok(other) => self.pending.push_back(other),
                Err(RecvTimeoutError::Timeout | RecvTimeoutError::Disconnected) => return,
            }
        }
    }
}

fn read_lines(sender: Sender<Event>) {
    thread::spawn(move || {
        for line in std::io::stdin().lock().lines() {
            let Ok(line) = line else { break };
            if sender.send(Event::Typed(line.trim().to_owned())).is_err() {
                return;
            }
        }
        let _ = sender.send(Event::InputClosed);
    });
}

fn watch(dir: &Path, sender: Sender<Event>) -> notify::Result<RecommendedWatcher> {
    let mut watcher = notify::recommended_watcher(move |event: notify::Result<notify::Event>| {
        let Ok(event) = event else { return };
        let is_write = matches!(
            event.kind,
            EventKind::Create(_) | EventKind::Modify(_) | EventKind::Remove(_)
        );
        let is_source = event.paths.iter().any(|path| {
            path.extension()
                .is_some_and(|extension| extension == "rs" || extension == "toml")
        });
        if is_write && is_source {
            let _ = sender.send(Event::Saved);
        }
    })?;
    watcher.watch(dir, RecursiveMode::Recursive)?;
    Ok(watcher)
}
