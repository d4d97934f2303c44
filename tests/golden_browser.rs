//! The golden harness (`tests/golden/harness.rs`) in headless Chromium. WASM only; natively
//! `golden.rs` runs the same cases.
#![cfg(target_arch = "wasm32")]

use wasm_bindgen_test::wasm_bindgen_test;

wasm_bindgen_test::wasm_bindgen_test_configure!(run_in_browser);

include!("golden/harness.rs");
