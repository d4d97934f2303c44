//! A supply chain across two PACT hosts, every step the real `pcf` binary as a process (issue
//! 22): a supplier's host A serves footprints published from computed results; its customer
//! pulls them (`pcf pact pull`), adds them to its product (`pcf pact import --into`), computes
//! it (`pcf compute`), publishes the product's footprint into its own host B (`pcf pact
//! publish`) and B serves it (`pcf pact serve`; read back with `pcf pact pull`).
//!
//! What is checked: every emission part a supplier declared reaches B's footprint scaled by
//! the amount used, on top of the product's own lines ("a supplier's parts cross every tier",
//! ARCHITECTURE.md). The product's own lines are its document before the suppliers are added,
//! computed and exported the same way. With B's declared unit 1 t and every footprint per
//! kilogram, B's figure per kilogram is own + 1.05 × coil + 0.012 × dunnage for each part.
//!
//! Tolerance: every figure is written as the shortest decimal of an f64 and read back to that
//! f64 (pcf's one number rule), so the suppliers' figures arrive exactly; the test adds the
//! three terms in its own order where pcf sums lines in its canonical order and divides by
//! 1000, so the two may differ by float rounding: at most 1e-12 of the terms' magnitudes
//! (observed: one ulp).
//!
//! This test is in pcf-cli, not pcf-pact-host: cargo gives a binary's path
//! (`CARGO_BIN_EXE_pcf`) only to its own package's tests.
#![cfg(not(target_arch = "wasm32"))]

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};
use std::sync::mpsc;
use std::time::Duration;

use serde_json::{json, Value};

/// The repository's root, where the binary runs (the examples are read from there).
const ROOT: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../..");

/// The PACT v3 fields of the parts (docs/pact.md, "What a footprint carries").
const PARTS: &[&str] = &[
    "pcfExcludingBiogenicUptake",
    "pcfIncludingBiogenicUptake",
    "fossilGhgEmissions",
    "landUseChangeGhgEmissions",
    "landCarbonLeakage",
    "landManagementFossilGhgEmissions",
    "landManagementBiogenicCO2Emissions",
    "landManagementBiogenicCO2Removals",
    "biogenicNonCO2Emissions",
    "biogenicCO2Uptake",
    "aircraftGhgEmissions",
    "packagingGhgEmissions",
    "outboundLogisticsGhgEmissions",
    "technologicalCO2Removals",
    "ccsTechnologicalCO2Capture",
    "fossilCarbonContent",
    "biogenicCarbonContent",
    "recycledCarbonContent",
    "packagingBiogenicCarbonContent",
    "ccuCarbonContent",
    "landAreaOccupation",
];

/// A second supplier's product, per kilogram: timber (its biogenic uptake), biogenic methane,
/// direct land-use change and an air freight line, besides electricity: a footprint with
/// every class of emission.
const DUNNAGE: &str = r#"{
  "schema": "pcf/1",
  "product": {"name": "Wooden dunnage for coil transport", "sector": "other",
              "declared_unit": {"amount": 1, "unit": "kg"}},
  "gwp_set": "AR6",
  "boundary": {"kind": "cradle-to-gate", "stages": ["raw_material_acquisition", "production"]},
  "reference_period": {"start": "2026-01-01", "end": "2026-12-31"},
  "activities": [
    {"name": "sawmill electricity", "amount": 0.35, "unit": "kWh",
     "factor": "cn.elec.footprint.2024.national", "stage": "production"}
  ],
  "emissions": [
    {"gas": "CO2_biogenic", "amount": 1.6, "unit": "kg", "removal": true,
     "stage": "raw_material_acquisition", "note": "carbon taken up by the timber"},
    {"gas": "CH4_biogenic", "amount": 0.002, "unit": "kg", "stage": "production"},
    {"gas": "CO2_luc", "amount": 0.05, "unit": "kg", "stage": "raw_material_acquisition"},
    {"gas": "CO2_fossil", "amount": 0.01, "unit": "kg", "aircraft": true,
     "stage": "raw_material_acquisition"}
  ],
  "study": {"standards": ["ISO 14067:2018"]}
}
"#;

