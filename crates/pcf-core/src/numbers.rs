//! The one rule for numbers written in texts (pre-check details, PACT findings, warnings):
//! six significant digits, without float noise, the same bits everywhere (no platform
//! `log10` or `powi`: Rust's own decimal formatting, which is correctly rounded).

/// A number as the detail texts write it: six significant digits (below 1e15, a whole number of
/// more than six digits stays whole, rounded to the unit), then the shortest decimal that reads
/// back to that value; exponent form (`5.55112e-17`) below 1e-4 and from 1e15 on.
/// `3.5090000000000003` → `3.509`, `0.1 + 0.2` → `0.3`, `548.0` → `548`, `1234567.8` →
/// `1234568`, `7.690822499999998e301` → `7.69082e301`.
pub fn number_text(x: f64) -> String {
    if !x.is_finite() {
        return x.to_string();
    }
    let rounded = if (1e6..1e15).contains(&x.abs()) {
        x.round()
    } else {
        // `{:.5e}` is the correctly rounded decimal of six significant digits; read back, it
        // is the f64 nearest to that decimal, which Display writes as the decimal itself.
        format!("{x:.5e}").parse::<f64>().unwrap_or(x)
    };
    full_number_text(rounded)
}

/// The shortest decimal that reads back to `x` (Rust's Display), in exponent form below 1e-4
/// and from 1e15 on; zero is `0`.
pub fn full_number_text(x: f64) -> String {
    if x == 0.0 {
        "0".to_string()
    } else if x.is_finite() && (x.abs() < 1e-4 || x.abs() >= 1e15) {
        format!("{x:e}")
    } else {
        x.to_string()
    }
}
