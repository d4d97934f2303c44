//! A PACT v3 host over pcf (issue 22): a supplier publishes what it computed, a chain leader
//! pulls it over the PACT API.
//!
//! - [`store`]: the footprints in one SQLite file (WAL, every write a transaction, synced
//!   before it is acknowledged).
//! - [`publish`]: a sealed `pcf-result/1` exported by pcf's own PACT v3 export (the bytes of
//!   `pcf pact export --spec 3`) and stored; a new version of a product deprecates the old one.
//! - [`serve`]: the REST API (`/auth/token`, `GET /3/footprints`, `GET /3/footprints/{id}`,
//!   `POST /3/events`) on axum, over HTTPS only (rustls), with client credentials
//!   ([`auth`]), the spec's filters ([`query`]) and events ([`events`]).
//! - [`callback`]: the answer to a `RequestCreatedEvent` (a `RequestFulfilledEvent` or
//!   `RequestRejectedEvent` posted to the requester's `/3/events` after a token from its
//!   `/auth/token`), for the requesters of the [`requesters`] file only.
//! - [`pull`]: the client: a token, every page of `GET /3/footprints` with the filters, each
//!   footprint checked by pcf's own PACT checks and written as a file `pcf pact import` reads.
//!
//! A shell layer beside the command line: it depends on the `pcf` library and nothing depends
//! on it but `pcf-cli`, which parses the arguments of `pcf pact serve`, `pcf pact publish`
//! and `pcf pact pull` and calls [`serve::serve`], [`publish::publish_files`] and
//! [`pull::pull`]. It must never compute a figure itself: every footprint it serves comes from
//! [`pcf::pact::export_report`], every one it pulls is checked by [`pcf::pact::check`]. Native only (empty in a
//! wasm32 build).
#![cfg(not(target_arch = "wasm32"))]
#![warn(missing_docs)]
// As the library and the binary: no panicking form on any input (unit tests may unwrap).
#![cfg_attr(
    not(test),
    deny(
        clippy::unwrap_used,
        clippy::expect_used,
        clippy::indexing_slicing,
        clippy::panic,
        clippy::unreachable,
        clippy::todo,
        clippy::unimplemented
    )
)]

pub mod auth;
pub mod callback;
pub mod events;
mod https;
pub mod publish;
pub mod pull;
pub mod query;
pub mod requesters;
pub mod serve;
pub mod store;
mod tls;

pub use publish::{publish, publish_files, Published};
pub use pull::{pull, PullOptions, PullSummary};
pub use serve::{serve, ServeOptions};
pub use store::{PendingAnswer, Store};

use pcf::ErrorReport;

/// A failure of the host's commands: bad input (exit 2 in the CLI, the report naming the
/// field, the option or the file) or pcf's own failure (exit 3: a database that cannot be
/// written, a socket error).
#[derive(Debug, Clone, PartialEq)]
pub enum HostError {
    /// Bad input: the code, the path (a JSON path, `$meta.…`, `$pact.…`, an option such as
    /// `db`, `cert`, `clients:3`) and the message.
    Input(ErrorReport),
    /// pcf's own failure.
    Internal(String),
    /// A failure outside pcf and its input (exit 3 in the CLI, with the report): a host that
    /// cannot be reached, a TLS failure, an answer that is not PACT, a file that cannot be
    /// written (`pcf pact pull`).
    External(ErrorReport),
}

impl HostError {
    /// Bad input at `path`.
    pub fn input(code: &str, path: impl Into<String>, message: impl Into<String>) -> HostError {
        HostError::Input(ErrorReport {
            message_zh: None,
            code: code.into(),
            path: path.into(),
            message: message.into(),
        })
    }
}

impl From<pcf::Error> for HostError {
    fn from(e: pcf::Error) -> HostError {
        HostError::Input(e.report())
    }
}

impl std::fmt::Display for HostError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            HostError::Input(r) => write!(f, "{} at {}: {}", r.code, r.path, r.message),
            HostError::Internal(m) => write!(f, "internal: {m}"),
            HostError::External(r) => write!(f, "{} at {}: {}", r.code, r.path, r.message),
        }
    }
}

/// Seconds since the Unix epoch now.
pub(crate) fn now_seconds() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs() as i64)
        .unwrap_or(0)
}

/// An RFC 3339 UTC date-time (`2025-01-31T12:00:05Z`) of seconds since the epoch.
pub(crate) fn date_time(seconds: i64) -> String {
    let days = seconds.div_euclid(86_400);
    let secs = seconds.rem_euclid(86_400);
    let day = pcf::pact::date_time_of_days(days);
    // `date_time_of_days` writes midnight: put the time of day in its place.
    format!(
        "{}T{:02}:{:02}:{:02}Z",
        day.get(0..10).unwrap_or("1970-01-01"),
        secs / 3600,
        secs / 60 % 60,
        secs % 60
    )
}
