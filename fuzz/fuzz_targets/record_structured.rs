//! A record generated from arbitrary parties and clauses → load.
#![no_main]
libfuzzer_sys::fuzz_target!(|record: charter_fuzz::Record| {
    charter::fuzzing::record_text(record.to_string().as_bytes());
});
