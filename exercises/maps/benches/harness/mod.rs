//! What the criterion benchmark and the quick table share: the contenders behind one
//! small interface, and a runner that sets up every timed round before the clock starts.

use std::collections::HashMap;
use std::hint::black_box;
use std::sync::{Arc, Mutex, PoisonError, RwLock};
use std::time::Duration;

use maps::Hasher;
use maps::read_mostly::ReadMostlyMap;
use maps::sharded::{ShardedMap, default_shards};
use maps::workload::{Keys, Op, OpKind, OpStream, Workload};
use testkit::WorkerPool;

/// A map as the benchmark uses it: `u64` keys and values, every map with the same
/// hasher ([`Hasher`]), each operation done the way that map's users would do it.
pub trait Contender: Send + Sync + 'static {
    /// The name in tables, charts and criterion ids.
    const NAME: &'static str;
    /// An empty map sized for `capacity` keys where the map allows it.
    fn with_capacity(capacity: usize) -> Self;
    fn get(&self, key: u64) -> Option<u64>;
    fn insert(&self, key: u64, value: u64);
    fn remove(&self, key: u64);
    /// Adds one to the value of `key`, if it is there.
    fn update(&self, key: u64);
    /// Go's `LoadOrStore`: the value of `key`, or `value` after storing it.
    fn get_or_insert(&self, key: u64, value: u64) -> u64;
}

/// Calls `visit` once per contender, in the order of the chapter's tables.
pub trait Visit {
    fn visit<M: Contender>(&mut self);
}

pub fn for_each_contender(visitor: &mut impl Visit) {
    visitor.visit::<Mutex<HashMap<u64, u64, Hasher>>>();
    visitor.visit::<RwLock<HashMap<u64, u64, Hasher>>>();
    visitor.visit::<ShardedMap<u64, u64>>();
    visitor.visit::<ReadMostlyMap<u64, u64>>();
    visitor.visit::<dashmap::DashMap<u64, u64, Hasher>>();
    visitor.visit::<papaya::HashMap<u64, u64, Hasher>>();
    visitor.visit::<scc::HashMap<u64, u64, Hasher>>();
}

/// Go's `map` + `sync.Mutex`: one lock for everything.
impl Contender for Mutex<HashMap<u64, u64, Hasher>> {
    const NAME: &'static str = "Mutex<HashMap>";
    fn with_capacity(capacity: usize) -> Self {
        Mutex::new(HashMap::with_capacity_and_hasher(
            capacity,
            Hasher::default(),
        ))
    }
    fn get(&self, key: u64) -> Option<u64> {
        self.lock()
            .unwrap_or_else(PoisonError::into_inner)
            .get(&key)
            .copied()
    }
    fn insert(&self, key: u64, value: u64) {
        self.lock()
            .unwrap_or_else(PoisonError::into_inner)
            .insert(key, value);
    }
    fn remove(&self, key: u64) {
        self.lock()
            .unwrap_or_else(PoisonError::into_inner)
            .remove(&key);
    }
    fn update(&self, key: u64) {
        if let Some(value) = self
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .get_mut(&key)
        {
            *value += 1;
        }
    }
    fn get_or_insert(&self, key: u64, value: u64) -> u64 {
        *self
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .entry(key)
            .or_insert(value)
    }
}

/// Go's `map` + `sync.RWMutex`: readers share the lock, but all of them write its
/// reader count, one cache line for every core.
impl Contender for RwLock<HashMap<u64, u64, Hasher>> {
    const NAME: &'static str = "RwLock<HashMap>";
    fn with_capacity(capacity: usize) -> Self {
        RwLock::new(HashMap::with_capacity_and_hasher(
            capacity,
            Hasher::default(),
        ))
    }
    fn get(&self, key: u64) -> Option<u64> {
        self.read()
            .unwrap_or_else(PoisonError::into_inner)
            .get(&key)
            .copied()
    }
    fn insert(&self, key: u64, value: u64) {
        self.write()
            .unwrap_or_else(PoisonError::into_inner)
            .insert(key, value);
    }
    fn remove(&self, key: u64) {
        self.write()
            .unwrap_or_else(PoisonError::into_inner)
            .remove(&key);
    }
    fn update(&self, key: u64) {
        if let Some(value) = self
            .write()
            .unwrap_or_else(PoisonError::into_inner)
            .get_mut(&key)
        {
            *value += 1;
        }
    }
    fn get_or_insert(&self, key: u64, value: u64) -> u64 {
        if let Some(&found) = self
            .read()
            .unwrap_or_else(PoisonError::into_inner)
            .get(&key)
        {
            return found;
        }
        *self
            .write()
            .unwrap_or_else(PoisonError::into_inner)
            .entry(key)
            .or_insert(value)
    }
}

