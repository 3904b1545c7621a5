//! Record text (raw bytes) → load, against the standard policy library.
#![no_main]
libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    charter::fuzzing::record_text(data);
});
