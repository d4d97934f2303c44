//! The host's answer to a `RequestCreatedEvent` (PACT v3 "Action Events"; conformance cases 13
//! and 14): once the request has had its 200, a task of its own
//!
//! 1. finds the footprints of the store that meet the request's criteria ([`Filter`], the
//!    filters of `GET /3/footprints`; [`matching`]);
//! 2. writes the answer ([`answer`]): a `RequestFulfilledEvent.3` with those footprints as
//!    served, or a `RequestRejectedEvent.3` with an Error `{code, message}`: `NotFound` when
//!    none matches, `BadRequest` when more than [`MAX_FOOTPRINTS`] do (one event carries them
//!    all, and the spec allows one answer per request), `InternalError` when the store failed;
//! 3. delivers it ([`Callbacks::deliver`]): a token from the requester's token endpoint (the
//!    `token_endpoint` of its `/.well-known/openid-configuration` when it serves one with an
//!    https URL, else `/auth/token`: [`Callbacks::token_endpoint`]; HTTP Basic with the
//!    credentials of the requesters file, `grant_type=client_credentials`), then
//!    `POST {requester}/3/events` with `Content-Type: application/cloudevents+json;
//!    charset=UTF-8` and the token. A network failure, a 5xx or a 429 is tried again after
//!    1, 2 and 4 seconds ([`RETRY_DELAYS`]); a 4xx is not (the requester refused: credentials
//!    or event). Each attempt is one JSON line on stderr with the requester's URL and the
//!    outcome. A refusal ends with a `gave_up` line. A requester that could not be reached
//!    gets the answer again in later rounds ([`next_round`]: 30 s, then up to every hour, for
//!    72 hours), for the answer was stored before the request had its 200 and stays stored
//!    until it is settled, across restarts (serve.rs, [`crate::store::PendingAnswer`]).
//!    Nothing of this can stop the server: a failure is logged, never raised.
//!
//! Only requesters listed in the requesters file are answered (their `source` is looked up,
//! [`Requesters::find`]); the server refuses a request from any other source with a 403
//! before anything is spawned (serve.rs), so no address of a client's choosing is ever called.
//! At most [`MAX_PENDING`] answers are on their way at once; a request beyond is a 429.
//!
//! HTTPS only, the stack and trust options of `pcf pact pull` ([`crate::https`]): reqwest over
//! rustls, the usual web roots plus `--cacert`, and `--insecure-localhost` for a requester on
//! this machine only; redirects are not followed (the token would go with them).

use std::path::Path;
use std::sync::Arc;
use std::time::Duration;

use reqwest::{Client, StatusCode, Url};
use serde_json::value::RawValue;
use serde_json::{json, Value};
use tokio::sync::{OwnedSemaphorePermit, Semaphore};

use crate::events::{self, Envelope};
use crate::https::{causes, certificates, is_local};
use crate::query::Filter;
use crate::requesters::{Requester, Requesters};
use crate::store::Store;
use crate::HostError;

/// The waits before the second, third and fourth attempt: then the answer is given up.
pub const RETRY_DELAYS: [Duration; 3] = [
    Duration::from_secs(1),
    Duration::from_secs(2),
    Duration::from_secs(4),
];

/// The most answers on their way at once (each holds its footprints until delivered or given
/// up); a request beyond is refused with a 429.
pub const MAX_PENDING: usize = 32;

/// The most footprints one `RequestFulfilledEvent` carries; a request that more meet is
/// rejected (`BadRequest`, the number in the message).
pub const MAX_FOOTPRINTS: usize = crate::query::MAX_PAGE;

/// How long one request to a requester may take, connection to last byte.
const TIMEOUT: Duration = Duration::from_secs(30);

/// The answer to one request.
#[derive(Debug, Clone, PartialEq)]
pub struct Answer {
    /// `RequestFulfilledEvent` or `RequestRejectedEvent`.
    pub kind: &'static str,
    /// Its id, source, time and the request's id.
    pub envelope: Envelope,
    /// The event as sent.
    pub body: String,
    /// How many footprints it carries.
    pub footprints: usize,
}

/// The footprints of the store that meet `filter`, in order of publication, each its JSON
/// text as served.
pub fn matching(store: &Store, filter: &Filter) -> Result<Vec<String>, HostError> {
    Ok(store
        .all()?
        .into_iter()
        .filter(|row| {
            serde_json::from_str::<Value>(&row.footprint).is_ok_and(|v| filter.matches(&v))
        })
        .map(|row| row.footprint)
        .collect())
}

