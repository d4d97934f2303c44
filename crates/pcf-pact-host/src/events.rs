//! `POST /3/events`: CloudEvents in structured mode (`application/cloudevents+json`), the four
//! event types of PACT v3. Each is checked against its schema's required members; a bad one
//! is a 400 whose message names the member (`$.data.pfIds[0]`).
//!
//! A `PublishedEvent` and the answers to requests (`RequestFulfilledEvent`,
//! `RequestRejectedEvent`) are accepted and logged. A `RequestCreatedEvent` is accepted with
//! its criteria ([`Filter`]) and answered by [`crate::callback`]: this module also writes the
//! answers ([`fulfilled`], [`rejected`]), whose shapes are the spec's.

use serde::Serialize;
use serde_json::value::RawValue;
use serde_json::Value;

use crate::query::Filter;

/// The v3 event types.
pub const PUBLISHED: &str = "org.wbcsd.pact.ProductFootprint.PublishedEvent.3";
/// A data recipient asks for footprints.
pub const REQUEST_CREATED: &str = "org.wbcsd.pact.ProductFootprint.RequestCreatedEvent.3";
/// A data owner answers with footprints.
pub const REQUEST_FULFILLED: &str = "org.wbcsd.pact.ProductFootprint.RequestFulfilledEvent.3";
/// A data owner answers that it cannot.
pub const REQUEST_REJECTED: &str = "org.wbcsd.pact.ProductFootprint.RequestRejectedEvent.3";

/// An accepted event.
#[derive(Debug, Clone, PartialEq)]
pub enum Event {
    /// Footprints the sender published or updated.
    Published {
        /// Their ids.
        pf_ids: Vec<String>,
    },
    /// A request for footprints.
    RequestCreated {
        /// The event id (the answer's `requestEventId`).
        id: String,
        /// Where to answer (`{source}/3/events`).
        source: String,
        /// The criteria.
        filter: Filter,
    },
    /// An answer to a request of ours, with footprints.
    RequestFulfilled {
        /// The request it answers.
        request_event_id: String,
    },
    /// An answer to a request of ours, refused.
    RequestRejected {
        /// The request it answers.
        request_event_id: String,
    },
}

/// A refused event: the member (`$.type`, `$.data.pfIds[1]`) and why.
#[derive(Debug, Clone, PartialEq)]
pub struct BadEvent {
    /// JSON path of the member.
    pub path: String,
    /// What is wrong.
    pub message: String,
}

fn bad(path: impl Into<String>, message: impl Into<String>) -> BadEvent {
    BadEvent {
        path: path.into(),
        message: message.into(),
    }
}

fn text<'a>(o: &'a Value, key: &str, path: &str) -> Result<&'a str, BadEvent> {
    match o.get(key) {
        Some(Value::String(s)) if !s.is_empty() => Ok(s),
        Some(Value::String(_)) => Err(bad(path, "must not be empty")),
        Some(_) => Err(bad(path, "expected a string")),
        None => Err(bad(path, "missing")),
    }
}

/// Reads an event body.
pub fn parse(body: &[u8]) -> Result<Event, BadEvent> {
    let v: Value = serde_json::from_slice(body).map_err(|e| {
        bad(
            "$",
            format!(
                "the body is not JSON (line {}, column {}): {e}",
                e.line(),
                e.column()
            ),
        )
    })?;
    if !v.is_object() {
        return Err(bad("$", "an event is a JSON object"));
    }
    let kind = text(&v, "type", "$.type")?;
    let specversion = text(&v, "specversion", "$.specversion")?;
    if specversion != "1.0" {
        return Err(bad(
            "$.specversion",
            format!("CloudEvents specversion 1.0 expected, got `{specversion}`"),
        ));
    }
    let id = text(&v, "id", "$.id")?;
    let source = text(&v, "source", "$.source")?;
    let time = text(&v, "time", "$.time")?;
    if pcf::pact::parse_date_time(time).is_none() {
        return Err(bad(
            "$.time",
            format!("expected an RFC 3339 date-time, got `{time}`"),
        ));
    }
    let data = match v.get("data") {
        Some(d @ Value::Object(_)) => d,
        Some(_) => return Err(bad("$.data", "expected an object")),
        None => return Err(bad("$.data", "missing")),
    };
    match kind {
        PUBLISHED => {
            let ids = match data.get("pfIds") {
                Some(Value::Array(a)) => a,
                Some(_) => return Err(bad("$.data.pfIds", "expected a list of footprint ids")),
                None => return Err(bad("$.data.pfIds", "missing")),
            };
            let mut pf_ids = Vec::new();
            for (i, id) in ids.iter().enumerate() {
                let path = format!("$.data.pfIds[{i}]");
                let s = id.as_str().ok_or_else(|| bad(&path, "expected a string"))?;
                if uuid::Uuid::try_parse(s).is_err() {
                    return Err(bad(
                        &path,
                        format!("a footprint id is a UUID, got `{s}`"),
                    ));
                }
                pf_ids.push(s.to_ascii_lowercase());
            }
            Ok(Event::Published { pf_ids })
        }
        REQUEST_CREATED => {
            let mut filter = Filter::from_event_data(data).map_err(|(p, m)| bad(p, m))?;
            // `data.pf.productIds`, the request's form in v2 and in the conformance suite's
            // earlier v3 cases, names the products when `data.productId` does not.
            if filter.product_ids.is_empty() {
                filter.product_ids = earlier_product_ids(data)?;
            }
            Ok(Event::RequestCreated {
                id: id.to_owned(),
                source: source.to_owned(),
                filter,
            })
        }
        REQUEST_FULFILLED => {
            let request_event_id = text(data, "requestEventId", "$.data.requestEventId")?;
            match data.get("pfs") {
                Some(Value::Array(a)) if !a.is_empty() => {
                    if let Some(i) = a.iter().position(|p| !p.is_object()) {
                        return Err(bad(format!("$.data.pfs[{i}]"), "expected a ProductFootprint object"));
                    }
                }
                Some(Value::Array(_)) => return Err(bad("$.data.pfs", "must not be empty")),
                Some(_) => return Err(bad("$.data.pfs", "expected a list of footprints")),
                None => return Err(bad("$.data.pfs", "missing")),
            }
            Ok(Event::RequestFulfilled {
                request_event_id: request_event_id.to_owned(),
            })
        }
        REQUEST_REJECTED => {
            let request_event_id = text(data, "requestEventId", "$.data.requestEventId")?;
            let error = data
                .get("error")
                .filter(|e| e.is_object())
                .ok_or_else(|| bad("$.data.error", "expected an Error object {code, message}"))?;
            text(error, "code", "$.data.error.code")?;
            text(error, "message", "$.data.error.message")?;
            Ok(Event::RequestRejected {
                request_event_id: request_event_id.to_owned(),
            })
        }
        other => Err(bad(
            "$.type",
            format!("unknown event type `{other}`; this host takes {PUBLISHED}, {REQUEST_CREATED}, {REQUEST_FULFILLED} and {REQUEST_REJECTED}"),
        )),
    }
}

