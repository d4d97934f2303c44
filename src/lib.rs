//! pcf: a product carbon footprint engine.
//!
//! The library is the pure core: it takes documents as text or values and returns values. It
//! does no file or network I/O and knows nothing of JS. The CLI (`src/main.rs`, `src/cli/`) and
//! the WASM shim (`src/wasm.rs`) are thin layers over the functions re-exported here.
#![warn(missing_docs)]

pub mod error;
pub mod network;

pub use error::{Error, ErrorReport, JsonPath, Result};
