//! Diagnostics to output. The only module that knows output formats.

pub mod baseline;
pub mod excerpt;
pub mod grid;
pub mod html;
pub mod human;
pub mod json;
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
    /// Only with `--shard K/N`: `(K, N)`, written as `shard: "K/N"` in the JSON report.
    pub shard: Option<(u32, u32)>,
    /// The policy set used, as shown to a reader: the folder or files given or found, or
    /// [`BUILTIN_POLICIES`]. The JSON report needs no such field (its `inputs.policies`
    /// names every file); the human, SARIF and HTML reports show it.
    pub policy_set: String,
}

/// How reports name the standard library compiled into charter.
pub const BUILTIN_POLICIES: &str = "the built-in standard library";

impl Meta {
    /// The options of a run with no baseline, timestamp or shard.
    pub fn new(as_of: Date, max_findings: usize, policy_set: impl Into<String>) -> Self {
        Meta {
            as_of,
            max_findings,
            baseline: None,
            timestamp: None,
            shard: None,
            policy_set: policy_set.into(),
        }
    }
}

/// `3 errors, 1 warning in 12 records (2 policies from policies)`: the policy set is named
/// as [`Meta::policy_set`] names it; an empty name is left out.
pub fn summary_line(counts: &Counts, records: usize, policies: usize, policy_set: &str) -> String {
    let plural = |n: u64, word: &str| format!("{n} {word}{}", if n == 1 { "" } else { "s" });
    let mut parts = vec![plural(counts.error, "error"), plural(counts.warning, "warning")];
    if counts.note > 0 {
        parts.push(plural(counts.note, "note"));
    }
    let from = if policy_set.is_empty() { String::new() } else { format!(" from {policy_set}") };
    format!(
        "{} in {} ({}{from})",
        parts.join(", "),
        plural(records as u64, "record"),
        plural(policies as u64, "policy").replace("policys", "policies")
    )
}

/// `3 files skipped (...)`: files the folder walks found and did not check, `ignored` for
/// being hidden or excluded by `.gitignore`, `reports` for being charter's own reports.
pub fn skipped_note(ignored: usize, reports: usize) -> String {
    let files = |n: usize| format!("{n} file{}", if n == 1 { "" } else { "s" });
    let reports_why = if reports == 1 { "a charter report" } else { "charter reports" };
    let why = match (ignored, reports) {
        (_, 0) => "hidden or in .gitignore; --no-ignore reads them".to_owned(),
        (0, _) => reports_why.to_owned(),
        _ => format!(
            "{} hidden or in .gitignore, read with --no-ignore; {} {reports_why}",
            ignored, reports
        ),
    };
    format!("{} skipped ({why})", files(ignored + reports))
}

/// What the human summary adds for the findings `--baseline` left out.
pub fn baseline_note(hidden: u64) -> String {
    format!("{hidden} in the baseline, not listed")
}