/// The criteria in words, for a rejection's message (`productId urn:pact:null`).
fn criteria(f: &Filter) -> String {
    let mut parts = Vec::new();
    for (name, values) in [
        ("productId", &f.product_ids),
        ("companyId", &f.company_ids),
        ("geography", &f.geographies),
        ("classification", &f.classifications),
        ("status", &f.statuses),
    ] {
        if !values.is_empty() {
            parts.push(format!("{name} {}", values.join(" or ")));
        }
    }
    for (name, at) in [
        ("validOn", f.valid_on),
        ("validAfter", f.valid_after),
        ("validBefore", f.valid_before),
    ] {
        if let Some(s) = at {
            parts.push(format!("{name} {}", crate::date_time(s)));
        }
    }
    if parts.is_empty() {
        "no criteria".into()
    } else {
        parts.join(", ")
    }
}

/// The answer to a request with `filter`, given what the store found.
pub fn answer(
    envelope: Envelope,
    filter: &Filter,
    found: Result<Vec<String>, HostError>,
) -> Answer {
    let reject = |code: &str, message: String| Answer {
        kind: "RequestRejectedEvent",
        body: events::rejected(&envelope, code, &message),
        envelope: envelope.clone(),
        footprints: 0,
    };
    let texts = match found {
        Ok(t) => t,
        Err(e) => {
            eprintln!("{}", json!({"error": e.to_string()}));
            return reject(
                "InternalError",
                "the footprint store failed; the data owner's log says why".into(),
            );
        }
    };
    if texts.is_empty() {
        return reject(
            "NotFound",
            format!(
                "no footprint of this host meets the request ({})",
                criteria(filter)
            ),
        );
    }
    if texts.len() > MAX_FOOTPRINTS {
        return reject(
            "BadRequest",
            format!(
                "{} footprints meet the request ({}); one answer carries at most {MAX_FOOTPRINTS}: narrow the criteria, or list them with GET /3/footprints",
                texts.len(),
                criteria(filter)
            ),
        );
    }
    let mut pfs = Vec::with_capacity(texts.len());
    for t in texts {
        match RawValue::from_string(t) {
            Ok(raw) => pfs.push(raw),
            Err(e) => {
                eprintln!(
                    "{}",
                    json!({"error": format!("a stored footprint is not JSON: {e}")})
                );
                return reject(
                    "InternalError",
                    "a stored footprint could not be read; the data owner's log says why".into(),
                );
            }
        }
    }
    Answer {
        kind: "RequestFulfilledEvent",
        body: events::fulfilled(&envelope, &pfs),
        footprints: pfs.len(),
        envelope,
    }
}

/// A fresh event id: a random UUID (version 4) from the operating system's random numbers.
pub fn event_id() -> String {
    use rand_core::RngCore;
    let mut bytes = [0u8; 16];
    rand_core::OsRng.fill_bytes(&mut bytes);
    uuid::Builder::from_random_bytes(bytes)
        .into_uuid()
        .hyphenated()
        .to_string()
}

/// The requesters, the HTTPS clients that reach them and the count of answers on their way.
pub struct Callbacks {
    requesters: Requesters,
    /// Checks every certificate (web roots and `--cacert`).
    client: Client,
    /// With `--insecure-localhost`: accepts any certificate, used for local requesters only.
    local: Option<Client>,
    pending: Arc<Semaphore>,
}

fn client(certs: &[reqwest::Certificate], accept_any: bool) -> Result<Client, HostError> {
    let mut b = Client::builder()
        .use_rustls_tls()
        .https_only(true)
        // A redirect would take the token elsewhere: none is followed.
        .redirect(reqwest::redirect::Policy::none())
        .timeout(TIMEOUT)
        .user_agent(concat!("pcf-pact-host/", env!("CARGO_PKG_VERSION")));
    for c in certs {
        b = b.add_root_certificate(c.clone());
    }
    if accept_any {
        b = b.danger_accept_invalid_certs(true);
    }
    b.build()
        .map_err(|e| HostError::Internal(format!("the HTTPS client: {}", causes(&e))))
}

