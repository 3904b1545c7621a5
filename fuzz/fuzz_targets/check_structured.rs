//! A generated policy and a generated record over the same names → full check → every
//! report format. Findings only appear when the record uses the policy's names.
#![no_main]
libfuzzer_sys::fuzz_target!(|input: (charter_fuzz::Policy, charter_fuzz::Record)| {
    let (policy, record) = input;
    charter::fuzzing::check(Some(&policy.to_string()), record.to_string().as_bytes());
});
