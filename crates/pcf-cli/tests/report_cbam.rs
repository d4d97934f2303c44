//! `pcf report cbam-communication` as a process: `pcf compute` on each shipped steel example,
//! then the communication as JSON (standard output, or `-o FILE --format json`) and as an
//! `.xlsx` workbook (`-o FILE.xlsx`, the default for that extension). The workbook read back
//! (calamine) holds the result file's figures with the same bits, the same result gives the
//! same bytes, and what cannot be written (xlsx on standard output) or does not apply exits 2
//! with its path.
#![cfg(not(target_arch = "wasm32"))]

use std::process::{Command, Output};

use calamine::{Data, Reader, Xlsx};

/// The repository's root, where the binary runs (as in tests/cli.rs).
const ROOT: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../..");

const META: &str = "tests/data/reports/cbam-meta.json";

const EXAMPLES: [&str; 3] = [
    "steel-bf-bof-coil.json",
    "steel-dri-eaf-slab.json",
    "steel-scrap-eaf-rebar.json",
];

fn pcf(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_pcf"))
        .args(args)
        .current_dir(ROOT)
        .output()
        .expect("the pcf binary runs")
}

fn dir() -> std::path::PathBuf {
    let d = std::env::temp_dir().join(format!("pcf-cli-report-cbam-{}", std::process::id()));
    std::fs::create_dir_all(&d).expect("temp dir");
    d
}

fn path_in_dir(name: &str) -> String {
    dir().join(name).to_str().expect("utf-8 path").to_string()
}

