//! The requesters file (`pcf pact serve --requesters FILE`): the data recipients this host
//! answers, and the credentials it uses at each one's token endpoint.
//!
//! ```text
//! # requester's base URL         client id:secret (ours, at the requester's /auth/token)
//! https://pact.customer.example  acme-steel:9d1f…
//! https://conformance.example/api test_client_id:test_client_secret
//! ```
//!
//! One requester a line: an `https://` base URL (no query, fragment or credentials in it), then
//! white space, then `id:secret` (the id up to the first `:`, the secret the rest of the line);
//! blank lines and lines starting with `#` are skipped. The secret is sent (HTTP Basic) to that
//! requester's `/auth/token`, so it is kept as written: the file is as secret as the
//! credentials in it. Errors name the line (`requesters:3`) and the file.
//!
//! A `RequestCreatedEvent` is answered only when its `source` is one of these URLs
//! ([`Requesters::find`]): the host never sends footprints, or a request of its own, to an
//! address its operator did not list.

use reqwest::Url;

use crate::HostError;

/// The most requesters a file may list.
pub const MAX_REQUESTERS: usize = 1000;

/// A requester: where it is and how this host gets a token there.
#[derive(Clone, PartialEq)]
pub struct Requester {
    /// The base URL (`https://host[:port][/prefix]`, no final `/`): the answer goes to
    /// `{url}/3/events` after a token from `{url}/auth/token`.
    pub url: Url,
    /// The client id at the requester's token endpoint.
    pub client_id: String,
    /// Its secret.
    pub client_secret: String,
}

impl std::fmt::Debug for Requester {
    // The secret stays out of debug output and logs.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Requester")
            .field("url", &self.url.as_str())
            .field("client_id", &self.client_id)
            .finish_non_exhaustive()
    }
}

impl Requester {
    /// The base URL as written in logs: without the `/` a URL of an empty path prints.
    pub fn base(&self) -> &str {
        self.url.as_str().trim_end_matches('/')
    }

    /// `{url}{suffix}`: the requester's token endpoint (`/auth/token`) or events endpoint
    /// (`/3/events`), under its path prefix.
    pub fn endpoint(&self, suffix: &str) -> Url {
        let mut u = self.url.clone();
        let path = format!("{}{suffix}", self.url.path().trim_end_matches('/'));
        u.set_path(&path);
        u
    }
}

/// The requesters of a file (possibly none: then no request is answered).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Requesters {
    list: Vec<Requester>,
}

/// A base URL as it is compared: an `https://` URL with a host, no query, fragment or
/// credentials, its path without a final `/` and without a final `/3/events` (PACT's own
/// examples give an event's `source` as the events endpoint, `//api.example.com/3/events`).
/// A network-path reference (`//host/…`) is read as `https:`.
pub fn base_url(text: &str) -> Result<Url, String> {
    let text = text.trim();
    let full = match text.strip_prefix("//") {
        Some(rest) => format!("https://{rest}"),
        None => text.to_owned(),
    };
    let mut url = Url::parse(&full).map_err(|e| format!("`{text}` is not a URL: {e}"))?;
    if url.scheme() != "https" {
        return Err(format!(
            "`{text}` is not an https:// URL (answers go over HTTPS only)"
        ));
    }
    if url.host().is_none() {
        return Err(format!("`{text}` names no host"));
    }
    if url.query().is_some() || url.fragment().is_some() {
        return Err(format!("`{text}`: a base URL takes no query or fragment"));
    }
    if !url.username().is_empty() || url.password().is_some() {
        return Err(format!(
            "`{text}`: the credentials go after the URL (`URL id:secret`), not in it"
        ));
    }
    let mut path = url.path().trim_end_matches('/');
    if let Some(p) = path.strip_suffix("/3/events") {
        path = p.trim_end_matches('/');
    }
    let path = path.to_owned();
    url.set_path(&path);
    Ok(url)
}

