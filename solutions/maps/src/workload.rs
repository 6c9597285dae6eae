//! The benchmark's workloads: which operation a worker does next, and on which key.
//!
//! Each worker rolls its own operations from a seeded [`SplitMix64`] as it goes, so a
//! round is reproducible from its seed, costs a few nanoseconds per operation (the same
//! for every map), and needs no memory traffic beyond the map itself. The keys a
//! workload expects in the map ([`Workload::prefill`]) are inserted before the clock
//! starts.

use std::ops::Range;
use std::sync::OnceLock;

use crate::rng::SplitMix64;

/// The key space of the uniform and Zipf workloads: 65,536 keys, small enough to fill
/// quickly before every round, large enough that the map does not fit in L1.
pub const KEY_SPACE: u64 = 1 << 16;

/// The one key of [`Workload::HotKey`].
pub const HOT_KEY: u64 = 0;

/// The exponent of [`Keys::Zipf`]: 0.99, YCSB's default ("zipfian constant").
pub const ZIPF_EXPONENT: f64 = 0.99;

/// What an operation does. `Update` changes the value of a key (if it is there);
/// `GetOrInsert` is Go's `LoadOrStore`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum OpKind {
    Get,
    Insert,
    Remove,
    Update,
    GetOrInsert,
}

/// One operation of a worker: what to do, and to which key.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Op {
    pub kind: OpKind,
    pub key: u64,
}

/// An operation mix in percent, in the order gets, inserts, removes, updates,
/// get-or-inserts (libcuckoo's and bustle's way of naming a workload).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Mix {
    pub get: u8,
    pub insert: u8,
    pub remove: u8,
    pub update: u8,
    pub get_or_insert: u8,
}

impl Mix {
    /// A mix; the shares must add up to 100.
    pub const fn new(get: u8, insert: u8, remove: u8, update: u8, get_or_insert: u8) -> Self {
        assert!(
            get as u32 + insert as u32 + remove as u32 + update as u32 + get_or_insert as u32
                == 100,
            "the shares of a mix add up to 100"
        );
        Mix {
            get,
            insert,
            remove,
            update,
            get_or_insert,
        }
    }

    // ANCHOR: pick
    /// The operation for a `roll` in `0..100`: the first `get` rolls are gets, the next
    /// `insert` rolls are inserts, and so on in field order. So a uniform roll gives each
    /// kind exactly its share.
    ///
    /// # Panics
    /// If `roll` is not below 100.
    pub fn pick(&self, roll: u8) -> OpKind {
        let shares = [
            (self.get, OpKind::Get),
            (self.insert, OpKind::Insert),
            (self.remove, OpKind::Remove),
            (self.update, OpKind::Update),
            (self.get_or_insert, OpKind::GetOrInsert),
        ];
        let mut below = 0_u8;
        for (share, kind) in shares {
            below += share;
            if roll < below {
                return kind;
            }
        }
        panic!("a roll must be in 0..100, got {roll}")
    }
    // ANCHOR_END: pick
}

/// Where a workload's keys come from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Keys {
    /// Uniform over `0..space`, the same space for every worker: threads do collide.
    Uniform { space: u64 },
    /// Inserts (and get-or-inserts) take a key never used before in this round, different
    /// for every worker; the other operations take a key this worker inserted earlier.
    Fresh,
    /// Always [`HOT_KEY`].
    Hot,
    /// Zipf-distributed over `0..KEY_SPACE`: key 0 is the most popular, key 1 half as
    /// popular, and so on.
    Zipf,
}

