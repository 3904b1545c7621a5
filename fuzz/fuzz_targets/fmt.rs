//! Policy text → parse → fmt → parse: same tree, and fmt is idempotent.
#![no_main]
libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        charter::fuzzing::fmt_round_trip(text);
    }
});
