//! A tiny seeded random number generator, so that a test or a benchmark round can be
//! replayed exactly from its seed.

/// SplitMix64: one addition and a few multiply-xorshifts per number. Fast enough to roll
/// inside a benchmark's timed loop, and good enough for choosing keys and operations
/// (not for anything that needs to be unpredictable).
#[derive(Clone, Debug)]
pub struct SplitMix64 {
    state: u64,
}

impl SplitMix64 {
    /// A generator whose whole sequence is decided by `seed`.
    pub fn new(seed: u64) -> Self {
        SplitMix64 { state: seed }
    }

    /// The next number, uniform over all of `u64`.
    #[inline]
    pub fn next_u64(&mut self) -> u64 {
        self.state = self.state.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.state;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..bound` (`bound` > 0), by multiply-and-shift rather than `%`: no
    /// division in the hot loop, and a bias too small to matter here.
    #[inline]
    pub fn below(&mut self, bound: u64) -> u64 {
        ((u128::from(self.next_u64()) * u128::from(bound)) >> 64) as u64
    }
}

impl SplitMix64 {
    /// Generator number `stream` of the family decided by `seed`: different streams start
    /// far apart in the sequence, so per-worker generators do not repeat each other.
    pub fn for_stream(seed: u64, stream: u64) -> Self {
        SplitMix64::new(seed ^ SplitMix64::new(stream).next_u64())
    }
}
