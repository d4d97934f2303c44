//! `POST /3/events`: CloudEvents in structured mode (`application/cloudevents+json`), the four
//! event types of PACT v3. Each is checked against its schema's required members; a bad one
//! is a 400 whose message names the member (`$.data.pfIds[0]`).
//!
//! What the host does with them, in this step: a `PublishedEvent` and the answers to requests
//! (`RequestFulfilledEvent`, `RequestRejectedEvent`) are accepted and logged. A
//! `RequestCreatedEvent` is accepted and its criteria checked; answering it (a
//! `RequestFulfilledEvent` or `RequestRejectedEvent` posted to the requester's `/3/events`)
//! is the next step of issue 22.

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
            let filter = Filter::from_event_data(data).map_err(|(p, m)| bad(p, m))?;
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
}
