//! `pcf pact pull`: the client of a PACT v3 host (docs/pact-api.md, "Pulling footprints").
//!
//! A token from `{URL}/auth/token` (client credentials over HTTP Basic,
//! `grant_type=client_credentials`), then `GET {URL}/3/footprints` with the filters, following
//! each `Link: <…>; rel="next"` until there is none. A link must stay on the scheme, host and
//! port of `URL` (the token goes with it); redirects are not followed. Each footprint is
//! written as `DIR/<id>.json` in pcf's one output format (pretty JSON, a final newline), the
//! bytes `pcf pact import` reads, and checked as `pcf pact check --spec 3` checks that file
//! ([`pcf::pact::check::check_report`]): one that breaks a MUST (not `conformant`) is still
//! written and reported. An id
//! that is not a UUID is never used as a file name: that footprint is reported, not written.
//!
//! HTTPS only (rustls). `cacert` adds certificates to trust (a host's own, such as one
//! `pcf pact serve --cert` is given); `insecure_localhost` accepts any certificate, and is
//! refused unless the host is `localhost`, `127.0.0.1` or `::1`.
//!
//! This module talks to the network and writes files; it prints nothing (the CLI prints the
//! progress it is handed and the summary) and computes no figure.

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::time::Duration;

use pcf::pact::check::{check_report, Finding};
use pcf::ErrorReport;
use reqwest::blocking::{Client, Response};
use reqwest::{StatusCode, Url};
use serde_json::{json, Value};

use crate::https::{causes, certificates, is_local};
use crate::HostError;

/// How long one request may take, connection to last byte.
const TIMEOUT: Duration = Duration::from_secs(60);

/// What `pcf pact pull` is given.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct PullOptions {
    /// The host's base URL (`https://host[:port][/prefix]`).
    pub url: String,
    /// The client id.
    pub client_id: String,
    /// A file holding the client secret (one line; a final newline is not part of it).
    pub client_secret_file: PathBuf,
    /// `productId` filters (alternatives).
    pub product_ids: Vec<String>,
    /// `companyId` filters (alternatives).
    pub company_ids: Vec<String>,
    /// `status` filter: `Active` or `Deprecated`.
    pub status: Option<String>,
    /// Footprints per page (`limit`); the host's own page size when `None`.
    pub limit: Option<u32>,
    /// The folder the footprints are written to (created when missing).
    pub out: PathBuf,
    /// Certificates to trust (PEM), besides the usual roots.
    pub cacert: Option<PathBuf>,
    /// Accept any certificate, for a host on `localhost`, `127.0.0.1` or `::1` only.
    pub insecure_localhost: bool,
}

/// One page read.
#[derive(Debug, Clone, PartialEq)]
pub struct Page {
    /// 1 for the first.
    pub number: usize,
    /// The URL it was read from.
    pub url: String,
    /// How many footprints it held.
    pub footprints: usize,
    /// The next page's URL, if any.
    pub next: Option<String>,
}

impl Page {
    /// The progress line `pcf pact pull` prints on stderr.
    pub fn json(&self) -> Value {
        json!({"page": self.number, "url": self.url, "footprints": self.footprints, "next": self.next})
    }
}

/// A footprint that breaks a MUST of PACT v3 (schema or data-model rules), or whose id is not
/// a UUID; written, unless its id is not a UUID.
#[derive(Debug, Clone, PartialEq)]
pub struct Failing {
    /// Its id as served.
    pub id: String,
    /// The file written, `null` when it was not.
    pub file: Option<String>,
    /// What `pcf pact check` finds in that file (schema, rules, identities), or why it was
    /// not written.
    pub findings: Vec<Finding>,
}

/// What a pull did.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct PullSummary {
    /// Pages read.
    pub pages: usize,
    /// The files written, in the order served.
    pub written: Vec<String>,
    /// The footprints that failed a check.
    pub failing: Vec<Failing>,
}

