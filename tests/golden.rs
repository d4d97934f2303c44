//! Golden cases: `tests/golden/<case>/input.json` must compute to exactly the bytes of
//! `expected.json`, and every `tests/golden/errors/<case>.json` must fail with its code and path.
//! This file runs natively (`cargo test`) and in WASM under Node (`wasm-bindgen-test`);
//! `golden_browser.rs` runs the same harness in headless Chromium, so all agree bit for bit.
//! `UPDATE_GOLDEN=1 cargo test --test golden` rewrites the expected files natively, on
//! purpose; review the diff against the case's NOTE.md before committing it.

#[cfg(target_arch = "wasm32")]
use wasm_bindgen_test::wasm_bindgen_test;

include!("golden/harness.rs");
