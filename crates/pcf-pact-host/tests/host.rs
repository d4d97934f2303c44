//! The PACT v3 host as a process, as the conformance suite sees it (`../shared/docs/PACT-API.md`,
//! cases TC1–11, 15, 16, 20–40; TC12–14, the answers to requests, are tests/callback.rs's),
//! plus plain http, bad tokens, oversized bodies, malformed events, a request from a source
//! the host cannot answer, the rate limit, versions and a kill -9 during a burst of publishes.
//!
//! The server is this test binary itself, started again as a process with
//! `PCF_PACT_HOST_TEST_ROLE=serve` (it then runs `pcf_pact_host::serve`, what `pcf pact serve`
//! runs) on a random port with a temporary database; `…=publish` makes it a publisher
//! (`pcf_pact_host::publish_files`, what `pcf pact publish` runs) printing one line per stored
//! footprint. Hence `harness = false` and the small runner at the end: `cargo test -p
//! pcf-pact-host --test host -- NAME` runs the cases whose name contains NAME.
//!
//! With `PCF_TEST_POSTGRES` and the `postgres` feature (scripts/test-postgres.sh), every case
//! runs against the PostgreSQL store instead of an SQLite file ([`fresh_db`]).
//!
//! The test data are three of pcf's shipped examples computed by `pcf::compute_json` (what
//! `pcf compute` runs) and published: a coil (later replaced by a second version, so it is
//! Deprecated), a battery, the coil's new version. Every footprint served is validated
//! against the official v3 schema in `../shared/standards/pact/v3/openapi.yaml` (read there,
//! never copied).
#![cfg(not(target_arch = "wasm32"))]

mod harness;

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, ExitCode, Stdio};
use std::sync::mpsc;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use reqwest::blocking::{Client, Response};
use serde_json::{json, Value};

const ROLE: &str = "PCF_PACT_HOST_TEST_ROLE";
const CLIENTS: &str = "acme:s3cret\nburst:b\n";

// ---------------------------------------------------------------------------------------
// The child roles.

