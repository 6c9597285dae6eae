//! Every error, not just the first: Kubernetes' `Aggregate` (apimachinery
//! `pkg/util/errors`) in Rust.

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
    // ANCHOR: new
    /// Kubernetes' `NewAggregate`: the `None`s (Go's nil errors) are dropped; if nothing
    /// is left, there is no error at all.
    pub fn new<I, E>(errors: I) -> Option<Aggregate>
    where
        I: IntoIterator<Item = Option<E>>,
        E: Into<BoxError>,
    {
        let errors: Vec<BoxError> = errors.into_iter().flatten().map(Into::into).collect();
        if errors.is_empty() {
            None
        } else {
            Some(Aggregate { errors })
        }
    }

    /// [`new`](Self::new) for a list without holes.
    pub fn from_errors<I, E>(errors: I) -> Option<Aggregate>
    where
        I: IntoIterator<Item = E>,
        E: Into<BoxError>,
    {
        Self::new(errors.into_iter().map(Some))
    }
    // ANCHOR_END: new

    /// The errors, as given (nested aggregates are not flattened).
    pub fn errors(&self) -> &[BoxError] {
        &self.errors
    }

    /// The errors, by value.
    pub fn into_errors(self) -> Vec<BoxError> {
        self.errors
    }

    // ANCHOR: search
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

    fn search<'a, B>(
        &'a self,
        visit: &mut dyn FnMut(&'a (dyn Error + 'static)) -> ControlFlow<B>,
    ) -> ControlFlow<B> {
        for element in &self.errors {
            let mut link: Option<&'a (dyn Error + 'static)> = Some(element.as_ref());
            while let Some(error) = link {
                if let Some(nested) = error.downcast_ref::<Aggregate>() {
                    nested.search(visit)?;
                    break;
                }
                visit(error)?;
                link = error.source();
            }
        }
        ControlFlow::Continue(())
    }
    // ANCHOR_END: search

    // ANCHOR: reshape
    /// Kubernetes' `Flatten`: the same errors, with every nested aggregate replaced by
    /// its elements, recursively.
    pub fn flatten(self) -> Aggregate {
        let mut flat = Vec::with_capacity(self.errors.len());
        for error in self.errors {
            match error.downcast::<Aggregate>() {
                Ok(nested) => flat.extend(nested.flatten().errors),
                Err(error) => flat.push(error),
            }
        }
        Aggregate { errors: flat }
    }

    /// Kubernetes' `FilterOut`: removes every error for which `matches` holds, looking
    /// inside nested aggregates (which keep their nesting); `None` if nothing is left.
    pub fn filter_out<P>(self, mut matches: P) -> Option<Aggregate>
    where
        P: FnMut(&(dyn Error + 'static)) -> bool,
    {
        self.filter_with(&mut matches)
    }

    fn filter_with(self, matches: &mut dyn FnMut(&(dyn Error + 'static)) -> bool) -> Option<Self> {
        let kept =
            self.errors
                .into_iter()
                .filter_map(|error| match error.downcast::<Aggregate>() {
                    Ok(nested) => nested
                        .filter_with(matches)
                        .map(|nested| Box::new(nested) as BoxError),
                    Err(error) => (!matches(error.as_ref())).then_some(error),
                });
        Aggregate::from_errors(kept.collect::<Vec<_>>())
    }

    /// Kubernetes' `Reduce`: an aggregate of one error becomes that error.
    pub fn reduce(mut self) -> BoxError {
        if self.errors.len() == 1 {
            self.errors.pop().expect("one error")
        } else {
            Box::new(self)
        }
    }
    // ANCHOR_END: reshape

    /// Visits the leaves: each element, and the elements of nested aggregates,
    /// depth-first. Used for the message, which (as in Kubernetes) looks through
    /// nesting but not through `source()` chains.
    fn for_each_leaf<'a>(&'a self, visit: &mut dyn FnMut(&'a (dyn Error + 'static))) {
        for element in &self.errors {
            match element.downcast_ref::<Aggregate>() {
                Some(nested) => nested.for_each_leaf(visit),
                None => visit(element.as_ref()),
            }
        }
    }
}

// ANCHOR: display
/// Kubernetes' message: one element → its message. Otherwise the messages of all
/// leaves, depth-first, each distinct message once, joined by ", " in brackets; no
/// brackets if only one distinct message remains.
impl fmt::Display for Aggregate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let [only] = self.errors.as_slice() {
            return fmt::Display::fmt(only, f);
        }
        let mut seen = HashSet::new();
        let mut distinct = Vec::new();
        self.for_each_leaf(&mut |error| {
            let message = error.to_string();
            if seen.insert(message.clone()) {
                distinct.push(message);
            }
        });
        match distinct.as_slice() {
            [only] => f.write_str(only),
            all => write!(f, "[{}]", all.join(", ")),
        }
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
