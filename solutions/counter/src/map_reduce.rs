//! Fix 4: share nothing. Each worker counts its own part; the parts are added at the end.

use rayon::prelude::*;

// ANCHOR: solution
/// Counts the items for which `predicate` holds, in parallel on rayon's thread pool,
/// without any shared counter: each worker counts its part and rayon adds the parts.
pub fn count_matching<T, P>(items: &[T], predicate: P) -> u64
where
    T: Sync,
    P: Fn(&T) -> bool + Sync,
{
    items.par_iter().filter(|item| predicate(item)).count() as u64
}
// ANCHOR_END: solution
