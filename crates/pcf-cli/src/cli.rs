//! Argument parsing, file reading and printing for the `pcf` binary. No calculation here.

use std::io::{Read, Write};
use std::process::ExitCode;

use clap::{Parser, Subcommand};

mod batch;
use pcf::factors::{Factor, FactorSet, FactorTable, Origin};
use pcf::{Error, ErrorReport};

/// Product carbon footprint engine.
///
/// Exit codes, one meaning each: 0 done (for `verify` a match, `precheck` ready, `pact check`
/// conformant and consistent); 1 done, but the answer is no (`verify` a mismatch, `precheck` not
/// ready, `pact check` not conformant or not consistent, `batch --fail-on-error` a record
/// failed: the report on stdout
/// says why); 2 bad input or usage, with the error as JSON on stderr
/// ({"error":{"code","path","message"}}); 3 pcf's own failure (`internal`: an output that
/// could not be written, e.g. a full disk; for `pact import --into`, `cannot_write`, the
/// original untouched).
#[derive(Parser)]
#[command(name = "pcf", version, about, long_about)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Compute the footprint of a pcf/1 document and print the result JSON on stdout.
    Compute {
        /// The document (a file path, or - for standard input).
        file: String,
        /// A user factor table (CSV or JSON, by extension), layered over the built-in tables;
        /// repeat for several, later ones take precedence.
        #[arg(long = "factors", value_name = "TABLE")]
        factors: Vec<String>,
        /// Let the user tables replace built-in (or earlier) factors with the same id; without
        /// it such a conflict is an error. Every replacement is listed in the result.
        #[arg(long = "override")]
        allow_override: bool,
    },
    /// Verify a result file written by `pcf compute`: check its receipt, recompute its input and
    /// print a pcf-verify/1 report (JSON). Exit 0 when everything matches, 1 on a mismatch
    /// (which figure, which factor, which table changed), 2 when the file is not a sealed result.
    ///
    /// With --document DOC: check an input document against a receipt instead. FILE is then the
    /// receipt: a sealed result, a report carrying one (pcf report's JSON, a label's SVG), a
    /// pcf-receipt/1 object, or the result digest (a label's #verify= link, also given as the
    /// argument itself). The document is computed and its input digest, factor set and result
    /// digest compared with the receipt's; one line says this document, this product, this
    /// total, match or mismatch and what differs (--json: the pcf-verify-document/1 report).
    /// Exit 0 match, 1 mismatch, 2 bad input.
    Verify {
        /// The result file (or - for standard input); with --document, the receipt.
        file: String,
        /// An input document (pcf/1 or a sector template) to check against the receipt FILE.
        #[arg(long, value_name = "DOC")]
        document: Option<String>,
        /// With --document: print the pcf-verify-document/1 report (JSON) instead of the line.
        #[arg(long, requires = "document")]
        json: bool,
        /// The user factor tables the result was computed with (the built-in ones are always
        /// loaded); repeat for several, in the same order as for `compute`.
        #[arg(long = "factors", value_name = "TABLE")]
        factors: Vec<String>,
        /// As for `compute`: let the user tables replace factors with the same id.
        #[arg(long = "override")]
        allow_override: bool,
    },
    /// Run a certification scheme's pre-checks on a document and print each rule's outcome
    /// (pcf-precheck/1 JSON): verdict ready, ready_with_warnings or not_ready. Exit 0 when ready
    /// (warnings allowed), 1 when not ready, 2 when the input is not a JSON document.
    Precheck {
        /// The document (a file path, or - for standard input).
        file: String,
        /// The scheme: iso14067 (ISO 14067 / GB/T 24067), cn-label (China carbon-footprint
        /// label, CNCA), eu-battery (EU Battery Regulation), cn-battery-declaration (MIIT
        /// traction-battery declaration), cbam-steel (EU CBAM, iron and steel), fr-cre-pv
        /// (France CRE simplified carbon assessment of PV), pact-v2 and pact-v3 (PACT
        /// Technical Specifications v2.3 / v3.0: FILE may also be a PACT footprint or a result,
        /// checked as given).
        #[arg(long, value_parser = clap::builder::PossibleValuesParser::new(pcf::precheck::SCHEME_IDS))]
        scheme: String,
        /// For schemes with a choice of limits, the threshold parameter (fr-cre-pv:
        /// fr.cre.pv.threshold.feed-in, the default, or fr.cre.pv.threshold.rooftop-tender; or
        /// an EPEAT level, epeat.pv.threshold.low-carbon or .ultra-low-carbon, compared
        /// unrounded).
        #[arg(long, value_name = "PARAMETER")]
        threshold: Option<String>,
        /// For pact-v2/pact-v3 on a study or result: the meta JSON of the export (as for
        /// `pcf pact export --meta`).
        #[arg(long, value_name = "FILE")]
        meta: Option<String>,
        /// A user factor table, as for `compute` (repeatable).
        #[arg(long = "factors", value_name = "TABLE")]
        factors: Vec<String>,
        /// As for `compute`: let the user tables replace factors with the same id.
        #[arg(long = "override")]
        allow_override: bool,
    },
    /// Write a document a certifier or regulator receives from a sealed result (written by
    /// `pcf compute`): battery-passport (the Battery Pass carbon-footprint attributes, JSON),
    /// battery-declaration (EU Battery Regulation art. 7(1) declaration with the MIIT declaration
    /// figures, JSON or a printable HTML page in English or Chinese), cbam-communication (the
    /// CBAM emissions communication of a steel installation to EU importers, JSON or an .xlsx
    /// workbook laid out after the Commission's template, written only with -o), cfp-report (the
    /// ISO 14067 / GB/T 24067 CFP study report of any result, a printable HTML page or JSON),
    /// label (a product carbon label, SVG, with a QR code of the result's verification link).
    /// Each carries the result's receipt and its scheme's pre-check verdict; the same inputs
    /// give the same bytes. What the result does not know (manufacturer, plant, declaration of
    /// conformity, study link, performance class, date, the CBAM installation, the study's goal
    /// and commissioner, the label's scheme and validity) comes from --meta (docs/reports.md).
    /// Exit 0 written, 2 bad
    /// input (a kind that does not apply names those that do; a meta field by its path
    /// $meta.…), 3 the output could not be written.
    Report {
        /// The kind of document.
        #[arg(value_parser = clap::builder::PossibleValuesParser::new(pcf::reports::KINDS))]
        kind: String,
        /// The sealed result (or - for standard input).
        file: String,
        /// Write the document to FILE instead of standard output.
        #[arg(long, short = 'o', value_name = "FILE")]
        out: Option<String>,
        /// json, html (battery-declaration, cfp-report), xlsx (cbam-communication only, with
        /// -o) or svg (label); default: html when FILE ends in .html or .htm, xlsx when it ends
        /// in .xlsx, svg when it ends in .svg, json when it ends in .json, else the kind's first
        /// (json; html for cfp-report; svg for label).
        #[arg(long, value_parser = ["json", "html", "xlsx", "svg"])]
        format: Option<String>,
        /// The language of an HTML page or a label (JSON documents carry both).
        #[arg(long, default_value = "en", value_parser = ["en", "zh"])]
        lang: String,
        /// A JSON file with what the document needs and the result does not know: manufacturer
        /// {name, trade_name, address, contact}, plant {name, street_address, postal_code,
        /// locality, region, country, latitude, longitude}, declaration_of_conformity_id,
        /// public_study_url, performance_class, verification_report, date, cbam
        /// {installation, operator, carbon_price …}, cfp_study {report_id,
        /// intended_application, reasons, intended_audience, comparative_assertion, cfp_pcr,
        /// commissioner, practitioner}, label {scheme, valid_from, valid_until, certificate,
        /// verify_url, precheck} (docs/reports.md).
        #[arg(long, value_name = "FILE")]
        meta: Option<String>,
        /// cfp-report: a `pcf uncertainty` report (JSON) of the same study, shown in the report's
        /// uncertainty section (it must have the result's product, declared unit, factor set and
        /// total).
        #[arg(long, value_name = "RUN.json")]
        uncertainty: Option<String>,
        /// The user factor tables the result was computed with, as for `verify` (the
        /// pre-check recomputes the result's input).
        #[arg(long = "factors", value_name = "TABLE")]
        factors: Vec<String>,
        /// As for `compute`: let the user tables replace factors with the same id.
        #[arg(long = "override")]
        allow_override: bool,
    },
    /// Compute many documents: one JSON document per line in (JSONL), one JSON line out per
    /// record, in input order: {"line":N,"result":{…sealed result…}} or
    /// {"line":N,"error":{"code","path","message"}}. A bad record gives its error line and the
    /// batch goes on. Records are computed in parallel; a progress bar shows on a terminal and
    /// a summary line goes to stderr. Exit 0 when the batch ran (even with failed records,
    /// unless --fail-on-error: then 1), 2 when the input cannot be read.
    Batch {
        /// The JSONL file (or - for standard input, e.g. under Spark's `pipe`).
        file: String,
        /// Write the output lines to this file instead of standard output.
        #[arg(long, short = 'o', value_name = "FILE")]
        out: Option<String>,
        /// Worker threads (default: one per core).
        #[arg(long, short = 'j', value_name = "N")]
        jobs: Option<usize>,
        /// Exit 1 when any record failed (after writing every line).
        #[arg(long)]
        fail_on_error: bool,
        /// What a computed record's line carries: `full` (the sealed result, as `pcf compute`
        /// writes it), `summary` (totals, metrics, warnings and the full result's receipt) or
        /// `uncertainty` (a Monte Carlo run of the record, as `pcf uncertainty` reports it).
        #[arg(long, value_name = "DETAIL", default_value = "full", value_parser = ["full", "summary", "uncertainty"])]
        output: String,
        /// The number of the input's first line (default 1): a part of a larger catalogue,
        /// computed on its own, numbers its output lines as the whole catalogue would.
        #[arg(long, value_name = "N", default_value_t = 1, value_parser = clap::value_parser!(u64).range(1..=batch::MAX_LINE))]
        first_line: u64,
        /// With `--output uncertainty`: Monte Carlo runs per record (2 to 1,000,000; default
        /// 10,000).
        #[arg(long, value_name = "N")]
        runs: Option<u32>,
        /// With `--output uncertainty`: the seed, the same for every record (default 1).
        #[arg(long, value_name = "S")]
        seed: Option<u64>,
        /// With `--output uncertainty`: report the probability that a record's footprint
        /// exceeds this value (kg CO2e per declared unit).
        #[arg(long, value_name = "X")]
        threshold: Option<f64>,
        /// No progress bar and no summary line.
        #[arg(long, short = 'q')]
        quiet: bool,
        /// A user factor table, as for `compute` (repeatable).
        #[arg(long = "factors", value_name = "TABLE")]
        factors: Vec<String>,
        /// As for `compute`: let the user tables replace factors with the same id.
        #[arg(long = "override")]
        allow_override: bool,
    },
    /// Monte Carlo uncertainty and ±10 % sensitivity of a document's footprint (any template):
    /// percentiles, mean, sd, probability of exceeding a threshold, contribution to variance
    /// per line and a tornado ranking, as pcf-uncertainty/1 JSON. The same seed gives the same
    /// bits natively and in WASM.
    Uncertainty {
        /// The document (a file path, or - for standard input).
        file: String,
        /// Number of Monte Carlo runs (2 to 1,000,000).
        #[arg(long, default_value_t = 10_000)]
        runs: u32,
        /// Seed of the generator (xoshiro256** seeded by SplitMix64).
        #[arg(long, default_value_t = 1)]
        seed: u64,
        /// Report the probability that the footprint exceeds this value (kg CO2e per declared
        /// unit).
        #[arg(long)]
        threshold: Option<f64>,
        /// A user factor table, as for `compute` (repeatable).
        #[arg(long = "factors", value_name = "TABLE")]
        factors: Vec<String>,
        /// As for `compute`: let the user tables replace factors with the same id.
        #[arg(long = "override")]
        allow_override: bool,
    },
    /// Exchange footprints in the PACT format (WBCSD Technical Specifications v2.3 and v3.0).
    Pact {
        #[command(subcommand)]
        action: PactAction,
    },
    /// Solve a pcf-bench-system process network and print its pcf-bench-result JSON.
    Network {
        /// The network file (or - for standard input).
        file: String,
        /// Also time it: parse and solve the file N more times and print the medians as one
        /// JSON line on stderr ({"parse_ms":…,"solve_ms":…,"runs":N}); for benchmarks.
        #[arg(long, value_name = "N")]
        timings: Option<usize>,
    },
    /// Print the JSON Schema of the pcf/1 document, or of a sector template.
    Schema {
        /// A sector template (`battery` for pcf-battery/1, `steel` for pcf-steel/1 …); none for pcf/1.
        template: Option<String>,
    },
    /// Print the English and Chinese labels of a sector template's fields (JSON).
    Labels {
        /// The sector template (`battery`, `steel` …).
        template: String,
    },
    /// List, search or show emission factors with their provenance.
    Factors {
        #[command(subcommand)]
        action: Option<FactorsAction>,
        /// Search factors: the same as `pcf factors search TEXT` (words in id, names,
        /// geography or source; Chinese, English and symbols find each other: 铜, copper, Cu).
        #[arg(long, value_name = "TEXT")]
        search: Option<String>,
        /// A user factor table layered over the built-in ones (repeatable).
        #[arg(long = "factors", value_name = "TABLE", global = true)]
        factors: Vec<String>,
        /// Print JSON instead of a table.
        #[arg(long, global = true)]
        json: bool,
        /// Let the user tables replace factors with the same id.
        #[arg(long = "override", global = true)]
        allow_override: bool,
    },
    /// List the units the engine knows, with their dimension.
    Units,
}

