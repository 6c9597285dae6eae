// ANCHOR: trait
/// A counter shared by threads: `increment` may be called from any number of threads
/// at once, and `get` returns the total once they are done.
pub trait Counter: Sync {
    /// Adds one.
    fn increment(&self);
    /// The count so far.
    fn get(&self) -> u64;
}
// ANCHOR_END: trait