fn ok(out: &Output) -> &[u8] {
    assert_eq!(
        out.status.code(),
        Some(0),
        "stderr: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    &out.stdout
}

fn error(out: &Output) -> serde_json::Value {
    let text = String::from_utf8_lossy(&out.stderr);
    let v: serde_json::Value = serde_json::from_str(text.trim())
        .unwrap_or_else(|e| panic!("stderr is not one JSON object ({e}): {text}"));
    v["error"].clone()
}

/// `pcf compute` of an example: the result file's path and its JSON.
fn computed(example: &str) -> (String, serde_json::Value) {
    // Each call its own file (as in tests/report.rs): the tests run in parallel.
    static CALLS: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
    let n = CALLS.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let out = pcf(&["compute", &format!("examples/{example}")]);
    let text = String::from_utf8(ok(&out).to_vec()).expect("UTF-8");
    let path = path_in_dir(&format!("{example}.{n}.result.json"));
    std::fs::write(&path, &text).expect("writable");
    (path, serde_json::from_str(&text).expect("JSON"))
}

fn f(v: &serde_json::Value) -> f64 {
    v.as_f64().expect("a number")
}

fn cell(d: &Data) -> String {
    match d {
        Data::String(s) => s.clone(),
        Data::Empty => String::new(),
        other => other.to_string(),
    }
}

/// The sheet `name` of the workbook file, as rows of cells.
fn sheet(file: &str, name: &str) -> Vec<Vec<Data>> {
    let mut wb: Xlsx<_> = calamine::open_workbook(file).expect("an xlsx workbook");
    let range = wb.worksheet_range(name).expect("the sheet");
    range.rows().map(<[Data]>::to_vec).collect()
}

/// The number in column C of the row whose column B is `label`.
fn figure(rows: &[Vec<Data>], label: &str) -> f64 {
    let row = rows
        .iter()
        .find(|r| r.get(1).map(cell).as_deref() == Some(label))
        .unwrap_or_else(|| panic!("no row {label:?}"));
    match &row[2] {
        Data::Float(x) => *x,
        other => panic!("{label:?}: not a number: {other:?}"),
    }
}

#[test]
fn the_workbook_holds_the_result_files_figures_bit_for_bit() {
    for example in EXAMPLES {
        let (result, r) = computed(example);
        let s = &r["sector"]["steel"];
        let book = path_in_dir(&format!("{example}.xlsx"));
        // The default for a .xlsx file, written only there: nothing on standard output.
        let out = pcf(&[
            "report",
            "cbam-communication",
            &result,
            "--meta",
            META,
            "-o",
            &book,
        ]);
        assert!(ok(&out).is_empty());
        let bytes = std::fs::read(&book).expect("written");
        assert!(bytes.starts_with(b"PK\x03\x04"), "a zip package");

        let summary = sheet(&book, "Summary_Communication");
        for (label, key) in [
            (
                "Total direct emissions during reporting period (attributed to the production process):",
                "attributed_direct_t",
            ),
            (
                "Total indirect emissions during reporting period:",
                "attributed_indirect_t",
            ),
            (
                "Direct emissions embedded in the precursors consumed:",
                "precursors_direct_t",
            ),
            (
                "Indirect emissions embedded in the precursors consumed:",
                "precursors_indirect_t",
            ),
            (
                "Net carbon of the mass balance (inputs - outputs):",
                "net_carbon_t",
            ),
        ] {
            assert_eq!(
                figure(&summary, label).to_bits(),
                f(&s[key]).to_bits(),
                "{example} {key}"
            );
        }
        // The summary of products: CN code, route and SEE where the template puts them.
        let header = summary
            .iter()
            .position(|r| r.first().map(cell).as_deref() == Some("#"))
            .expect("the summary of products");
        let heads: Vec<String> = summary[header].iter().map(cell).collect();
        let row = &summary[header + 1];
        let col = |name: &str| &row[heads.iter().position(|h| h == name).expect(name)];
        assert_eq!(cell(col("CN Codes")), s["cn_code"].as_str().expect("text"));
        assert_eq!(
            cell(col("Production route")),
            s["route"].as_str().expect("text")
        );
        let (direct, indirect) = (f(&s["see_direct"]), f(&s["see_indirect"]));
        assert_eq!(col("SEE (direct)"), &Data::Float(direct), "{example}");
        assert_eq!(col("SEE (indirect)"), &Data::Float(indirect));
        assert_eq!(col("SEE (total)"), &Data::Float(direct + indirect));
        // The digits as the result file prints them (shortest round trip both ways).
        let printed = serde_json::to_string(&s["see_direct"]).expect("JSON");
        match col("SEE (direct)") {
            Data::Float(x) => assert_eq!(format!("{x:?}"), printed),
            other => panic!("{other:?}"),
        }
        let process = sheet(&book, "D_Processes");
        assert_eq!(
            figure(&process, "Total production level (activity level):").to_bits(),
            f(&s["activity_level_t"]).to_bits()
        );
        // The precursors of the study, as declared.
        let precursors = sheet(&book, "E_PurchPrec");
        for (n, p) in r["input"]["precursors"]
            .as_array()
            .into_iter()
            .flatten()
            .enumerate()
        {
            let row = precursors
                .iter()
                .find(|x| x.first().map(cell) == Some(format!("PP{}", n + 1)))
                .expect("the precursor's row");
            assert_eq!(cell(&row[1]), p["name"].as_str().expect("name"));
            assert_eq!(row[4], Data::Float(f(&p["see_direct"])));
            assert_eq!(row[5], Data::Float(f(&p["see_indirect"])));
        }
        // The receipt.
        let receipt: Vec<String> = sheet(&book, "pcf_Receipt")
            .iter()
            .flatten()
            .map(cell)
            .collect();
        let digest = r["receipt"]["result_sha256"].as_str().expect("digest");
        assert!(receipt.iter().any(|c| c == digest), "{example}");

        // The same result gives the same bytes, with --format xlsx too.
        let again = path_in_dir(&format!("{example}.again.xlsx"));
        ok(&pcf(&[
            "report",
            "cbam-communication",
            &result,
            "--meta",
            META,
            "--format",
            "xlsx",
            "-o",
            &again,
        ]));
        assert_eq!(std::fs::read(&again).expect("written"), bytes, "{example}");
    }
}

#[test]
fn the_json_is_the_same_on_standard_output_and_in_a_file() {
    let (result, r) = computed("steel-dri-eaf-slab.json");
    let out = pcf(&["report", "cbam-communication", &result, "--meta", META]);
    let text = String::from_utf8(ok(&out).to_vec()).expect("UTF-8");
    let file = path_in_dir("communication.json");
    ok(&pcf(&[
        "report",
        "cbam-communication",
        &result,
        "--meta",
        META,
        "--format",
        "json",
        "-o",
        &file,
    ]));
    assert_eq!(std::fs::read_to_string(&file).expect("written"), text);
    let doc: serde_json::Value = serde_json::from_str(&text).expect("JSON");
    assert_eq!(doc["schema"], "pcf-cbam-communication/1");
    let s = &r["sector"]["steel"];
    let g = &doc["goods"][0];
    for key in ["see_direct", "see_indirect"] {
        assert_eq!(f(&g[key]).to_bits(), f(&s[key]).to_bits(), "{key}");
        // The same printed digits as the result file.
        assert!(text.contains(&format!("\"{key}\": {}", s[key])), "{key}");
    }
    assert_eq!(doc["precursors"]["list"][0]["name"], "direct reduced iron");
    assert_eq!(
        doc["receipt"]["result_sha256"],
        r["receipt"]["result_sha256"]
    );
    assert_eq!(doc["precheck"]["scheme"], "cbam-steel");
}

#[test]
fn what_cannot_be_written_or_does_not_apply_exits_2_with_its_path() {
    let (steel, _) = computed("steel-bf-bof-coil.json");
    // A workbook is bytes: not on standard output.
    let o = pcf(&[
        "report",
        "cbam-communication",
        &steel,
        "--meta",
        META,
        "--format",
        "xlsx",
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert!(o.stdout.is_empty());
    assert_eq!(error(&o)["path"], "format");
    // No meta: the section the communication needs.
    let o = pcf(&["report", "cbam-communication", &steel]);
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(
        (error(&o)["code"].clone(), error(&o)["path"].clone()),
        ("invalid_document".into(), "$meta.cbam".into())
    );
    // A UN/LOCODE of another country than the study's.
    let meta = std::fs::read_to_string(format!("{ROOT}/{META}"))
        .expect("meta")
        .replace("CNSHA", "DEHAM");
    let other = path_in_dir("meta-deham.json");
    std::fs::write(&other, meta).expect("writable");
    let o = pcf(&["report", "cbam-communication", &steel, "--meta", &other]);
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(error(&o)["path"], "$meta.cbam.installation.unlocode");
    // Not a steel result: the kinds that apply are named.
    let (battery, _) = computed("battery-m1-75kwh.json");
    let book = path_in_dir("battery.xlsx");
    let o = pcf(&[
        "report",
        "cbam-communication",
        &battery,
        "--meta",
        META,
        "-o",
        &book,
    ]);
    assert_eq!(o.status.code(), Some(2));
    let e = error(&o);
    assert_eq!(e["path"], "kind");
    assert!(e["message"]
        .as_str()
        .expect("message")
        .contains("these kinds apply: battery-passport, battery-declaration, cfp-report, label"));
    assert!(!std::path::Path::new(&book).exists());
    // A battery document has no xlsx form, even when the file's name says so.
    let o = pcf(&["report", "battery-passport", &battery, "-o", &book]);
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(error(&o)["path"], "format");
}