#[derive(Subcommand)]
enum PactAction {
    /// Print a sealed result (written by `pcf compute`) as a PACT ProductFootprint (JSON),
    /// checked against the spec. Exit 2 when the result cannot be expressed (the error names
    /// the field; when the meta lacks several, the first, its message listing them all).
    Export {
        /// The result file (or - for standard input).
        file: String,
        /// The PACT spec version: 2 (2.3) or 3 (3.0).
        #[arg(long, value_parser = ["2", "3"])]
        spec: String,
        /// A JSON file with what the result does not know, every key optional, amounts per
        /// the result's declared unit: id, companyName, companyIds, productIds, productMassKg,
        /// fossilCarbonContentKg, biogenicCarbonContentKg, created, validityPeriodStart,
        /// validityPeriodEnd … (every key and the defaults: docs/pact.md, "Export"; its schema:
        /// schema/pcf-pact-meta-1.schema.json); without it, deterministic defaults.
        #[arg(long, value_name = "FILE")]
        meta: Option<String>,
        /// Write the footprint even where it breaks a MUST of the spec (a v2 exempted share
        /// above 5 %, a validity period out of bounds …), marked as not conformant: its
        /// comment starts with NOT CONFORMANT and each broken rule is a warning. Without it
        /// such an export exits 2 naming the field.
        #[arg(long)]
        non_conformant: bool,
    },
    /// Check a PACT ProductFootprint (v2 or v3; bare, or a response holding it) against its
    /// spec version: the schema and the data model's rules (validity period, packaging and CCS
    /// flags, v2's 5 % exemption limit) — `conformant` — and the identities between totals and
    /// parts — `consistent`. Prints a JSON report. Exit 0 when it is both, 1 when not, 2 when
    /// the file holds no footprint.
    Check {
        /// The footprint file (or - for standard input).
        file: String,
        /// The spec version it must be: 2 or 3 (default: its specVersion's).
        #[arg(long, value_parser = ["2", "3"])]
        spec: Option<String>,
        /// Which footprint of a list response (default: the only one).
        #[arg(long)]
        index: Option<usize>,
    },
    /// Read a supplier's PACT ProductFootprint (v2 or v3; bare, or a response holding it) and
    /// print it as a pcf/1 component with a declared footprint and its PACT provenance. Exit 2
    /// when the footprint breaks the spec (the error names the field) or has expired.
    ///
    /// With --into PRODUCT, in one step: write the product document with the component added
    /// to its components and a line using --amount of it (per the product's declared unit) at
    /// --stage; every other byte of the document is kept. To standard output, to -o FILE, or
    /// back to PRODUCT with --in-place; a file is written to a temporary file next to it and
    /// renamed over it, so on any error the original is untouched. Exit 0 written; 2 bad input
    /// (the error names the field: a path in the product, `$pact…` in the footprint, or the
    /// option); 3 the output could not be written.
    Import {
        /// The footprint file (or - for standard input).
        file: String,
        /// Component id (default pact- and the first 8 characters of the footprint id).
        #[arg(long)]
        id: Option<String>,
        /// Without --into: the quantity the declaration is per, "1000" (in the footprint's
        /// unit) or "1 t". With --into: the amount of the supplier's product the product uses
        /// per its declared unit, "2.5 kg" (any unit of the footprint's declared unit's
        /// dimension) or "2.5" (in that unit); required.
        #[arg(long)]
        amount: Option<String>,
        /// Stage of the component (default raw_material_acquisition); with --into also of its
        /// line, one the product takes (a pcf/1 boundary stage; a template's stage with lines).
        #[arg(long)]
        stage: Option<String>,
        /// A date (YYYY-MM-DD) the footprint must be valid on (else expired_footprint).
        #[arg(long, value_name = "DATE")]
        at: Option<String>,
        /// Which footprint of a list response (default: the only one).
        #[arg(long)]
        index: Option<usize>,
        /// Add the component and its line to this product document (pcf/1, pcf-battery/1,
        /// pcf-ev/1 or pcf-textile/1; - for standard input) and write the document.
        #[arg(long, value_name = "PRODUCT")]
        into: Option<String>,
        /// With --into: the quantity the declaration is per ("1000" or "1 t"; what --amount
        /// means without --into); default one declared unit.
        #[arg(long, value_name = "QUANTITY", requires = "into")]
        per: Option<String>,
        /// With --into: write the product document to FILE instead of standard output.
        #[arg(
            long,
            short = 'o',
            value_name = "FILE",
            requires = "into",
            conflicts_with = "in_place"
        )]
        out: Option<String>,
        /// With --into: write the product document back to PRODUCT.
        #[arg(long, requires = "into")]
        in_place: bool,
    },
    /// Serve the footprints of a database over the PACT v3 REST API, HTTPS only:
    /// POST /auth/token (client credentials), GET /3/footprints (filters, limit, Link),
    /// GET /3/footprints/{id}, POST /3/events. A RequestCreatedEvent from a requester of
    /// --requesters is answered after its 200: a RequestFulfilledEvent with the footprints
    /// meeting its criteria (or a RequestRejectedEvent when none does) posted to the
    /// requester's /3/events with a token from its /auth/token; from any other source it is
    /// refused (403). Each request and each delivery attempt is one JSON line on stderr.
    /// Runs until stopped; exit 2 when an option is wrong (the error names it), 3 when the
    /// host fails. docs/pact-api.md.
    Serve {
        /// The footprint database: an SQLite file (created when missing), or with the build
        /// feature `postgres` a postgres://USER@HOST:PORT/DB URL (the password from
        /// PGPASSWORD when the URL has none).
        #[arg(long, value_name = "FILE|URL")]
        db: String,
        /// Address to listen on (port 0: any free port; the address is said on stderr).
        #[arg(long, value_name = "ADDR", default_value = "127.0.0.1:8443")]
        listen: String,
        /// TLS certificate chain (PEM), with --key. Without both: a self-signed certificate
        /// for localhost, said on stderr.
        #[arg(long, value_name = "PEM", requires = "key")]
        cert: Option<String>,
        /// The certificate's private key (PEM).
        #[arg(long, value_name = "PEM", requires = "cert")]
        key: Option<String>,
        /// The clients: one `id:secret` per line (or `id:` and an Argon2 hash), kept hashed.
        /// Without it: one client `pcf` with a random secret, said on stderr.
        #[arg(long, value_name = "FILE")]
        clients: Option<String>,
        /// The requesters whose RequestCreatedEvents are answered: one `URL id:secret` per
        /// line, the requester's https:// base URL (its `source`) and the client id and
        /// secret this host uses at URL/auth/token; blank lines and `#` comments skipped.
        /// Without it every RequestCreatedEvent is refused (403).
        #[arg(long, value_name = "FILE")]
        requesters: Option<String>,
        /// Certificates to trust (PEM) in the requesters' servers, besides the usual roots.
        #[arg(long, value_name = "PEM", requires = "requesters")]
        cacert: Option<String>,
        /// Accept any certificate from a requester on localhost, 127.0.0.1 or ::1 (for
        /// trying out; requesters elsewhere are always checked).
        #[arg(long, requires = "requesters")]
        insecure_localhost: bool,
        /// The most answers to requests stored at once, waiting for requesters that cannot
        /// be reached (default 10,000); a request beyond is a 429.
        #[arg(long, value_name = "N", value_parser = clap::value_parser!(u64).range(1..=1_000_000))]
        max_stored_answers: Option<u64>,
    },
    /// Export sealed results (written by `pcf compute`) as PACT footprints, the same as
    /// `pcf pact export --spec 3`, and store them in a database for `pcf pact serve`. A
    /// footprint sharing a product id with an active one replaces it: the old one becomes
    /// Deprecated and the new one lists it in precedingPfIds. One JSON line on stdout per
    /// footprint once it is stored. Exit 0 all stored, 2 bad input (the error names the file
    /// and the field; the files before it stay stored), 3 the database failed.
    Publish {
        /// The result files.
        #[arg(required = true)]
        files: Vec<String>,
        /// The footprint database: an SQLite file (created when missing), or with the build
        /// feature `postgres` a postgres://USER@HOST:PORT/DB URL (the password from
        /// PGPASSWORD when the URL has none).
        #[arg(long, value_name = "FILE|URL")]
        db: String,
        /// The PACT spec version of the footprints: 3 (the host serves v3).
        #[arg(long, value_parser = ["3"], default_value = "3")]
        spec: String,
        /// The meta JSON for every file, as for `pcf pact export --meta`.
        #[arg(long, value_name = "FILE")]
        meta: Option<String>,
    },
    /// Pull footprints from a PACT v3 host: a token at URL/auth/token (client credentials),
    /// then every page of URL/3/footprints with the filters (following the Link headers, on
    /// URL's own scheme, host and port only), each footprint written as DIR/<id>.json for
    /// `pcf pact import` and checked as `pcf pact check --spec 3` checks it. One JSON line
    /// per page on stderr, a summary line on stdout. HTTPS only. Exit 0 all written and
    /// passing, 1 written but some fail a check (listed in the summary; an id that is not a
    /// UUID is not written), 2 bad input (the error names the option: a bad URL, an
    /// unreadable secret file, credentials the host refuses), 3 the network, TLS, the host's
    /// answers or the folder failed. docs/pact-api.md.
    Pull {
        /// The host's base URL (https://HOST[:PORT][/PREFIX]).
        url: String,
        /// The client id.
        #[arg(long, value_name = "ID")]
        client_id: String,
        /// A file holding the client secret (one line).
        #[arg(long, value_name = "FILE")]
        client_secret_file: String,
        /// Only footprints of this product id (repeatable: any of them).
        #[arg(long = "product-id", value_name = "URN")]
        product_ids: Vec<String>,
        /// Only footprints of this company id (repeatable: any of them).
        #[arg(long = "company-id", value_name = "URN")]
        company_ids: Vec<String>,
        /// Only footprints of this status.
        #[arg(long, value_parser = ["Active", "Deprecated"])]
        status: Option<String>,
        /// Footprints per page (the host's page size when not given).
        #[arg(long, value_name = "N", value_parser = clap::value_parser!(u32).range(1..))]
        limit: Option<u32>,
        /// The folder to write the footprints to (created when missing).
        #[arg(long = "out", short = 'o', value_name = "DIR")]
        out: String,
        /// Certificates to trust (PEM), such as the one given to `pcf pact serve --cert`.
        #[arg(long, value_name = "PEM")]
        cacert: Option<String>,
        /// Accept any certificate (a self-signed one made by `pcf pact serve`): for a host
        /// on localhost, 127.0.0.1 or ::1 only, refused for any other.
        #[arg(long)]
        insecure_localhost: bool,
    },
}

