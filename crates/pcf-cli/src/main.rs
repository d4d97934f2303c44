//! The `pcf` command line: a thin layer that reads files, calls the core and prints.
//!
//! Exit codes: 0 done; 1 done, but the answer is no (a verification mismatch, a study not
//! ready, a footprint not conformant); 2 bad input or usage (the error as JSON on stderr:
//! `{"error":{"code":…,"path":…,"message":…}}`); 3 pcf's own failure (`internal`, or
//! `cannot_write` for `pact import --into`, the original file untouched).
// As the library (src/lib.rs): no panicking form, so a file or an argument gives an error.
#![deny(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic,
    clippy::unreachable,
    clippy::todo,
    clippy::unimplemented
)]

#[cfg(not(target_arch = "wasm32"))]
mod cli;

#[cfg(not(target_arch = "wasm32"))]
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[cfg(not(target_arch = "wasm32"))]
fn main() -> std::process::ExitCode {
    cli::main()
}

#[cfg(target_arch = "wasm32")]
fn main() {}
