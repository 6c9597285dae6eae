//! What the two maps' tests share: a single-threaded check against `std`'s `HashMap` as
//! the model, and the concurrent checks that every concurrent map must pass.

use std::collections::HashMap;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Barrier};
use std::thread;

use maps::rng::SplitMix64;

/// The operations both maps offer, on `u64` keys and values, so that one check serves
/// both.
pub trait MapUnderTest: Send + Sync + 'static {
    fn empty() -> Self;
    fn get(&self, key: u64) -> Option<u64>;
    fn insert(&self, key: u64, value: u64) -> Option<u64>;
    fn remove(&self, key: u64) -> Option<u64>;
    fn get_or_insert_with(&self, key: u64, make: impl FnOnce() -> u64) -> u64;
    fn len(&self) -> usize;
    /// Adds `add` to the value of `key` in place, returning the new value; `None` if this
    /// map has no in-place update (the check then leaves updates out).
    fn add_in_place(&self, key: u64, add: u64) -> Option<Option<u64>>;
}

/// One step of a model check, kept so that a failure can show how it got there.
#[derive(Clone, Copy, Debug)]
enum Step {
    Get(u64),
    Insert(u64, u64),
    Remove(u64),
    GetOrInsert(u64, u64),
    AddInPlace(u64, u64),
}

/// Runs `steps` random operations on a few keys (so that hits, misses, overwrites and
/// removals of present keys all happen often) against the map and the model together,
/// and panics at the first difference with the seed and the steps that led to it.
/// `MAPS_SEED=<n>` runs only seed `n`, to replay a failure.
pub fn matches_the_model<M: MapUnderTest>(seeds: u64, steps: usize) {
    let chosen: Vec<u64> = match std::env::var("MAPS_SEED") {
        Ok(seed) => vec![seed.parse().expect("MAPS_SEED is a number")],
        Err(_) => (0..seeds).collect(),
    };
    for seed in chosen {
        check_one_seed::<M>(seed, steps);
    }
}

fn check_one_seed<M: MapUnderTest>(seed: u64, steps: usize) {
    const KEYS: u64 = 48;
    let mut rng = SplitMix64::new(seed);
    let map = M::empty();
    let has_update = map.add_in_place(KEYS, 0).is_some(); // KEYS is never a key below
    let mut model: HashMap<u64, u64> = HashMap::new();
    let mut history: Vec<Step> = Vec::with_capacity(steps);
    for _ in 0..steps {
        let key = rng.below(KEYS);
        let value = rng.below(1_000);
        let step = match rng.below(if has_update { 10 } else { 9 }) {
            0..=3 => Step::Get(key),
            4 | 5 => Step::Insert(key, value),
            6 | 7 => Step::Remove(key),
            8 => Step::GetOrInsert(key, value),
            _ => Step::AddInPlace(key, value),
        };
        history.push(step);
        let fail = |what: &str, got: &dyn std::fmt::Debug, want: &dyn std::fmt::Debug| -> ! {
            let shown = history.len().saturating_sub(30);
            panic!(
                "seed {seed} (replay with MAPS_SEED={seed}), step #{}: {step:?}: {what}: the \
                 map said {got:?}, a HashMap says {want:?}\nthe last steps: {:?}",
                history.len() - 1,
                &history[shown..]
            )
        };
        match step {
            Step::Get(key) => {
                let (got, want) = (map.get(key), model.get(&key).copied());
                if got != want {
                    fail("get", &got, &want);
                }
            }
            Step::Insert(key, value) => {
                let (got, want) = (map.insert(key, value), model.insert(key, value));
                if got != want {
                    fail("insert returns the replaced value", &got, &want);
                }
            }
            Step::Remove(key) => {
                let (got, want) = (map.remove(key), model.remove(&key));
                if got != want {
                    fail("remove returns the removed value", &got, &want);
                }
            }
            Step::GetOrInsert(key, value) => {
                let got = map.get_or_insert_with(key, || value);
                let want = *model.entry(key).or_insert(value);
                if got != want {
                    fail("get_or_insert_with", &got, &want);
                }
            }
            Step::AddInPlace(key, add) => {
                let got = map.add_in_place(key, add).expect("this map has update");
                let want = model.get_mut(&key).map(|value| {
                    *value += add;
                    *value
                });
                if got != want {
                    fail("update returns the new value", &got, &want);
                }
            }
        }
        if map.len() != model.len() {
            fail("len", &map.len(), &model.len());
        }
    }
    for key in 0..KEYS {
        assert_eq!(
            map.get(key),
            model.get(&key).copied(),
            "seed {seed}: key {key} after all {steps} steps"
        );
    }
}

