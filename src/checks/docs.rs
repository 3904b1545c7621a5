//! The long text of every code: what it finds, why it matters, an example, how to fix it.

use super::Code;

/// The catalogue entry of one code. The example is a minimal policy and record.
#[derive(Clone, Copy, Debug)]
pub struct Explanation {
    pub what: &'static str,
    pub why: &'static str,
    pub example_policy: &'static str,
    pub example_record: &'static str,
    pub fix: &'static str,
}

/// The entry for a code.
pub fn explanation(code: Code) -> Explanation {
    Explanation { what: code.summary(), why: "", example_policy: "", example_record: "", fix: "" }
}