/// `data.pf.productIds` (a list of strings), or nothing.
fn earlier_product_ids(data: &Value) -> Result<Vec<String>, BadEvent> {
    match data.pointer("/pf/productIds") {
        None | Some(Value::Null) => Ok(Vec::new()),
        Some(Value::Array(a)) => a
            .iter()
            .enumerate()
            .map(|(i, v)| {
                v.as_str()
                    .map(str::to_owned)
                    .ok_or_else(|| bad(format!("$.data.pf.productIds[{i}]"), "expected a string"))
            })
            .collect(),
        Some(_) => Err(bad("$.data.pf.productIds", "expected a list of strings")),
    }
}

/// An event this host sends, in CloudEvents structured mode.
#[derive(Serialize)]
struct Outgoing<'a, D> {
    #[serde(rename = "type")]
    kind: &'a str,
    specversion: &'a str,
    id: &'a str,
    source: &'a str,
    time: &'a str,
    data: D,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct FulfilledData<'a> {
    request_event_id: &'a str,
    pfs: &'a [Box<RawValue>],
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct RejectedData<'a> {
    request_event_id: &'a str,
    error: ErrorBody<'a>,
}

#[derive(Serialize)]
struct ErrorBody<'a> {
    code: &'a str,
    message: &'a str,
}

/// What an outgoing event carries besides its data: its own `id` (a fresh UUID), `source`
/// (this host's base URL) and `time` (RFC 3339), and the request it answers.
#[derive(Debug, Clone, PartialEq)]
pub struct Envelope {
    /// The event's id.
    pub id: String,
    /// This host's base URL.
    pub source: String,
    /// When the event was made.
    pub time: String,
    /// The `id` of the `RequestCreatedEvent` answered (`data.requestEventId`).
    pub request_event_id: String,
}

fn write<D: Serialize>(kind: &str, e: &Envelope, data: D) -> String {
    let event = Outgoing {
        kind,
        specversion: "1.0",
        id: &e.id,
        source: &e.source,
        time: &e.time,
        data,
    };
    // Serialising borrowed text and already-valid JSON cannot fail; an empty body would be
    // refused by the requester, never sent as something else.
    serde_json::to_string(&event).unwrap_or_default()
}

/// A `RequestFulfilledEvent.3` with the footprints `pfs` (each the JSON text as served by
/// `GET /3/footprints/{id}`, carried byte for byte).
pub fn fulfilled(e: &Envelope, pfs: &[Box<RawValue>]) -> String {
    write(
        REQUEST_FULFILLED,
        e,
        FulfilledData {
            request_event_id: &e.request_event_id,
            pfs,
        },
    )
}

