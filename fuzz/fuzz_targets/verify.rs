//! `verify`: see `pcf_fuzz::checks` for what it checks.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    pcf_fuzz::checks::run("verify", data);
});
