//! Fix 4: share nothing. Each worker counts its own part; the parts are added at the end.

#[allow(unused_imports)] // The learner needs rayon's parallel iterators.
use rayon::prelude::*;

// ANCHOR: exercise
/// Counts the items for which `predicate` holds, in parallel on rayon's thread pool,
/// without any shared counter: each worker counts its part and rayon adds the parts.
pub fn count_matching<T, P>(items: &[T], predicate: P) -> u64
where
    T: Sync,
    P: Fn(&T) -> bool + Sync,
{
    // TODO: a parallel iterator over `items`, filtered by `predicate`, counted.
    let _ = (items, predicate);
    todo!("count the matching items with a rayon parallel iterator (par_iter)")
}
// ANCHOR_END: exercise