fn child_serve() -> ExitCode {
    let env = |k: &str| std::env::var(k).ok().map(PathBuf::from);
    let opts = pcf_pact_host::ServeOptions {
        db: env("PCF_DB").unwrap_or_default(),
        listen: "127.0.0.1:0".into(),
        cert: None,
        key: None,
        clients: env("PCF_CLIENTS"),
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

fn child_publish() -> ExitCode {
    use std::io::Write;
    let db = std::env::var("PCF_DB").unwrap_or_default();
    let meta = std::env::var("PCF_META")
        .ok()
        .and_then(|p| std::fs::read_to_string(p).ok());
    let files: Vec<(String, String)> = std::env::var("PCF_FILES")
        .unwrap_or_default()
        .lines()
        .map(|f| (f.to_owned(), std::fs::read_to_string(f).unwrap_or_default()))
        .collect();
    let mut store = match pcf_pact_host::Store::open(Path::new(&db)) {
        Ok(s) => s,
        Err(e) => {
            eprintln!("{e}");
            return ExitCode::from(2);
        }
    };
    let mut out = std::io::stdout().lock();
    let r = pcf_pact_host::publish_files(&mut store, &files, meta.as_deref(), |f, p| {
        let _ = writeln!(out, "{}", p.json(f));
        let _ = out.flush();
    });
    match r {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("{e}");
            ExitCode::from(2)
        }
    }
}

// ---------------------------------------------------------------------------------------
// A server process.

struct Server {
    child: Child,
    base: String,
    port: u16,
    log: Arc<Mutex<Vec<String>>>,
}

impl Server {
    fn start(db: &Path, clients: &Path) -> Server {
        let exe = std::env::current_exe().expect("the test binary");
        let mut child = Command::new(exe)
            .env(ROLE, "serve")
            .env("PCF_DB", db)
            .env("PCF_CLIENTS", clients)
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .expect("the server starts");
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
            .unwrap_or_else(|_| panic!("the server said no address: {:?}", log.lock()));
        let port = base
            .rsplit(':')
            .next()
            .and_then(|p| p.parse().ok())
            .expect("a port");
        Server {
            child,
            base,
            port,
            log,
        }
    }

    fn kill9(&mut self) {
        // Child::kill is SIGKILL on Unix.
        let _ = self.child.kill();
        let _ = self.child.wait();
    }

    fn log_lines(&self) -> Vec<String> {
        self.log.lock().expect("log").clone()
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        self.kill9();
    }
}

/// A new, empty footprint database: a file in `dir`, or, when `PCF_TEST_POSTGRES` names a
/// PostgreSQL server (scripts/test-postgres.sh: `postgres://USER@HOST:PORT/postgres`, the
/// password in `PGPASSWORD`) and the `postgres` feature is on, a new database on that server,
/// whose URL the server and the publisher get as their `--db`.
fn fresh_db(dir: &Path, name: &str) -> PathBuf {
    #[cfg(feature = "postgres")]
    if let Ok(url) = std::env::var("PCF_TEST_POSTGRES") {
        let mut config: postgres::Config = url.parse().expect("PCF_TEST_POSTGRES is a URL");
        if let Ok(p) = std::env::var("PGPASSWORD") {
            config.password(p);
        }
        let mut admin = config
            .connect(postgres::NoTls)
            .expect("the test's PostgreSQL server answers");
        let db = format!("pcf_test_{}_{name}", std::process::id());
        // One statement each: PostgreSQL runs several sent at once in one transaction, where
        // neither may run.
        for sql in [
            format!("DROP DATABASE IF EXISTS {db}"),
            format!("CREATE DATABASE {db}"),
        ] {
            admin.batch_execute(&sql).expect("a new database");
        }
        let base = url.rsplit_once('/').map_or(url.as_str(), |(b, _)| b);
        return PathBuf::from(format!("{base}/{db}"));
    }
    dir.join(format!("{name}.db"))
}

fn client() -> Client {
    Client::builder()
        // The server's certificate is self-signed, made at its start: for these tests only.
        .danger_accept_invalid_certs(true)
        .timeout(Duration::from_secs(30))
        .build()
        .expect("an HTTPS client")
}

fn token_for(c: &Client, base: &str, id: &str, secret: &str) -> String {
    let r = c
        .post(format!("{base}/auth/token"))
        .basic_auth(id, Some(secret))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .body("grant_type=client_credentials")
        .send()
        .expect("token request");
    assert_eq!(r.status(), 200);
    let v: Value = r.json_value();
    v["access_token"].as_str().expect("access_token").to_owned()
}

trait JsonValue {
    fn json_value(self) -> Value;
}

impl JsonValue for Response {
    fn json_value(self) -> Value {
        let text = self.text().expect("a body");
        serde_json::from_str(&text).unwrap_or_else(|e| panic!("not JSON ({e}): {text}"))
    }
}

// ---------------------------------------------------------------------------------------
// Test data and the schema.

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

fn meta(
    product: &str,
    company: &str,
    country: &str,
    class: &str,
    validity: Option<(&str, &str)>,
) -> String {
    let mut m = json!({
        "companyName": "Example Supplier Co.",
        "companyIds": [company],
        "productIds": [product],
        "productNameCompany": product.rsplit(':').next(),
        "productDescription": "a pcf example",
        "productClassifications": [class],
        "geographyCountry": country,
        "crossSectoralStandards": ["ISO14067"],
    });
    if let Some((s, e)) = validity {
        m["validityPeriodStart"] = json!(s);
        m["validityPeriodEnd"] = json!(e);
    }
    m.to_string()
}

/// A validator of a component of the v3 OpenAPI schema (`ProductFootprint`, `Error`).
fn validator(component: &str) -> jsonschema::Validator {
    let path = root().join("../shared/standards/pact/v3/openapi.yaml");
    let api: Value = serde_norway::from_str(&read(&path)).expect("YAML");
    let schema = json!({
        "$ref": format!("#/components/schemas/{component}"),
        "components": {"schemas": api["components"]["schemas"].clone()}
    });
    jsonschema::options()
        .with_draft(jsonschema::Draft::Draft202012)
        .should_validate_formats(true)
        .build(&schema)
        .expect("the PACT schema compiles")
}

struct Ctx {
    _dir: tempfile::TempDir,
    dir: PathBuf,
    clients: PathBuf,
    server: Server,
    http: Client,
    token: String,
    /// The full list, as the suite's setup call reads it.
    all: Vec<Value>,
    footprint: jsonschema::Validator,
    error: jsonschema::Validator,
    /// The ids of the coil's first and second version.
    coil_v1: String,
    coil_v2: String,
}

impl Ctx {
    fn setup() -> Ctx {
        let dir = tempfile::tempdir().expect("a temporary folder");
        let db = fresh_db(dir.path(), "footprints");
        let clients = dir.path().join("clients.txt");
        std::fs::write(&clients, CLIENTS).expect("clients file");
        let mut store = pcf_pact_host::Store::open(&db).expect("a new database");
        let coil = meta(
            "urn:pcf:test:coil",
            "urn:pcf:test:acme",
            "DE",
            "urn:pact:productclassification:un-cpc:4121",
            Some(("2027-01-01T00:00:00Z", "2029-12-31T00:00:00Z")),
        );
        let v1 =
            pcf_pact_host::publish(&mut store, &compute("steel-bf-bof-coil.json"), Some(&coil))
                .expect("the coil is published");
        // A battery pack is a piece: PACT needs its mass (an 80 kWh pack of about 520 kg).
        let mut cell: Value = serde_json::from_str(&meta(
            "urn:pcf:test:cell",
            "urn:pcf:test:volta",
            "CN",
            "urn:pact:productclassification:un-cpc:4642",
            None,
        ))
        .expect("meta");
        cell["productMassKg"] = json!(520);
        let cell = cell.to_string();
        pcf_pact_host::publish(
            &mut store,
            &compute("battery-nmc811-per-kwh.json"),
            Some(&cell),
        )
        .expect("the battery is published");
        let v2 =
            pcf_pact_host::publish(&mut store, &compute("steel-dri-eaf-slab.json"), Some(&coil))
                .expect("the coil's new version is published");
        assert_eq!(v2.deprecated, vec![v1.id.clone()]);
        drop(store);
        let server = Server::start(&db, &clients);
        let http = client();
        let token = token_for(&http, &server.base, "acme", "s3cret");
        let r = http
            .get(format!("{}/3/footprints", server.base))
            .bearer_auth(&token)
            .send()
            .expect("list");
        assert_eq!(r.status(), 200);
        let all = r.json_value()["data"].as_array().expect("data").clone();
        Ctx {
            dir: dir.path().to_path_buf(),
            _dir: dir,
            clients,
            server,
            http,
            token,
            all,
            footprint: validator("ProductFootprint"),
            error: validator("Error"),
            coil_v1: v1.id,
            coil_v2: v2.id,
        }
    }

    fn base(&self) -> &str {
        &self.server.base
    }

    fn get(&self, path: &str) -> Response {
        self.http
            .get(format!("{}{path}", self.base()))
            .bearer_auth(&self.token)
            .send()
            .expect("GET")
    }

    fn post_event(&self, body: &str, token: Option<&str>) -> Response {
        let mut r = self
            .http
            .post(format!("{}/3/events", self.base()))
            .header(
                "Content-Type",
                "application/cloudevents+json; charset=UTF-8",
            )
            .body(body.to_owned());
        if let Some(t) = token {
            r = r.bearer_auth(t);
        }
        r.send().expect("POST /3/events")
    }

    fn first(&self) -> &Value {
        self.all.first().expect("a first footprint")
    }

    fn valid(&self, fp: &Value) {
        let errors: Vec<String> = self
            .footprint
            .iter_errors(fp)
            .map(|e| format!("{}: {e}", e.instance_path()))
            .collect();
        assert!(
            errors.is_empty(),
            "{} breaks the v3 schema: {errors:#?}",
            fp["id"]
        );
    }

    /// An error response: the status, `Content-Type: application/json`, an Error body with
    /// the code; returns the message.
    fn error_body(&self, r: Response, status: u16, code: &str) -> String {
        assert_eq!(r.status(), status, "status");
        let ct = r
            .headers()
            .get("content-type")
            .and_then(|h| h.to_str().ok())
            .unwrap_or("")
            .to_owned();
        assert!(ct.contains("application/json"), "content type {ct}");
        let v = r.json_value();
        assert!(self.error.is_valid(&v), "not a PACT Error: {v}");
        assert_eq!(v["code"], code, "{v}");
        v["message"].as_str().unwrap_or("").to_owned()
    }

    fn list(&self, query: &str) -> Vec<Value> {
        let r = self.get(&format!("/3/footprints?{query}"));
        assert_eq!(r.status(), 200, "?{query}");
        let data = r.json_value()["data"].as_array().expect("data").clone();
        for fp in &data {
            self.valid(fp);
        }
        data
    }
}

fn event(kind: &str, data: Value) -> String {
    json!({
        "type": format!("org.wbcsd.pact.ProductFootprint.{kind}.3"),
        "specversion": "1.0",
        "id": "6a3c2c4e-9d0b-4a61-b8f8-5d8f6f6c1a01",
        "source": "https://recipient.example",
        "time": "2025-03-05T17:31:00.000Z",
        "data": data,
    })
    .to_string()
}

fn strs(v: &Value) -> Vec<String> {
    v.as_array()
        .map(|a| {
            a.iter()
                .filter_map(Value::as_str)
                .map(str::to_owned)
                .collect()
        })
        .unwrap_or_default()
}

fn ids(list: &[Value]) -> Vec<String> {
    list.iter()
        .map(|f| f["id"].as_str().unwrap_or("").to_owned())
        .collect()
}

// ---------------------------------------------------------------------------------------
// The cases.

fn tc01_token_with_good_credentials(c: &Ctx) {
    let r = c
        .http
        .post(format!("{}/auth/token", c.base()))
        .basic_auth("acme", Some("s3cret"))
        .body("grant_type=client_credentials")
        .send()
        .expect("token");
    assert_eq!(r.status(), 200);
    assert_eq!(
        r.headers()
            .get("cache-control")
            .and_then(|h| h.to_str().ok()),
        Some("no-store")
    );
    let v = r.json_value();
    assert_eq!(v["token_type"], "bearer");
    assert_eq!(v["expires_in"], 900);
    assert!(v["access_token"].as_str().is_some_and(|t| t.len() > 20));
}

fn tc02_token_with_bad_credentials(c: &Ctx) {
    for (id, secret) in [
        ("acme", "wrong"),
        ("nobody", "s3cret"),
        ("8ZmdWGYj", "kWw3pJbN"),
    ] {
        let r = c
            .http
            .post(format!("{}/auth/token", c.base()))
            .basic_auth(id, Some(secret))
            .body("grant_type=client_credentials")
            .send()
            .expect("token");
        assert_eq!(r.status(), 401, "{id}");
        let v = r.json_value();
        assert_eq!(v["error"], "invalid_client");
        assert!(v.get("access_token").is_none());
    }
    // No credentials at all; then good credentials with a wrong or missing grant.
    let r = c
        .http
        .post(format!("{}/auth/token", c.base()))
        .body("grant_type=client_credentials")
        .send()
        .expect("token");
    assert_eq!(r.status(), 401);
    for (body, error) in [
        ("grant_type=password", "unsupported_grant_type"),
        ("", "invalid_request"),
    ] {
        let r = c
            .http
            .post(format!("{}/auth/token", c.base()))
            .basic_auth("acme", Some("s3cret"))
            .body(body)
            .send()
            .expect("token");
        assert_eq!(r.status(), 400, "{body}");
        assert_eq!(r.json_value()["error"], error);
    }
}

fn tc03_get_footprint_by_id(c: &Ctx) {
    let id = c.first()["id"].as_str().expect("id");
    let r = c.get(&format!("/3/footprints/{id}"));
    assert_eq!(r.status(), 200);
    let v = r.json_value();
    c.valid(&v["data"]);
    assert_eq!(v["data"]["id"], id);
    assert_eq!(&v["data"], c.first());
}

fn tc04_list_footprints(c: &Ctx) {
    // Two of the shipped examples and a second version of the first.
    assert_eq!(c.all.len(), 3);
    for fp in &c.all {
        c.valid(fp);
    }
    assert_eq!(c.list("").len(), 3);
}

fn tc05_pagination_link(c: &Ctx) {
    let mut url = format!("{}/3/footprints?limit=1", c.base());
    let mut seen = Vec::new();
    for _ in 0..10 {
        // The suite strips the base URL from the link and requests the rest.
        let path = url
            .strip_prefix(c.base())
            .unwrap_or_else(|| panic!("{url} is not under {}", c.base()));
        let r = c.get(path);
        assert_eq!(r.status(), 200);
        let link = r
            .headers()
            .get("link")
            .and_then(|h| h.to_str().ok())
            .map(str::to_owned);
        let data = r.json_value()["data"].as_array().expect("data").clone();
        assert_eq!(data.len(), 1, "{path}");
        seen.extend(ids(&data));
        match link {
            Some(l) => {
                let target = l
                    .strip_prefix('<')
                    .and_then(|l| l.split_once(">; rel=\"next\""))
                    .map(|(t, _)| t.to_owned())
                    .unwrap_or_else(|| panic!("not a next link: {l}"));
                // Absolute, with exactly the scheme, host and port of the request.
                assert!(
                    target.starts_with(&format!(
                        "https://127.0.0.1:{}/3/footprints?",
                        c.server.port
                    )),
                    "{target}"
                );
                url = target;
            }
            None => break,
        }
    }
    assert_eq!(seen, ids(&c.all), "every footprint once, in order");
}

fn tc06_tc07_tc16_bogus_tokens_are_bad_requests(c: &Ctx) {
    let bogus = "very-invalid-access-token-x6Q2kP9mZ1";
    // A real token with another signature, and one for another client with ours cut off.
    let (payload, _) = c.token.split_once('.').expect("payload.mac");
    let tampered = format!("{payload}.AAAA{}", &c.token[payload.len() + 5..]);
    for token in [bogus, tampered.as_str()] {
        let id = c.first()["id"].as_str().expect("id");
        for path in ["/3/footprints".to_owned(), format!("/3/footprints/{id}")] {
            let r = c
                .http
                .get(format!("{}{path}", c.base()))
                .bearer_auth(token)
                .send()
                .expect("GET");
            c.error_body(r, 400, "BadRequest");
        }
        let r = c.post_event(
            &event("PublishedEvent", json!({"pfIds": [id]})),
            Some(token),
        );
        c.error_body(r, 400, "BadRequest");
    }
    // No Authorization header.
    let r = c
        .http
        .get(format!("{}/3/footprints", c.base()))
        .send()
        .expect("GET");
    c.error_body(r, 400, "BadRequest");
}

fn tc08_unknown_footprint_is_not_found(c: &Ctx) {
    for id in [
        "00000000-0000-0000-0000-000000000000",
        "random-string-as-id-Jq3v0c8sPq2LmZ0e",
    ] {
        let r = c.get(&format!("/3/footprints/{id}"));
        c.error_body(r, 404, "NotFound");
    }
}

fn tc09_tc10_tc11_tc17_plain_http_gets_no_answer(c: &Ctx) {
    let http = format!("http://127.0.0.1:{}", c.server.port);
    let id = c.first()["id"].as_str().expect("id");
    let attempts = [
        c.http
            .post(format!("{http}/auth/token"))
            .basic_auth("acme", Some("s3cret"))
            .body("grant_type=client_credentials"),
        c.http
            .get(format!("{http}/3/footprints"))
            .bearer_auth(&c.token),
        c.http
            .get(format!("{http}/3/footprints/{id}"))
            .bearer_auth(&c.token),
        c.http
            .post(format!("{http}/3/events"))
            .bearer_auth(&c.token)
            .header("Content-Type", "application/cloudevents+json")
            .body(event("PublishedEvent", json!({"pfIds": [id]}))),
    ];
    for a in attempts {
        match a.send() {
            Err(_) => {}
            Ok(r) => {
                let status = r.status();
                let body = r.text().unwrap_or_default();
                assert!(
                    status != 200 && !body.contains("access_token") && !body.contains("\"data\""),
                    "{status} {body}"
                );
            }
        }
    }
}

/// TC12 with a requester the host answers, and the answers TC13 and 14 wait for, are
/// tests/callback.rs's. This host lists no requester (no `--requesters`): a request is refused
/// before anything is sent, 403 naming the source, and the refusal is logged.
fn tc12_a_request_from_a_source_the_host_cannot_answer_is_refused(c: &Ctx) {
    let product_ids = c.first()["productIds"].clone();
    let body = event(
        "RequestCreatedEvent",
        json!({"productId": product_ids, "comment": "Please send PCF data for this year."}),
    );
    let r = c.post_event(&body, Some(&c.token));
    let m = c.error_body(r, 403, "AccessDenied");
    assert!(
        m.starts_with("$.source: `https://recipient.example` is not a requester this host answers"),
        "{m}"
    );
    std::thread::sleep(Duration::from_millis(200));
    let refused: Vec<Value> = c
        .server
        .log_lines()
        .iter()
        .filter_map(|l| serde_json::from_str::<Value>(l).ok())
        .filter(|l| l["refused"]["event"] == "request_created")
        .collect();
    assert_eq!(refused.len(), 1, "{refused:#?}");
    assert_eq!(refused[0]["refused"]["source"], "https://recipient.example");
    assert_eq!(refused[0]["client"], "acme");
}

/// The OpenID Provider Configuration a client may look for before `/auth/token` (the suite
/// tries it first): the token endpoint under the host the request named, and it gives a token.
fn openid_configuration_names_the_token_endpoint(c: &Ctx) {
    let r = c
        .http
        .get(format!(
            "{}/.well-known/openid-configuration",
            c.server.base
        ))
        .send()
        .expect("GET");
    assert_eq!(r.status(), 200);
    let v = r.json_value();
    let endpoint = format!("{}/auth/token", c.server.base);
    assert_eq!(v["issuer"], c.server.base);
    assert_eq!(v["token_endpoint"], endpoint);
    assert_eq!(v["grant_types_supported"], json!(["client_credentials"]));
    assert_eq!(
        v["token_endpoint_auth_methods_supported"],
        json!(["client_secret_basic"])
    );
    assert!(!token_for(&c.http, &c.server.base, "acme", "s3cret").is_empty());
}

fn tc15_published_event_for_an_unknown_footprint(c: &Ctx) {
    let r = c.post_event(
        &event(
            "PublishedEvent",
            json!({"pfIds": ["4f2a1d3e-8b7c-4e6f-9a0b-1c2d3e4f5a6b"]}),
        ),
        Some(&c.token),
    );
    assert_eq!(r.status(), 200);
    assert_eq!(r.text().expect("body"), "");
}

/// TC20–29: a filter from data[0], 200, at least one footprint, every one matching.
fn tc20_to_tc29_filters_find_the_first_footprint(c: &Ctx) {
    let f = c.first();
    let product = strs(&f["productIds"]).remove(0);
    let company = strs(&f["companyIds"]).remove(0);
    let geography = f["pcf"]["geographyCountry"]
        .as_str()
        .expect("country")
        .to_owned();
    let class = strs(&f["productClassifications"]).remove(0);
    let status = f["status"].as_str().expect("status").to_owned();
    let start = pcf::pact::parse_date_time(f["validityPeriodStart"].as_str().expect("start"))
        .expect("date");
    let end =
        pcf::pact::parse_date_time(f["validityPeriodEnd"].as_str().expect("end")).expect("date");
    // The suite writes dates with toISOString: milliseconds, Z.
    let iso = |s: i64| {
        let days = pcf::pact::date_time_of_days(s.div_euclid(86_400));
        format!("{}T00:00:00.000Z", &days[..10])
    };
    let check = |query: String, ok: &dyn Fn(&Value) -> bool| {
        let data = c.list(&query);
        assert!(!data.is_empty(), "?{query}: nothing");
        assert!(data.iter().all(ok), "?{query}: {:?}", ids(&data));
        data
    };
    let has = |key: &'static str, v: String| move |fp: &Value| strs(&fp[key]).contains(&v);
    check(
        format!("productId={product}"),
        &has("productIds", product.clone()),
    );
    check(
        format!("companyId={company}"),
        &has("companyIds", company.clone()),
    );
    check(format!("geography={geography}"), &|fp| {
        fp["pcf"]["geographyCountry"] == geography.as_str()
    });
    check(
        format!("classification={class}"),
        &has("productClassifications", class.clone()),
    );
    // The suite's reading: the validity period, else the reference period's end and three
    // years after it.
    let validity = |fp: &Value| {
        let at = |v: &Value| v.as_str().and_then(pcf::pact::parse_date_time);
        match (at(&fp["validityPeriodStart"]), at(&fp["validityPeriodEnd"])) {
            (Some(s), Some(e)) => (Some(s), Some(e)),
            _ => {
                let end = at(&fp["pcf"]["referencePeriodEnd"]);
                let later =
                    end.and_then(|e| pcf::pact::parse_date_time(&pcf::pact::add_years(e, 3)));
                (end, later)
            }
        }
    };
    check(
        format!("validOn={}", iso(start)),
        &|fp| matches!(validity(fp), (Some(s), Some(e)) if s <= start && start <= e),
    );
    check(
        format!("validAfter={}", iso(start - 86_400)),
        &|fp| matches!(validity(fp), (Some(s), _) if s > start - 86_400),
    );
    check(
        format!("validBefore={}", iso(end + 86_400)),
        &|fp| matches!(validity(fp), (_, Some(e)) if e < end + 86_400),
    );
    check(format!("status={status}"), &|fp| {
        fp["status"] == status.as_str()
    });
    let both = check(format!("status={status}&productId={product}"), &|fp| {
        fp["status"] == status.as_str() && strs(&fp["productIds"]).contains(&product)
    });
    assert_eq!(ids(&both), vec![c.coil_v1.clone()]);
    check(
        format!("companyId={company}&companyId=x8Hd2kLq&companyId=Qm3vT9aZ"),
        &has("companyIds", company.clone()),
    );
    // The spec's own example spells names in lower case; a `+00:00` arrives as a space.
    assert_eq!(c.list(&format!("productid={product}")).len(), 2);
    assert!(!c.list("validOn=2028-01-01T00:00:00+00:00").is_empty());
}

fn tc30_to_tc39_unknown_values_give_an_empty_list(c: &Ctx) {
    for query in [
        "productId=urn:bogus:product:7fQ2mZ0pL4kX9sW1",
        "companyId=urn:bogus:company:7fQ2mZ0pL4kX9sW1",
        "geography=XX",
        "classification=urn:bogus:classification:7fQ2mZ0pL4kX9sW1",
        "validOn=1900-01-01T00:00:00Z",
        "validAfter=2099-12-31T23:59:59Z",
        "validBefore=1900-01-01T00:00:00Z",
        "status=BogusStatusQ2mZ0pL4",
        "status=BogusStatusQ2mZ0pL4&productId=urn:bogus:product:7fQ2mZ0pL4kX9sW1",
        "companyId=urn:bogus:company:a1&companyId=urn:bogus:company:b2&companyId=urn:bogus:company:c3",
        // Not URNs at all: still no 400.
        "productId=not-a-urn&companyId=also%20not",
    ] {
        let r = c.get(&format!("/3/footprints?{query}"));
        assert_eq!(r.status(), 200, "?{query}");
        assert_eq!(r.json_value(), json!({"data": []}), "?{query}");
    }
}

fn tc40_published_event_with_a_non_uuid_id(c: &Ctx) {
    let r = c.post_event(
        &event(
            "PublishedEvent",
            json!({"pfIds": ["urn:gtin:4712345060507"]}),
        ),
        Some(&c.token),
    );
    let m = c.error_body(r, 400, "BadRequest");
    assert!(m.contains("$.data.pfIds[0]"), "{m}");
}

fn malformed_events_are_bad_requests_naming_the_member(c: &Ctx) {
    let ok = event("PublishedEvent", json!({"pfIds": []}));
    let mut no_type: Value = serde_json::from_str(&ok).expect("JSON");
    no_type.as_object_mut().expect("object").remove("type");
    for (body, path) in [
        ("{\"type\": ".to_owned(), "$"),
        (no_type.to_string(), "$.type"),
        (event("SomethingElseEvent", json!({})), "$.type"),
        (
            event(
                "PublishedEvent",
                json!({"pfIds": "4f2a1d3e-8b7c-4e6f-9a0b-1c2d3e4f5a6b"}),
            ),
            "$.data.pfIds",
        ),
        (
            event("RequestCreatedEvent", json!({"validAfter": "tomorrow"})),
            "$.data.validAfter",
        ),
        (
            event(
                "RequestFulfilledEvent",
                json!({"requestEventId": "r1", "pfs": []}),
            ),
            "$.data.pfs",
        ),
        (
            event(
                "RequestRejectedEvent",
                json!({"requestEventId": "r1", "error": {"code": "NotFound"}}),
            ),
            "$.data.error.message",
        ),
    ] {
        let r = c.post_event(&body, Some(&c.token));
        let m = c.error_body(r, 400, "BadRequest");
        assert!(m.starts_with(path), "{path}: {m}");
    }
    // An answer to a request is accepted.
    let r = c.post_event(
        &event(
            "RequestRejectedEvent",
            json!({"requestEventId": "r1", "error": {"code": "NotFound", "message": "none"}}),
        ),
        Some(&c.token),
    );
    assert_eq!(r.status(), 200);
    // Another media type.
    let r = c
        .http
        .post(format!("{}/3/events", c.base()))
        .bearer_auth(&c.token)
        .header("Content-Type", "text/plain")
        .body(ok)
        .send()
        .expect("POST");
    c.error_body(r, 400, "BadRequest");
}

fn oversized_bodies_are_refused(c: &Ctx) {
    // The server answers 413 as soon as the declared length is over the limit and closes
    // the connection; a client still writing the body may see the connection closed instead
    // of the answer. Either way nothing is read past the limit.
    let refused = |sent: reqwest::Result<Response>| match sent {
        Ok(r) => {
            let m = c.error_body(r, 413, "BadRequest");
            assert!(m.contains("larger than"), "{m}");
        }
        Err(e) => assert!(e.is_request(), "{e}"),
    };
    // Refused on connections that are not kept: the server closes them, and a pooled one
    // could be taken for the next request before the client saw it closed (seen under load:
    // the last request below failed with hyper's IncompleteMessage).
    let once = Client::builder()
        .danger_accept_invalid_certs(true)
        .timeout(Duration::from_secs(30))
        .pool_max_idle_per_host(0)
        .build()
        .expect("an HTTPS client");
    let big = format!(
        "{{\"pad\":\"{}\"}}",
        "x".repeat(pcf_pact_host::serve::MAX_BODY)
    );
    refused(
        once.post(format!("{}/3/events", c.base()))
            .bearer_auth(&c.token)
            .header("Content-Type", "application/cloudevents+json")
            .body(big)
            .send(),
    );
    refused(
        once.post(format!("{}/auth/token", c.base()))
            .basic_auth("acme", Some("s3cret"))
            .body(format!(
                "grant_type=client_credentials&pad={}",
                "x".repeat(2 << 20)
            ))
            .send(),
    );
    // Just under the limit, the body is read (and is not an event).
    let under = format!(
        "{{\"pad\":\"{}\"}}",
        "x".repeat(pcf_pact_host::serve::MAX_BODY - 100)
    );
    let m = c.error_body(c.post_event(&under, Some(&c.token)), 400, "BadRequest");
    assert!(m.starts_with("$.type"), "{m}");
}

fn limits_and_bad_parameters(c: &Ctx) {
    for (query, name) in [
        ("limit=ten", "limit"),
        ("limit=0", "limit"),
        ("validOn=yesterday", "validOn"),
        ("offset=x", "offset"),
    ] {
        let m = c.error_body(c.get(&format!("/3/footprints?{query}")), 400, "BadRequest");
        assert!(m.starts_with(name), "{query}: {m}");
    }
    // A limit above the page size is served a page at a time (all three fit here).
    assert_eq!(c.list("limit=100000").len(), 3);
    // An unknown path is a PACT NotFound too.
    c.error_body(c.get("/3/nothing"), 404, "NotFound");
}

fn a_new_version_deprecates_the_old_one(c: &Ctx) {
    let old = c.get(&format!("/3/footprints/{}", c.coil_v1)).json_value();
    assert_eq!(old["data"]["status"], "Deprecated");
    let new = c.get(&format!("/3/footprints/{}", c.coil_v2)).json_value();
    assert_eq!(new["data"]["status"], "Active");
    assert_eq!(new["data"]["precedingPfIds"], json!([c.coil_v1]));
    assert_eq!(ids(&c.list("status=active")).len(), 2);
}

fn every_request_is_logged_with_its_client(c: &Ctx) {
    let _ = c.get("/3/footprints?geography=DE");
    std::thread::sleep(Duration::from_millis(200));
    let lines: Vec<Value> = c
        .server
        .log_lines()
        .iter()
        .filter_map(|l| serde_json::from_str(l).ok())
        .collect();
    assert!(
        lines.iter().any(|l| l["client"] == "acme"
            && l["path"] == "/3/footprints"
            && l["query"] == "geography=DE"
            && l["status"] == 200),
        "{lines:#?}"
    );
    assert!(lines
        .iter()
        .any(|l| l["client"] == "acme" && l["path"] == "/auth/token" && l["status"] == 200));
    // The start notice names the store the suite asked for: the SQLite file, or with
    // PCF_TEST_POSTGRES the PostgreSQL URL (its password, if it had one, as ***).
    let listening = lines
        .iter()
        .find(|l| l["listening"].is_string())
        .expect("a listening notice");
    let db = listening["db"].as_str().expect("db");
    match std::env::var("PCF_TEST_POSTGRES") {
        Ok(_) if cfg!(feature = "postgres") => {
            assert!(db.starts_with("postgres://pcf@127.0.0.1:"), "{db}");
            assert!(db.ends_with("_footprints"), "{db}");
        }
        _ => assert!(db.ends_with("footprints.db"), "{db}"),
    }
}

fn the_rate_limit_answers_429(c: &Ctx) {
    let token = token_for(&c.http, c.base(), "burst", "b");
    let started = Instant::now();
    let mut limited = None;
    for i in 0..1000 {
        let r = c
            .http
            .get(format!("{}/3/footprints/{}", c.base(), c.coil_v2))
            .bearer_auth(&token)
            .send()
            .expect("GET");
        if r.status() == 429 {
            limited = Some((i, r));
            break;
        }
        assert_eq!(r.status(), 200);
    }
    let (i, r) =
        limited.unwrap_or_else(|| panic!("no 429 after 1000 requests in {:?}", started.elapsed()));
    assert!(i >= 100, "limited after {i} requests: the burst is 100");
    assert_eq!(
        r.headers().get("retry-after").and_then(|h| h.to_str().ok()),
        Some("1")
    );
    c.error_body(r, 429, "BadRequest");
    // Another client is not held back.
    assert_eq!(c.get("/3/footprints?limit=1").status(), 200);
}

/// The publisher is killed (SIGKILL) in the middle of a burst of publishes, the server too;
/// a new server on the same file serves every footprint whose line the publisher printed
/// (the line is printed after the commit), and SQLite finds the file intact.
fn kill9_during_a_burst_of_publishes_loses_no_acknowledged_footprint(c: &Ctx) {
    let dir = c.dir.join("burst");
    std::fs::create_dir_all(&dir).expect("folder");
    let db = fresh_db(&dir, "burst");
    // 80 distinct results: one pcf/1 document, its amount varied.
    let doc: Value =
        serde_json::from_str(&read(&root().join("tests/golden/electricity/input.json")))
            .expect("JSON");
    let mut files = Vec::new();
    for i in 0..80 {
        let mut d = doc.clone();
        d["product"]["declared_unit"]["unit"] = json!("kg");
        d["activities"][0]["amount"] = json!(1000 + i);
        let result = pcf::compute_json(&d.to_string(), pcf::FactorSet::builtin().expect("factors"))
            .expect("computes");
        let f = dir.join(format!("r{i}.json"));
        std::fs::write(&f, result).expect("write");
        files.push(f.display().to_string());
    }
    let meta = dir.join("meta.json");
    std::fs::write(&meta, json!({"companyName": "Burst Co.", "companyIds": ["urn:pcf:test:burst"], "crossSectoralStandards": ["ISO14067"]}).to_string()).expect("meta");
    // The server reads the file while the publisher writes it.
    let mut server = Server::start(&db, &c.clients);
    let mut publisher = Command::new(std::env::current_exe().expect("exe"))
        .env(ROLE, "publish")
        .env("PCF_DB", &db)
        .env("PCF_META", &meta)
        .env("PCF_FILES", files.join("\n"))
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn()
        .expect("the publisher starts");
    let mut acked = Vec::new();
    let mut out = BufReader::new(publisher.stdout.take().expect("stdout")).lines();
    while acked.len() < 25 {
        let line = out.next().expect("a line before the end").expect("a line");
        let v: Value = serde_json::from_str(&line).expect("JSON");
        acked.push(v["id"].as_str().expect("id").to_owned());
    }
    let _ = publisher.kill();
    let _ = publisher.wait();
    // Lines already written to the pipe before the kill are acknowledged too.
    for line in out.map_while(Result::ok) {
        if let Ok(v) = serde_json::from_str::<Value>(&line) {
            acked.push(v["id"].as_str().expect("id").to_owned());
        }
    }
    server.kill9();
    assert!(
        acked.len() < files.len(),
        "the publisher finished before it was killed: {} of {}",
        acked.len(),
        files.len()
    );
    let server = Server::start(&db, &c.clients);
    let token = token_for(&c.http, &server.base, "acme", "s3cret");
    let mut served = Vec::new();
    let mut url = format!("{}/3/footprints?limit=100", server.base);
    loop {
        let r = c.http.get(&url).bearer_auth(&token).send().expect("GET");
        assert_eq!(r.status(), 200);
        let link = r
            .headers()
            .get("link")
            .and_then(|h| h.to_str().ok())
            .map(str::to_owned);
        served.extend(ids(r.json_value()["data"].as_array().expect("data")));
        match link.and_then(|l| {
            l.strip_prefix('<')
                .and_then(|l| l.split_once('>'))
                .map(|(t, _)| t.to_owned())
        }) {
            Some(next) => url = next,
            None => break,
        }
    }
    let missing: Vec<&String> = acked.iter().filter(|id| !served.contains(id)).collect();
    assert!(missing.is_empty(), "acknowledged but lost: {missing:?}");
    assert!(served.len() >= acked.len());
    let store = pcf_pact_host::Store::open(&db).expect("the file opens");
    assert_eq!(store.integrity_check().expect("check"), "ok");
    assert_eq!(store.count().expect("count") as usize, served.len());
}

/// The answers on their way (stored before a request's 200, tests/callback.rs delivers them
/// across a restart), in the store the suite runs on (SQLite, or PostgreSQL with
/// PCF_TEST_POSTGRES): queued, found when due, claimed by one taker only, rescheduled,
/// settled, and still there when the database is opened again.
fn answers_on_their_way_are_stored_claimed_and_settled(c: &Ctx) {
    let db = fresh_db(&c.dir, "answers");
    let answer = |id: &str, received: i64| {
        pcf_pact_host::PendingAnswer {
        answer_id: id.into(),
        requester: "https://customer.example".into(),
        host_base: "https://supplier.example".into(),
        request: json!({"type": "org.wbcsd.pact.ProductFootprint.RequestCreatedEvent.3", "data": {"productId": ["urn:x:é"]}}).to_string(),
        received,
        attempts: 0,
        next_at: received + 30,
    }
    };
    let mut s = pcf_pact_host::Store::open(&db).expect("a database");
    assert!(s.queue_answer(&answer("a", 1_000), 2).expect("queued"));
    assert!(s.queue_answer(&answer("b", 1_001), 2).expect("queued"));
    assert!(!s.queue_answer(&answer("c", 1_002), 2).expect("full"));
    assert!(s.due_answers(1_029).expect("due").is_empty());
    assert_eq!(
        s.due_answers(1_031).expect("due"),
        vec![answer("a", 1_000), answer("b", 1_001)]
    );
    assert!(s.claim_answer("a", 1_031, 1_331).expect("claim"));
    assert!(!s.claim_answer("a", 1_031, 1_331).expect("claim"));
    s.reschedule_answer("b", 2, 5_000).expect("rescheduled");
    s.settle_answer("a").expect("settled");
    drop(s);
    let s = pcf_pact_host::Store::open(&db).expect("opened again");
    let left = s.due_answers(i64::MAX).expect("due");
    assert_eq!(left.len(), 1);
    assert_eq!(
        (
            left[0].answer_id.as_str(),
            left[0].attempts,
            left[0].next_at
        ),
        ("b", 2, 5_000)
    );
    assert_eq!(left[0].request, answer("b", 0).request);
}

/// Layout 1, as pcf wrote it before the answers were stored: its tables, one footprint, the
/// version 1; in the suite's backend.
fn make_layout_1(db: &Path) {
    #[cfg(feature = "postgres")]
    if let Ok(url) = db
        .to_str()
        .filter(|u| u.starts_with("postgres://"))
        .ok_or(())
    {
        let mut config: postgres::Config = url.parse().expect("URL");
        if let Ok(p) = std::env::var("PGPASSWORD") {
            config.password(p);
        }
        let mut pg = config.connect(postgres::NoTls).expect("PostgreSQL");
        pg.batch_execute(
            "CREATE TABLE pcf_layout (version INTEGER NOT NULL);
             CREATE TABLE footprints (seq BIGSERIAL PRIMARY KEY, id TEXT NOT NULL UNIQUE,
               status TEXT NOT NULL CHECK (status IN ('Active', 'Deprecated')), stored TEXT NOT NULL,
               footprint TEXT NOT NULL);
             CREATE TABLE product_ids (product_id TEXT NOT NULL,
               footprint_id TEXT NOT NULL REFERENCES footprints(id), PRIMARY KEY (product_id, footprint_id));
             INSERT INTO pcf_layout (version) VALUES (1);
             INSERT INTO footprints (id, status, stored, footprint) VALUES ('x', 'Active', 't', '{\"status\":\"Active\"}');",
        )
        .expect("layout 1");
        return;
    }
    let c = rusqlite::Connection::open(db).expect("SQLite");
    c.execute_batch(
        "CREATE TABLE footprints (seq INTEGER PRIMARY KEY AUTOINCREMENT, id TEXT NOT NULL UNIQUE,
           status TEXT NOT NULL CHECK (status IN ('Active', 'Deprecated')), stored TEXT NOT NULL,
           footprint TEXT NOT NULL);
         CREATE TABLE product_ids (product_id TEXT NOT NULL,
           footprint_id TEXT NOT NULL REFERENCES footprints(id), PRIMARY KEY (product_id, footprint_id)) WITHOUT ROWID;
         INSERT INTO footprints (id, status, stored, footprint) VALUES ('x', 'Active', 't', '{\"status\":\"Active\"}');
         PRAGMA user_version = 1;",
    )
    .expect("layout 1");
}