/// `threads` threads call `get_or_insert_with` on the same keys, each offering a value of
/// its own; a barrier releases them together onto every key, and `make` yields to widen
/// the race. Checks that exactly one value wins per key, that every thread was handed that
/// value, that the map holds it, and that `make` ran once per key.
pub fn one_value_wins_per_key<M: MapUnderTest>(threads: usize, keys: u64) {
    testkit::watchdog_default("threads racing to insert the same keys", move || {
        let map = Arc::new(M::empty());
        let makes: Arc<Vec<AtomicUsize>> =
            Arc::new((0..keys).map(|_| AtomicUsize::new(0)).collect());
        let next_key = Arc::new(Barrier::new(threads));
        let handles: Vec<_> = (0..threads as u64)
            .map(|thread| {
                let (map, makes, next_key) =
                    (Arc::clone(&map), Arc::clone(&makes), Arc::clone(&next_key));
                thread::spawn(move || {
                    let mut seen = Vec::with_capacity(keys as usize);
                    for key in 0..keys {
                        next_key.wait();
                        seen.push(map.get_or_insert_with(key, || {
                            makes[key as usize].fetch_add(1, Ordering::Relaxed);
                            thread::yield_now();
                            (thread << 32) | key
                        }));
                    }
                    seen
                })
            })
            .collect();
        let seen: Vec<Vec<u64>> = handles.into_iter().map(join).collect();
        for key in 0..keys {
            let winner = seen[0][key as usize];
            assert_eq!(
                winner & 0xFFFF_FFFF,
                key,
                "key {key}: a value made for another key"
            );
            for (thread, values) in seen.iter().enumerate() {
                assert_eq!(
                    values[key as usize], winner,
                    "key {key}: thread {thread} was handed a value that did not win"
                );
            }
            assert_eq!(
                map.get(key),
                Some(winner),
                "key {key}: the map holds the winner"
            );
            let made = makes[key as usize].load(Ordering::Relaxed);
            assert_eq!(made, 1, "key {key}: `make` ran {made} times, not once");
        }
        assert_eq!(map.len(), keys as usize);
    });
}

/// `threads` threads released together each insert their own `per_thread` keys, reading
/// each back at once, then remove every fourth of them. Checks that no write was lost and
/// no removed key came back.
pub fn disjoint_writers_lose_nothing<M: MapUnderTest>(threads: u64, per_thread: u64) {
    testkit::watchdog_default("threads writing disjoint keys", move || {
        let map = Arc::new(M::empty());
        let start = Arc::new(Barrier::new(threads as usize));
        let handles: Vec<_> = (0..threads)
            .map(|thread| {
                let (map, start) = (Arc::clone(&map), Arc::clone(&start));
                thread::spawn(move || {
                    start.wait();
                    let mine = thread * per_thread..(thread + 1) * per_thread;
                    for key in mine.clone() {
                        assert_eq!(map.insert(key, key * 2), None, "key {key} was new");
                        assert_eq!(map.get(key), Some(key * 2), "key {key} right after insert");
                    }
                    for key in mine.step_by(4) {
                        assert_eq!(map.remove(key), Some(key * 2), "removing key {key}");
                    }
                })
            })
            .collect();
        handles.into_iter().for_each(join);
        let total = threads * per_thread;
        for key in 0..total {
            let want = (!(key % per_thread).is_multiple_of(4)).then_some(key * 2);
            assert_eq!(map.get(key), want, "key {key} after every writer finished");
        }
        assert_eq!(map.len() as u64, total - total / 4);
    });
}

/// Joins a test thread, failing the test with the thread's own panic.
pub fn join<T>(handle: thread::JoinHandle<T>) -> T {
    handle
        .join()
        .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
}
