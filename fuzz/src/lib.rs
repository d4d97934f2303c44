//! Shared checks of the fuzz targets (see `checks.rs`); `tests/fuzz_corpus.rs` includes the same
//! file to replay the committed corpora on stable.
pub mod checks;