impl PullSummary {
    /// The one-line summary `pcf pact pull` prints on stdout.
    pub fn json(&self, out: &Path) -> Value {
        json!({
            "dir": out.display().to_string(),
            "pages": self.pages,
            "written": self.written.len(),
            "failing": self.failing.len(),
            "failed": self.failing.iter().map(|f| json!({
                "id": f.id,
                "file": f.file,
                "findings": f.findings,
            })).collect::<Vec<Value>>(),
        })
    }
}

fn input(path: &str, code: &str, message: String) -> HostError {
    HostError::input(code, path, message)
}

fn external(code: &str, path: &str, message: String) -> HostError {
    HostError::External(ErrorReport {
        message_zh: None,
        code: code.into(),
        path: path.into(),
        message,
    })
}

fn network(url: &Url, e: reqwest::Error) -> HostError {
    let code = if e.is_timeout() {
        "timeout"
    } else if e.is_connect() {
        "cannot_connect"
    } else {
        "network"
    };
    external(code, "url", format!("{url}: {}", causes(&e)))
}

/// The base URL: HTTPS, a host, no query or fragment; without a final `/`.
fn base_url(opts: &PullOptions) -> Result<Url, HostError> {
    let bad = |m: String| input("url", "invalid_value", m);
    let mut url = Url::parse(opts.url.trim())
        .map_err(|e| bad(format!("`{}` is not a URL: {e}", opts.url)))?;
    if url.scheme() != "https" {
        return Err(bad(format!(
            "`{}`: a PACT host is reached over HTTPS only (https://…)",
            opts.url
        )));
    }
    if url.host().is_none() {
        return Err(bad(format!("`{}` names no host", opts.url)));
    }
    if url.query().is_some() || url.fragment().is_some() {
        return Err(bad(format!(
            "`{}`: the base URL takes no query or fragment (give filters as options)",
            opts.url
        )));
    }
    if !url.username().is_empty() || url.password().is_some() {
        return Err(bad(format!(
            "`{}`: credentials go in --client-id and --client-secret-file, not in the URL",
            opts.url
        )));
    }
    let path = url.path().trim_end_matches('/').to_owned();
    url.set_path(&path);
    if opts.insecure_localhost && !is_local(&url) {
        return Err(input(
            "insecure-localhost",
            "invalid_value",
            format!(
                "--insecure-localhost accepts any certificate only from localhost, 127.0.0.1 or ::1, not {}; give the host's certificate with --cacert",
                url.host_str().unwrap_or_default()
            ),
        ));
    }
    Ok(url)
}

/// `base` + `/suffix` (the base's own path kept).
fn under(base: &Url, suffix: &str) -> Url {
    let mut u = base.clone();
    let path = format!("{}{suffix}", base.path().trim_end_matches('/'));
    u.set_path(&path);
    u
}

fn client(opts: &PullOptions) -> Result<Client, HostError> {
    let mut b = Client::builder()
        .use_rustls_tls()
        .https_only(true)
        // A redirect could take the token elsewhere: none is followed.
        .redirect(reqwest::redirect::Policy::none())
        .timeout(TIMEOUT)
        .user_agent(concat!("pcf-pact-pull/", env!("CARGO_PKG_VERSION")));
    if let Some(path) = &opts.cacert {
        for c in certificates(path, "cacert")? {
            b = b.add_root_certificate(c);
        }
    }
    if opts.insecure_localhost {
        // Only ever for a local host (checked in `base_url`; every link stays on its origin).
        b = b.danger_accept_invalid_certs(true);
    }
    b.build()
        .map_err(|e| HostError::Internal(format!("the HTTPS client: {}", causes(&e))))
}

