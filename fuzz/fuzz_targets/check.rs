//! `policy NUL record` (or a record alone) → full check → human, JSON, SARIF and HTML.
#![no_main]
libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    charter::fuzzing::check_bytes(data);
});
