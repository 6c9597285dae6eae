//! The catalogue of workloads: each one's operation mix, key source and prefill, and the
//! Zipf key distribution. Given code, shared by the exercise and the solution.

use std::ops::Range;
use std::sync::OnceLock;

use super::{HOT_KEY, KEY_SPACE, Mix, ZIPF_EXPONENT};
use crate::rng::SplitMix64;

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