/// The chapter's sharded map.
impl Contender for ShardedMap<u64, u64> {
    const NAME: &'static str = "ShardedMap";
    fn with_capacity(capacity: usize) -> Self {
        ShardedMap::with_shards_and_capacity(default_shards(), capacity)
    }
    fn get(&self, key: u64) -> Option<u64> {
        ShardedMap::get(self, &key)
    }
    fn insert(&self, key: u64, value: u64) {
        ShardedMap::insert(self, key, value);
    }
    fn remove(&self, key: u64) {
        ShardedMap::remove(self, &key);
    }
    fn update(&self, key: u64) {
        ShardedMap::update(self, &key, |value| *value += 1);
    }
    fn get_or_insert(&self, key: u64, value: u64) -> u64 {
        self.get_or_insert_with(key, || value)
    }
}

/// The chapter's read-mostly map. It has no in-place update: an update reads, then
/// inserts, which for a published key means publishing a new copy.
impl Contender for ReadMostlyMap<u64, u64> {
    const NAME: &'static str = "ReadMostlyMap";
    fn with_capacity(_: usize) -> Self {
        ReadMostlyMap::new()
    }
    fn get(&self, key: u64) -> Option<u64> {
        ReadMostlyMap::get(self, &key)
    }
    fn insert(&self, key: u64, value: u64) {
        ReadMostlyMap::insert(self, key, value);
    }
    fn remove(&self, key: u64) {
        ReadMostlyMap::remove(self, &key);
    }
    fn update(&self, key: u64) {
        if let Some(value) = ReadMostlyMap::get(self, &key) {
            ReadMostlyMap::insert(self, key, value + 1);
        }
    }
    fn get_or_insert(&self, key: u64, value: u64) -> u64 {
        self.get_or_insert_with(key, || value)
    }
}

/// dashmap: shards of reader-writer locks, like the chapter's sharded map.
impl Contender for dashmap::DashMap<u64, u64, Hasher> {
    const NAME: &'static str = "dashmap";
    fn with_capacity(capacity: usize) -> Self {
        dashmap::DashMap::with_capacity_and_hasher(capacity, Hasher::default())
    }
    fn get(&self, key: u64) -> Option<u64> {
        dashmap::DashMap::get(self, &key).map(|value| *value)
    }
    fn insert(&self, key: u64, value: u64) {
        dashmap::DashMap::insert(self, key, value);
    }
    fn remove(&self, key: u64) {
        dashmap::DashMap::remove(self, &key);
    }
    fn update(&self, key: u64) {
        if let Some(mut value) = self.get_mut(&key) {
            *value += 1;
        }
    }
    fn get_or_insert(&self, key: u64, value: u64) -> u64 {
        if let Some(found) = dashmap::DashMap::get(self, &key) {
            return *found;
        }
        *self.entry(key).or_insert(value)
    }
}

/// papaya: lock-free reads, closest in spirit to Go 1.24's `sync.Map`. Each operation
/// pins (enters its memory-reclamation scheme) as a caller would.
impl Contender for papaya::HashMap<u64, u64, Hasher> {
    const NAME: &'static str = "papaya";
    fn with_capacity(capacity: usize) -> Self {
        papaya::HashMap::builder()
            .hasher(Hasher::default())
            .capacity(capacity)
            .build()
    }
    fn get(&self, key: u64) -> Option<u64> {
        self.pin().get(&key).copied()
    }
    fn insert(&self, key: u64, value: u64) {
        self.pin().insert(key, value);
    }
    fn remove(&self, key: u64) {
        self.pin().remove(&key);
    }
    fn update(&self, key: u64) {
        self.pin().update(key, |value| value + 1);
    }
    fn get_or_insert(&self, key: u64, value: u64) -> u64 {
        *self.pin().get_or_insert(key, value)
    }
}

/// scc: fine-grained bucket locks, strong on write-heavy mixes.
impl Contender for scc::HashMap<u64, u64, Hasher> {
    const NAME: &'static str = "scc";
    fn with_capacity(capacity: usize) -> Self {
        scc::HashMap::with_capacity_and_hasher(capacity, Hasher::default())
    }
    fn get(&self, key: u64) -> Option<u64> {
        self.read_sync(&key, |_, value| *value)
    }
    fn insert(&self, key: u64, value: u64) {
        self.upsert_sync(key, value);
    }
    fn remove(&self, key: u64) {
        self.remove_sync(&key);
    }
    fn update(&self, key: u64) {
        self.update_sync(&key, |_, value| *value += 1);
    }
    fn get_or_insert(&self, key: u64, value: u64) -> u64 {
        if let Some(found) = self.read_sync(&key, |_, value| *value) {
            return found;
        }
        *self.entry_sync(key).or_insert(value).get()
    }
}