#[derive(Subcommand)]
enum FactorsAction {
    /// Every factor in effect, ordered by id.
    List,
    /// Factors whose id, names, geography or source contain every word of QUERY.
    Search {
        /// Words to look for (case-insensitive).
        query: Vec<String>,
    },
    /// One factor with its full provenance.
    Show {
        /// Factor id.
        id: String,
    },
    /// The tables in use with their SHA-256 digests.
    Tables,
    /// Parameters (process energy, losses, CFF, cycles, thresholds, plausibility bands)
    /// whose id, names or source contain every word of QUERY.
    Params {
        /// Words to look for (case-insensitive); none lists every parameter.
        query: Vec<String>,
    },
}

/// An error of the CLI: a core error, or a file that cannot be read.
enum Failure {
    Input(ErrorReport),
    Internal(String),
    /// Printed its report (a verification mismatch, a study not ready); exit 1.
    Mismatch,
    /// The output could not be written (`pact import --into`), or the network, TLS or the
    /// other host failed (`pact pull`); exit 3 with the report.
    Output(ErrorReport),
    /// The command line was incomplete; clap's message is printed; exit 2.
    Usage,
}

impl From<pcf_pact_host::HostError> for Failure {
    fn from(e: pcf_pact_host::HostError) -> Failure {
        match e {
            pcf_pact_host::HostError::Input(r) => Failure::Input(r),
            pcf_pact_host::HostError::Internal(m) => Failure::Internal(m),
            pcf_pact_host::HostError::External(r) => Failure::Output(r),
        }
    }
}