/// `line` with `key` set to `value` (a log line is an object).
fn with(line: &mut Value, key: &str, value: Value) {
    if let Some(o) = line.as_object_mut() {
        o.insert(key.to_owned(), value);
    }
}

/// What one attempt came to.
/// How a round of delivery ([`Callbacks::deliver`]) ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Delivery {
    /// The requester took the answer (a 2xx).
    Delivered,
    /// It refused it, or its token endpoint refused this host's credentials (a 4xx, or an
    /// answer that is not a token): trying again would not help.
    Refused,
    /// It could not be reached, or answered 5xx or 429, at every attempt of the round: the
    /// answer stays stored for a later round ([`next_round`]).
    Unreachable,
}

/// The wait before each later round of delivery, in seconds, once a round's attempts have
/// failed: 30 s, 1, 5, 15, 30 minutes, then every hour.
pub const ROUND_DELAYS_S: [i64; 6] = [30, 60, 300, 900, 1800, 3600];

/// An answer not delivered 72 hours after its request is given up (the spec's suggestion).
pub const GIVE_UP_AFTER_S: i64 = 72 * 3600;

/// When the next round is due after `rounds` rounds that did not reach the requester, for a
/// request received at `received`; `None` once it is [`GIVE_UP_AFTER_S`] old.
pub fn next_round(received: i64, rounds: i64, now: i64) -> Option<i64> {
    if now.saturating_sub(received) >= GIVE_UP_AFTER_S {
        return None;
    }
    let i = usize::try_from(rounds.saturating_sub(1)).unwrap_or(0);
    let wait = ROUND_DELAYS_S
        .get(i)
        .or(ROUND_DELAYS_S.last())
        .copied()
        .unwrap_or(3600);
    let at = now.saturating_add(wait);
    Some(at.min(received + GIVE_UP_AFTER_S))
}

