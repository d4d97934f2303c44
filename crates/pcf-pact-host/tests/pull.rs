//! `pcf pact pull` ([`pcf_pact_host::pull`], what the CLI runs) against the real server
//! process on a random port with a temporary database, as tests/host.rs starts it: the test
//! binary is the server too (`PCF_PACT_HOST_TEST_ROLE=serve`), hence `harness = false` and the
//! small runner at the end (`cargo test -p pcf-pact-host --test pull -- NAME`).
//!
//! The database holds three footprints published from pcf's shipped examples (a coil, a
//! battery, the coil's new version) and, written into it directly, two that the pull must not
//! take as they are: one breaking the v3 schema and one whose id is not a UUID (product
//! `urn:pcf:test:bad`, company `urn:pcf:test:bad-co`, so the other cases filter them out).
#![cfg(not(target_arch = "wasm32"))]

mod harness;

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, ExitCode, Stdio};
use std::sync::mpsc;
use std::time::Duration;

use pcf_pact_host::pull::Page;
use pcf_pact_host::{HostError, PullOptions};
use serde_json::{json, Value};

const ROLE: &str = "PCF_PACT_HOST_TEST_ROLE";
const CLIENTS: &str = "acme:s3cret\n";
const BAD_ID: &str = "0b7e4f4e-1c1a-4b55-9a57-3f3c8e2b9d10";