impl From<Error> for Failure {
    fn from(e: Error) -> Failure {
        Failure::Input(e.report())
    }
}

fn read_input(path: &str) -> Result<String, Failure> {
    let mut bytes = Vec::new();
    let res = if path == "-" {
        std::io::stdin().read_to_end(&mut bytes).map(|_| ())
    } else {
        std::fs::File::open(path).and_then(|mut f| f.read_to_end(&mut bytes).map(|_| ()))
    };
    res.map_err(|e| {
        Failure::Input(ErrorReport {
            message_zh: None,
            code: "cannot_read".into(),
            path: path.into(),
            message: format!("cannot read {path}: {e}"),
        })
    })?;
    String::from_utf8(bytes).map_err(|e| {
        Failure::Input(ErrorReport {
            message_zh: None,
            code: "invalid_utf8".into(),
            path: path.into(),
            message: format!(
                "{path} is not UTF-8 text (invalid byte at offset {})",
                e.utf8_error().valid_up_to()
            ),
        })
    })
}

fn factor_set(tables: &[String], allow_override: bool) -> Result<FactorSet, Failure> {
    if tables.is_empty() {
        return Ok(FactorSet::builtin()?.clone());
    }
    let mut user = Vec::new();
    for path in tables {
        let text = read_input(path)?;
        let name = std::path::Path::new(path)
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| path.clone());
        let table = if path.to_ascii_lowercase().ends_with(".json") {
            FactorTable::from_json(
                &name,
                Origin::User {
                    overrides: allow_override,
                },
                &text,
            )?
        } else {
            FactorTable::from_csv(
                &name,
                Origin::User {
                    overrides: allow_override,
                },
                &text,
            )?
        };
        user.push(table);
    }
    Ok(FactorSet::with_user_tables(user)?)
}

