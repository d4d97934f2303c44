//! What the crate's two HTTPS clients share: `pcf pact pull` (reqwest's blocking client) and
//! the host's answers to requests (reqwest's async client, [`crate::callback`]). One stack,
//! one set of trust options: the usual web roots, the certificates of `--cacert` added, and
//! `--insecure-localhost` for a peer on `localhost`, `127.0.0.1` or `::1` only.
//!
//! This module reads a certificate file and writes messages; it makes no request.

use std::path::Path;

use reqwest::{Certificate, Url};

use crate::HostError;

/// The certificates of a PEM file given to `option` (`cacert`): every certificate of the
/// bundle, at least one. Errors name the option: `cannot_read`, or `invalid_value` for a file
/// that holds no PEM certificate.
pub(crate) fn certificates(path: &Path, option: &str) -> Result<Vec<Certificate>, HostError> {
    let pem = std::fs::read(path).map_err(|e| {
        HostError::input(
            "cannot_read",
            option,
            format!("cannot read {}: {e}", path.display()),
        )
    })?;
    let certs = Certificate::from_pem_bundle(&pem).map_err(|e| {
        HostError::input(
            "invalid_value",
            option,
            format!("{}: not PEM certificates: {}", path.display(), causes(&e)),
        )
    })?;
    if certs.is_empty() {
        return Err(HostError::input(
            "invalid_value",
            option,
            format!("{} holds no PEM certificate", path.display()),
        ));
    }
    Ok(certs)
}

/// Whether the URL's host is this machine by name or loopback address (what
/// `--insecure-localhost` is for).
pub(crate) fn is_local(url: &Url) -> bool {
    // `Url` writes a domain in lower case and an IPv6 address in brackets, shortest form.
    matches!(url.host_str(), Some("localhost" | "127.0.0.1" | "[::1]"))
}

/// An error with its causes (reqwest says "error sending request"; the cause says which TLS
/// or connection problem).
pub(crate) fn causes(e: &dyn std::error::Error) -> String {
    let mut s = e.to_string();
    let mut source = e.source();
    while let Some(c) = source {
        let m = c.to_string();
        if !s.contains(&m) {
            s.push_str(": ");
            s.push_str(&m);
        }
        source = c.source();
    }
    s
}
