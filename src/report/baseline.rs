//! `check --baseline OLD.json`: list only the findings an earlier report did not have, so a
//! team can adopt charter on old agreements and fail CI only on new problems.
//!
//! A finding is "the same" when its code, record path, agreement and clause ids are (docs/reports.md).
//! Matching is one-to-one: an old finding absorbs at most one new one, so a second
//! `gap::missing-duty` in a record with one already known (both name no clauses) is new.

use std::collections::HashMap;
use std::path::Path;

use serde_json::{Value, json};

use crate::diagnostic::{Diagnostic, Severity};
use crate::input;
use crate::run::CheckRun;
use crate::source::SourceMap;

/// The identity of a finding across runs.
type Key = (String, String, String, Vec<String>);

/// An earlier report, read and parsed.
#[derive(Debug)]
pub struct Baseline {
    pub path: String,
    pub sha256: String,
    pub report: Value,
}

/// Reads a `charter-report/1` file. The error is a one-line reason naming the file.
pub fn load(path: &Path) -> Result<Baseline, String> {
    load_as(path, &input::display_path(path))
}

/// [`load`] of the file at `path`, named `shown` (`verify` reads a report's baseline under
/// the report's root, and names it as the report does).
pub fn load_as(path: &Path, shown: &str) -> Result<Baseline, String> {
    let text = input::read_text(path, shown).map_err(|d| d.message)?;
    let report: Value = serde_json::from_str(&text.text)
        .map_err(|e| format!("`{shown}` is not a JSON report: {e}"))?;
    if report["schema"] != super::json::SCHEMA {
        return Err(format!("`{shown}` is not a `{}` report", super::json::SCHEMA));
    }
    Ok(Baseline { path: shown.to_owned(), sha256: text.sha256, report })
}

/// Removes from `run` the findings the earlier report already had and lowers the counts to
/// match. Returns how many were removed.
pub fn apply(run: &mut CheckRun, old: &Value) -> u64 {
    let mut known: HashMap<Key, usize> = HashMap::new();
    for f in old["findings"].as_array().into_iter().flatten() {
        *known.entry(key_of_json(f)).or_default() += 1;
    }
    let mut removed = 0;
    let sources = &run.sources;
    let mut dropped: Vec<Severity> = Vec::new();
    run.diagnostics.retain(|d| {
        let Some(n) = known.get_mut(&key_of(sources, d)).filter(|n| **n > 0) else {
            return true;
        };
        *n -= 1;
        removed += 1;
        dropped.push(d.severity);
        false
    });
    for s in dropped {
        let count = match s {
            Severity::Error => &mut run.counts.error,
            Severity::Warning => &mut run.counts.warning,
            Severity::Note => &mut run.counts.note,
        };
        *count = count.saturating_sub(1);
    }
    removed
}

/// Names the baseline among the report's inputs (`inputs.baseline`), so that `verify` can
/// apply it again, and recomputes the digest.
pub fn record_input(report: &mut Value, baseline: &Baseline) {
    report["inputs"]["baseline"] = json!({ "path": baseline.path, "sha256": baseline.sha256 });
    let digest = super::json::digest(report);
    report["digest"] = json!(digest);
}

fn key_of(sources: &SourceMap, d: &Diagnostic) -> Key {
    let (path, agreement) = match &d.record {
        Some(r) => (sources.path(r.file).to_owned(), r.agreement.clone().unwrap_or_default()),
        None => (String::new(), String::new()),
    };
    (d.code.as_str().to_owned(), path, agreement, d.clauses.iter().map(|c| c.id.clone()).collect())
}

fn key_of_json(f: &Value) -> Key {
    let text = |v: &Value| v.as_str().unwrap_or_default().to_owned();
    let clauses = f["clauses"].as_array().into_iter().flatten().map(|c| text(&c["id"])).collect();
    (text(&f["code"]), text(&f["record"]["path"]), text(&f["record"]["agreement"]), clauses)
}