fn print(text: &str) -> Result<(), Failure> {
    let mut out = std::io::stdout().lock();
    out.write_all(text.as_bytes())
        .and_then(|_| out.flush())
        .map_err(|e| Failure::Internal(format!("cannot write to stdout: {e}")))
}

fn factor_line(f: &Factor) -> String {
    format!(
        "{}\t{} {}/{}\t{}\t{}\t{}\t{}\t{}",
        f.id,
        f.value,
        f.value_unit.symbol(),
        f.per_unit.symbol(),
        f.basis.name(),
        f.geography,
        f.year.map(|y| y.to_string()).unwrap_or_default(),
        f.verification.name(),
        f.name_en
    )
}

fn run(cli: Cli) -> Result<(), Failure> {
    match cli.command {
        Command::Compute {
            file,
            factors,
            allow_override,
        } => {
            let set = factor_set(&factors, allow_override)?;
            let text = read_input(&file)?;
            print(&pcf::compute_json(&text, &set)?)
        }
        Command::Verify {
            file,
            document: Some(document),
            json,
            factors,
            allow_override,
        } => {
            if file == "-" && document == "-" {
                return Err(Error::invalid(
                    "document",
                    "the document and the receipt cannot both be standard input",
                )
                .into());
            }
            let set = factor_set(&factors, allow_override)?;
            let doc = read_input(&document)?;
            // A digest or a label's link given as the argument itself (no such file).
            let receipt = match std::path::Path::new(&file).exists() || file == "-" {
                false if is_digest_argument(&file) => file.clone(),
                _ => read_input(&file)?,
            };
            let report = pcf::verify_document(&doc, &receipt, &set)?;
            match json {
                true => print(&pcf::to_json(&report)?)?,
                false => print(&format!("{}\n", report.summary))?,
            }
            if report.matches() {
                Ok(())
            } else {
                Err(Failure::Mismatch)
            }
        }
        Command::Verify {
            file,
            document: None,
            factors,
            allow_override,
            ..
        } => {
            let set = factor_set(&factors, allow_override)?;
            let text = read_input(&file)?;
            let report = pcf::verify(&text, &set)?;
            print(&pcf::to_json(&report)?)?;
            if report.matches() {
                Ok(())
            } else {
                Err(Failure::Mismatch)
            }
        }
        Command::Precheck {
            file,
            scheme,
            threshold,
            meta,
            factors,
            allow_override,
        } => {
            let set = factor_set(&factors, allow_override)?;
            let text = read_input(&file)?;
            let meta = meta.map(|m| read_input(&m)).transpose()?;
            let options = pcf::precheck::Options { threshold, meta };
            let report = pcf::precheck::precheck_with(&text, &scheme, &options, &set)?;
            print(&pcf::to_json(&report)?)?;
            if report.ready() {
                Ok(())
            } else {
                Err(Failure::Mismatch)
            }
        }
        Command::Report {
            kind,
            file,
            out,
            format,
            lang,
            meta,
            uncertainty,
            factors,
            allow_override,
        } => {
            let set = factor_set(&factors, allow_override)?;
            let text = read_input(&file)?;
            let meta = meta.map(|m| read_input(&m)).transpose()?;
            let uncertainty = uncertainty.map(|u| read_input(&u)).transpose()?;
            let format = match (format, &out) {
                (Some(f), _) => Some(pcf::reports::Format::parse(&f)?),
                (None, Some(o)) => {
                    let o = o.to_ascii_lowercase();
                    if o.ends_with(".html") || o.ends_with(".htm") {
                        Some(pcf::reports::Format::Html)
                    } else if o.ends_with(".xlsx") {
                        Some(pcf::reports::Format::Xlsx)
                    } else if o.ends_with(".svg") {
                        Some(pcf::reports::Format::Svg)
                    } else if o.ends_with(".json") {
                        Some(pcf::reports::Format::Json)
                    } else {
                        None
                    }
                }
                (None, None) => None,
            };
            // A workbook is bytes: never on a terminal or a text pipe.
            if out.is_none() && format.is_some_and(pcf::reports::Format::is_binary) {
                return Err(Failure::Input(ErrorReport {
                    message_zh: None,
                    code: "invalid_value".into(),
                    path: "format".into(),
                    message: "xlsx is a binary format: write it to a file with -o FILE.xlsx".into(),
                }));
            }
            let options = pcf::reports::Options {
                format,
                lang: pcf::reports::Lang::parse(&lang)?,
                meta,
                uncertainty,
            };
            let report = pcf::reports::report(&kind, &text, &options, &set)?;
            match out {
                Some(path) => write_replacing(std::path::Path::new(&path), report.bytes()),
                None => print(&report.text),
            }
        }
        Command::Batch {
            file,
            out,
            jobs,
            fail_on_error,
            output,
            first_line,
            runs,
            seed,
            threshold,
            quiet,
            factors,
            allow_override,
        } => {
            let detail = match output.as_str() {
                "summary" => pcf::batch::Detail::Summary,
                "uncertainty" => {
                    let options = pcf::uncertainty::Options {
                        runs: runs.unwrap_or(10_000),
                        seed: seed.unwrap_or(1),
                        threshold,
                    };
                    options.check()?;
                    pcf::batch::Detail::Uncertainty(options)
                }
                _ => pcf::batch::Detail::Full,
            };
            if output != "uncertainty" && (runs.is_some() || seed.is_some() || threshold.is_some())
            {
                return Err(Failure::Input(ErrorReport {
                    message_zh: None,
                    code: "invalid_value".into(),
                    path: "output".into(),
                    message: "--runs, --seed and --threshold are for --output uncertainty".into(),
                }));
            }
            let set = factor_set(&factors, allow_override)?;
            let summary = batch::run(
                &set,
                &batch::Options {
                    file,
                    out,
                    jobs,
                    quiet,
                    detail,
                    first_line,
                },
            )?;
            if fail_on_error && summary.failed > 0 {
                Err(Failure::Mismatch)
            } else {
                Ok(())
            }
        }
        Command::Pact {
            action:
                PactAction::Export {
                    file,
                    spec,
                    meta,
                    non_conformant,
                },
        } => {
            let text = read_input(&file)?;
            let meta = meta.map(|m| read_input(&m)).transpose()?;
            let spec = pcf::pact::Spec::parse(&spec)?;
            let report = pcf::pact::export_report(
                &text,
                spec,
                meta.as_deref(),
                pcf::pact::ExportOptions { non_conformant },
            )?;
            // What the footprint cannot say, one JSON object per line on standard error (the
            // same sentences are in its comment).
            for w in &report.warnings {
                eprintln!("{}", serde_json::json!({ "warning": w }));
            }
            print(&pcf::to_json(&report.footprint)?)
        }
        Command::Pact {
            action:
                PactAction::Serve {
                    db,
                    listen,
                    cert,
                    key,
                    clients,
                    requesters,
                    cacert,
                    insecure_localhost,
                    max_stored_answers,
                },
        } => Ok(pcf_pact_host::serve(pcf_pact_host::ServeOptions {
            db: db.into(),
            listen,
            cert: cert.map(Into::into),
            key: key.map(Into::into),
            clients: clients.map(Into::into),
            requesters: requesters.map(Into::into),
            cacert: cacert.map(Into::into),
            insecure_localhost,
            max_stored_answers: max_stored_answers.map(|n| n as usize),
        })?),
        Command::Pact {
            action:
                PactAction::Publish {
                    files,
                    db,
                    spec: _,
                    meta,
                },
        } => {
            let meta = meta.map(|m| read_input(&m)).transpose()?;
            let mut texts = Vec::with_capacity(files.len());
            for f in &files {
                texts.push((f.clone(), read_input(f)?));
            }
            let mut store = pcf_pact_host::Store::open(std::path::Path::new(&db))?;
            let mut out = std::io::stdout().lock();
            let mut written = Ok(());
            pcf_pact_host::publish_files(&mut store, &texts, meta.as_deref(), |file, p| {
                for w in &p.warnings {
                    eprintln!("{}", serde_json::json!({ "file": file, "warning": w }));
                }
                // The line says the footprint is stored: print it only once committed.
                if written.is_ok() {
                    written = writeln!(out, "{}", p.json(file)).and_then(|_| out.flush());
                }
            })?;
            written.map_err(|e| Failure::Internal(format!("cannot write to stdout: {e}")))
        }
        Command::Pact {
            action:
                PactAction::Pull {
                    url,
                    client_id,
                    client_secret_file,
                    product_ids,
                    company_ids,
                    status,
                    limit,
                    out,
                    cacert,
                    insecure_localhost,
                },
        } => {
            let opts = pcf_pact_host::PullOptions {
                url,
                client_id,
                client_secret_file: client_secret_file.into(),
                product_ids,
                company_ids,
                status,
                limit,
                out: out.into(),
                cacert: cacert.map(Into::into),
                insecure_localhost,
            };
            let summary = pcf_pact_host::pull(&opts, |page| eprintln!("{}", page.json()))?;
            print(&format!("{}\n", summary.json(&opts.out)))?;
            if summary.failing.is_empty() {
                Ok(())
            } else {
                Err(Failure::Mismatch)
            }
        }
        Command::Pact {
            action: PactAction::Check { file, spec, index },
        } => {
            let text = read_input(&file)?;
            let spec = spec.map(|s| pcf::pact::Spec::parse(&s)).transpose()?;
            let report = pcf::pact::check::check_report(&text, spec, index)?;
            print(&pcf::to_json(&report)?)?;
            if report.conformant && report.consistent {
                Ok(())
            } else {
                Err(Failure::Mismatch)
            }
        }
        Command::Pact {
            action:
                PactAction::Import {
                    file,
                    id,
                    amount,
                    stage,
                    at,
                    index,
                    into: None,
                    ..
                },
        } => {
            let text = read_input(&file)?;
            let opts = pcf::pact::ImportOptions {
                id,
                stage,
                amount,
                at,
                index,
            };
            print(&pcf::pact::import_json(&text, &opts)?)
        }
        Command::Pact {
            action:
                PactAction::Import {
                    file,
                    id,
                    amount,
                    stage,
                    at,
                    index,
                    into: Some(product),
                    per,
                    out,
                    in_place,
                },
        } => {
            let opts = pcf::pact::IntoOptions {
                amount: amount.ok_or_else(|| {
                    Error::invalid(
                        "amount",
                        "--into needs --amount: how much of the supplier's product the product uses per its declared unit (\"2.5 kg\")",
                    )
                })?,
                per,
                stage,
                id,
                at,
                index,
            };
            import_into(&file, &product, &opts, out.as_deref(), in_place)
        }
        Command::Uncertainty {
            file,
            runs,
            seed,
            threshold,
            factors,
            allow_override,
        } => {
            let set = factor_set(&factors, allow_override)?;
            let text = read_input(&file)?;
            let options = pcf::uncertainty::Options {
                runs,
                seed,
                threshold,
            };
            print(&pcf::uncertainty::run_json(&text, &set, options)?)
        }
        Command::Network { file, timings } => {
            let text = read_input(&file)?;
            let name = std::path::Path::new(&file)
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_else(|| file.clone());
            if let Some(runs) = timings.filter(|&n| n > 0) {
                // {parse_ms, solve_ms, runs} as always, and the phases of solve_ms.
                let phases = time_network(&text, &name, runs)?;
                eprintln!(
                    "{}",
                    serde_json::to_string(&phases).map_err(|e| Failure::Internal(e.to_string()))?
                );
            }
            let mut out = pcf::network::network_json(&text, &name)?;
            if !out.ends_with('\n') {
                out.push('\n');
            }
            print(&out)
        }
        Command::Schema { template: None } => print(&pcf::schema_json()?),
        Command::Schema {
            template: Some(name),
        } => print(&pcf::template_schema_json(&name)?),
        Command::Labels { template } => print(&pcf::template_labels_json(&template)?),
        Command::Units => {
            let mut s = String::new();
            for u in pcf::units::Unit::all() {
                s.push_str(&format!("{}\t{}\n", u.symbol(), u.dimension()));
            }
            print(&s)
        }
        Command::Factors {
            action,
            search,
            factors,
            json,
            allow_override,
        } => {
            let action = match (action, search) {
                (Some(a), None) => a,
                (None, Some(q)) => FactorsAction::Search { query: vec![q] },
                (a, _) => {
                    use clap::CommandFactory;
                    let (kind, message) = match a {
                        None => (
                            clap::error::ErrorKind::MissingSubcommand,
                            "a command (list, search, show, tables, params) or --search TEXT is needed",
                        ),
                        Some(_) => (
                            clap::error::ErrorKind::ArgumentConflict,
                            "--search TEXT cannot be used with a command",
                        ),
                    };
                    let mut cmd = Cli::command();
                    cmd.build();
                    if let Some(f) = cmd.find_subcommand_mut("factors") {
                        let _ = f.error(kind, message).print();
                    }
                    return Err(Failure::Usage);
                }
            };
            let set = factor_set(&factors, allow_override)?;
            let selected: Vec<&Factor> = match &action {
                FactorsAction::List => set.effective().collect(),
                FactorsAction::Search { query } => set.search(&query.join(" ")),
                FactorsAction::Show { id } => {
                    let f = set.get(id).ok_or_else(|| Error::UnknownFactor {
                        path: "id".into(),
                        id: id.clone(),
                        hint: set
                            .suggest(id)
                            .map(|s| format!("; did you mean {s:?}?"))
                            .unwrap_or_default(),
                    })?;
                    if !json {
                        let r = f.to_row();
                        let v = serde_json::to_value(&r)
                            .map_err(|e| Failure::Internal(e.to_string()))?;
                        let mut s = String::new();
                        if let Some(obj) = v.as_object() {
                            for (k, v) in obj {
                                let v = match v {
                                    serde_json::Value::String(s) => s.clone(),
                                    other => other.to_string(),
                                };
                                s.push_str(&format!("{k:<13}{v}\n"));
                            }
                        }
                        s.push_str(&format!("{:<13}{}\n", "table", f.table));
                        if let Some(d) = pcf::uncertainty::listing([f])?
                            .pop()
                            .and_then(|l| l.uncertainty_default)
                        {
                            s.push_str(&format!(
                                "{:<13}{} (default for {}, U95 = {}, {}: {})\n",
                                "uncertainty",
                                d.distribution,
                                d.data_type,
                                d.u95,
                                d.table,
                                d.source
                            ));
                        }
                        return print(&s);
                    }
                    vec![f]
                }
                FactorsAction::Params { query } => {
                    let rows = set.search_parameters(&query.join(" "));
                    if json {
                        return print(&pcf::to_json(&rows)?);
                    }
                    let mut s = String::new();
                    for p in rows {
                        s.push_str(&format!(
                            "{}\t{} {}\t{}\t{}\t{}\n",
                            p.id, p.value, p.unit, p.kind, p.verification, p.name_en
                        ));
                    }
                    return print(&s);
                }
                FactorsAction::Tables => {
                    let info = pcf::result::FactorSetInfo::new(&set);
                    if json {
                        return print(&pcf::to_json(&info)?);
                    }
                    let mut s = format!(
                        "set\t{}\ngwp.csv\t{}\nparameters.csv\t{}\n",
                        info.sha256, info.gwp_table_sha256, info.parameters_sha256
                    );
                    for t in &info.tables {
                        s.push_str(&format!(
                            "{}\t{}\t{} rows\t{}\n",
                            t.name, t.origin, t.rows, t.sha256
                        ));
                    }
                    return print(&s);
                }
            };
            if json {
                let rows = pcf::uncertainty::listing(selected.iter().copied())?;
                print(&pcf::to_json(&rows)?)
            } else {
                let mut s = String::new();
                for f in &selected {
                    s.push_str(&factor_line(f));
                    s.push('\n');
                }
                print(&s)
            }
        }
    }
}