/// A database of layout 1 (before the answers were stored) is upgraded when opened: its
/// footprint kept, the answers table there, and it opens again as layout 2.
fn a_layout_1_database_gains_the_answers_table(c: &Ctx) {
    let db = fresh_db(&c.dir, "layout1");
    make_layout_1(&db);
    let mut s = pcf_pact_host::Store::open(&db).expect("opens and upgrades");
    assert_eq!(s.count().expect("count"), 1);
    assert_eq!(s.integrity_check().expect("check"), "ok");
    let a = pcf_pact_host::PendingAnswer {
        answer_id: "a".into(),
        requester: "https://customer.example".into(),
        host_base: "https://supplier.example".into(),
        request: "{}".into(),
        received: 1,
        attempts: 0,
        next_at: 31,
    };
    assert!(s.queue_answer(&a, 10).expect("the answers table"));
    drop(s);
    let s = pcf_pact_host::Store::open(&db).expect("opens again, as layout 2");
    assert_eq!(s.due_answers(i64::MAX).expect("due"), vec![a]);
    assert_eq!(
        s.get("x").expect("get").as_deref(),
        Some("{\"status\":\"Active\"}")
    );
}

// ---------------------------------------------------------------------------------------
// The runner.

type Case = harness::Case<Ctx>;

