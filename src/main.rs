//! The `pcf` command line: a thin layer that reads files, calls the core and prints.
//!
//! Exit codes: 0 success; 2 invalid input or usage (the error as JSON on stderr:
//! `{"error":{"code":…,"path":…,"message":…}}`); 1 internal error; 3 `pact import --into`
//! could not write its output (`cannot_write`; the original file is untouched).
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
