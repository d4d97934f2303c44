//! `pcf batch`: JSONL in, JSONL out, records computed in parallel (rayon), output in input
//! order, a progress bar on a terminal. Each record goes through [`pcf::batch::record`].

use std::io::{BufRead, BufReader, BufWriter, IsTerminal, Read, Write};
use std::time::Instant;

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use pcf::batch::{error_line, record_with, Detail, Outcome};
use pcf::{ErrorReport, FactorSet};
use rayon::prelude::*;

use super::Failure;

/// Records read before they are computed together: enough to keep every core busy, small
/// enough that memory stays bounded (a chunk holds at most this many documents).
const CHUNK_RECORDS: usize = 1024;

/// The largest line number (2^53 − 1: every JSON reader holds it exactly).
pub const MAX_LINE: u64 = (1 << 53) - 1;

/// What a batch did.
pub struct Summary {
    pub records: u64,
    pub failed: u64,
}

pub struct Options {
    pub file: String,
    pub out: Option<String>,
    pub jobs: Option<usize>,
    pub quiet: bool,
    pub detail: Detail,
    /// The number of the input's first line (`--first-line`, 1 by default).
    pub first_line: u64,
}

fn io_failure(what: &str, e: std::io::Error) -> Failure {
    Failure::Input(ErrorReport {
        message_zh: None,
        code: "cannot_read".into(),
        path: what.into(),
        message: format!("{what}: {e}"),
    })
}

/// One input record: its 1-based line number and text (or why it is not text).
enum Raw {
    Text(u64, String),
    NotUtf8(u64, usize),
}

pub fn run(set: &FactorSet, opts: &Options) -> Result<Summary, Failure> {
    let (reader, total_bytes): (Box<dyn Read>, Option<u64>) = if opts.file == "-" {
        (Box::new(std::io::stdin().lock()), None)
    } else {
        let f = std::fs::File::open(&opts.file)
            .map_err(|e| io_failure(&format!("cannot read {}", opts.file), e))?;
        let len = f.metadata().ok().map(|m| m.len());
        (Box::new(f), len)
    };
    let mut reader = BufReader::with_capacity(1 << 20, reader);
    let sink: Box<dyn Write> = match &opts.out {
        None => Box::new(std::io::stdout().lock()),
        Some(path) => Box::new(
            std::fs::File::create(path)
                .map_err(|e| Failure::Internal(format!("cannot create {path}: {e}")))?,
        ),
    };
    let mut out = BufWriter::with_capacity(1 << 20, sink);

    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(opts.jobs.unwrap_or(0))
        .build()
        .map_err(|e| Failure::Internal(format!("cannot start the thread pool: {e}")))?;

    let bar = if opts.quiet || !std::io::stderr().is_terminal() {
        ProgressBar::hidden()
    } else {
        let b = match total_bytes {
            Some(n) => ProgressBar::new(n).with_style(
                ProgressStyle::with_template(
                    "{bar:40} {bytes}/{total_bytes} {msg} ({elapsed}, eta {eta})",
                )
                .unwrap_or_else(|_| ProgressStyle::default_bar()),
            ),
            None => ProgressBar::new_spinner(),
        };
        b.set_draw_target(ProgressDrawTarget::stderr());
        b
    };

    let start = Instant::now();
    let mut summary = Summary {
        records: 0,
        failed: 0,
    };
    let mut line_no: u64 = opts.first_line.saturating_sub(1);
    let mut buf = Vec::new();
    let mut eof = false;
    while !eof {
        let mut chunk: Vec<Raw> = Vec::with_capacity(CHUNK_RECORDS);
        while chunk.len() < CHUNK_RECORDS {
            buf.clear();
            let n = reader
                .read_until(b'\n', &mut buf)
                .map_err(|e| io_failure(&format!("cannot read {}", opts.file), e))?;
            if n == 0 {
                eof = true;
                break;
            }
            // A line number stays exact in JSON readers (≤ 2^53 − 1, as --first-line is).
            line_no = line_no
                .checked_add(1)
                .filter(|n| *n <= MAX_LINE)
                .ok_or_else(|| {
                    Failure::Input(ErrorReport {
                        message_zh: None,
                        code: "limit_exceeded".into(),
                        path: "--first-line".into(),
                        message: format!(
                            "line numbers above {MAX_LINE} are not exact in JSON: give a smaller --first-line"
                        ),
                    })
                })?;
            bar.inc(n as u64);
            while matches!(buf.last(), Some(b'\n' | b'\r')) {
                buf.pop();
            }
            if buf.iter().all(|b| b.is_ascii_whitespace()) {
                continue; // blank lines are allowed and skipped (their numbers still count)
            }
            match String::from_utf8(std::mem::take(&mut buf)) {
                Ok(s) => chunk.push(Raw::Text(line_no, s)),
                Err(e) => chunk.push(Raw::NotUtf8(line_no, e.utf8_error().valid_up_to())),
            }
        }
        let lines: Vec<(String, Outcome)> = pool.install(|| {
            chunk
                .par_iter()
                .map(|raw| match raw {
                    Raw::Text(n, text) => record_with(*n, text, set, opts.detail),
                    Raw::NotUtf8(n, at) => error_line(
                        *n,
                        &ErrorReport {
                            message_zh: None,
                            code: "invalid_utf8".into(),
                            path: "$".into(),
                            message: format!(
                                "line {n} is not UTF-8 text (invalid byte at offset {at})"
                            ),
                        },
                    ),
                })
                .collect()
        });
        for (text, outcome) in lines {
            summary.records += 1;
            if outcome == Outcome::Failed {
                summary.failed += 1;
            }
            out.write_all(text.as_bytes())
                .and_then(|_| out.write_all(b"\n"))
                .map_err(|e| Failure::Internal(format!("cannot write the output: {e}")))?;
        }
        bar.set_message(format!(
            "{} records, {} failed",
            summary.records, summary.failed
        ));
    }
    out.flush()
        .map_err(|e| Failure::Internal(format!("cannot write the output: {e}")))?;
    bar.finish_and_clear();
    let secs = start.elapsed().as_secs_f64();
    if !opts.quiet {
        eprintln!(
            "pcf batch: {} records, {} computed, {} failed, {:.2} s ({:.0} records/s, {} threads)",
            summary.records,
            summary.records - summary.failed,
            summary.failed,
            secs,
            summary.records as f64 / secs.max(1e-9),
            pool.current_num_threads()
        );
    }
    Ok(summary)
}
