//! The host's answers to requests (`../shared/docs/PACT-API.md`, conformance cases 12, 13 and
//! 14): the host as a process (this test binary, `PCF_PACT_HOST_TEST_ROLE=serve`, running
//! `pcf_pact_host::serve` as `pcf pact serve` does) on a random port with a temporary
//! database and a requesters file, and requesters played by small HTTPS servers inside this
//! test (axum over rustls, each with its own self-signed certificate for 127.0.0.1), which
//! record every token request and every event they get.
//!
//! The database holds three footprints published from pcf's shipped examples (a coil, a
//! battery, the coil's new version, as tests/host.rs). The requesters file lists: R1 with the
//! conformance suite's credentials (`test_client_id`/`test_client_secret`); R2 with a secret
//! R2 refuses; a port nobody listens on; R4, whose certificate the host does not trust. R3 is
//! not listed. The host trusts R1's, R2's and R3's certificates (`--cacert`, one PEM bundle).
//! `harness = false` and the small runner at the end, as tests/host.rs:
//! `cargo test -p pcf-pact-host --test callback -- NAME` runs the cases whose name contains NAME.
#![cfg(not(target_arch = "wasm32"))]

mod harness;

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, ExitCode, Stdio};
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::sync::mpsc;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use axum::extract::{Request, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::Router;
use base64::Engine;
use reqwest::blocking::Client;
use serde_json::{json, Value};

const ROLE: &str = "PCF_PACT_HOST_TEST_ROLE";
const CLIENTS: &str = "acme:s3cret\n";
const SUITE_ID: &str = "test_client_id";
const SUITE_SECRET: &str = "test_client_secret";
const EVENT_TYPE: &str = "application/cloudevents+json; charset=UTF-8";

// ---------------------------------------------------------------------------------------
// The host, a child process.

fn child_serve() -> ExitCode {
    let env = |k: &str| std::env::var(k).ok().map(PathBuf::from);
    let opts = pcf_pact_host::ServeOptions {
        db: env("PCF_DB").unwrap_or_default(),
        listen: "127.0.0.1:0".into(),
        clients: env("PCF_CLIENTS"),
        requesters: env("PCF_REQUESTERS"),
        cacert: env("PCF_CACERT"),
        insecure_localhost: std::env::var("PCF_INSECURE_LOCALHOST").is_ok(),
        max_stored_answers: std::env::var("PCF_MAX_STORED_ANSWERS")
            .ok()
            .and_then(|n| n.parse().ok()),
        ..Default::default()
    };
    match pcf_pact_host::serve(opts) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("{e}");
            ExitCode::from(2)
        }
    }
}

struct Host {
    child: Child,
    base: String,
    log: Arc<Mutex<Vec<String>>>,
}

impl Host {
    fn start(db: &Path, clients: &Path, requesters: &Path, cacert: Option<&Path>) -> Host {
        let mut cmd = Command::new(std::env::current_exe().expect("the test binary"));
        cmd.env(ROLE, "serve")
            .env("PCF_DB", db)
            .env("PCF_CLIENTS", clients)
            .env("PCF_REQUESTERS", requesters)
            .stdout(Stdio::null())
            .stderr(Stdio::piped());
        match cacert {
            Some(c) => cmd.env("PCF_CACERT", c),
            None => cmd.env("PCF_INSECURE_LOCALHOST", "1"),
        };
        let mut child = cmd.spawn().expect("the host starts");
        let stderr = child.stderr.take().expect("stderr");
        let log = Arc::new(Mutex::new(Vec::new()));
        let (tx, rx) = mpsc::channel();
        let lines = log.clone();
        std::thread::spawn(move || {
            for line in BufReader::new(stderr).lines().map_while(Result::ok) {
                if let Ok(v) = serde_json::from_str::<Value>(&line) {
                    if let Some(l) = v["listening"].as_str() {
                        let _ = tx.send(l.to_owned());
                    }
                }
                lines.lock().expect("log").push(line);
            }
        });
        let base = rx
            .recv_timeout(Duration::from_secs(60))
            .unwrap_or_else(|_| panic!("the host said no address: {:?}", log.lock()));
        Host { child, base, log }
    }

    /// The JSON lines of the log.
    fn log(&self) -> Vec<Value> {
        self.log
            .lock()
            .expect("log")
            .iter()
            .filter_map(|l| serde_json::from_str(l).ok())
            .collect()
    }

    /// The delivery lines of the answer to `request`.
    fn attempts(&self, request: &str) -> Vec<Value> {
        self.log()
            .into_iter()
            .filter(|l| l["requestEventId"] == request && l["callback"].is_string())
            .collect()
    }