fn read_secret(path: &Path) -> Result<String, HostError> {
    let text = std::fs::read_to_string(path).map_err(|e| {
        input(
            "client-secret-file",
            "cannot_read",
            format!("cannot read {}: {e}", path.display()),
        )
    })?;
    let secret = text.trim_end_matches(['\n', '\r']);
    if secret.is_empty() || secret.contains('\n') {
        return Err(input(
            "client-secret-file",
            "invalid_value",
            format!("{} must hold the client secret on one line", path.display()),
        ));
    }
    Ok(secret.to_owned())
}

/// The body of an error answer, for a message: a PACT `{code, message}`, an OAuth `{error,
/// error_description}`, else the start of the text.
fn said(r: Response) -> String {
    let status = r.status();
    let text = r.text().unwrap_or_default();
    let detail = match serde_json::from_str::<Value>(&text) {
        Ok(v) if v.get("code").is_some() || v.get("error").is_some() => {
            let code = v.get("code").or_else(|| v.get("error"));
            let message = v.get("message").or_else(|| v.get("error_description"));
            [code, message]
                .into_iter()
                .flatten()
                .filter_map(Value::as_str)
                .collect::<Vec<_>>()
                .join(": ")
        }
        _ => text.chars().take(200).collect(),
    };
    if detail.is_empty() {
        status.to_string()
    } else {
        format!("{status} {detail}")
    }
}

fn token(http: &Client, base: &Url, opts: &PullOptions, secret: &str) -> Result<String, HostError> {
    let url = under(base, "/auth/token");
    let r = http
        .post(url.clone())
        .basic_auth(&opts.client_id, Some(secret))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .header("Accept", "application/json")
        .body("grant_type=client_credentials")
        .send()
        .map_err(|e| network(&url, e))?;
    let status = r.status();
    if status == StatusCode::UNAUTHORIZED || status == StatusCode::BAD_REQUEST {
        return Err(input(
            "client-secret-file",
            "credentials_refused",
            format!(
                "{url} refused client `{}` with the secret in {} ({}): check --client-id and --client-secret-file",
                opts.client_id,
                opts.client_secret_file.display(),
                said(r)
            ),
        ));
    }
    if !status.is_success() {
        return Err(external(
            "bad_answer",
            "url",
            format!("{url} answered {}", said(r)),
        ));
    }
    let text = r.text().map_err(|e| network(&url, e))?;
    serde_json::from_str::<Value>(&text)
        .ok()
        .and_then(|v| v.get("access_token")?.as_str().map(str::to_owned))
        .ok_or_else(|| {
            external(
                "bad_answer",
                "url",
                format!("{url}: the token answer has no access_token"),
            )
        })
}

/// The first `rel="next"` target of the `Link` headers (RFC 8288: `<uri>; rel="next"`,
/// several links separated by commas, `rel` a list of relation types).
pub fn next_link(values: &[&str]) -> Option<String> {
    for value in values {
        let mut rest = *value;
        while let Some(open) = rest.find('<') {
            let after = rest.get(open + 1..)?;
            let close = after.find('>')?;
            let target = after.get(..close)?;
            let params_all = after.get(close + 1..)?;
            // The parameters run to the next link (a comma before the next `<`).
            let end = params_all.find('<').unwrap_or(params_all.len());
            let params = params_all.get(..end)?;
            let is_next = params.split(';').any(|p| {
                let Some((k, v)) = p.split_once('=') else {
                    return false;
                };
                k.trim().eq_ignore_ascii_case("rel")
                    && v.trim()
                        .trim_matches('"')
                        .split_ascii_whitespace()
                        .any(|r| r.eq_ignore_ascii_case("next"))
            });
            if is_next {
                return Some(target.to_owned());
            }
            rest = params_all.get(end..)?;
        }
    }
    None
}