fn child_serve() -> ExitCode {
    let env = |k: &str| std::env::var(k).ok().map(PathBuf::from);
    let opts = pcf_pact_host::ServeOptions {
        db: env("PCF_DB").unwrap_or_default(),
        listen: "127.0.0.1:0".into(),
        cert: env("PCF_CERT"),
        key: env("PCF_KEY"),
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

struct Server {
    child: Child,
    port: u16,
}

impl Server {
    /// A server on `db`; with `tls`, the certificate and key it is given (else self-signed).
    fn start(db: &Path, clients: &Path, tls: Option<(&Path, &Path)>) -> Server {
        let mut cmd = Command::new(std::env::current_exe().expect("the test binary"));
        cmd.env(ROLE, "serve")
            .env("PCF_DB", db)
            .env("PCF_CLIENTS", clients)
            .stdout(Stdio::null())
            .stderr(Stdio::piped());
        if let Some((cert, key)) = tls {
            cmd.env("PCF_CERT", cert).env("PCF_KEY", key);
        }
        let mut child = cmd.spawn().expect("the server starts");
        let stderr = child.stderr.take().expect("stderr");
        let (tx, rx) = mpsc::channel();
        std::thread::spawn(move || {
            for line in BufReader::new(stderr).lines().map_while(Result::ok) {
                if let Ok(v) = serde_json::from_str::<Value>(&line) {
                    if let Some(l) = v["listening"].as_str() {
                        let _ = tx.send(l.to_owned());
                    }
                }
            }
        });
        let base = rx
            .recv_timeout(Duration::from_secs(60))
            .expect("the server says its address");
        let port = base
            .rsplit(':')
            .next()
            .and_then(|p| p.parse().ok())
            .expect("a port");
        Server { child, port }
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn compute(example: &str) -> String {
    let path = root().join("examples").join(example);
    let text = std::fs::read_to_string(&path).expect("an example");
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

struct Ctx {
    _dir: tempfile::TempDir,
    dir: PathBuf,
    clients: PathBuf,
    secret: PathBuf,
    server: Server,
    /// What the host serves, in order (its own list, read without pcf's client).
    served: Vec<Value>,
}

impl Ctx {
    fn setup() -> Ctx {
        let tmp = tempfile::tempdir().expect("a temporary folder");
        let dir = tmp.path().to_path_buf();
        let db = dir.join("footprints.db");
        let clients = dir.join("clients.txt");
        std::fs::write(&clients, CLIENTS).expect("clients");
        let secret = dir.join("secret.txt");
        std::fs::write(&secret, "s3cret\n").expect("secret");
        let mut store = pcf_pact_host::Store::open(&db).expect("a database");
        let coil = meta("urn:pcf:test:coil", "urn:pcf:test:acme", None);
        let v1 =
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
        // Two footprints that `publish` would never store, written into the file directly:
        // the coil with a number where the schema wants text, and one with an id that is not
        // a UUID (a path, the kind of name a file must never get).
        let good: Value =
            serde_json::from_str(&store.get(&v1.id).expect("read").expect("stored")).expect("JSON");
        drop(store);
        let mut bad = good.clone();
        bad["id"] = json!(BAD_ID);
        bad["status"] = json!("Active");
        bad["productIds"] = json!(["urn:pcf:test:bad"]);
        bad["companyIds"] = json!(["urn:pcf:test:bad-co"]);
        bad["productNameCompany"] = json!(42);
        let mut sly = bad.clone();
        sly["id"] = json!("../../escape");
        sly["productNameCompany"] = json!("fine");
        let conn = rusqlite::Connection::open(&db).expect("SQLite");
        for fp in [&bad, &sly] {
            conn.execute(
                "INSERT INTO footprints (id, status, stored, footprint) VALUES (?1, 'Active', '2025-01-01T00:00:00Z', ?2)",
                rusqlite::params![fp["id"].as_str().expect("id"), fp.to_string()],
            )
            .expect("inserted");
        }
        drop(conn);
        let server = Server::start(&db, &clients, None);
        let served = list(server.port, "");
        assert_eq!(served.len(), 5);
        Ctx {
            _dir: tmp,
            dir,
            clients,
            secret,
            server,
            served,
        }
    }

    fn url(&self) -> String {
        format!("https://127.0.0.1:{}", self.server.port)
    }

    fn opts(&self, out: &str) -> PullOptions {
        PullOptions {
            url: self.url(),
            client_id: "acme".into(),
            client_secret_file: self.secret.clone(),
            out: self.dir.join(out),
            insecure_localhost: true,
            // The three published footprints, not the two written in directly.
            company_ids: vec!["urn:pcf:test:acme".into(), "urn:pcf:test:volta".into()],
            ..PullOptions::default()
        }
    }

    fn served(&self, id: &str) -> &Value {
        self.served
            .iter()
            .find(|f| f["id"] == id)
            .unwrap_or_else(|| panic!("{id} is not served"))
    }
}

/// The host's list, read with a plain client (not the one under test).
fn list(port: u16, query: &str) -> Vec<Value> {
    let http = reqwest::blocking::Client::builder()
        .danger_accept_invalid_certs(true)
        .build()
        .expect("client");
    let base = format!("https://127.0.0.1:{port}");
    let token: Value = http
        .post(format!("{base}/auth/token"))
        .basic_auth("acme", Some("s3cret"))
        .body("grant_type=client_credentials")
        .send()
        .expect("token")
        .text()
        .ok()
        .and_then(|t| serde_json::from_str(&t).ok())
        .expect("JSON");
    let v: Value = http
        .get(format!("{base}/3/footprints?limit=100{query}"))
        .bearer_auth(token["access_token"].as_str().expect("token"))
        .send()
        .expect("list")
        .text()
        .ok()
        .and_then(|t| serde_json::from_str(&t).ok())
        .expect("JSON");
    v["data"].as_array().expect("data").clone()
}

fn pull(opts: &PullOptions) -> (Result<pcf_pact_host::PullSummary, HostError>, Vec<Page>) {
    let mut pages = Vec::new();
    let r = pcf_pact_host::pull(opts, |p| pages.push(p.clone()));
    (r, pages)
}

fn input_error(r: Result<pcf_pact_host::PullSummary, HostError>) -> pcf::ErrorReport {
    match r {
        Err(HostError::Input(e)) => e,
        other => panic!("not bad input: {other:?}"),
    }
}

fn files_in(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .expect("the folder")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

// ---------------------------------------------------------------------------------------
// The cases.

fn pull_follows_every_page_and_writes_each_footprint_as_served(c: &Ctx) {
    let mut o = c.opts("all");
    o.limit = Some(1);
    let (r, pages) = pull(&o);
    let summary = r.expect("pulled");
    // One footprint a page: three pages, each found by the Link of the one before.
    assert_eq!(summary.pages, 3);
    assert_eq!(pages.len(), 3);
    assert!(pages.iter().all(|p| p.footprints == 1), "{pages:?}");
    assert!(pages[0].url.ends_with("limit=1"), "{}", pages[0].url);
    assert_eq!(pages[0].next.as_deref(), Some(pages[1].url.as_str()));
    assert_eq!(pages[2].next, None);
    assert!(summary.failing.is_empty(), "{:?}", summary.failing);
    let expected: Vec<String> = c.served[..3]
        .iter()
        .map(|f| format!("{}.json", f["id"].as_str().expect("id")))
        .collect();
    let mut sorted = expected.clone();
    sorted.sort();
    assert_eq!(files_in(&o.out), sorted);
    assert_eq!(summary.written.len(), 3);
    for (file, name) in summary.written.iter().zip(&expected) {
        assert!(file.ends_with(name.as_str()), "{file} in the order served");
        let text = std::fs::read_to_string(file).expect("written");
        let id = name.trim_end_matches(".json");
        let served = c.served(id);
        assert_eq!(&serde_json::from_str::<Value>(&text).expect("JSON"), served);
        // pcf's one output format: pretty, a final newline.
        assert_eq!(text, pcf::to_json(served).expect("JSON"));
        assert!(text.starts_with("{\n  \"") && text.ends_with("}\n"));
    }
    assert_eq!(
        summary.json(&o.out)["written"],
        3,
        "{}",
        summary.json(&o.out)
    );
    assert_eq!(summary.json(&o.out)["failing"], 0);
}

fn filters_are_passed_to_the_host(c: &Ctx) {
    let mut o = c.opts("coil");
    o.company_ids.clear();
    o.product_ids = vec!["urn:pcf:test:coil".into()];
    o.status = Some("Active".into());
    let (r, pages) = pull(&o);
    let summary = r.expect("pulled");
    assert!(
        pages[0]
            .url
            .contains("productId=urn%3Apcf%3Atest%3Acoil&status=Active"),
        "{}",
        pages[0].url
    );
    let active_coil: Vec<&Value> = c
        .served
        .iter()
        .filter(|f| f["productIds"] == json!(["urn:pcf:test:coil"]) && f["status"] == "Active")
        .collect();
    assert_eq!(active_coil.len(), 1);
    assert_eq!(
        files_in(&o.out),
        vec![format!(
            "{}.json",
            active_coil[0]["id"].as_str().expect("id")
        )]
    );
    assert!(summary.failing.is_empty());
    // Deprecated: the coil's first version only; two company ids are alternatives.
    let mut o = c.opts("deprecated");
    o.status = Some("Deprecated".into());
    let summary = pull(&o).0.expect("pulled");
    assert_eq!(summary.written.len(), 1);
    assert_eq!(c.served[0]["status"], "Deprecated");
    assert!(
        summary.written[0].ends_with(&format!("{}.json", c.served[0]["id"].as_str().expect("id")))
    );
}

fn a_footprint_failing_a_check_is_written_and_reported_and_a_non_uuid_id_is_not_written(c: &Ctx) {
    let mut o = c.opts("bad");
    o.company_ids = vec!["urn:pcf:test:bad-co".into()];
    let summary = pull(&o).0.expect("pulled");
    // The CLI exits 1: done, but the answer is no.
    assert_eq!(summary.failing.len(), 2, "{:?}", summary.failing);
    let schema = &summary.failing[0];
    assert_eq!(schema.id, BAD_ID);
    let file = o.out.join(format!("{BAD_ID}.json"));
    assert_eq!(
        schema.file.as_deref(),
        Some(file.display().to_string().as_str())
    );
    assert!(
        schema
            .findings
            .iter()
            .any(|f| f.path == "$.productNameCompany"),
        "{:?}",
        schema.findings
    );
    // The file is the footprint as served, broken as it is: `pcf pact check` says why.
    let text = std::fs::read_to_string(&file).expect("written");
    let report = pcf::pact::check::check_report(&text, None, None).expect("a footprint");
    assert!(!report.conformant);
    let sly = &summary.failing[1];
    assert_eq!(sly.id, "../../escape");
    assert_eq!(sly.file, None);
    assert!(
        sly.findings[0].detail.contains("not a UUID"),
        "{:?}",
        sly.findings
    );
    assert_eq!(files_in(&o.out), vec![format!("{BAD_ID}.json")]);
    assert!(!c.dir.join("escape.json").exists());
    assert_eq!(summary.json(&o.out)["failing"], 2);
    assert_eq!(summary.json(&o.out)["written"], 1);
}

fn a_pulled_file_is_imported(c: &Ctx) {
    let mut o = c.opts("import");
    o.product_ids = vec!["urn:pcf:test:cell".into()];
    let summary = pull(&o).0.expect("pulled");
    assert_eq!(summary.written.len(), 1);
    let text = std::fs::read_to_string(&summary.written[0]).expect("file");
    let served: Value = serde_json::from_str(&text).expect("JSON");
    // What `pcf pact import FILE` prints: a pcf/1 component with the declared footprint.
    let component: Value = serde_json::from_str(
        &pcf::pact::import_json(&text, &pcf::pact::ImportOptions::default()).expect("imported"),
    )
    .expect("JSON");
    let id = served["id"].as_str().expect("id");
    assert_eq!(
        component["id"],
        format!("pact-{}", &id[..8]),
        "{component:#}"
    );
    assert!(component.to_string().contains(id), "{component:#}");
}

fn bad_credentials_are_bad_input_naming_the_secret_file(c: &Ctx) {
    let wrong = c.dir.join("wrong.txt");
    std::fs::write(&wrong, "not-the-secret\n").expect("write");
    let mut o = c.opts("refused");
    o.client_secret_file = wrong;
    let e = input_error(pull(&o).0);
    assert_eq!(e.path, "client-secret-file");
    assert_eq!(e.code, "credentials_refused");
    assert!(
        e.message.contains("--client-secret-file") && e.message.contains("401"),
        "{}",
        e.message
    );
    assert!(!o.out.exists(), "nothing is written before the token");
    // An unknown client, an unreadable and an empty secret file.
    let mut o = c.opts("refused");
    o.client_id = "nobody".into();
    assert_eq!(input_error(pull(&o).0).code, "credentials_refused");
    o.client_secret_file = c.dir.join("missing.txt");
    let e = input_error(pull(&o).0);
    assert_eq!(
        (e.path.as_str(), e.code.as_str()),
        ("client-secret-file", "cannot_read")
    );
    std::fs::write(c.dir.join("empty.txt"), "\n").expect("write");
    o.client_secret_file = c.dir.join("empty.txt");
    assert_eq!(input_error(pull(&o).0).path, "client-secret-file");
}

fn bad_urls_and_options_are_bad_input_naming_the_option(c: &Ctx) {
    for (url, path) in [
        (format!("http://127.0.0.1:{}", c.server.port), "url"),
        ("127.0.0.1:8443".to_owned(), "url"),
        (format!("{}/?limit=1", c.url()), "url"),
        // A self-signed certificate is accepted from a local host only.
        ("https://pact.example.com".to_owned(), "insecure-localhost"),
    ] {
        let mut o = c.opts("never");
        o.url = url.clone();
        let e = input_error(pull(&o).0);
        assert_eq!(e.path, path, "{url}: {}", e.message);
    }
    let mut o = c.opts("never");
    o.cacert = Some(c.clients.clone());
    assert_eq!(input_error(pull(&o).0).path, "cacert");
    let mut o = c.opts("never");
    o.limit = Some(0);
    assert_eq!(input_error(pull(&o).0).path, "limit");
    assert!(!c.dir.join("never").exists());
}

fn an_untrusted_certificate_and_a_closed_port_are_network_failures(c: &Ctx) {
    let mut o = c.opts("untrusted");
    o.insecure_localhost = false;
    match pull(&o).0 {
        Err(HostError::External(e)) => {
            assert_eq!(e.path, "url");
            assert!(
                e.message.to_lowercase().contains("certificate"),
                "{}",
                e.message
            );
        }
        other => panic!("{other:?}"),
    }
    // A port nobody listens on (the server's own, once it has stopped, is not guaranteed to
    // stay free: port 1 needs root to listen).
    let mut o = c.opts("closed");
    o.url = "https://127.0.0.1:1".into();
    match pull(&o).0 {
        Err(HostError::External(e)) => assert_eq!(e.code, "cannot_connect", "{}", e.message),
        other => panic!("{other:?}"),
    }
}

fn cacert_trusts_the_host_certificate(c: &Ctx) {
    // The operator's certificate for localhost (as `pcf pact serve --cert/--key` is given).
    let made =
        rcgen::generate_simple_self_signed(vec!["localhost".to_owned()]).expect("a certificate");
    let cert = c.dir.join("cert.pem");
    let key = c.dir.join("key.pem");
    std::fs::write(&cert, made.cert.pem()).expect("cert");
    std::fs::write(&key, made.key_pair.serialize_pem()).expect("key");
    let server = Server::start(
        &c.dir.join("footprints.db"),
        &c.clients,
        Some((&cert, &key)),
    );
    let mut o = c.opts("cacert");
    o.url = format!("https://localhost:{}", server.port);
    o.insecure_localhost = false;
    o.limit = Some(2);
    o.cacert = Some(cert.clone());
    let summary = pull(&o).0.expect("pulled with --cacert");
    assert_eq!((summary.pages, summary.written.len()), (2, 3));
    // Without it the same host is not trusted.
    o.cacert = None;
    assert!(matches!(pull(&o).0, Err(HostError::External(_))));
}

// ---------------------------------------------------------------------------------------
// The runner (as tests/host.rs).

type Case = harness::Case<Ctx>;

const CASES: &[Case] = &[
    (
        "pull_follows_every_page_and_writes_each_footprint_as_served",
        pull_follows_every_page_and_writes_each_footprint_as_served,
    ),
    (
        "filters_are_passed_to_the_host",
        filters_are_passed_to_the_host,
    ),
    (
        "a_footprint_failing_a_check_is_written_and_reported_and_a_non_uuid_id_is_not_written",
        a_footprint_failing_a_check_is_written_and_reported_and_a_non_uuid_id_is_not_written,
    ),
    ("a_pulled_file_is_imported", a_pulled_file_is_imported),
    (
        "bad_credentials_are_bad_input_naming_the_secret_file",
        bad_credentials_are_bad_input_naming_the_secret_file,
    ),
    (
        "bad_urls_and_options_are_bad_input_naming_the_option",
        bad_urls_and_options_are_bad_input_naming_the_option,
    ),
    (
        "an_untrusted_certificate_and_a_closed_port_are_network_failures",
        an_untrusted_certificate_and_a_closed_port_are_network_failures,
    ),
    (
        "cacert_trusts_the_host_certificate",
        cacert_trusts_the_host_certificate,
    ),
];

fn main() -> ExitCode {
    if std::env::var(ROLE).as_deref() == Ok("serve") {
        return child_serve();
    }
    harness::run(CASES, Ctx::setup)
}
