//! How a call ended, in a form every waiter can have a copy of.

use std::any::Any;

// ANCHOR: outcome
/// How one execution of the work ended, as its waiters see it: the value it returned,
/// or the message of the panic it raised. A panic payload (`Box<dyn Any + Send>`) cannot
/// be cloned, so the leader keeps the payload and the waiters get its message.
#[derive(Clone, Debug)]
pub(crate) enum Outcome<T> {
    /// The work returned this value.
    Returned(T),
    /// The work panicked with this message.
    Panicked(String),
}

impl<T> Outcome<T> {
    /// The value the work returned; if the work panicked, the waiter panics too (Go's
    /// `Do` re-panics in every waiter), with the original message in its own.
    pub(crate) fn into_value(self) -> T {
        match self {
            Outcome::Returned(value) => value,
            Outcome::Panicked(message) => {
                panic!("singleflight: the call this caller waited for panicked: {message}")
            }
        }
    }
}
// ANCHOR_END: outcome

/// The message of a panic payload (`&str` or `String`, what `panic!` produces), or a
/// placeholder for payloads of other types.
pub(crate) fn panic_text(payload: &(dyn Any + Send)) -> String {
    if let Some(text) = payload.downcast_ref::<&str>() {
        (*text).to_owned()
    } else if let Some(text) = payload.downcast_ref::<String>() {
        text.clone()
    } else {
        "a panic payload that is not a string".to_owned()
    }
}