/// The first page's URL: the list endpoint with the filters.
fn first_page(base: &Url, opts: &PullOptions) -> Result<Url, HostError> {
    if let Some(s) = &opts.status {
        if s != "Active" && s != "Deprecated" {
            return Err(input(
                "status",
                "invalid_value",
                format!("status `{s}`: Active or Deprecated"),
            ));
        }
    }
    if opts.limit == Some(0) {
        return Err(input(
            "limit",
            "invalid_value",
            "limit 0: at least one footprint a page".into(),
        ));
    }
    let mut url = under(base, "/3/footprints");
    {
        let mut q = url.query_pairs_mut();
        for p in &opts.product_ids {
            q.append_pair("productId", p);
        }
        for c in &opts.company_ids {
            q.append_pair("companyId", c);
        }
        if let Some(s) = &opts.status {
            q.append_pair("status", s);
        }
        if let Some(l) = opts.limit {
            q.append_pair("limit", &l.to_string());
        }
    }
    if url.query() == Some("") {
        url.set_query(None);
    }
    Ok(url)
}

/// A page's footprints and its next link.
type PageData = (Vec<Value>, Option<String>);

/// A page: 200 with `{"data": [...]}`; a 401 once the token expired is `Ok(None)`.
fn get_page(http: &Client, url: &Url, token: &str) -> Result<Option<PageData>, HostError> {
    let r = http
        .get(url.clone())
        .bearer_auth(token)
        .header("Accept", "application/json")
        .send()
        .map_err(|e| network(url, e))?;
    let status = r.status();
    if status == StatusCode::UNAUTHORIZED {
        return Ok(None);
    }
    if status != StatusCode::OK {
        return Err(external(
            "bad_answer",
            "url",
            format!("{url} answered {}", said(r)),
        ));
    }
    let links: Vec<String> = r
        .headers()
        .get_all(reqwest::header::LINK)
        .iter()
        .filter_map(|h| h.to_str().ok())
        .map(str::to_owned)
        .collect();
    let text = r.text().map_err(|e| network(url, e))?;
    let data = match serde_json::from_str::<Value>(&text) {
        Ok(Value::Object(mut o)) => match o.remove("data") {
            Some(Value::Array(a)) => a,
            _ => {
                return Err(external(
                    "bad_answer",
                    "url",
                    format!("{url}: the answer has no `data` list"),
                ))
            }
        },
        _ => {
            return Err(external(
                "bad_answer",
                "url",
                format!("{url}: the answer is not a JSON object"),
            ))
        }
    };
    let refs: Vec<&str> = links.iter().map(String::as_str).collect();
    Ok(Some((data, next_link(&refs))))
}

/// The next page's URL: resolved against the page, on the base's scheme, host and port.
fn follow(base: &Url, page: &Url, link: &str) -> Result<Url, HostError> {
    let next = page.join(link).map_err(|e| {
        external(
            "bad_answer",
            "url",
            format!("{page}: the next link `{link}` is not a URL: {e}"),
        )
    })?;
    if next.origin() != base.origin() {
        return Err(external(
            "foreign_link",
            "url",
            format!(
                "{page}: the next link {next} leaves {}: not followed (the token is only for that host)",
                base.origin().ascii_serialization()
            ),
        ));
    }
    Ok(next)
}

fn cannot_write(path: &Path, e: std::io::Error) -> HostError {
    external(
        "cannot_write",
        "out",
        format!("cannot write {}: {e}", path.display()),
    )
}

/// Writes `text` to `path` through a temporary file renamed over it.
fn write_file(path: &Path, text: &str) -> Result<(), HostError> {
    let tmp = path.with_extension("json.part");
    std::fs::write(&tmp, text).map_err(|e| cannot_write(&tmp, e))?;
    std::fs::rename(&tmp, path).map_err(|e| cannot_write(path, e))
}