/// `pcf pact import --into`: reads both files, adds the supplier, writes the product
/// document (stdout, `out` or back to `product`). Failing to write is a [`Failure::Output`]
/// (exit 3); nothing is written before the whole document is ready.
fn import_into(
    file: &str,
    product: &str,
    opts: &pcf::pact::IntoOptions,
    out: Option<&str>,
    in_place: bool,
) -> Result<(), Failure> {
    if file == "-" && product == "-" {
        return Err(Error::invalid(
            "into",
            "the footprint and the product document cannot both be standard input",
        )
        .into());
    }
    if in_place && product == "-" {
        return Err(Error::invalid(
            "in-place",
            "--in-place writes the product document back to its file: give a file to --into, not -",
        )
        .into());
    }
    let footprint = read_input(file)?;
    let text = read_input(product)?;
    let written = pcf::pact::import_into(&footprint, &text, opts)?;
    let target = if in_place { Some(product) } else { out };
    match target {
        Some(path) => write_replacing(std::path::Path::new(path), &written),
        None => print(&written).map_err(|f| match f {
            Failure::Internal(message) => Failure::Output(ErrorReport {
                message_zh: None,
                code: "cannot_write".into(),
                path: "-".into(),
                message,
            }),
            other => other,
        }),
    }
}

/// Writes `text` to `path` through a temporary file in the same folder, flushed to disk and
/// then renamed over `path`: a reader sees the old file or the new one, never a part, and on
/// any error `path` is as it was and the temporary file is gone. A symbolic link is followed
/// (the file it names is replaced, the link stays); a replaced file keeps its permissions.
fn write_replacing(path: &std::path::Path, text: impl AsRef<[u8]>) -> Result<(), Failure> {
    use std::fs;
    let fail = |what: &str, e: std::io::Error| {
        Failure::Output(ErrorReport {
            message_zh: None,
            code: "cannot_write".into(),
            path: path.display().to_string(),
            message: format!("cannot write {}: {what}: {e}", path.display()),
        })
    };
    let target = match fs::canonicalize(path) {
        Ok(real) => real,
        Err(_) => path.to_path_buf(),
    };
    let dir = match target.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => std::path::PathBuf::from("."),
    };
    let name = target
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "out".into());
    let tmp = dir.join(format!(".{name}.pcf-{}.tmp", std::process::id()));
    let mut file = fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&tmp)
        .map_err(|e| fail(&format!("cannot create {}", tmp.display()), e))?;
    let written = file
        .write_all(text.as_ref())
        .and_then(|_| file.sync_all())
        .map_err(|e| fail(&format!("writing {}", tmp.display()), e))
        .and_then(|_| {
            drop(file);
            match fs::metadata(&target) {
                Ok(m) if m.is_file() => fs::set_permissions(&tmp, m.permissions())
                    .map_err(|e| fail("keeping the file's permissions", e)),
                _ => Ok(()),
            }
        })
        .and_then(|_| {
            fs::rename(&tmp, &target)
                .map_err(|e| fail(&format!("renaming {} over it", tmp.display()), e))
        });
    if written.is_err() {
        let _ = fs::remove_file(&tmp);
    }
    written
}