    /// Waits (30 s at most, the conformance suite's window) until the answer to `request`
    /// is delivered or given up; its lines.
    fn settled(&self, request: &str) -> Vec<Value> {
        let start = Instant::now();
        loop {
            let lines = self.attempts(request);
            if lines.iter().any(|l| {
                ["delivered", "gave_up", "rescheduled"]
                    .contains(&l["outcome"].as_str().unwrap_or(""))
            }) {
                return lines;
            }
            assert!(
                start.elapsed() < Duration::from_secs(30),
                "no answer to {request} in 30 s: {:#?}",
                self.log()
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    }
}

impl Drop for Host {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

// ---------------------------------------------------------------------------------------
// A requester: an HTTPS server with `/auth/token` and `/3/events`, recording what it gets.

#[derive(Debug, Clone)]
struct TokenRequest {
    /// The path it came to (`/auth/token`, or the one the requester's OpenID configuration names).
    path: String,
    credentials: Option<(String, String)>,
    content_type: String,
    body: String,
}

#[derive(Debug, Clone)]
struct Received {
    content_type: String,
    authorization: String,
    body: Value,
    /// The status it was answered.
    answered: u16,
}

#[derive(Default)]
struct Seen {
    tokens: Vec<TokenRequest>,
    events: Vec<Received>,
    /// Requests to any other path: `METHOD PATH`.
    other: Vec<String>,
    issued: Vec<String>,
}

struct RequesterState {
    secret: String,
    /// Event posts still to answer 503.
    fail_next: AtomicUsize,
    /// How long the token endpoint takes to answer.
    token_delay_ms: AtomicU64,
    /// What `/.well-known/openid-configuration` answers (none: a 404, counted in `other`).
    openid: Mutex<Option<Value>>,
    seen: Mutex<Seen>,
}

struct Requester {
    url: String,
    cert_pem: String,
    state: Arc<RequesterState>,
}

fn basic(headers: &HeaderMap) -> Option<(String, String)> {
    let h = headers.get("authorization")?.to_str().ok()?;
    let b64 = h.strip_prefix("Basic ")?;
    let bytes = base64::engine::general_purpose::STANDARD.decode(b64).ok()?;
    let text = String::from_utf8(bytes).ok()?;
    let (id, secret) = text.split_once(':')?;
    Some((id.to_owned(), secret.to_owned()))
}

fn header(headers: &HeaderMap, name: &str) -> String {
    headers
        .get(name)
        .and_then(|h| h.to_str().ok())
        .unwrap_or("")
        .to_owned()
}

async fn requester_openid(State(st): State<Arc<RequesterState>>, req: Request) -> Response {
    let doc = st.openid.lock().expect("openid").clone();
    match doc {
        Some(doc) => (
            StatusCode::OK,
            [("content-type", "application/json")],
            doc.to_string(),
        )
            .into_response(),
        None => requester_other(State(st), req).await,
    }
}

async fn requester_token(
    State(st): State<Arc<RequesterState>>,
    uri: axum::http::Uri,
    headers: HeaderMap,
    body: String,
) -> Response {
    let delay = st.token_delay_ms.load(Ordering::SeqCst);
    if delay > 0 {
        tokio::time::sleep(Duration::from_millis(delay)).await;
    }
    let credentials = basic(&headers);
    let ok = credentials == Some((SUITE_ID.to_owned(), st.secret.clone()));
    let mut seen = st.seen.lock().expect("seen");
    seen.tokens.push(TokenRequest {
        path: uri.path().to_owned(),
        credentials,
        content_type: header(&headers, "content-type"),
        body,
    });
    if !ok {
        return (StatusCode::UNAUTHORIZED, "{\"error\":\"invalid_client\"}").into_response();
    }
    let token = format!("requester-token-{}", seen.issued.len() + 1);
    seen.issued.push(token.clone());
    // As the conformance suite's own token endpoint answers: the token alone.
    (
        StatusCode::OK,
        [("content-type", "application/json")],
        json!({"access_token": token}).to_string(),
    )
        .into_response()
}

async fn requester_event(
    State(st): State<Arc<RequesterState>>,
    headers: HeaderMap,
    body: String,
) -> Response {
    let authorization = header(&headers, "authorization");
    let mut seen = st.seen.lock().expect("seen");
    let known = authorization
        .strip_prefix("Bearer ")
        .is_some_and(|t| seen.issued.iter().any(|i| i == t));
    let answered = if !known {
        401
    } else if st
        .fail_next
        .fetch_update(Ordering::SeqCst, Ordering::SeqCst, |n| n.checked_sub(1))
        .is_ok()
    {
        503
    } else {
        200
    };
    seen.events.push(Received {
        content_type: header(&headers, "content-type"),
        authorization,
        body: serde_json::from_str(&body).unwrap_or(Value::String(body)),
        answered,
    });
    StatusCode::from_u16(answered)
        .unwrap_or(StatusCode::OK)
        .into_response()
}

async fn requester_other(State(st): State<Arc<RequesterState>>, req: Request) -> Response {
    st.seen
        .lock()
        .expect("seen")
        .other
        .push(format!("{} {}", req.method(), req.uri().path()));
    StatusCode::NOT_FOUND.into_response()
}

impl Requester {
    /// A requester accepting `test_client_id` with `secret`, on a free port of 127.0.0.1.
    fn start(secret: &str) -> Requester {
        Requester::start_at(secret, 0)
    }

    /// The same on `port` (0: any free one).
    fn start_at(secret: &str, port: u16) -> Requester {
        let made = rcgen::generate_simple_self_signed(vec!["127.0.0.1".to_owned()])
            .expect("a certificate");
        let key = rustls_pki_types::PrivateKeyDer::try_from(made.key_pair.serialize_der())
            .expect("a key");
        // ring, as the host (its tls.rs says why the deprecation is allowed).
        #[allow(deprecated)]
        let provider = Arc::new(rustls::crypto::ring::default_provider());
        let mut tls = rustls::ServerConfig::builder_with_provider(provider)
            .with_safe_default_protocol_versions()
            .expect("TLS versions")
            .with_no_client_auth()
            .with_single_cert(vec![made.cert.der().clone()], key)
            .expect("a TLS identity");
        tls.alpn_protocols = vec![b"http/1.1".to_vec()];
        let listener = std::net::TcpListener::bind(("127.0.0.1", port)).expect("a port");
        listener.set_nonblocking(true).expect("non-blocking");
        let port = listener.local_addr().expect("address").port();
        let state = Arc::new(RequesterState {
            secret: secret.to_owned(),
            fail_next: AtomicUsize::new(0),
            token_delay_ms: AtomicU64::new(0),
            openid: Mutex::new(None),
            seen: Mutex::new(Seen::default()),
        });
        let app = Router::new()
            .route("/auth/token", post(requester_token))
            .route("/oauth2/token", post(requester_token))
            .route("/.well-known/openid-configuration", get(requester_openid))
            .route("/3/events", post(requester_event))
            .fallback(requester_other)
            .with_state(state.clone());
        std::thread::spawn(move || {
            let rt = tokio::runtime::Builder::new_multi_thread()
                .worker_threads(1)
                .enable_all()
                .build()
                .expect("a runtime");
            rt.block_on(async move {
                let config = axum_server::tls_rustls::RustlsConfig::from_config(Arc::new(tls));
                let _ = axum_server::from_tcp_rustls(listener, config)
                    .serve(app.into_make_service())
                    .await;
            });
        });
        Requester {
            url: format!("https://127.0.0.1:{port}"),
            cert_pem: made.cert.pem(),
            state,
        }
    }

    fn tokens(&self) -> Vec<TokenRequest> {
        self.state.seen.lock().expect("seen").tokens.clone()
    }

    fn events(&self) -> Vec<Received> {
        self.state.seen.lock().expect("seen").events.clone()
    }

    fn other(&self) -> Vec<String> {
        self.state.seen.lock().expect("seen").other.clone()
    }

    /// The events answering `request`.
    fn answers(&self, request: &str) -> Vec<Received> {
        self.events()
            .into_iter()
            .filter(|e| e.body["data"]["requestEventId"] == request)
            .collect()
    }
}

// ---------------------------------------------------------------------------------------
// Test data, the schema, the context.

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn read(p: &Path) -> String {
    std::fs::read_to_string(p).unwrap_or_else(|e| panic!("{}: {e}", p.display()))
}

fn compute(example: &str) -> String {
    let text = read(&root().join("examples").join(example));
    pcf::compute_json(&text, pcf::FactorSet::builtin().expect("factors")).expect("computes")
}

fn meta(product: &str, company: &str, mass: Option<f64>) -> String {
    let mut m = json!({
        "companyName": "Example Supplier Co.",
        "companyIds": [company],
        "productIds": [product],
        "productDescription": "a pcf example",
        "crossSectoralStandards": ["ISO14067"],
    });
    if let Some(kg) = mass {
        m["productMassKg"] = json!(kg);
    }
    m.to_string()
}

/// A validator of a component of the v3 OpenAPI schema. The event components write
/// `properties: {$ref: '#/components/schemas/BaseEvent/properties'}`, which is not a schema
/// (JSON Schema reads it as a property named `$ref`); the `$ref: BaseEvent` beside it already
/// applies the base event's properties and required members, so that entry is dropped and
/// the rest of each event's schema kept as written.
fn validator(component: &str) -> jsonschema::Validator {
    let path = root().join("../shared/standards/pact/v3/openapi.yaml");
    let api: Value = serde_norway::from_str(&read(&path)).expect("YAML");
    let mut schemas = api["components"]["schemas"].clone();
    for (_, s) in schemas.as_object_mut().expect("schemas").iter_mut() {
        if let Some(props) = s.get_mut("properties").and_then(Value::as_object_mut) {
            if props.get("$ref").is_some_and(Value::is_string) {
                props.remove("$ref");
            }
        }
    }
    let schema = json!({
        "$ref": format!("#/components/schemas/{component}"),
        "components": {"schemas": schemas}
    });
    jsonschema::options()
        .with_draft(jsonschema::Draft::Draft202012)
        .should_validate_formats(true)
        .build(&schema)
        .expect("the PACT schema compiles")
}

fn schema_errors(v: &jsonschema::Validator, value: &Value) -> Vec<String> {
    v.iter_errors(value)
        .map(|e| format!("{}: {e}", e.instance_path()))
        .collect()
}

struct Ctx {
    _dir: tempfile::TempDir,
    dir: PathBuf,
    db: PathBuf,
    clients: PathBuf,
    host: Host,
    http: Client,
    token: String,
    /// Conformance suite's credentials.
    r1: Requester,
    /// Listed with a secret it refuses.
    r2: Requester,
    /// Not listed.
    r3: Requester,
    /// Listed; its certificate is not in the host's --cacert.
    r4: Requester,
    /// Listed; nothing listens there.
    down: String,
    fulfilled: jsonschema::Validator,
    rejected: jsonschema::Validator,
    footprint: jsonschema::Validator,
    error: jsonschema::Validator,
}

fn token_for(http: &Client, base: &str) -> String {
    let r = http
        .post(format!("{base}/auth/token"))
        .basic_auth("acme", Some("s3cret"))
        .body("grant_type=client_credentials")
        .send()
        .expect("token");
    assert_eq!(r.status(), 200);
    let v: Value = serde_json::from_str(&r.text().expect("body")).expect("JSON");
    v["access_token"].as_str().expect("access_token").to_owned()
}

impl Ctx {
    fn setup() -> Ctx {
        let tmp = tempfile::tempdir().expect("a temporary folder");
        let dir = tmp.path().to_path_buf();
        let db = dir.join("footprints.db");
        let clients = dir.join("clients.txt");
        std::fs::write(&clients, CLIENTS).expect("clients");
        let mut store = pcf_pact_host::Store::open(&db).expect("a database");
        let coil = meta("urn:pcf:test:coil", "urn:pcf:test:acme", None);
        pcf_pact_host::publish(&mut store, &compute("steel-bf-bof-coil.json"), Some(&coil))
            .expect("coil");
        pcf_pact_host::publish(
            &mut store,
            &compute("battery-nmc811-per-kwh.json"),
            Some(&meta(
                "urn:pcf:test:cell",
                "urn:pcf:test:volta",
                Some(520.0),
            )),
        )
        .expect("battery");
        pcf_pact_host::publish(&mut store, &compute("steel-dri-eaf-slab.json"), Some(&coil))
            .expect("coil v2");
        drop(store);
        let r1 = Requester::start(SUITE_SECRET);
        let r2 = Requester::start("the-real-secret");
        let r3 = Requester::start(SUITE_SECRET);
        let r4 = Requester::start(SUITE_SECRET);
        let down = {
            let l = std::net::TcpListener::bind("127.0.0.1:0").expect("a port");
            format!(
                "https://127.0.0.1:{}",
                l.local_addr().expect("address").port()
            )
        };
        let requesters = dir.join("requesters.txt");
        std::fs::write(
            &requesters,
            format!(
                "# the conformance suite's convention\n{} {SUITE_ID}:{SUITE_SECRET}\n\
                 {}/ {SUITE_ID}:not-the-secret\n\
                 {down} {SUITE_ID}:{SUITE_SECRET}\n\
                 {}/3/events {SUITE_ID}:{SUITE_SECRET}\n",
                r1.url, r2.url, r4.url
            ),
        )
        .expect("requesters");
        let cacert = dir.join("requesters.pem");
        std::fs::write(
            &cacert,
            format!("{}{}{}", r1.cert_pem, r2.cert_pem, r3.cert_pem),
        )
        .expect("bundle");
        let host = Host::start(&db, &clients, &requesters, Some(&cacert));
        let http = Client::builder()
            // The host's certificate is self-signed, made at its start: for these tests only.
            .danger_accept_invalid_certs(true)
            .timeout(Duration::from_secs(30))
            .build()
            .expect("client");
        let token = token_for(&http, &host.base);
        Ctx {
            _dir: tmp,
            dir,
            db,
            clients,
            host,
            http,
            token,
            r1,
            r2,
            r3,
            r4,
            down,
            fulfilled: validator("RequestFulfilledEvent"),
            rejected: validator("RequestRejectedEvent"),
            footprint: validator("ProductFootprint"),
            error: validator("Error"),
        }
    }

    fn request(&self, id: &str, source: &str, data: Value) -> reqwest::blocking::Response {
        self.request_to(&self.host.base, &self.token, id, source, data)
    }

    /// A RequestCreatedEvent with `id`, `source` and `data`, posted to the host at `base`.
    fn request_to(
        &self,
        base: &str,
        token: &str,
        id: &str,
        source: &str,
        data: Value,
    ) -> reqwest::blocking::Response {
        let body = json!({
            "specversion": "1.0",
            "id": id,
            "source": source,
            "time": "2025-03-05T17:31:00.000Z",
            "type": "org.wbcsd.pact.ProductFootprint.RequestCreatedEvent.3",
            "data": data,
        });
        self.http
            .post(format!("{base}/3/events"))
            .bearer_auth(token)
            .header("Content-Type", EVENT_TYPE)
            .body(body.to_string())
            .send()
            .expect("POST /3/events")
    }

    fn list(&self, query: &str) -> Vec<Value> {
        let r = self
            .http
            .get(format!("{}/3/footprints?{query}", self.host.base))
            .bearer_auth(&self.token)
            .send()
            .expect("GET");
        assert_eq!(r.status(), 200, "?{query}");
        let v: Value = serde_json::from_str(&r.text().expect("body")).expect("JSON");
        v["data"].as_array().expect("data").clone()
    }

    /// Waits for the answers to `request` at `r` once the host has settled it.
    fn answered(&self, r: &Requester, request: &str) -> (Vec<Received>, Vec<Value>) {
        let lines = self.host.settled(request);
        (r.answers(request), lines)
    }
}

fn accepted(r: reqwest::blocking::Response) {
    assert_eq!(r.status(), 200);
    assert_eq!(r.text().expect("body"), "");
}

fn ids(list: &[Value]) -> Vec<&str> {
    list.iter()
        .map(|f| f["id"].as_str().unwrap_or(""))
        .collect()
}

// ---------------------------------------------------------------------------------------
// The cases.

/// TC12 and TC13: the 200 comes at once (the requester's token endpoint is made slow, and
/// nothing has reached it when the 200 does); the answer is a RequestFulfilledEvent at
/// exactly `/3/events` with a token got with the suite's credentials, valid against the spec's
/// schema, carrying the footprints `GET /3/footprints?productId=…` lists.
fn tc12_tc13_a_request_is_answered_with_the_footprints_meeting_it(c: &Ctx) {
    let product = "urn:pcf:test:coil";
    c.r1.state.token_delay_ms.store(2000, Ordering::SeqCst);
    let started = Instant::now();
    let r = c.request(
        "run-1/13",
        &c.r1.url,
        json!({"productId": [product], "comment": "Please send PCF data for this year."}),
    );
    let waited = started.elapsed();
    let nothing_yet = c.r1.tokens().len() + c.r1.events().len();
    accepted(r);
    assert!(waited < Duration::from_secs(2), "the 200 took {waited:?}");
    assert_eq!(nothing_yet, 0, "the 200 waited for the answer");
    let (answers, lines) = c.answered(&c.r1, "run-1/13");
    c.r1.state.token_delay_ms.store(0, Ordering::SeqCst);
    assert_eq!(answers.len(), 1, "{answers:#?}");
    let a = &answers[0];
    assert_eq!(a.answered, 200);
    assert_eq!(a.content_type, EVENT_TYPE);
    // The token came from the requester's /auth/token, with the configured credentials.
    let tokens = c.r1.tokens();
    assert_eq!(tokens.len(), 1);
    assert_eq!(
        tokens[0].credentials,
        Some((SUITE_ID.to_owned(), SUITE_SECRET.to_owned()))
    );
    assert_eq!(tokens[0].body, "grant_type=client_credentials");
    assert_eq!(tokens[0].content_type, "application/x-www-form-urlencoded");
    assert_eq!(a.authorization, "Bearer requester-token-1");
    assert_eq!(tokens[0].path, "/auth/token");
    // It looked for an OpenID configuration first (r1 has none: PACT's /auth/token then).
    assert_eq!(c.r1.other(), ["GET /.well-known/openid-configuration"]);
    // The event.
    let e = &a.body;
    let errors = schema_errors(&c.fulfilled, e);
    assert!(errors.is_empty(), "{errors:#?}");
    assert_eq!(
        e["type"],
        "org.wbcsd.pact.ProductFootprint.RequestFulfilledEvent.3"
    );
    assert_eq!(e["specversion"], "1.0");
    assert_eq!(e["source"], c.host.base);
    let id = e["id"].as_str().expect("id");
    assert_eq!(
        uuid::Uuid::try_parse(id).expect("a UUID").get_version_num(),
        4
    );
    let sent = pcf::pact::parse_date_time(e["time"].as_str().expect("time")).expect("RFC 3339");
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .expect("now")
        .as_secs() as i64;
    assert!((now - sent).abs() < 120, "time {}", e["time"]);
    assert_eq!(e["data"]["requestEventId"], "run-1/13");
    let pfs = e["data"]["pfs"].as_array().expect("pfs");
    let listed = c.list(&format!("productId={product}"));
    assert_eq!(listed.len(), 2);
    assert_eq!(
        pfs, &listed,
        "the footprints as GET /3/footprints serves them"
    );
    for pf in pfs {
        let errors = schema_errors(&c.footprint, pf);
        assert!(errors.is_empty(), "{errors:#?}");
        let report =
            pcf::pact::check::check_report(&pf.to_string(), Some(pcf::pact::Spec::V3), None)
                .expect("a footprint");
        assert!(report.conformant, "{:?}", report.schema);
        // Every product of the answer is one the request asked for (the suite's check).
        assert_eq!(pf["productIds"], json!([product]));
    }
    // The host's log: one attempt, delivered, with the requester's URL.
    assert_eq!(lines.len(), 1, "{lines:#?}");
    let l = &lines[0];
    assert_eq!(l["callback"], "RequestFulfilledEvent");
    assert_eq!(l["requester"], c.r1.url);
    assert_eq!(l["attempt"], 1);
    assert_eq!(l["outcome"], "delivered");
    assert_eq!(l["status"], 200);
    assert_eq!(l["footprints"], 2);
    assert_eq!(l["eventId"], id);
}

/// A requester whose OpenID Provider Configuration names another token endpoint gets its
/// token asked there; a configuration naming a plain-http endpoint, or none, leaves PACT's
/// `/auth/token`.
fn a_requester_s_openid_configuration_names_its_token_endpoint(c: &Ctx) {
    let product = json!({"productId": ["urn:pcf:test:coil"]});
    let asked = |id: &str| {
        accepted(c.request(id, &c.r1.url, product.clone()));
        let (answers, lines) = c.answered(&c.r1, id);
        assert_eq!(answers.len(), 1, "{lines:#?}");
        assert_eq!(answers[0].answered, 200);
        c.r1.tokens().last().expect("a token request").path.clone()
    };
    *c.r1.state.openid.lock().expect("openid") = Some(json!({
        "issuer": c.r1.url,
        "token_endpoint": format!("{}/oauth2/token", c.r1.url),
    }));
    assert_eq!(asked("openid/1"), "/oauth2/token");
    *c.r1.state.openid.lock().expect("openid") = Some(json!({
        "token_endpoint": format!("{}/oauth2/token", c.r1.url.replace("https:", "http:")),
    }));
    assert_eq!(asked("openid/2"), "/auth/token");
    *c.r1.state.openid.lock().expect("openid") = Some(json!({"issuer": c.r1.url}));
    assert_eq!(asked("openid/3"), "/auth/token");
    *c.r1.state.openid.lock().expect("openid") = None;
}

/// TC14: nothing meets `productId: ["urn:pact:null"]`: a RequestRejectedEvent whose error has
/// a code and a message.
fn tc14_a_request_nothing_meets_is_rejected(c: &Ctx) {
    accepted(c.request(
        "run-1/14.B",
        &c.r1.url,
        json!({"productId": ["urn:pact:null"], "comment": "Please send PCF data for this year."}),
    ));
    let (answers, lines) = c.answered(&c.r1, "run-1/14.B");
    assert_eq!(answers.len(), 1, "{answers:#?}");
    let e = &answers[0].body;
    let errors = schema_errors(&c.rejected, e);
    assert!(errors.is_empty(), "{errors:#?}");
    assert!(c.error.is_valid(&e["data"]["error"]), "{e}");
    assert_eq!(
        e["type"],
        "org.wbcsd.pact.ProductFootprint.RequestRejectedEvent.3"
    );
    assert_eq!(e["data"]["requestEventId"], "run-1/14.B");
    assert_eq!(
        e["data"]["error"],
        json!({"code": "NotFound", "message": "no footprint of this host meets the request (productId urn:pact:null)"})
    );
    assert_eq!(lines.len(), 1, "{lines:#?}");
    assert_eq!(
        (
            lines[0]["callback"].as_str(),
            lines[0]["outcome"].as_str(),
            lines[0]["footprints"].as_u64()
        ),
        (Some("RequestRejectedEvent"), Some("delivered"), Some(0))
    );
}

/// The request's criteria are the list's filters: company and status together select what
/// `GET /3/footprints?companyId=…&status=Active` lists; the earlier form
/// `data.pf.productIds` (v2's, and the suite's earlier v3 cases') names the products when
/// `data.productId` does not.
fn the_request_s_criteria_are_the_list_s_filters(c: &Ctx) {
    accepted(c.request(
        "criteria-1",
        &c.r1.url,
        json!({"companyId": ["urn:pcf:test:acme"], "status": ["Active"]}),
    ));
    accepted(c.request(
        "criteria-2",
        &c.r1.url,
        json!({"pf": {"productIds": ["URN:PCF:TEST:CELL"]}}),
    ));
    let (a, _) = c.answered(&c.r1, "criteria-1");
    let listed = c.list("companyId=urn:pcf:test:acme&status=Active");
    assert_eq!(listed.len(), 1);
    assert_eq!(
        ids(a[0].body["data"]["pfs"].as_array().expect("pfs")),
        ids(&listed)
    );
    let (a, _) = c.answered(&c.r1, "criteria-2");
    let cell = c.list("productId=urn:pcf:test:cell");
    assert_eq!(cell.len(), 1);
    assert_eq!(a[0].body["data"]["pfs"], json!(cell));
}

/// A requester answering 503 gets the same event again after 1 s and 2 s (a fresh token each
/// time); each attempt is a log line.
fn a_requester_answering_503_gets_the_answer_again(c: &Ctx) {
    c.r1.state.fail_next.store(2, Ordering::SeqCst);
    let tokens_before = c.r1.tokens().len();
    accepted(c.request(
        "retry-1",
        &c.r1.url,
        json!({"productId": ["urn:pcf:test:cell"]}),
    ));
    let (answers, lines) = c.answered(&c.r1, "retry-1");
    let statuses: Vec<u16> = answers.iter().map(|a| a.answered).collect();
    assert_eq!(statuses, vec![503, 503, 200]);
    // The same event each time: its id does not change.
    assert!(answers.iter().all(|a| a.body == answers[0].body));
    assert_eq!(c.r1.tokens().len() - tokens_before, 3);
    let summary: Vec<(u64, &str, Option<u64>, Option<u64>)> = lines
        .iter()
        .map(|l| {
            (
                l["attempt"].as_u64().unwrap_or(0),
                l["outcome"].as_str().unwrap_or(""),
                l["status"].as_u64(),
                l["retry_in_ms"].as_u64(),
            )
        })
        .collect();
    assert_eq!(
        summary,
        vec![
            (1, "server_error", Some(503), Some(1000)),
            (2, "server_error", Some(503), Some(2000)),
            (3, "delivered", Some(200), None),
        ]
    );
    assert!(lines.iter().all(|l| l["requester"] == c.r1.url));
}

/// Credentials the requester refuses: one attempt (a 401 is not tried again), logged, then
/// given up; nothing is posted.
fn refused_credentials_are_logged_and_not_tried_again(c: &Ctx) {
    accepted(c.request(
        "refused-1",
        &format!("{}/3/events", c.r2.url),
        json!({"productId": ["urn:pcf:test:cell"]}),
    ));
    let lines = c.host.settled("refused-1");
    let tokens = c.r2.tokens();
    assert_eq!(tokens.len(), 1);
    assert_eq!(
        tokens[0].credentials,
        Some((SUITE_ID.to_owned(), "not-the-secret".to_owned()))
    );
    assert!(c.r2.events().is_empty());
    assert_eq!(lines.len(), 2, "{lines:#?}");
    assert_eq!(lines[0]["outcome"], "token_refused");
    assert_eq!(lines[0]["status"], 401);
    assert_eq!(lines[0]["requester"], c.r2.url);
    assert!(
        lines[0]["detail"]
            .as_str()
            .is_some_and(|d| d.starts_with(&format!("{}/auth/token answered 401", c.r2.url))),
        "{}",
        lines[0]
    );
    assert_eq!(
        (lines[1]["outcome"].as_str(), lines[1]["attempts"].as_u64()),
        (Some("gave_up"), Some(1))
    );
}

/// A source the requesters file does not list: 403 naming it, a log line, and nothing is
/// ever sent there (R3's certificate is even trusted: the list alone decides).
fn a_source_without_credentials_is_refused_and_never_called(c: &Ctx) {
    let r = c.request(
        "unlisted-1",
        &c.r3.url,
        json!({"productId": ["urn:pcf:test:cell"]}),
    );
    assert_eq!(r.status(), 403);
    let v: Value = serde_json::from_str(&r.text().expect("body")).expect("JSON");
    assert!(c.error.is_valid(&v), "{v}");
    assert_eq!(v["code"], "AccessDenied");
    assert_eq!(
        v["message"],
        format!("$.source: `{}` is not a requester this host answers (its operator lists them with --requesters); the footprints can be listed with GET /3/footprints", c.r3.url)
    );
    std::thread::sleep(Duration::from_secs(2));
    assert!(c.r3.tokens().is_empty() && c.r3.events().is_empty() && c.r3.other().is_empty());
    assert!(c.host.attempts("unlisted-1").is_empty());
    let refused: Vec<Value> = c
        .host
        .log()
        .into_iter()
        .filter(|l| l["refused"]["id"] == "unlisted-1")
        .collect();
    assert_eq!(refused.len(), 1);
    assert_eq!(refused[0]["refused"]["source"], c.r3.url);
    assert_eq!(refused[0]["client"], "acme");
}

/// A requester nobody answers for: four attempts (after 1, 2 and 4 s), each logged with its
/// URL, then given up; meanwhile and after, the host serves.
fn a_requester_that_is_down_leaves_the_host_serving(c: &Ctx) {
    accepted(c.request(
        "down-1",
        &c.down,
        json!({"productId": ["urn:pcf:test:cell"]}),
    ));
    assert_eq!(c.list("").len(), 3);
    let lines = c.host.settled("down-1");
    let outcomes: Vec<(&str, &str)> = lines
        .iter()
        .map(|l| {
            (
                l["outcome"].as_str().unwrap_or(""),
                l["requester"].as_str().unwrap_or(""),
            )
        })
        .collect();
    let down = c.down.as_str();
    assert_eq!(
        outcomes,
        vec![
            ("network", down),
            ("network", down),
            ("network", down),
            ("network", down),
            ("rescheduled", down)
        ]
    );
    // The round is over; the answer stays stored for the next, 30 s on.
    assert_eq!(lines[4]["rounds"], 1);
    let next = pcf::pact::parse_date_time(lines[4]["next_round"].as_str().expect("next_round"))
        .expect("RFC 3339");
    let said = pcf::pact::parse_date_time(lines[4]["time"].as_str().expect("time")).expect("time");
    assert_eq!(next - said, 30);
    let store = pcf_pact_host::Store::open(&c.db).expect("the database");
    let stored = store.due_answers(i64::MAX).expect("answers");
    let mine: Vec<_> = stored
        .iter()
        .filter(|a| a.answer_id == lines[4]["eventId"].as_str().unwrap_or(""))
        .collect();
    assert_eq!(mine.len(), 1, "{stored:#?}");
    assert_eq!((mine[0].requester.as_str(), mine[0].attempts), (down, 1));
    assert!(
        lines[0]["detail"]
            .as_str()
            .is_some_and(|d| d.starts_with(&format!("{down}/auth/token"))),
        "{}",
        lines[0]
    );
    // Still serving, tokens and all.
    let token = token_for(&c.http, &c.host.base);
    assert!(token.len() > 20, "{token}");
    assert_eq!(c.list("productId=urn:pcf:test:coil").len(), 2);
}

/// A requester whose certificate is not trusted is not sent anything: the TLS handshake fails
/// (logged as a network failure naming the certificate), as for any host.
fn an_untrusted_requester_certificate_gets_nothing(c: &Ctx) {
    accepted(c.request(
        "untrusted-1",
        &c.r4.url,
        json!({"productId": ["urn:pcf:test:cell"]}),
    ));
    let lines = c.host.settled("untrusted-1");
    assert_eq!(lines.len(), 5, "{lines:#?}");
    assert!(
        lines[..4].iter().all(|l| l["outcome"] == "network"
            && l["detail"]
                .as_str()
                .is_some_and(|d| d.to_lowercase().contains("certificate"))),
        "{lines:#?}"
    );
    assert!(c.r4.tokens().is_empty() && c.r4.events().is_empty());
}

/// `--insecure-localhost`: a requester on this machine is answered whatever its certificate
/// (a second host, on the same database, without `--cacert`).
fn insecure_localhost_answers_a_local_requester(c: &Ctx) {
    let requesters = c.dir.join("local-requesters.txt");
    std::fs::write(
        &requesters,
        format!("{} {SUITE_ID}:{SUITE_SECRET}\n", c.r4.url),
    )
    .expect("file");
    let host = Host::start(&c.db, &c.clients, &requesters, None);
    let token = token_for(&c.http, &host.base);
    accepted(c.request_to(
        &host.base,
        &token,
        "local-1",
        &c.r4.url,
        json!({"productId": ["urn:pcf:test:cell"]}),
    ));
    let lines = host.settled("local-1");
    assert_eq!(lines.len(), 1, "{lines:#?}");
    assert_eq!(lines[0]["outcome"], "delivered");
    let answers = c.r4.answers("local-1");
    assert_eq!(answers.len(), 1);
    assert_eq!(answers[0].body["source"], host.base);
}

/// An answer outlives a kill -9 of the host: it was stored before the request had its 200,
/// and the host started again on the same database delivers it (with the id it was given)
/// once its round is due, 30 s after the request, to a requester that was down until then.
fn an_answer_outlives_a_kill_of_the_host(c: &Ctx) {
    let dir = c.dir.join("restart");
    std::fs::create_dir_all(&dir).expect("folder");
    let db = dir.join("restart.db");
    let mut store = pcf_pact_host::Store::open(&db).expect("a database");
    pcf_pact_host::publish(
        &mut store,
        &compute("steel-bf-bof-coil.json"),
        Some(&meta("urn:pcf:test:coil", "urn:pcf:test:acme", None)),
    )
    .expect("coil");
    drop(store);
    // A port where nothing listens yet.
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .expect("a port")
        .port();
    let url = format!("https://127.0.0.1:{port}");
    let requesters = dir.join("requesters.txt");
    std::fs::write(&requesters, format!("{url} {SUITE_ID}:{SUITE_SECRET}\n")).expect("file");
    let mut host = Host::start(&db, &c.clients, &requesters, None);
    let token = token_for(&c.http, &host.base);
    let asked = Instant::now();
    accepted(c.request_to(
        &host.base,
        &token,
        "restart-1",
        &url,
        json!({"productId": ["urn:pcf:test:coil"]}),
    ));
    let accepted_line = host
        .log()
        .into_iter()
        .find(|l| l["accepted"]["id"] == "restart-1")
        .expect("the accepted line");
    let answer_id = accepted_line["accepted"]["eventId"]
        .as_str()
        .expect("eventId")
        .to_owned();
    let _ = host.child.kill(); // SIGKILL: no chance to finish anything
    let _ = host.child.wait();
    let requester = Requester::start_at(SUITE_SECRET, port);
    let host = Host::start(&db, &c.clients, &requesters, None);
    let lines = loop {
        let lines = host.attempts("restart-1");
        if lines.iter().any(|l| l["outcome"] == "delivered") {
            break lines;
        }
        assert!(
            asked.elapsed() < Duration::from_secs(90),
            "not delivered after the restart: {:#?}",
            host.log()
        );
        std::thread::sleep(Duration::from_millis(100));
    };
    assert!(
        asked.elapsed() >= Duration::from_secs(29),
        "due 30 s after the request"
    );
    let answers = requester.answers("restart-1");
    assert_eq!(answers.len(), 1, "{lines:#?}");
    assert_eq!(answers[0].answered, 200);
    assert_eq!(answers[0].body["id"], answer_id.as_str());
    assert_eq!(
        answers[0].body["type"],
        "org.wbcsd.pact.ProductFootprint.RequestFulfilledEvent.3"
    );
    let errors = schema_errors(&c.fulfilled, &answers[0].body);
    assert!(errors.is_empty(), "{errors:#?}");
    // Settled: nothing left to deliver.
    std::thread::sleep(Duration::from_millis(300));
    let store = pcf_pact_host::Store::open(&db).expect("the database");
    assert!(store.due_answers(i64::MAX).expect("answers").is_empty());
}

/// Stored answers have a limit: with two waiting for a requester that is down, a third
/// request is a 429 and nothing more is stored.
fn stored_answers_have_a_limit(c: &Ctx) {
    let dir = c.dir.join("limit");
    std::fs::create_dir_all(&dir).expect("folder");
    let db = dir.join("limit.db");
    drop(pcf_pact_host::Store::open(&db).expect("a database"));
    let requesters = dir.join("requesters.txt");
    std::fs::write(
        &requesters,
        format!("{} {SUITE_ID}:{SUITE_SECRET}\n", c.down),
    )
    .expect("file");
    std::env::set_var("PCF_MAX_STORED_ANSWERS", "2");
    let host = Host::start(&db, &c.clients, &requesters, None);
    std::env::remove_var("PCF_MAX_STORED_ANSWERS");
    let token = token_for(&c.http, &host.base);
    let ask = |id: &str| {
        c.request_to(
            &host.base,
            &token,
            id,
            &c.down,
            json!({"productId": ["urn:pcf:test:coil"]}),
        )
    };
    accepted(ask("limit-1"));
    accepted(ask("limit-2"));
    let r = ask("limit-3");
    assert_eq!(r.status(), 429);
    assert_eq!(
        r.headers().get("retry-after").and_then(|h| h.to_str().ok()),
        Some("60")
    );
    let body: Value = serde_json::from_str(&r.text().expect("body")).expect("JSON");
    assert_eq!(body["code"], "BadRequest");
    assert_eq!(
        body["message"],
        "2 answers to requests are waiting for their requesters: send the request again later"
    );
    let store = pcf_pact_host::Store::open(&db).expect("the database");
    assert_eq!(store.due_answers(i64::MAX).expect("answers").len(), 2);
}

/// At most 32 answers are on their way at once: with the requester slow to give tokens, the
/// 33rd request is a 429; the 32 are all delivered.
fn at_most_32_answers_are_on_their_way(c: &Ctx) {
    c.r1.state.token_delay_ms.store(3000, Ordering::SeqCst);
    let token = &c.token;
    let post = |id: &str| {
        let body = json!({
            "specversion": "1.0", "id": id, "source": c.r1.url, "time": "2025-03-05T17:31:00Z",
            "type": "org.wbcsd.pact.ProductFootprint.RequestCreatedEvent.3",
            "data": {"productId": ["urn:pcf:test:cell"]},
        });
        c.http
            .post(format!("{}/3/events", c.host.base))
            .bearer_auth(token)
            .header("Content-Type", EVENT_TYPE)
            .body(body.to_string())
            .send()
            .expect("POST")
    };
    for i in 0..32 {
        assert_eq!(post(&format!("burst-{i}")).status(), 200, "request {i}");
    }
    let r = post("burst-32");
    assert_eq!(r.status(), 429);
    assert_eq!(
        r.headers().get("retry-after").and_then(|h| h.to_str().ok()),
        Some("10")
    );
    let v: Value = serde_json::from_str(&r.text().expect("body")).expect("JSON");
    assert_eq!(
        v["message"],
        "32 answers to requests are on their way: send the request again later"
    );
    for i in 0..32 {
        let lines = c.host.settled(&format!("burst-{i}"));
        assert_eq!(
            lines.last().map(|l| l["outcome"].clone()),
            Some(json!("delivered"))
        );
    }
    c.r1.state.token_delay_ms.store(0, Ordering::SeqCst);
    assert!(c.host.attempts("burst-32").is_empty());
}

// ---------------------------------------------------------------------------------------
// The runner (as tests/host.rs).

type Case = harness::Case<Ctx>;

const CASES: &[Case] = &[
    (
        "tc12_tc13_a_request_is_answered_with_the_footprints_meeting_it",
        tc12_tc13_a_request_is_answered_with_the_footprints_meeting_it,
    ),
    (
        "a_requester_s_openid_configuration_names_its_token_endpoint",
        a_requester_s_openid_configuration_names_its_token_endpoint,
    ),
    (
        "tc14_a_request_nothing_meets_is_rejected",
        tc14_a_request_nothing_meets_is_rejected,
    ),
    (
        "an_answer_outlives_a_kill_of_the_host",
        an_answer_outlives_a_kill_of_the_host,
    ),
    ("stored_answers_have_a_limit", stored_answers_have_a_limit),
    (
        "the_request_s_criteria_are_the_list_s_filters",
        the_request_s_criteria_are_the_list_s_filters,
    ),
    (
        "a_requester_answering_503_gets_the_answer_again",
        a_requester_answering_503_gets_the_answer_again,
    ),
    (
        "refused_credentials_are_logged_and_not_tried_again",
        refused_credentials_are_logged_and_not_tried_again,
    ),
    (
        "a_source_without_credentials_is_refused_and_never_called",
        a_source_without_credentials_is_refused_and_never_called,
    ),
    (
        "a_requester_that_is_down_leaves_the_host_serving",
        a_requester_that_is_down_leaves_the_host_serving,
    ),
    (
        "an_untrusted_requester_certificate_gets_nothing",
        an_untrusted_requester_certificate_gets_nothing,
    ),
    (
        "insecure_localhost_answers_a_local_requester",
        insecure_localhost_answers_a_local_requester,
    ),
    (
        "at_most_32_answers_are_on_their_way",
        at_most_32_answers_are_on_their_way,
    ),
];

fn main() -> ExitCode {
    if std::env::var(ROLE).as_deref() == Ok("serve") {
        return child_serve();
    }
    harness::run(CASES, Ctx::setup)
}
