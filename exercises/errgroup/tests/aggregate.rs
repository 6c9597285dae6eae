//! `cargo test -p errgroup --test aggregate`
//!
//! Kubernetes' tests for `k8s.io/apimachinery/pkg/util/errors`, in Rust.

use std::cell::Cell;
use std::error::Error;
use std::fmt;

use errgroup::{Aggregate, BoxError};

/// A plain error with a message (Go's `errors.New` / `fmt.Errorf`).
fn e(message: &str) -> BoxError {
    message.into()
}

/// An aggregate of `errors`, nested as given, boxed to be an element of another.
fn agg(errors: Vec<BoxError>) -> BoxError {
    Box::new(Aggregate::from_errors(errors).expect("a non-empty aggregate"))
}

/// The structure of an aggregate, nesting included, e.g. `[abc, [def]]`. Unlike the
/// message it neither de-duplicates nor drops the brackets of one element.
fn shape(aggregate: &Aggregate) -> String {
    let parts: Vec<String> = aggregate
        .errors()
        .iter()
        .map(|error| match error.downcast_ref::<Aggregate>() {
            Some(nested) => shape(nested),
            None => error.to_string(),
        })
        .collect();
    format!("[{}]", parts.join(", "))
}

#[test]
fn an_empty_list_is_no_error_at_all() {
    assert!(Aggregate::from_errors(Vec::<BoxError>::new()).is_none());
    assert!(Aggregate::new(Vec::<Option<BoxError>>::new()).is_none());
}

#[test]
fn nones_are_filtered_out() {
    // TestAggregateWithNil.
    assert!(Aggregate::new([None::<BoxError>]).is_none());
    let aggregate = Aggregate::new([None, Some(e("err"))]).expect("one error");
    assert_eq!(aggregate.to_string(), "err");
    assert_eq!(aggregate.errors().len(), 1);
    assert_eq!(aggregate.errors()[0].to_string(), "err");
}

#[test]
fn one_error_reads_as_that_error() {
    // TestSingularAggregate.
    let aggregate = Aggregate::from_errors([e("err")]).unwrap();
    assert_eq!(aggregate.to_string(), "err");
    assert_eq!(aggregate.errors().len(), 1);
}

#[test]
fn several_errors_read_as_a_bracketed_list() {
    // TestPluralAggregate.
    let aggregate = Aggregate::from_errors([e("abc"), e("123")]).unwrap();
    assert_eq!(aggregate.to_string(), "[abc, 123]");
    assert_eq!(aggregate.errors().len(), 2);
    assert_eq!(aggregate.errors()[0].to_string(), "abc");
}

#[test]
fn repeated_messages_are_shown_once_but_every_error_is_kept() {
    // TestDedupeAggregate and TestDedupePluralAggregate.
    let aggregate = Aggregate::from_errors([e("abc"), e("abc")]).unwrap();
    assert_eq!(aggregate.to_string(), "abc");
    assert_eq!(aggregate.errors().len(), 2);

    let aggregate = Aggregate::from_errors([e("abc"), e("abc"), e("123")]).unwrap();
    assert_eq!(aggregate.to_string(), "[abc, 123]");
    assert_eq!(aggregate.errors().len(), 3);
}

#[test]
fn the_message_looks_through_nested_aggregates() {
    // TestFlattenAndDedupeAggregate and TestFlattenAggregate: the message flattens and
    // de-duplicates, the structure stays as given.
    let aggregate = Aggregate::from_errors([e("abc"), e("abc"), agg(vec![e("abc")])]).unwrap();
    assert_eq!(aggregate.to_string(), "abc");
    assert_eq!(aggregate.errors().len(), 3);

    let inner = agg(vec![e("def"), e("ghi")]);
    let middle = agg(vec![e("abc"), e("def"), inner]);
    let aggregate = Aggregate::from_errors([e("abc"), e("abc"), middle]).unwrap();
    assert_eq!(aggregate.to_string(), "[abc, def, ghi]");
    assert_eq!(aggregate.errors().len(), 3);
}

#[test]
fn flatten_removes_every_level_of_nesting() {
    // TestFlatten.
    let cases: Vec<(Vec<BoxError>, &str)> = vec![
        (vec![e("abc")], "[abc]"),
        (vec![e("abc"), e("def"), e("ghi")], "[abc, def, ghi]"),
        (vec![agg(vec![e("abc")])], "[abc]"),
        (vec![agg(vec![agg(vec![e("abc")])])], "[abc]"),
        (vec![agg(vec![e("abc"), agg(vec![e("def")])])], "[abc, def]"),
        (
            vec![agg(vec![
                agg(vec![e("abc")]),
                e("def"),
                agg(vec![e("ghi")]),
            ])],
            "[abc, def, ghi]",
        ),
    ];
    for (errors, expected) in cases {
        let before = Aggregate::from_errors(errors).unwrap();
        let described = shape(&before);
        assert_eq!(shape(&before.flatten()), expected, "flattening {described}");
    }
}