/// The customer's product before its suppliers are added: its own lines only.
const PRODUCT: &str = r#"{
  "schema": "pcf/1",
  "product": {"name": "Cold-rolled coil, packed", "sector": "steel",
              "declared_unit": {"amount": 1, "unit": "t"}},
  "gwp_set": "AR6",
  "boundary": {"kind": "cradle-to-gate", "stages": ["raw_material_acquisition", "production"]},
  "reference_period": {"start": "2027-01-01", "end": "2027-12-31"},
  "activities": [
    {"name": "cold-rolling electricity", "amount": 120, "unit": "kWh",
     "factor": "cn.elec.footprint.2024.national", "stage": "production"}
  ],
  "emissions": [
    {"gas": "CH4_fossil", "amount": 0.05, "unit": "kg", "stage": "production"}
  ],
  "study": {"standards": ["ISO 14067:2018"]}
}
"#;

fn pcf(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_pcf"))
        .args(args)
        .current_dir(ROOT)
        .stdin(Stdio::null())
        .output()
        .expect("the pcf binary runs")
}

/// Runs pcf and expects exit 0; its stdout.
fn ok(args: &[&str]) -> String {
    let out = pcf(args);
    assert_eq!(
        out.status.code(),
        Some(0),
        "pcf {}: {}",
        args.join(" "),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("UTF-8")
}

/// `pcf pact serve` on a free port of 127.0.0.1, killed when dropped.
struct Host {
    child: Child,
    url: String,
}

impl Host {
    fn start(db: &Path, clients: &Path) -> Host {
        let mut child = Command::new(env!("CARGO_BIN_EXE_pcf"))
            .args(["pact", "serve", "--listen", "127.0.0.1:0", "--db"])
            .arg(db)
            .arg("--clients")
            .arg(clients)
            .current_dir(ROOT)
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .expect("the host starts");
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
        let url = rx
            .recv_timeout(Duration::from_secs(60))
            .expect("the host says its address");
        Host { child, url }
    }
}

impl Drop for Host {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn path(p: &Path) -> &str {
    p.to_str().expect("a UTF-8 path")
}

fn read_json(p: &Path) -> Value {
    let text = std::fs::read_to_string(p).unwrap_or_else(|e| panic!("{}: {e}", p.display()));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", p.display()))
}

/// Pulls every footprint of the host at `url` into `out`; the files written, by product id.
fn pull(url: &str, secret: &Path, out: &Path) -> Vec<(String, Value)> {
    let summary: Value = serde_json::from_str(&ok(&[
        "pact",
        "pull",
        url,
        "--client-id",
        "portal",
        "--client-secret-file",
        path(secret),
        "-o",
        path(out),
        "--insecure-localhost",
    ]))
    .expect("the summary");
    assert_eq!(summary["failing"], 0, "{summary}");
    let mut files: Vec<(String, Value)> = std::fs::read_dir(out)
        .expect("the folder")
        .map(|e| {
            let p = e.expect("an entry").path();
            let fp = read_json(&p);
            (path(&p).to_owned(), fp)
        })
        .collect();
    files.sort_by_key(|(_, fp)| fp["productIds"].to_string());
    assert_eq!(summary["written"], files.len());
    files
}

/// A part's figure in a footprint (an absent optional part is 0, as the identities count it).
fn part(fp: &Value, field: &str) -> f64 {
    match fp["pcf"].get(field) {
        None => 0.0,
        Some(v) => v
            .as_str()
            .and_then(|s| s.parse().ok())
            .unwrap_or_else(|| panic!("{field} is not a decimal: {v}")),
    }
}

fn write(p: &Path, text: &str) {
    std::fs::write(p, text).unwrap_or_else(|e| panic!("{}: {e}", p.display()));
}

#[test]
fn pact_pull_import_compute_publish_round_trip_between_two_hosts() {
    let dir: PathBuf =
        std::env::temp_dir().join(format!("pcf-cli-roundtrip-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("a folder");
    let f = |name: &str| dir.join(name);
    write(&f("clients.txt"), "portal:s3cret\n");
    write(&f("secret.txt"), "s3cret\n");

    // Host A, the supplier: a coil computed from a shipped example and the dunnage.
    write(
        &f("coil.result.json"),
        &ok(&["compute", "examples/steel-bf-bof-coil.json"]),
    );
    write(&f("dunnage.json"), DUNNAGE);
    write(
        &f("dunnage.result.json"),
        &ok(&["compute", path(&f("dunnage.json"))]),
    );
    write(
        &f("coil.meta.json"),
        &json!({"companyName": "Acme Steel", "companyIds": ["urn:pcf:acme"],
                "productIds": ["urn:pcf:acme:coil"], "crossSectoralStandards": ["ISO14067"]})
        .to_string(),
    );
    write(
        &f("dunnage.meta.json"),
        &json!({"companyName": "Acme Steel", "companyIds": ["urn:pcf:acme"],
                "productIds": ["urn:pcf:acme:dunnage"]})
        .to_string(),
    );
    let db_a = f("a.db");
    for what in ["coil", "dunnage"] {
        let line: Value = serde_json::from_str(&ok(&[
            "pact",
            "publish",
            path(&f(&format!("{what}.result.json"))),
            "--db",
            path(&db_a),
            "--meta",
            path(&f(&format!("{what}.meta.json"))),
        ]))
        .expect("one line");
        assert_eq!(line["stored"], true);
    }
    let a = Host::start(&db_a, &f("clients.txt"));

    // The customer pulls both.
    let pulled = pull(&a.url, &f("secret.txt"), &f("from-a"));
    assert_eq!(pulled.len(), 2);
    let (coil_file, coil) = &pulled[0];
    let (dunnage_file, dunnage) = &pulled[1];
    assert_eq!(coil["productIds"], json!(["urn:pcf:acme:coil"]));
    assert_eq!(dunnage["productIds"], json!(["urn:pcf:acme:dunnage"]));
    // Figures per kilogram (PACT's unit; `declaredUnitAmount` is how many the product is:
    // the coil example's 1000 t, the dunnage's 1 kg).
    for fp in [coil, dunnage] {
        assert_eq!(fp["pcf"]["declaredUnitOfMeasurement"], "kilogram");
    }
    assert_eq!(coil["pcf"]["declaredUnitAmount"], "1000000");
    // The dunnage states every class: fossil, biogenic uptake and non-CO2, land-use change,
    // aircraft.
    assert_eq!(part(dunnage, "biogenicCO2Uptake"), -1.6);
    assert_eq!(part(dunnage, "landUseChangeGhgEmissions"), 0.05);
    assert_eq!(part(dunnage, "aircraftGhgEmissions"), 0.01);
    assert_eq!(part(dunnage, "biogenicNonCO2Emissions"), 0.054);
    assert!(part(dunnage, "fossilGhgEmissions") > 0.0);
    assert!(part(coil, "fossilGhgEmissions") > 0.0);

    // The product: its own lines alone (computed and exported as B will be), then with the
    // suppliers added in one step each.
    let meta_b = f("b.meta.json");
    write(
        &meta_b,
        &json!({"companyName": "Beta Rolling", "companyIds": ["urn:pcf:beta"],
                "productIds": ["urn:pcf:beta:packed-coil"]})
        .to_string(),
    );
    write(&f("own.json"), PRODUCT);
    write(
        &f("own.result.json"),
        &ok(&["compute", path(&f("own.json"))]),
    );
    let own: Value = serde_json::from_str(&ok(&[
        "pact",
        "export",
        path(&f("own.result.json")),
        "--spec",
        "3",
        "--meta",
        path(&meta_b),
    ]))
    .expect("a footprint");
    let product = f("product.json");
    write(&product, PRODUCT);
    ok(&[
        "pact",
        "import",
        coil_file,
        "--into",
        path(&product),
        "--amount",
        "1.05 t",
        "--in-place",
    ]);
    ok(&[
        "pact",
        "import",
        dunnage_file,
        "--into",
        path(&product),
        "--amount",
        "12 kg",
        "--stage",
        "production",
        "--in-place",
    ]);
    let result_text = ok(&["compute", path(&product)]);
    write(&f("product.result.json"), &result_text);
    let result: Value = serde_json::from_str(&result_text).expect("a result");
    // Each supplier's line names its PACT footprint.
    let ids: Vec<&Value> = result["lines"]
        .as_array()
        .expect("lines")
        .iter()
        .filter_map(|l| l["declared_by"]["pact"].get("id"))
        .collect();
    assert_eq!(ids, vec![&coil["id"], &dunnage["id"]]);

    // Host B, the customer's own: the product's footprint published and served.
    let db_b = f("b.db");
    ok(&[
        "pact",
        "publish",
        path(&f("product.result.json")),
        "--db",
        path(&db_b),
        "--meta",
        path(&meta_b),
    ]);
    let b = Host::start(&db_b, &f("clients.txt"));
    let served = pull(&b.url, &f("secret.txt"), &f("from-b"));
    assert_eq!(served.len(), 1);
    let (_, fp) = &served[0];
    assert_eq!(fp["productIds"], json!(["urn:pcf:beta:packed-coil"]));
    assert_eq!(fp["pcf"]["declaredUnitOfMeasurement"], "kilogram");

    // Every part: own + 1.05 × coil + 0.012 × dunnage, per kilogram of B.
    let mut checked = Vec::new();
    for field in PARTS {
        let declared = [&own, coil, dunnage]
            .iter()
            .any(|d| d["pcf"].get(*field).is_some());
        if !declared {
            continue;
        }
        assert!(
            fp["pcf"].get(*field).is_some(),
            "{field} was declared but is not in B's footprint"
        );
        let terms = [
            part(&own, field),
            1.05 * part(coil, field),
            0.012 * part(dunnage, field),
        ];
        let expected: f64 = terms.iter().sum();
        let got = part(fp, field);
        let scale: f64 = terms.iter().map(|t| t.abs()).sum();
        assert!(
            (got - expected).abs() <= 1e-12 * scale,
            "{field}: B says {got}, own {} + 1.05 × {} + 0.012 × {} = {expected}",
            terms[0],
            part(coil, field),
            part(dunnage, field),
        );
        checked.push(*field);
    }
    // The figures the identities bind, and each class the dunnage brought.
    for field in [
        "pcfExcludingBiogenicUptake",
        "pcfIncludingBiogenicUptake",
        "fossilGhgEmissions",
        "biogenicCO2Uptake",
        "biogenicNonCO2Emissions",
        "landUseChangeGhgEmissions",
        "aircraftGhgEmissions",
    ] {
        assert!(checked.contains(&field), "{field} not checked: {checked:?}");
        assert!(part(fp, field) != 0.0, "{field} is 0 in B");
    }
    // The headline figure, with its numbers: the coil's 0.538856 and the dunnage's 0.316195
    // kg CO2e per kg (excluding uptake) arrive as written.
    assert_eq!(part(coil, "pcfExcludingBiogenicUptake"), 0.538856);
    assert_eq!(part(dunnage, "pcfExcludingBiogenicUptake"), 0.316195);
    let own_excl = part(&own, "pcfExcludingBiogenicUptake");
    let b_excl = part(fp, "pcfExcludingBiogenicUptake");
    let expected = own_excl + 1.05 * 0.538856 + 0.012 * 0.316195;
    assert!(
        (b_excl - expected).abs() <= 1e-12 * expected,
        "{b_excl} vs {expected}"
    );
    drop((a, b));
    let _ = std::fs::remove_dir_all(&dir);
}