/// The workloads of the chapter's benchmark.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Workload {
    /// bustle's read-heavy mix: 98% gets, 1% inserts, 1% removes, on a map 75% full.
    ReadHeavy,
    /// bustle's exchange mix: 10% gets, 40% inserts, 40% removes, 10% updates, 75% full.
    Exchange,
    /// bustle's rapid-grow mix: 5% gets, 80% inserts of new keys, 5% removes, 10% updates,
    /// from empty.
    RapidGrow,
    /// Go's `BenchmarkLoadMostlyHits`: only gets, 1023 of every 1024 keys present.
    LoadMostlyHits,
    /// Go's `BenchmarkLoadOrStoreUnique`: every operation a get-or-insert of a new key, the
    /// append-only cache.
    LoadOrStoreUnique,
    /// Go's `BenchmarkLoadOrStoreCollision` plus writes: every thread on one key, 90%
    /// get-or-inserts (all hits), 10% updates.
    HotKey,
    /// A skewed mix: 90% gets, 10% updates, keys Zipf-distributed over a full map.
    Zipf,
}

impl Workload {
    /// Every workload, in the order of the chapter's tables.
    pub const ALL: [Workload; 7] = [
        Workload::ReadHeavy,
        Workload::Exchange,
        Workload::RapidGrow,
        Workload::LoadMostlyHits,
        Workload::LoadOrStoreUnique,
        Workload::HotKey,
        Workload::Zipf,
    ];

    /// The name used in tables, charts and criterion's benchmark ids.
    pub fn name(self) -> &'static str {
        match self {
            Workload::ReadHeavy => "ReadHeavy",
            Workload::Exchange => "Exchange",
            Workload::RapidGrow => "RapidGrow",
            Workload::LoadMostlyHits => "LoadMostlyHits",
            Workload::LoadOrStoreUnique => "LoadOrStoreUnique",
            Workload::HotKey => "HotKey",
            Workload::Zipf => "Zipf",
        }
    }

    /// The operation mix.
    pub fn mix(self) -> Mix {
        match self {
            Workload::ReadHeavy => Mix::new(98, 1, 1, 0, 0),
            Workload::Exchange => Mix::new(10, 40, 40, 10, 0),
            Workload::RapidGrow => Mix::new(5, 80, 5, 10, 0),
            Workload::LoadMostlyHits => Mix::new(100, 0, 0, 0, 0),
            Workload::LoadOrStoreUnique => Mix::new(0, 0, 0, 0, 100),
            Workload::HotKey => Mix::new(0, 0, 0, 10, 90),
            Workload::Zipf => Mix::new(90, 0, 0, 10, 0),
        }
    }

    /// Where the keys come from.
    pub fn keys(self) -> Keys {
        match self {
            Workload::ReadHeavy | Workload::Exchange => Keys::Uniform { space: KEY_SPACE },
            Workload::RapidGrow | Workload::LoadOrStoreUnique => Keys::Fresh,
            Workload::LoadMostlyHits => Keys::Uniform { space: 1024 },
            Workload::HotKey => Keys::Hot,
            Workload::Zipf => Keys::Zipf,
        }
    }

    /// The keys in the map when the clock starts (each with itself as its value).
    pub fn prefill(self) -> Range<u64> {
        match self {
            Workload::ReadHeavy | Workload::Exchange => 0..KEY_SPACE * 3 / 4,
            Workload::RapidGrow | Workload::LoadOrStoreUnique => 0..0,
            Workload::LoadMostlyHits => 0..1023,
            Workload::HotKey => HOT_KEY..HOT_KEY + 1,
            Workload::Zipf => 0..KEY_SPACE,
        }
    }

    /// How many keys the maps are sized for up front: the key space of a workload with a
    /// fixed one, none for the growing workloads (growing is what they measure).
    pub fn capacity(self) -> usize {
        match self.keys() {
            Keys::Uniform { space } => space as usize,
            Keys::Fresh => 0,
            Keys::Hot => 1,
            Keys::Zipf => KEY_SPACE as usize,
        }
    }
}

/// The endless sequence of operations of one worker in one round.
pub struct OpStream {
    /// The kind for each roll in `0..100`, worked out once by [`Mix::pick`], so that the
    /// timed loop does one table lookup instead of walking the mix.
    kinds: [OpKind; 100],
    keys: Keys,
    worker: u64,
    threads: u64,
    rng: SplitMix64,
    /// How many fresh keys this worker has taken so far.
    fresh_taken: u64,
}