enum Outcome {
    Delivered(u16),
    /// Worth another try: a network failure, a 5xx or a 429.
    Retry(&'static str, Option<u16>, String),
    /// Not: the requester refused (a 4xx) or answered what is not a token.
    Fail(&'static str, Option<u16>, String),
}

fn worth_retrying(s: StatusCode) -> bool {
    s.is_server_error() || s == StatusCode::TOO_MANY_REQUESTS
}

/// The start of an answer's body, for the log.
async fn said(r: reqwest::Response) -> String {
    let text = r.text().await.unwrap_or_default();
    text.chars().take(300).collect()
}

impl Callbacks {
    /// The clients for `requesters`, trusting `cacert` besides the web roots (errors at
    /// `cacert`); with `insecure_localhost`, any certificate of a requester on this machine.
    pub fn new(
        requesters: Requesters,
        cacert: Option<&Path>,
        insecure_localhost: bool,
    ) -> Result<Callbacks, HostError> {
        let certs = match cacert {
            Some(p) => certificates(p, "cacert")?,
            None => Vec::new(),
        };
        Ok(Callbacks {
            requesters,
            client: client(&certs, false)?,
            local: match insecure_localhost {
                true => Some(client(&certs, true)?),
                false => None,
            },
            pending: Arc::new(Semaphore::new(MAX_PENDING)),
        })
    }

    /// The requesters.
    pub fn requesters(&self) -> &Requesters {
        &self.requesters
    }

    /// The requester an event's `source` names, if it is listed.
    pub fn find(&self, source: &str) -> Option<Requester> {
        self.requesters.find(source).cloned()
    }

    /// A place among the answers on their way, if there is one.
    pub fn permit(&self) -> Option<OwnedSemaphorePermit> {
        self.pending.clone().try_acquire_owned().ok()
    }

    fn client_for(&self, url: &Url) -> &Client {
        match &self.local {
            Some(c) if is_local(url) => c,
            _ => &self.client,
        }
    }

    /// The requester's token endpoint: the `token_endpoint` of its OpenID Provider
    /// Configuration (`{requester}/.well-known/openid-configuration`, OpenID Connect Discovery
    /// 1.0, which PACT hosts may serve) when it answers one with an https URL; otherwise, for
    /// any other answer or none, PACT's default `{requester}/auth/token`. Asked on every
    /// attempt: a requester may move it.
    async fn token_endpoint(&self, to: &Requester) -> Url {
        let fallback = to.endpoint("/auth/token");
        let discovery = to.endpoint("/.well-known/openid-configuration");
        let http = self.client_for(&discovery);
        let Ok(r) = http
            .get(discovery)
            .header("Accept", "application/json")
            .send()
            .await
        else {
            return fallback;
        };
        if !r.status().is_success() {
            return fallback;
        }
        let Ok(text) = r.text().await else {
            return fallback;
        };
        serde_json::from_str::<Value>(&text)
            .ok()
            .and_then(|v| Url::parse(v.get("token_endpoint")?.as_str()?).ok())
            .filter(|u| u.scheme() == "https" && u.host().is_some())
            .unwrap_or(fallback)
    }

    async fn attempt(&self, to: &Requester, body: &str) -> Outcome {
        let http = self.client_for(&to.url);
        let token_url = self.token_endpoint(to).await;
        let r = match self
            .client_for(&token_url)
            .post(token_url.clone())
            .basic_auth(&to.client_id, Some(&to.client_secret))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .header("Accept", "application/json")
            .body("grant_type=client_credentials")
            .send()
            .await
        {
            Ok(r) => r,
            Err(e) => {
                return Outcome::Retry("network", None, format!("{token_url}: {}", causes(&e)))
            }
        };
        let status = r.status();
        if !status.is_success() {
            let detail = format!("{token_url} answered {status}: {}", said(r).await);
            return match worth_retrying(status) {
                true => Outcome::Retry("token_server_error", Some(status.as_u16()), detail),
                false => Outcome::Fail("token_refused", Some(status.as_u16()), detail),
            };
        }
        let text = match r.text().await {
            Ok(t) => t,
            Err(e) => {
                return Outcome::Retry("network", None, format!("{token_url}: {}", causes(&e)))
            }
        };
        let Some(token) = serde_json::from_str::<Value>(&text)
            .ok()
            .and_then(|v| v.get("access_token")?.as_str().map(str::to_owned))
        else {
            return Outcome::Fail(
                "bad_token_answer",
                Some(status.as_u16()),
                format!("{token_url}: the answer has no access_token"),
            );
        };
        let events_url = to.endpoint("/3/events");
        let r = match http
            .post(events_url.clone())
            .bearer_auth(&token)
            .header(
                "Content-Type",
                "application/cloudevents+json; charset=UTF-8",
            )
            .body(body.to_owned())
            .send()
            .await
        {
            Ok(r) => r,
            Err(e) => {
                return Outcome::Retry("network", None, format!("{events_url}: {}", causes(&e)))
            }
        };
        let status = r.status();
        if status.is_success() {
            return Outcome::Delivered(status.as_u16());
        }
        let detail = format!("{events_url} answered {status}: {}", said(r).await);
        match worth_retrying(status) {
            true => Outcome::Retry("server_error", Some(status.as_u16()), detail),
            false => Outcome::Fail("refused", Some(status.as_u16()), detail),
        }
    }

    /// One round of delivery of `answer` to `to`: tries again after each of [`RETRY_DELAYS`]
    /// while it is worth it, one log line an attempt; `permit` is held until the end. A refusal
    /// ends with a `gave_up` line; an unreachable requester's round ends with its last
    /// attempt's line (the caller stores the answer for a later round, or gives it up).
    pub async fn deliver(
        &self,
        to: &Requester,
        answer: &Answer,
        permit: OwnedSemaphorePermit,
    ) -> Delivery {
        let line = |attempt: usize, outcome: &str, status: Option<u16>, detail: Option<&str>| {
            json!({
                "time": crate::date_time(crate::now_seconds()),
                "callback": answer.kind,
                "requester": to.base(),
                "requestEventId": answer.envelope.request_event_id,
                "eventId": answer.envelope.id,
                "footprints": answer.footprints,
                "attempt": attempt,
                "outcome": outcome,
                "status": status,
                "detail": detail,
            })
        };
        let mut attempt = 0;
        let (delivery, last) = loop {
            attempt += 1;
            match self.attempt(to, &answer.body).await {
                Outcome::Delivered(status) => {
                    break (
                        Delivery::Delivered,
                        line(attempt, "delivered", Some(status), None),
                    );
                }
                Outcome::Fail(what, status, detail) => {
                    break (
                        Delivery::Refused,
                        line(attempt, what, status, Some(&detail)),
                    );
                }
                Outcome::Retry(what, status, detail) => {
                    let mut l = line(attempt, what, status, Some(&detail));
                    match RETRY_DELAYS.get(attempt - 1) {
                        Some(wait) => {
                            with(&mut l, "retry_in_ms", json!(wait.as_millis() as u64));
                            eprintln!("{l}");
                            tokio::time::sleep(*wait).await;
                        }
                        None => break (Delivery::Unreachable, l),
                    }
                }
            }
        };
        // The place is free before the last line says the answer is settled.
        drop(permit);
        eprintln!("{last}");
        if delivery == Delivery::Refused {
            let mut l = line(attempt, "gave_up", None, None);
            with(&mut l, "attempts", json!(attempt));
            eprintln!("{l}");
        }
        delivery
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn envelope() -> Envelope {
        Envelope {
            id: event_id(),
            source: "https://supplier.example".into(),
            time: "2025-03-05T17:31:00Z".into(),
            request_event_id: "req-1".into(),
        }
    }

    #[test]
    fn later_rounds_wait_longer_and_stop_72_hours_after_the_request() {
        let r = 1_000_000;
        assert_eq!(next_round(r, 1, r + 10), Some(r + 40));
        assert_eq!(next_round(r, 2, r + 100), Some(r + 160));
        assert_eq!(next_round(r, 3, r + 200), Some(r + 500));
        assert_eq!(next_round(r, 6, r + 5_000), Some(r + 8_600));
        assert_eq!(next_round(r, 40, r + 9_000), Some(r + 12_600));
        // Never past the 72 hours, and none from then on.
        let end = r + GIVE_UP_AFTER_S;
        assert_eq!(next_round(r, 40, end - 100), Some(end));
        assert_eq!(next_round(r, 40, end), None);
        assert_eq!(next_round(r, 1, end + 1), None);
    }

    #[test]
    fn an_event_id_is_a_fresh_version_4_uuid() {
        let (a, b) = (event_id(), event_id());
        assert_ne!(a, b);
        let u = uuid::Uuid::try_parse(&a).unwrap();
        assert_eq!(u.get_version_num(), 4);
        assert_eq!(a.len(), 36);
    }

    #[test]
    fn what_the_store_found_decides_the_answer() {
        let f = Filter {
            product_ids: vec!["urn:pact:null".into()],
            ..Filter::default()
        };
        let none = answer(envelope(), &f, Ok(vec![]));
        assert_eq!(none.kind, "RequestRejectedEvent");
        let v: Value = serde_json::from_str(&none.body).unwrap();
        assert_eq!(v["data"]["error"]["code"], "NotFound");
        assert_eq!(
            v["data"]["error"]["message"],
            "no footprint of this host meets the request (productId urn:pact:null)"
        );
        let two = answer(
            envelope(),
            &f,
            Ok(vec!["{\"id\":\"a\"}".into(), "{\"id\":\"b\"}".into()]),
        );
        assert_eq!((two.kind, two.footprints), ("RequestFulfilledEvent", 2));
        let v: Value = serde_json::from_str(&two.body).unwrap();
        assert_eq!(v["data"]["pfs"], json!([{"id": "a"}, {"id": "b"}]));
        assert_eq!(v["data"]["requestEventId"], "req-1");
        let many = answer(
            envelope(),
            &Filter::default(),
            Ok(vec!["{}".to_owned(); MAX_FOOTPRINTS + 1]),
        );
        let v: Value = serde_json::from_str(&many.body).unwrap();
        assert_eq!(v["data"]["error"]["code"], "BadRequest");
        assert_eq!(
            v["data"]["error"]["message"],
            "101 footprints meet the request (no criteria); one answer carries at most 100: narrow the criteria, or list them with GET /3/footprints"
        );
        let failed = answer(envelope(), &f, Err(HostError::Internal("disk".into())));
        let v: Value = serde_json::from_str(&failed.body).unwrap();
        assert_eq!(v["data"]["error"]["code"], "InternalError");
    }

    #[test]
    fn criteria_are_said_in_the_spec_s_names() {
        let f = Filter {
            company_ids: vec!["urn:a".into(), "urn:b".into()],
            valid_on: Some(86_400),
            ..Filter::default()
        };
        assert_eq!(
            criteria(&f),
            "companyId urn:a or urn:b, validOn 1970-01-02T00:00:00Z"
        );
    }
}