const CASES: &[Case] = &[
    (
        "tc01_token_with_good_credentials",
        tc01_token_with_good_credentials,
    ),
    (
        "tc02_token_with_bad_credentials",
        tc02_token_with_bad_credentials,
    ),
    ("tc03_get_footprint_by_id", tc03_get_footprint_by_id),
    ("tc04_list_footprints", tc04_list_footprints),
    ("tc05_pagination_link", tc05_pagination_link),
    (
        "tc06_tc07_tc16_bogus_tokens_are_bad_requests",
        tc06_tc07_tc16_bogus_tokens_are_bad_requests,
    ),
    (
        "tc08_unknown_footprint_is_not_found",
        tc08_unknown_footprint_is_not_found,
    ),
    (
        "tc09_tc10_tc11_tc17_plain_http_gets_no_answer",
        tc09_tc10_tc11_tc17_plain_http_gets_no_answer,
    ),
    (
        "tc12_a_request_from_a_source_the_host_cannot_answer_is_refused",
        tc12_a_request_from_a_source_the_host_cannot_answer_is_refused,
    ),
    (
        "tc15_published_event_for_an_unknown_footprint",
        tc15_published_event_for_an_unknown_footprint,
    ),
    (
        "openid_configuration_names_the_token_endpoint",
        openid_configuration_names_the_token_endpoint,
    ),
    (
        "tc20_to_tc29_filters_find_the_first_footprint",
        tc20_to_tc29_filters_find_the_first_footprint,
    ),
    (
        "tc30_to_tc39_unknown_values_give_an_empty_list",
        tc30_to_tc39_unknown_values_give_an_empty_list,
    ),
    (
        "tc40_published_event_with_a_non_uuid_id",
        tc40_published_event_with_a_non_uuid_id,
    ),
    (
        "malformed_events_are_bad_requests_naming_the_member",
        malformed_events_are_bad_requests_naming_the_member,
    ),
    ("oversized_bodies_are_refused", oversized_bodies_are_refused),
    ("limits_and_bad_parameters", limits_and_bad_parameters),
    (
        "a_new_version_deprecates_the_old_one",
        a_new_version_deprecates_the_old_one,
    ),
    (
        "every_request_is_logged_with_its_client",
        every_request_is_logged_with_its_client,
    ),
    ("the_rate_limit_answers_429", the_rate_limit_answers_429),
    (
        "answers_on_their_way_are_stored_claimed_and_settled",
        answers_on_their_way_are_stored_claimed_and_settled,
    ),
    (
        "a_layout_1_database_gains_the_answers_table",
        a_layout_1_database_gains_the_answers_table,
    ),
    (
        "kill9_during_a_burst_of_publishes_loses_no_acknowledged_footprint",
        kill9_during_a_burst_of_publishes_loses_no_acknowledged_footprint,
    ),
];

fn main() -> ExitCode {
    match std::env::var(ROLE).as_deref() {
        Ok("serve") => return child_serve(),
        Ok("publish") => return child_publish(),
        _ => {}
    }
    harness::run(CASES, Ctx::setup)
}
