//! `cargo test -p maps --test read_mostly`

mod common;

use std::sync::mpsc;
use std::sync::{Arc, mpsc::RecvTimeoutError};
use std::thread;
use std::time::Duration;

use common::{MapUnderTest, join};
use maps::read_mostly::ReadMostlyMap;

impl MapUnderTest for ReadMostlyMap<u64, u64> {
    fn empty() -> Self {
        ReadMostlyMap::new()
    }
    fn get(&self, key: u64) -> Option<u64> {
        ReadMostlyMap::get(self, &key)
    }
    fn insert(&self, key: u64, value: u64) -> Option<u64> {
        ReadMostlyMap::insert(self, key, value)
    }
    fn remove(&self, key: u64) -> Option<u64> {
        ReadMostlyMap::remove(self, &key)
    }
    fn get_or_insert_with(&self, key: u64, make: impl FnOnce() -> u64) -> u64 {
        ReadMostlyMap::get_or_insert_with(self, key, make)
    }
    fn len(&self) -> usize {
        ReadMostlyMap::len(self)
    }
    fn add_in_place(&self, _: u64, _: u64) -> Option<Option<u64>> {
        None // A grow-only cache has no in-place update.
    }
}

/// Inserts `keys` and then misses often enough that every one of them gets published.
fn published_map(keys: std::ops::Range<u64>) -> ReadMostlyMap<u64, u64> {
    let map = ReadMostlyMap::new();
    for key in keys.clone() {
        map.insert(key, key * 10);
    }
    let absent = keys.end;
    for _ in 0..=2 * map.len() {
        assert_eq!(map.get(&absent), None);
    }
    map
}

/// Holds the writers' mutex: a thread inside `get_or_insert_with`'s `make` for `key`,
/// until `release` is dropped or sent to. Returns once the writer is inside.
fn stuck_writer(
    map: &Arc<ReadMostlyMap<u64, u64>>,
    key: u64,
) -> (mpsc::Sender<()>, thread::JoinHandle<u64>) {
    let (inside_tx, inside_rx) = mpsc::channel();
    let (release_tx, release_rx) = mpsc::channel::<()>();
    let map = Arc::clone(map);
    let writer = thread::spawn(move || {
        map.get_or_insert_with(key, || {
            inside_tx.send(()).unwrap();
            let _ = release_rx.recv(); // The mutex stays locked until the test lets go.
            7
        })
    });
    inside_rx.recv().expect("the writer reaches `make`");
    (release_tx, writer)
}

/// Runs `read` on a thread of its own and returns what it read, or `Err` if it had not
/// finished after a generous bound (it is stuck on the mutex the writer holds).
fn read_beside_the_writer<T: Send + 'static>(
    read: impl FnOnce() -> T + Send + 'static,
) -> Result<T, RecvTimeoutError> {
    let (done_tx, done_rx) = mpsc::channel();
    // After a timeout nobody listens any more: the late answer is dropped.
    thread::spawn(move || {
        let _ = done_tx.send(read());
    });
    done_rx.recv_timeout(Duration::from_secs(5))
}

#[test]
fn it_behaves_like_a_hash_map_on_random_operations() {
    common::matches_the_model::<ReadMostlyMap<u64, u64>>(16, 1_500);
}

#[test]
fn threads_racing_on_the_same_keys_agree_on_one_value_per_key() {
    common::one_value_wins_per_key::<ReadMostlyMap<u64, u64>>(4, 300);
}

#[test]
fn writers_on_disjoint_keys_lose_nothing() {
    common::disjoint_writers_lose_nothing::<ReadMostlyMap<u64, u64>>(4, 600);
}

#[test]
fn a_reader_never_waits_for_a_writer() {
    testkit::watchdog_default("readers beside a stuck writer", || {
        let map = Arc::new(published_map(0..100));
        let (release, writer) = stuck_writer(&map, 1_000);
        let reading = Arc::clone(&map);
        let read = read_beside_the_writer(move || (reading.get(&42), reading.get(&500)));
        release.send(()).unwrap();
        assert_eq!(
            read,
            Ok((Some(420), None)),
            "a read of a published key, or a miss with nothing pending, waited for the \
             writer (or read wrong)"
        );
        assert_eq!(join(writer), 7);
        assert_eq!(map.get(&1_000), Some(7));
    });
}

#[test]
fn pending_keys_are_published_after_enough_misses() {
    testkit::watchdog_default("a once-pending key beside a stuck writer", || {
        let map = Arc::new(published_map(0..100));
        map.insert(100, 1_000); // pending: a lookup of it takes the mutex for now
        for _ in 0..=2 * map.len() {
            assert_eq!(map.get(&100), Some(1_000));
        }
        // By now the misses have paid for publishing it: it is read without the mutex.
        let (release, writer) = stuck_writer(&map, 1_000);
        let reading = Arc::clone(&map);
        let read = read_beside_the_writer(move || reading.get(&100));
        release.send(()).unwrap();
        assert_eq!(
            read,
            Ok(Some(1_000)),
            "after 2 × len misses the key should have been published, but reading it \
             waited for the writer"
        );
        join(writer);
    });
}

#[test]
fn changes_to_published_keys_are_seen_at_once() {
    let map = published_map(0..10);
    assert_eq!(map.insert(3, 33), Some(30));
    assert_eq!(map.get(&3), Some(33));
    assert_eq!(map.remove(&4), Some(40));
    assert_eq!(map.get(&4), None);
    assert_eq!(map.get_or_insert_with(4, || 44), 44);
    assert_eq!(map.get(&4), Some(44));
    assert_eq!(map.len(), 10);
}

#[test]
fn a_reader_thread_sees_changes_to_published_keys_at_once() {
    testkit::watchdog_default("a reader thread beside a writer", || {
        let map = Arc::new(published_map(0..10));
        let (ask, questions) = mpsc::channel::<u64>();
        let (reply, answers) = mpsc::channel();
        let reader = {
            let map = Arc::clone(&map);
            thread::spawn(move || {
                for key in questions {
                    reply.send(map.get(&key)).unwrap();
                }
            })
        };
        let read = |key| {
            ask.send(key).unwrap();
            answers.recv().unwrap()
        };
        assert_eq!(read(3), Some(30)); // the reader thread now holds the published map
        map.insert(3, 33);
        assert_eq!(
            read(3),
            Some(33),
            "the reader kept using the map it had read before"
        );
        map.remove(&4);
        assert_eq!(
            read(4),
            None,
            "the reader kept using the map it had read before"
        );
        drop(ask);
        join(reader);
    });
}

#[test]
fn a_panic_in_make_leaves_the_map_usable() {
    let map = Arc::new(ReadMostlyMap::<u64, u64>::new());
    let panicking = Arc::clone(&map);
    let outcome = thread::spawn(move || {
        panicking.get_or_insert_with(1, || panic!("making the value failed"))
    })
    .join();
    let payload = outcome.expect_err("the panic reaches the caller");
    let message = testkit::panic_message(&*payload);
    if message.contains("not yet implemented") {
        std::panic::resume_unwind(payload);
    }
    assert_eq!(message, "making the value failed");
    assert_eq!(map.get(&1), None, "nothing was stored for the failed key");
    assert_eq!(map.get_or_insert_with(1, || 11), 11);
}