/// Writes and checks one footprint; `None` when it breaks no MUST.
fn take(fp: &Value, at: &str, out: &Path) -> Result<(String, Option<Failing>), HostError> {
    let id = fp
        .get("id")
        .and_then(Value::as_str)
        .unwrap_or_default()
        .to_owned();
    if !pcf::pact::check::is_uuid(&id) {
        let failing = Failing {
            id: id.clone(),
            file: None,
            findings: vec![Finding {
                path: format!("{at}.id"),
                code: "invalid_value",
                detail: format!("the id {id:?} is not a UUID: not written"),
            }],
        };
        return Ok((id, Some(failing)));
    }
    let file = out.join(format!("{}.json", id.to_ascii_lowercase()));
    let text = pcf::to_json(fp).map_err(|e| HostError::Internal(e.report().message))?;
    write_file(&file, &text)?;
    let name = file.display().to_string();
    let findings = match check_report(&text, Some(pcf::pact::Spec::V3), None) {
        // A MUST broken fails; totals and parts that disagree alone do not (`pcf pact check`
        // reports them as `consistent: false`; the spec's own examples 1 and 2 are so, and so
        // are some of pcf's exports): they are listed with a failure's findings.
        Ok(r) if r.conformant => return Ok((id, None)),
        Ok(r) => r
            .schema
            .into_iter()
            .chain(r.rules)
            .chain(r.identities)
            .collect(),
        Err(e) => {
            let r = e.report();
            vec![Finding {
                path: r.path,
                code: "invalid_document",
                detail: r.message,
            }]
        }
    };
    Ok((
        id.clone(),
        Some(Failing {
            id,
            file: Some(name),
            findings,
        }),
    ))
}

