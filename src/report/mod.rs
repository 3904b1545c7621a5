//! Diagnostics to output. The only module that knows output formats.

pub mod baseline;
pub mod excerpt;
pub mod grid;
pub mod html;
pub mod human;
pub mod json;
pub mod matrix;
pub mod merge;
pub mod sarif;
pub mod splice;
pub mod verify;

use crate::date::Date;
use crate::eval::Counts;

/// What a report states about the run besides its findings.
#[derive(Clone, Debug)]
pub struct Meta {
    /// The date waivers were judged on.
    pub as_of: Date,
    pub max_findings: usize,
    /// Findings left out because an earlier report already had them.
    pub baseline: Option<u64>,
    /// Only with `--timestamp`: reports are otherwise byte-for-byte reproducible.
    pub timestamp: Option<String>,
}

/// `3 errors, 1 warning in 12 records (2 policies)`
pub fn summary_line(counts: &Counts, records: usize, policies: usize) -> String {
    let plural = |n: u64, word: &str| format!("{n} {word}{}", if n == 1 { "" } else { "s" });
    let mut parts = vec![plural(counts.error, "error"), plural(counts.warning, "warning")];
    if counts.note > 0 {
        parts.push(plural(counts.note, "note"));
    }
    format!(
        "{} in {} ({})",
        parts.join(", "),
        plural(records as u64, "record"),
        plural(policies as u64, "policy").replace("policys", "policies")
    )
}