impl OpStream {
    /// The operations of worker `worker` (of `threads`) in the round decided by `seed`.
    pub fn new(workload: Workload, worker: usize, threads: usize, seed: u64) -> Self {
        assert!(worker < threads, "worker {worker} of {threads}");
        OpStream {
            kinds: std::array::from_fn(|roll| workload.mix().pick(roll as u8)),
            keys: workload.keys(),
            worker: worker as u64,
            threads: threads as u64,
            rng: SplitMix64::for_stream(seed, worker as u64),
            fresh_taken: 0,
        }
    }

    // ANCHOR: next_op
    /// The next operation: the kind for a roll in `0..100`, then a key as [`Keys`] says
    /// for that kind.
    #[inline]
    pub fn next_op(&mut self) -> Op {
        let kind = self.kinds[self.rng.below(100) as usize];
        let key = match (self.keys, kind) {
            (Keys::Uniform { space }, _) => self.rng.below(space),
            (Keys::Fresh, OpKind::Insert | OpKind::GetOrInsert) => self.take_fresh_key(),
            (Keys::Fresh, _) => self.earlier_fresh_key(),
            (Keys::Hot, _) => HOT_KEY,
            (Keys::Zipf, _) => zipf_key(&mut self.rng),
        };
        Op { kind, key }
    }
    // ANCHOR_END: next_op

    // ANCHOR: helpers
    /// The `n`-th fresh key of this worker. Workers interleave (worker `w` of `t` takes
    /// `w`, `w + t`, `w + 2t`, …), so no two workers ever take the same key.
    pub fn fresh_key(&self, n: u64) -> u64 {
        n * self.threads + self.worker
    }

    /// Takes this worker's next fresh key.
    fn take_fresh_key(&mut self) -> u64 {
        let key = self.fresh_key(self.fresh_taken);
        self.fresh_taken += 1;
        key
    }

    /// A uniformly chosen key among those this worker has taken; before it has taken any,
    /// the key it will take next (so the operation misses).
    fn earlier_fresh_key(&mut self) -> u64 {
        if self.fresh_taken == 0 {
            return self.fresh_key(0);
        }
        let n = self.rng.below(self.fresh_taken);
        self.fresh_key(n)
    }
    // ANCHOR_END: helpers
}

/// How many precomputed Zipf draws [`zipf_key`] picks from.
const ZIPF_TABLE: usize = 1 << 16;

/// A Zipf-distributed key in `0..KEY_SPACE`: one uniform roll into a table of quantiles,
/// computed once, so a draw costs as little as a uniform key.
pub fn zipf_key(rng: &mut SplitMix64) -> u64 {
    static QUANTILES: OnceLock<Box<[u16]>> = OnceLock::new();
    let table = QUANTILES.get_or_init(zipf_quantiles);
    u64::from(table[rng.below(ZIPF_TABLE as u64) as usize])
}

/// Entry `i` is the key at the cumulative probability `(i + ½) / ZIPF_TABLE` of
/// Zipf(`ZIPF_EXPONENT`) over `0..KEY_SPACE`: key `k` has weight `1 / (k + 1)^s`.
fn zipf_quantiles() -> Box<[u16]> {
    const _: () = assert!(KEY_SPACE <= 1 << 16, "keys must fit the u16 table");
    let mut cumulative = Vec::with_capacity(KEY_SPACE as usize);
    let mut total = 0.0_f64;
    for k in 0..KEY_SPACE {
        total += 1.0 / ((k + 1) as f64).powf(ZIPF_EXPONENT);
        cumulative.push(total);
    }
    (0..ZIPF_TABLE)
        .map(|i| {
            let target = (i as f64 + 0.5) / ZIPF_TABLE as f64 * total;
            cumulative.partition_point(|&c| c < target) as u16
        })
        .collect()
}
