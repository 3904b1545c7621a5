//! A policy generated from an arbitrary list of statements (raw bytes stall at the lexer)
//! → parse → resolve, and parse → fmt → parse.
#![no_main]
libfuzzer_sys::fuzz_target!(|policy: charter_fuzz::Policy| {
    let text = policy.to_string();
    charter::fuzzing::policy_text(text.as_bytes());
    charter::fuzzing::fmt_round_trip(&text);
});
