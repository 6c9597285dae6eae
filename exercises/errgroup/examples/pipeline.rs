//! Go's `ExampleGroup_pipeline` (its `MD5All`): a source stage, a bounded number of
//! digesters and a collector, connected by channels. Every stage stops as soon as the
//! group is cancelled, so one failure stops the whole pipeline.
//!
//! `cargo run -p errgroup-solution --example pipeline`

use std::collections::BTreeMap;

use errgroup::Group;
use tokio::sync::mpsc;

/// The "files" to digest: a name and its contents (`None`: unreadable).
const FILES: [(&str, Option<&str>); 5] = [
    ("a.txt", Some("alpha")),
    ("b.txt", Some("beta")),
    ("c.txt", Some("gamma")),
    ("d.txt", Some("delta")),
    ("e.txt", Some("epsilon")),
];

/// A small stand-in for MD5 (64-bit FNV-1a), so the example needs no extra crate.
fn digest(contents: &str) -> u64 {
    contents.bytes().fold(0xcbf2_9ce4_8422_2325, |hash, byte| {
        (hash ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3)
    })
}

// ANCHOR: pipeline
/// Digests every file with `digesters` tasks in parallel, or returns the first error.
async fn digest_all(
    files: Vec<(&'static str, Option<&'static str>)>,
    digesters: usize,
) -> Result<BTreeMap<&'static str, u64>, String> {
    let mut group = Group::with_cancel();
    let (paths_out, paths_in) = async_channel(files.len());
    let (sums_out, mut sums_in) = mpsc::channel(files.len());

    // Stage 1: emit the files, until done or cancelled.
    group
        .spawn(|token| async move {
            for file in files {
                tokio::select! {
                    () = token.cancelled() => return Err("source cancelled".to_owned()),
                    sent = paths_out.send(file) => sent.map_err(|_| "no digester left")?,
                }
            }
            Ok(())
        })
        .await;

    // Stage 2: a fixed number of digesters.
    for _ in 0..digesters {
        let (paths_in, sums_out) = (paths_in.clone(), sums_out.clone());
        group
            .spawn(|token| async move {
                while let Some((name, contents)) = paths_in.recv().await {
                    let contents = contents.ok_or(format!("cannot read {name}"))?;
                    tokio::select! {
                        () = token.cancelled() => return Err("digester cancelled".to_owned()),
                        sent = sums_out.send((name, digest(contents))) => {
                            sent.map_err(|_| "collector gone")?;
                        }
                    }
                }
                Ok(())
            })
            .await;
    }
    drop((paths_in, sums_out)); // the collector ends when every digester is done

    // Stage 3, here: collect while the group runs, then ask the group how it went.
    let mut sums = BTreeMap::new();
    while let Some((name, sum)) = sums_in.recv().await {
        sums.insert(name, sum);
    }
    group.wait().await.map(|()| sums)
}
// ANCHOR_END: pipeline

/// A multi-consumer channel from tokio's mpsc: one receiver behind an async mutex.
fn async_channel<T>(capacity: usize) -> (mpsc::Sender<T>, SharedReceiver<T>) {
    let (sender, receiver) = mpsc::channel(capacity.max(1));
    (
        sender,
        SharedReceiver(std::sync::Arc::new(tokio::sync::Mutex::new(receiver))),
    )
}

struct SharedReceiver<T>(std::sync::Arc<tokio::sync::Mutex<mpsc::Receiver<T>>>);

impl<T> Clone for SharedReceiver<T> {
    fn clone(&self) -> Self {
        SharedReceiver(std::sync::Arc::clone(&self.0))
    }
}

impl<T> SharedReceiver<T> {
    async fn recv(&self) -> Option<T> {
        self.0.lock().await.recv().await
    }
}

#[tokio::main(flavor = "current_thread")]
async fn main() {
    match digest_all(FILES.to_vec(), 3).await {
        Ok(sums) => sums
            .iter()
            .for_each(|(name, sum)| println!("{sum:016x}  {name}")),
        Err(error) => eprintln!("{error}"),
    }

    let mut with_an_unreadable_file = FILES.to_vec();
    with_an_unreadable_file[2].1 = None;
    match digest_all(with_an_unreadable_file, 3).await {
        Ok(sums) => println!("unexpected: {sums:?}"),
        Err(error) => println!("with an unreadable file: {error}"),
    }
}
