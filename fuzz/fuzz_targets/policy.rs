//! Policy text (raw bytes) → parse → resolve.
#![no_main]
libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    charter::fuzzing::policy_text(data);
});