impl Requesters {
    /// Reads a requesters file's text; `name` is its path, for messages.
    pub fn parse(name: &str, text: &str) -> Result<Requesters, HostError> {
        let mut list: Vec<Requester> = Vec::new();
        for (i, line) in text.lines().enumerate() {
            let line = line.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let bad = |m: &str| {
                HostError::input(
                    "invalid_value",
                    format!("requesters:{}", i + 1),
                    format!("{name} line {}: {m}", i + 1),
                )
            };
            let Some((url, credentials)) = line.split_once(char::is_whitespace) else {
                return Err(bad(
                    "expected `URL id:secret` (a requester's https:// base URL, then the client id and secret to use at its /auth/token)",
                ));
            };
            let url = base_url(url).map_err(|m| bad(&m))?;
            let Some((id, secret)) = credentials.trim().split_once(':') else {
                return Err(bad("expected `id:secret` after the URL"));
            };
            if id.is_empty() || !id.chars().all(|c| c.is_ascii_graphic()) {
                return Err(bad(
                    "the client id is empty or has a character other than printable ASCII",
                ));
            }
            if secret.is_empty() {
                return Err(bad("the secret is empty"));
            }
            if list.iter().any(|r| r.url == url) {
                return Err(bad(&format!("the requester {url} is given twice")));
            }
            if list.len() == MAX_REQUESTERS {
                return Err(bad(&format!("more than {MAX_REQUESTERS} requesters")));
            }
            list.push(Requester {
                url,
                client_id: id.to_owned(),
                client_secret: secret.to_owned(),
            });
        }
        if list.is_empty() {
            return Err(HostError::input(
                "invalid_value",
                "requesters",
                format!("{name} names no requester (one `URL id:secret` per line)"),
            ));
        }
        Ok(Requesters { list })
    }

    /// The requester an event's `source` names, compared as base URLs ([`base_url`]: scheme
    /// and host without regard to case, the default port, a final `/` or `/3/events`); `None`
    /// when the source is none of them (or not an https URL).
    pub fn find(&self, source: &str) -> Option<&Requester> {
        let url = base_url(source).ok()?;
        self.list.iter().find(|r| r.url == url)
    }

    /// Whether any requester is listed.
    pub fn is_empty(&self) -> bool {
        self.list.is_empty()
    }

    /// The requesters, in the file's order.
    pub fn iter(&self) -> impl Iterator<Item = &Requester> {
        self.list.iter()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn path(r: Result<Requesters, HostError>) -> (String, String) {
        match r {
            Err(HostError::Input(e)) => (e.path, e.message),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn a_file_lists_requesters_and_their_credentials() {
        let r = Requesters::parse(
            "req.txt",
            "# the suite\nhttps://Conformance.Example:443/api/  test_client_id:test_client_secret\n\n\
             https://pact.customer.example\tacme:s3:cret with spaces\n",
        )
        .expect("read");
        let all: Vec<&Requester> = r.iter().collect();
        assert_eq!(all.len(), 2);
        assert_eq!(all[0].base(), "https://conformance.example/api");
        assert_eq!(all[1].base(), "https://pact.customer.example");
        assert_eq!(
            all[0].endpoint("/auth/token").as_str(),
            "https://conformance.example/api/auth/token"
        );
        assert_eq!(
            all[1].endpoint("/3/events").as_str(),
            "https://pact.customer.example/3/events"
        );
        assert_eq!(all[1].client_id, "acme");
        // The secret is the rest of the line, colons and spaces included.
        assert_eq!(all[1].client_secret, "s3:cret with spaces");
        // Debug output leaves the secret out.
        assert!(!format!("{:?}", all[1]).contains("s3:cret"));
    }

    #[test]
    fn a_source_is_found_as_a_base_url() {
        let r = Requesters::parse("r", "https://a.example:8443/pact x:y\n").expect("read");
        for source in [
            "https://a.example:8443/pact",
            "https://A.EXAMPLE:8443/pact/",
            "https://a.example:8443/pact/3/events",
            "//a.example:8443/pact/3/events",
        ] {
            assert_eq!(
                r.find(source).map(|q| q.client_id.as_str()),
                Some("x"),
                "{source}"
            );
        }
        for source in [
            "http://a.example:8443/pact",
            "https://a.example/pact",
            "https://a.example:8443/other",
            "https://a.example:8443/pact?x=1",
            "urn:example:requester",
            "",
        ] {
            assert_eq!(r.find(source), None, "{source}");
        }
    }

    #[test]
    fn errors_name_the_line() {
        for (text, line, words) in [
            (
                "https://a.example\n",
                "requesters:1",
                "expected `URL id:secret`",
            ),
            ("# c\nhttp://a.example x:y\n", "requesters:2", "https://"),
            ("https://a.example x\n", "requesters:1", "`id:secret`"),
            (
                "https://a.example :y\n",
                "requesters:1",
                "client id is empty",
            ),
            ("https://a.example x:\n", "requesters:1", "secret is empty"),
            ("https://u:p@a.example x:y\n", "requesters:1", "not in it"),
            ("https://a.example/?q x:y\n", "requesters:1", "query"),
            (
                "https://a.example x:y\nhttps://A.example/ z:w\n",
                "requesters:2",
                "given twice",
            ),
            ("# nothing\n\n", "requesters", "names no requester"),
        ] {
            let (p, m) = path(Requesters::parse("req.txt", text));
            assert_eq!(p, line, "{text:?}: {m}");
            assert!(m.contains(words), "{text:?}: {m}");
            if p != "requesters" {
                assert!(m.starts_with("req.txt line "), "{m}");
            }
        }
    }
}