/// Pulls every footprint the filters select into `opts.out`; `progress` is called after each
/// page. Bad options, an unreadable secret and refused credentials are
/// [`HostError::Input`] naming the option (`url`, `client-secret-file`, `cacert`,
/// `insecure-localhost`, `status`, `limit`); a host that cannot be reached, a TLS failure, an
/// answer that is not PACT, a next link to another origin and a file that cannot be written
/// are [`HostError::External`]. Footprints failing a check are in the summary, not errors.
pub fn pull(opts: &PullOptions, mut progress: impl FnMut(&Page)) -> Result<PullSummary, HostError> {
    let base = base_url(opts)?;
    let mut url = first_page(&base, opts)?;
    let secret = read_secret(&opts.client_secret_file)?;
    let http = client(opts)?;
    let mut token = token(&http, &base, opts, &secret)?;
    std::fs::create_dir_all(&opts.out).map_err(|e| cannot_write(&opts.out, e))?;
    let mut summary = PullSummary::default();
    let mut visited: HashSet<String> = HashSet::new();
    let mut seen: HashSet<String> = HashSet::new();
    loop {
        if !visited.insert(url.to_string()) {
            return Err(external(
                "bad_answer",
                "url",
                format!("the next link {url} was already read: the pages go round in a loop"),
            ));
        }
        let (data, next) = match get_page(&http, &url, &token)? {
            Some(page) => page,
            None => {
                // The token expired during a long pull: one new token, one more try.
                token = self::token(&http, &base, opts, &secret)?;
                get_page(&http, &url, &token)?.ok_or_else(|| {
                    external(
                        "bad_answer",
                        "url",
                        format!("{url} answered 401 to a new token"),
                    )
                })?
            }
        };
        summary.pages += 1;
        for (i, fp) in data.iter().enumerate() {
            let (id, failing) = take(fp, &format!("$.data[{i}]"), &opts.out)?;
            if let Some(f) = failing {
                if let Some(file) = &f.file {
                    if seen.insert(id.to_ascii_lowercase()) {
                        summary.written.push(file.clone());
                    }
                }
                summary.failing.push(f);
            } else if seen.insert(id.to_ascii_lowercase()) {
                summary.written.push(
                    opts.out
                        .join(format!("{}.json", id.to_ascii_lowercase()))
                        .display()
                        .to_string(),
                );
            }
        }
        let next_url = next.map(|l| follow(&base, &url, &l)).transpose()?;
        progress(&Page {
            number: summary.pages,
            url: url.to_string(),
            footprints: data.len(),
            next: next_url.as_ref().map(Url::to_string),
        });
        match next_url {
            Some(n) => url = n,
            None => return Ok(summary),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn next_links_are_found_among_others() {
        assert_eq!(
            next_link(&["<https://h/3/footprints?offset=1>; rel=\"next\""]),
            Some("https://h/3/footprints?offset=1".into())
        );
        assert_eq!(
            next_link(&["<https://h/a>; rel=\"prev\", <https://h/b,c>; rel=\"last next\""]),
            Some("https://h/b,c".into())
        );
        assert_eq!(
            next_link(&["<https://h/a>; rel=prev", "<https://h/n>; REL=next"]),
            Some("https://h/n".into())
        );
        assert_eq!(next_link(&["<https://h/a>; rel=\"prev\""]), None);
        assert_eq!(next_link(&["garbage <unclosed"]), None);
    }

    fn opts(url: &str) -> PullOptions {
        PullOptions {
            url: url.into(),
            ..PullOptions::default()
        }
    }

    #[test]
    fn the_base_url_is_https_with_a_host() {
        let path = |r: Result<Url, HostError>| match r {
            Err(HostError::Input(r)) => r.path,
            other => panic!("{other:?}"),
        };
        assert_eq!(path(base_url(&opts("http://localhost:8443"))), "url");
        assert_eq!(path(base_url(&opts("localhost:8443"))), "url");
        assert_eq!(path(base_url(&opts("https://h/?limit=1"))), "url");
        let mut o = opts("https://pact.example.com");
        o.insecure_localhost = true;
        assert_eq!(path(base_url(&o)), "insecure-localhost");
        o.url = "https://127.0.0.1:9/pact/".into();
        let base = base_url(&o).expect("local");
        assert_eq!(
            under(&base, "/auth/token").as_str(),
            "https://127.0.0.1:9/pact/auth/token"
        );
        let base = base_url(&opts("https://localhost:8443")).expect("base");
        assert_eq!(
            under(&base, "/3/footprints").as_str(),
            "https://localhost:8443/3/footprints"
        );
    }

    #[test]
    fn a_link_to_another_origin_is_refused_naming_it() {
        let base = Url::parse("https://localhost:8443").expect("url");
        let page = Url::parse("https://localhost:8443/3/footprints?limit=1").expect("url");
        assert!(follow(&base, &page, "/3/footprints?offset=1").is_ok());
        for link in [
            "https://localhost:9443/3/footprints?offset=1",
            "https://evil.example/3/footprints",
            "http://localhost:8443/3/footprints",
        ] {
            match follow(&base, &page, link) {
                Err(HostError::External(r)) => {
                    assert_eq!(r.code, "foreign_link");
                    assert!(
                        r.message.contains(link.split('/').nth(2).unwrap_or("")),
                        "{}",
                        r.message
                    );
                }
                other => panic!("{link}: {other:?}"),
            }
        }
    }

    #[test]
    fn filters_go_into_the_first_url() {
        let base = Url::parse("https://h:1").expect("url");
        let mut o = opts("https://h:1");
        o.product_ids = vec!["urn:a".into(), "urn:b c".into()];
        o.company_ids = vec!["urn:x".into()];
        o.status = Some("Active".into());
        o.limit = Some(1);
        assert_eq!(
            first_page(&base, &o).expect("url").as_str(),
            "https://h:1/3/footprints?productId=urn%3Aa&productId=urn%3Ab+c&companyId=urn%3Ax&status=Active&limit=1"
        );
        assert_eq!(
            first_page(&base, &opts("https://h:1"))
                .expect("url")
                .as_str(),
            "https://h:1/3/footprints"
        );
        o.status = Some("active".into());
        assert!(matches!(first_page(&base, &o), Err(HostError::Input(r)) if r.path == "status"));
    }
}
