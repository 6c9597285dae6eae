//! Step 4. Every error, not just the first: Kubernetes' `Aggregate` (apimachinery
//! `pkg/util/errors`) in Rust.

#[allow(unused_imports)] // The learner needs a set for the de-duplicated message.
use std::collections::HashSet;
use std::error::Error;
use std::fmt;
use std::ops::ControlFlow;

/// Any error that can cross threads: what an [`Aggregate`] holds.
pub type BoxError = Box<dyn Error + Send + Sync + 'static>;

// ANCHOR: aggregate
/// A non-empty list of errors that is itself an error. There is no empty aggregate:
/// the constructors return `None` when there is nothing to report, as Kubernetes'
/// `NewAggregate` returns nil. Nested aggregates are kept as given.
pub struct Aggregate {
    errors: Vec<BoxError>,
}
// ANCHOR_END: aggregate

impl Aggregate {
    // ANCHOR: exercise
    /// Kubernetes' `NewAggregate`: the `None`s (Go's nil errors) are dropped; if nothing
    /// is left, there is no error at all.
    pub fn new<I, E>(errors: I) -> Option<Aggregate>
    where
        I: IntoIterator<Item = Option<E>>,
        E: Into<BoxError>,
    {
        // TODO: keep the `Some`s, box them with `Into::into`; nothing left → `None`.
        let _ = errors;
        todo!("filter out the Nones; an empty list is no aggregate at all")
    }

    /// [`new`](Self::new) for a list without holes.
    pub fn from_errors<I, E>(errors: I) -> Option<Aggregate>
    where
        I: IntoIterator<Item = E>,
        E: Into<BoxError>,
    {
        Self::new(errors.into_iter().map(Some))
    }

    /// The errors, as given (nested aggregates are not flattened).
    pub fn errors(&self) -> &[BoxError] {
        &self.errors
    }

    /// The errors, by value.
    pub fn into_errors(self) -> Vec<BoxError> {
        self.errors
    }

    /// Go's `errors.Is` on an aggregate: whether `matches` holds for some error in it.
    /// Visits depth-first: each element, then the chain of its `source()`s; a nested
    /// aggregate (an element, or a source in a chain) is searched in turn. Stops at the
    /// first match.
    pub fn any<P>(&self, mut matches: P) -> bool
    where
        P: FnMut(&(dyn Error + 'static)) -> bool,
    {
        self.search(&mut |error| {
            if matches(error) {
                ControlFlow::Break(())
            } else {
                ControlFlow::Continue(())
            }
        })
        .is_break()
    }

    /// The first error of type `T` in the same depth-first order as [`any`](Self::any):
    /// the Rust counterpart of `errors.As`, and with `is_some()`, of `errors.Is` for a
    /// type. (Kubernetes leaves `As` out on purpose: several errors may match; this one
    /// returns the first.)
    pub fn find<T: Error + 'static>(&self) -> Option<&T> {
        match self.search(&mut |error| match error.downcast_ref::<T>() {
            Some(found) => ControlFlow::Break(found),
            None => ControlFlow::Continue(()),
        }) {
            ControlFlow::Break(found) => Some(found),
            ControlFlow::Continue(()) => None,
        }
    }

    /// The walk behind `any` and `find`: calls `visit` on every error in order, and
    /// stops as soon as it returns `Break`.
    fn search<'a, B>(
        &'a self,
        visit: &mut dyn FnMut(&'a (dyn Error + 'static)) -> ControlFlow<B>,
    ) -> ControlFlow<B> {
        // TODO: for each element, follow its chain: the element, its `source()`, that
        // one's `source()`… A link that is an `Aggregate` (`downcast_ref`) is searched
        // recursively instead of being visited. `?` on a `ControlFlow` stops early.
        let _ = visit;
        todo!("visit every element and its source chain, recursing into aggregates")
    }

    /// Kubernetes' `Flatten`: the same errors, with every nested aggregate replaced by
    /// its elements, recursively.
    pub fn flatten(self) -> Aggregate {
        // TODO: `Box<dyn Error + Send + Sync>::downcast::<Aggregate>()` tells a nested
        // aggregate apart (and gives it back by value).
        todo!("replace every nested aggregate by its flattened elements")
    }

    /// Kubernetes' `FilterOut`: removes every error for which `matches` holds, looking
    /// inside nested aggregates (which keep their nesting); `None` if nothing is left.
    pub fn filter_out<P>(self, mut matches: P) -> Option<Aggregate>
    where
        P: FnMut(&(dyn Error + 'static)) -> bool,
    {
        // TODO: a nested aggregate is filtered in turn (and dropped if nothing is left
        // in it); any other error is kept unless it matches. A recursive helper that
        // takes `&mut dyn FnMut(…) -> bool` avoids generic recursion.
        let _ = &mut matches;
        todo!("drop the matching errors, recursively, keeping the nesting")
    }

    /// Kubernetes' `Reduce`: an aggregate of one error becomes that error.
    pub fn reduce(self) -> BoxError {
        // TODO: one element → that element; otherwise the aggregate itself, boxed.
        todo!("unwrap an aggregate of a single error")
    }
    // ANCHOR_END: exercise
}

// ANCHOR: display
/// Kubernetes' message: one element → its message. Otherwise the messages of all
/// leaves, depth-first, each distinct message once, joined by ", " in brackets; no
/// brackets if only one distinct message remains.
impl fmt::Display for Aggregate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // TODO: the leaves are the elements and, in their place, the leaves of nested
        // aggregates; the message does not follow `source()` chains.
        let _ = f;
        todo!("write the de-duplicated, bracketed message")
    }
}
// ANCHOR_END: display

impl fmt::Debug for Aggregate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_list().entries(&self.errors).finish()
    }
}

/// No `source()`: like Kubernetes' aggregate (which has no `Unwrap`), an aggregate is
/// not a chain. Search it with [`Aggregate::any`] and [`Aggregate::find`].
impl Error for Aggregate {}