/// Medians (ms) of parsing and of solving a network file `runs` times.
fn time_network(
    text: &str,
    name: &str,
    runs: usize,
) -> Result<pcf::network::neutral::Phases, Failure> {
    let origin = std::time::Instant::now();
    let clock = || origin.elapsed().as_secs_f64() * 1e3;
    Ok(pcf::network::neutral::phase_timings(
        text, name, runs, clock,
    )?)
}

/// A receipt argument that is the result digest itself or a label's verification link.
fn is_digest_argument(arg: &str) -> bool {
    let tail = arg.rsplit("#verify=").next().unwrap_or(arg);
    tail.len() == 64 && tail.bytes().all(|b| b.is_ascii_hexdigit())
}

/// Entry point of the binary.
pub fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(c) => c,
        Err(e) => {
            let code = if e.use_stderr() { 2 } else { 0 };
            let _ = e.print();
            return ExitCode::from(code);
        }
    };
    match run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(Failure::Input(report)) => {
            let body = serde_json::json!({ "error": report });
            eprintln!("{body}");
            ExitCode::from(2)
        }
        Err(Failure::Mismatch) => ExitCode::from(1),
        Err(Failure::Usage) => ExitCode::from(2),
        Err(Failure::Output(report)) => {
            let body = serde_json::json!({ "error": report });
            eprintln!("{body}");
            ExitCode::from(3)
        }
        // pcf's own failure: never 1 (which means "done, the answer is no").
        Err(Failure::Internal(msg)) => {
            let body =
                serde_json::json!({ "error": {"code": "internal", "path": "", "message": msg} });
            eprintln!("{body}");
            ExitCode::from(3)
        }
    }
}