/// A `RequestRejectedEvent.3` with an Error `{code, message}` (`code` one of the spec's:
/// `NotFound`, `BadRequest`, `InternalError` …).
pub fn rejected(e: &Envelope, code: &str, message: &str) -> String {
    write(
        REQUEST_REJECTED,
        e,
        RejectedData {
            request_event_id: &e.request_event_id,
            error: ErrorBody { code, message },
        },
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn event(kind: &str, data: Value) -> Vec<u8> {
        json!({"type": kind, "specversion": "1.0", "id": "e-1", "source": "https://r.example",
               "time": "2025-03-05T17:31:00.123Z", "data": data})
        .to_string()
        .into_bytes()
    }

    #[test]
    fn a_published_event_needs_uuids() {
        let ok = event(
            PUBLISHED,
            json!({"pfIds": ["079E425A-464F-528D-341D-4A944A1DFD70"]}),
        );
        assert_eq!(
            parse(&ok),
            Ok(Event::Published {
                pf_ids: vec!["079e425a-464f-528d-341d-4a944a1dfd70".into()]
            })
        );
        let urn = event(PUBLISHED, json!({"pfIds": ["urn:gtin:4712345060507"]}));
        assert_eq!(parse(&urn).map(|_| ()).unwrap_err().path, "$.data.pfIds[0]");
    }

    #[test]
    fn malformed_events_name_the_member() {
        for (body, path) in [
            (b"{not json".to_vec(), "$"),
            (b"[]".to_vec(), "$"),
            (event("org.example.Other", json!({})), "$.type"),
            (
                event(REQUEST_FULFILLED, json!({"requestEventId": "x", "pfs": []})),
                "$.data.pfs",
            ),
            (
                event(
                    REQUEST_REJECTED,
                    json!({"requestEventId": "x", "error": {"code": "NotFound"}}),
                ),
                "$.data.error.message",
            ),
            (
                event(REQUEST_CREATED, json!({"validOn": "soon"})),
                "$.data.validOn",
            ),
            (
                event(REQUEST_CREATED, json!({"productId": [1]})),
                "$.data.productId[0]",
            ),
        ] {
            assert_eq!(parse(&body).map(|_| ()).unwrap_err().path, path);
        }
        let mut v: Value = serde_json::from_slice(&event(PUBLISHED, json!({"pfIds": []}))).unwrap();
        v["time"] = json!("yesterday");
        assert_eq!(
            parse(v.to_string().as_bytes())
                .map(|_| ())
                .unwrap_err()
                .path,
            "$.time"
        );
    }

    #[test]
    fn a_request_carries_its_criteria_and_ignores_other_members() {
        // The conformance suite sends `data.pf.productIds` (an earlier draft) besides.
        let body = event(
            REQUEST_CREATED,
            json!({"productId": ["urn:x:1"], "pf": {"productIds": ["urn:x:1"]}, "comment": "please"}),
        );
        match parse(&body) {
            Ok(Event::RequestCreated { filter, source, .. }) => {
                assert_eq!(filter.product_ids, vec!["urn:x:1".to_owned()]);
                assert_eq!(source, "https://r.example");
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn the_earlier_pf_product_ids_name_the_products_when_product_id_does_not() {
        let body = event(
            REQUEST_CREATED,
            json!({"pf": {"productIds": ["urn:x:1", "urn:x:2"]}}),
        );
        match parse(&body) {
            Ok(Event::RequestCreated { filter, .. }) => {
                assert_eq!(filter.product_ids, vec!["urn:x:1", "urn:x:2"]);
            }
            other => panic!("{other:?}"),
        }
        let bad = event(REQUEST_CREATED, json!({"pf": {"productIds": [7]}}));
        assert_eq!(
            parse(&bad).map(|_| ()).unwrap_err().path,
            "$.data.pf.productIds[0]"
        );
    }

    #[test]
    fn the_answers_read_back_as_the_events_they_are() {
        let e = Envelope {
            id: "0b7e4f4e-1c1a-4b55-9a57-3f3c8e2b9d10".into(),
            source: "https://supplier.example".into(),
            time: "2025-03-05T17:31:00Z".into(),
            request_event_id: "run-1/13".into(),
        };
        let pf = RawValue::from_string("{\"id\": \"x\",  \"b\": 1, \"a\": 2}".into()).unwrap();
        let text = fulfilled(&e, &[pf]);
        // The footprint's own bytes, its spacing and key order included.
        assert!(
            text.contains("\"pfs\":[{\"id\": \"x\",  \"b\": 1, \"a\": 2}]"),
            "{text}"
        );
        assert_eq!(
            parse(text.as_bytes()),
            Ok(Event::RequestFulfilled {
                request_event_id: "run-1/13".into()
            })
        );
        let v: Value = serde_json::from_str(&text).unwrap();
        assert_eq!(v["type"], REQUEST_FULFILLED);
        assert_eq!(v["specversion"], "1.0");
        assert_eq!(v["source"], "https://supplier.example");
        let text = rejected(&e, "NotFound", "no footprint matches");
        let v: Value = serde_json::from_str(&text).unwrap();
        assert_eq!(
            v["data"],
            json!({"requestEventId": "run-1/13", "error": {"code": "NotFound", "message": "no footprint matches"}})
        );
        assert_eq!(
            parse(text.as_bytes()),
            Ok(Event::RequestRejected {
                request_event_id: "run-1/13".into()
            })
        );
    }
}