// ANCHOR: apply
/// Does one operation; results go through `black_box` so that none is optimised away.
#[inline]
fn apply<M: Contender>(map: &M, op: Op) {
    match op.kind {
        OpKind::Get => {
            black_box(map.get(op.key));
        }
        OpKind::Insert => map.insert(op.key, op.key),
        OpKind::Remove => map.remove(op.key),
        OpKind::Update => map.update(op.key),
        OpKind::GetOrInsert => {
            black_box(map.get_or_insert(op.key, op.key));
        }
    }
}
// ANCHOR_END: apply

/// The map and the seed of the round being run.
struct Round<M> {
    map: Arc<M>,
    seed: u64,
}

// ANCHOR: runner
/// Runs timed rounds of one workload on one kind of map with a fixed set of workers
/// ([`WorkerPool`]: spawned once, released together, equal shares of the operations).
///
/// A workload that grows the map (fresh keys) starts every round from a new, empty map,
/// so that every round measures growth from empty. The others build and prefill their map
/// once, before the first round, and keep it, with a new seed for every round: setting up
/// a map is then never repeated, and never lands inside criterion's estimates either.
/// Creating, prefilling and dropping maps all happen before the clock starts.
pub struct Runner<M> {
    workload: Workload,
    round: Arc<RwLock<Option<Round<M>>>>,
    pool: WorkerPool,
    rounds: u64,
}

impl<M: Contender> Runner<M> {
    /// Spawns `threads` workers for `workload`.
    pub fn new(workload: Workload, threads: usize) -> Self {
        let round: Arc<RwLock<Option<Round<M>>>> = Arc::new(RwLock::new(None));
        let current = Arc::clone(&round);
        let pool = WorkerPool::new(threads, move |worker, ops| {
            // Once per round, not per operation: the map and the seed of this round.
            let (map, seed) = {
                let round = current.read().unwrap();
                let round = round.as_ref().expect("a round is set up before it starts");
                (Arc::clone(&round.map), round.seed)
            };
            let mut stream = OpStream::new(workload, worker, threads, seed);
            for _ in 0..ops {
                apply(&*map, stream.next_op());
            }
        });
        Runner {
            workload,
            round,
            pool,
            rounds: 0,
        }
    }

    /// Sets up the round's map and seed (not timed), then returns the time `ops`
    /// operations took, from the starting shot until the last worker finished.
    pub fn run(&mut self, ops: u64) -> Duration {
        self.rounds += 1;
        let seed = self.rounds;
        let mut round = self.round.write().unwrap();
        match round.as_mut() {
            Some(kept) if !grows(self.workload) => kept.seed = seed,
            _ => {
                drop(round.take()); // the previous map is freed here, before the clock starts
                let map = M::with_capacity(self.workload.capacity());
                prefill(&map, self.workload);
                let map = Arc::new(map);
                *round = Some(Round { map, seed });
            }
        }
        drop(round);
        self.pool.run(ops)
    }
}

/// Whether `workload` adds new keys as it runs, so that a kept map would grow forever.
fn grows(workload: Workload) -> bool {
    workload.keys() == Keys::Fresh
}

/// Inserts the workload's prefill keys, then reads each of them twice, as Go's benchmarks
/// "prime" a `sync.Map`: a map that moves keys on reads (the read-mostly map publishes
/// them) starts in its steady state.
fn prefill<M: Contender>(map: &M, workload: Workload) {
    for key in workload.prefill() {
        map.insert(key, key);
    }
    for _ in 0..2 {
        for key in workload.prefill() {
            black_box(map.get(key));
        }
    }
}
// ANCHOR_END: runner

/// The number of cores this process may run on, the largest thread count measured.
pub fn cores() -> usize {
    std::thread::available_parallelism().map_or(1, usize::from)
}

/// The processor model and the number of cores, as charts and tables label results.
pub fn machine() -> String {
    let model = std::fs::read_to_string("/proc/cpuinfo")
        .ok()
        .and_then(|info| {
            let line = info.lines().find(|line| line.starts_with("model name"))?;
            Some(line.split(':').nth(1)?.trim().to_owned())
        })
        .unwrap_or_else(|| std::env::consts::ARCH.to_owned());
    format!("{model}, {} cores", cores())
}