#[test]
fn filter_out_removes_matches_recursively_and_keeps_the_nesting() {
    // TestFilterOut. A Go list of matchers is one closure here: `m1(e) || m2(e)`.
    let never = |_: &(dyn Error + 'static)| false;
    let always = |_: &(dyn Error + 'static)| true;
    let is_def = |error: &(dyn Error + 'static)| error.to_string() == "def";
    type Matcher = fn(&(dyn Error + 'static)) -> bool;
    let cases: Vec<(Vec<BoxError>, Matcher, Option<&str>)> = vec![
        (vec![e("abc")], never, Some("[abc]")),
        (vec![e("abc")], always, None),
        (
            vec![e("abc"), e("def"), e("ghi")],
            is_def,
            Some("[abc, ghi]"),
        ),
        (vec![agg(vec![e("abc")])], never, Some("[[abc]]")),
        (
            vec![agg(vec![e("abc"), agg(vec![e("def")])])],
            never,
            Some("[[abc, [def]]]"),
        ),
        (
            vec![agg(vec![e("abc"), agg(vec![e("def")])])],
            is_def,
            Some("[[abc]]"),
        ),
    ];
    for (errors, matcher, expected) in cases {
        let before = Aggregate::from_errors(errors).unwrap();
        let described = shape(&before);
        let after = before.filter_out(matcher);
        assert_eq!(
            after.as_ref().map(shape).as_deref(),
            expected,
            "filtering {described}"
        );
    }
}

#[test]
fn reduce_unwraps_a_single_error() {
    let single = Aggregate::from_errors([e("only")]).unwrap().reduce();
    assert!(
        single.downcast_ref::<Aggregate>().is_none(),
        "one error is not an aggregate"
    );
    assert_eq!(single.to_string(), "only");

    let plural = Aggregate::from_errors([e("a"), e("b")]).unwrap().reduce();
    assert!(plural.downcast_ref::<Aggregate>().is_some());
}

#[derive(Debug, PartialEq)]
struct NotFound {
    key: &'static str,
}

impl fmt::Display for NotFound {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} not found", self.key)
    }
}

impl Error for NotFound {}

/// An error that wraps another, as Go's `fmt.Errorf("wrap: %w", err)` does.
#[derive(Debug)]
struct Wrapped(BoxError);

impl fmt::Display for Wrapped {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "wrap: {}", self.0)
    }
}

impl Error for Wrapped {
    fn source(&self) -> Option<&(dyn Error + 'static)> {
        Some(self.0.as_ref())
    }
}

// ANCHOR: search
#[test]
fn find_searches_elements_nesting_and_source_chains_by_type() {
    // TestAggregateWithErrorsIs, with a type search as Rust's `Is`/`As`.
    let no_match = Aggregate::from_errors([e("my-error"), e("my-other-error")]).unwrap();
    assert!(no_match.find::<NotFound>().is_none());

    let element = Aggregate::from_errors([e("err"), Box::new(NotFound { key: "a" }) as BoxError]);
    assert_eq!(
        element.unwrap().find::<NotFound>(),
        Some(&NotFound { key: "a" })
    );

    let nested = agg(vec![agg(vec![Box::new(NotFound { key: "b" })])]);
    let nested = Aggregate::from_errors([e("closed today"), nested]).unwrap();
    assert_eq!(nested.find::<NotFound>(), Some(&NotFound { key: "b" }));

    let wrapped = Wrapped(agg(vec![e("err"), Box::new(NotFound { key: "c" })]));
    let wrapped = Aggregate::from_errors([Box::new(wrapped) as BoxError]).unwrap();
    assert_eq!(wrapped.find::<NotFound>(), Some(&NotFound { key: "c" }));
}
// ANCHOR_END: search

#[test]
fn find_returns_the_first_match_depth_first() {
    let aggregate = Aggregate::from_errors([
        e("x"),
        agg(vec![Box::new(NotFound { key: "inner" })]),
        Box::new(NotFound { key: "outer" }),
    ])
    .unwrap();
    assert_eq!(
        aggregate.find::<NotFound>().map(|found| found.key),
        Some("inner")
    );
}

#[test]
fn any_matches_by_value_and_stops_at_the_first_match() {
    // TestErrConfigurationInvalidWithErrorsIsShortCircuitsOnFirstMatch.
    let aggregate = Aggregate::from_errors([e("a"), e("match"), e("match"), e("b")]).unwrap();
    let calls = Cell::new(0);
    let found = aggregate.any(|error| {
        calls.set(calls.get() + 1);
        error.to_string() == "match"
    });
    assert!(found);
    assert_eq!(calls.get(), 2, "the search must stop at the first match");
    assert!(!aggregate.any(|error| error.to_string() == "c"));
}

#[test]
fn any_does_not_offer_the_aggregates_themselves() {
    // Like Go's visit: nested aggregates are searched through, never matched as a
    // whole.
    let aggregate = Aggregate::from_errors([agg(vec![e("a"), e("b")])]).unwrap();
    let mut seen = Vec::new();
    aggregate.any(|error| {
        seen.push(error.to_string());
        false
    });
    assert_eq!(seen, ["a", "b"]);
}

#[test]
fn an_aggregate_is_an_error_without_a_source() {
    let aggregate = Aggregate::from_errors([e("a"), e("b")]).unwrap();
    let as_error: &dyn Error = &aggregate;
    assert!(as_error.source().is_none(), "no Unwrap, as in Kubernetes");
    let boxed: BoxError = Box::new(aggregate);
    assert_eq!(boxed.to_string(), "[a, b]");
}
