//! The benchmark's workloads: which operation a worker does next, and on which key.
//!
//! Each worker rolls its own operations from a seeded [`SplitMix64`] as it goes, so a
//! round is reproducible from its seed, costs a few nanoseconds per operation (the same
//! for every map), and needs no memory traffic beyond the map itself. The keys a
//! workload expects in the map ([`Workload::prefill`]) are inserted before the clock
//! starts.

use crate::rng::SplitMix64;

#[path = "../../../exercises/maps/src/workload/catalog.rs"]
mod catalog;
pub use catalog::{Keys, Workload, zipf_key};

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
