//! The `charter-report/1` JSON report, and its digest over the canonical form.

use serde_json::{Map, Value, json};
use sha2::{Digest, Sha256};

use super::{Meta, splice};
use crate::diagnostic::{Diagnostic, Place};
use crate::input::hex;
use crate::run::CheckRun;
use crate::source::{SourceMap, Span};

pub const SCHEMA: &str = "charter-report/1";

/// The report as a JSON value, `digest` included.
pub fn report(run: &CheckRun, meta: &Meta) -> Value {
    let findings = run.diagnostics.iter().map(|d| finding(&run.sources, d)).collect();
    let records = run.record_files.iter().map(|&id| input(run, id)).collect();
    let mut report = without_digest(run, meta, Value::Array(findings), Value::Array(records));
    let digest = digest(&report);
    report["digest"] = json!(digest);
    report
}

/// Writes the report of a run whose findings were kept as compact text (what
/// `charter check --format json` does): byte for byte what [`to_string`] of [`report`] gives
/// with those findings, without holding the findings or the inputs as JSON values.
pub fn write(
    run: &CheckRun,
    meta: &Meta,
    findings: &[splice::Compact],
    out: &mut dyn std::io::Write,
) -> std::io::Result<()> {
    let records: Vec<splice::Compact> =
        run.record_files.iter().map(|&id| splice::compact(&input(run, id))).collect();
    let mut report = without_digest(run, meta, json!(splice::FINDINGS), json!(splice::RECORDS));
    let fill = [(splice::FINDINGS, findings), (splice::RECORDS, &records[..])];
    report["digest"] = json!(digest_of(&report, &fill));
    splice::write(&report, &fill, out)
}

/// One input file: its path and the SHA-256 of its bytes.
fn input(run: &CheckRun, id: crate::source::FileId) -> Value {
    let f = run.sources.get(id);
    json!({ "path": f.path, "sha256": f.sha256 })
}

fn without_digest(run: &CheckRun, meta: &Meta, findings: Value, records: Value) -> Value {
    let policies: Vec<Value> = run.policy_files.iter().map(|&id| input(run, id)).collect();
    let mut summary = json!({
        "records": run.records,
        "error": run.counts.error,
        "warning": run.counts.warning,
        "note": run.counts.note,
    });
    if let Some(b) = meta.baseline {
        summary["baseline"] = json!(b);
    }
    let mut report = json!({
        "schema": SCHEMA,
        "tool": { "name": "charter", "version": env!("CARGO_PKG_VERSION") },
        "as_of": meta.as_of.to_string(),
        "max_findings": meta.max_findings,
        "inputs": { "policies": policies, "records": records },
        "summary": summary,
        "findings": findings,
    });
    if let Some(t) = &meta.timestamp {
        report["timestamp"] = json!(t);
    }
    if let Some((k, n)) = meta.shard {
        report["shard"] = json!(format!("{k}/{n}"));
    }
    report
}

/// `sha256:` and the hex SHA-256 of the canonical JSON (keys sorted, no insignificant
/// whitespace) of the report without its `digest`.
pub fn digest(report: &Value) -> String {
    digest_of(report, &[])
}

/// [`digest`] of a report with holes, as if `fill` were put into them.
fn digest_of(report: &Value, fill: &splice::Fill<'_>) -> String {
    // serde_json's Map is a BTreeMap (the `preserve_order` feature is off), so keys are sorted.
    // The canonical text is streamed into the hash, member by member, skipping `digest`,
    // so neither a copy of the report nor its text is held in memory.
    let mut hasher = Hashing(Sha256::new());
    let _ = splice::write_canonical(report, fill, "digest", &mut hasher);
    format!("sha256:{}", hex(&hasher.0.finalize()))
}

/// Feeds what serde_json writes straight into a SHA-256.
struct Hashing(Sha256);

impl std::io::Write for Hashing {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.update(buf);
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// Pretty-printed, with a final newline.
pub fn to_string(report: &Value) -> String {
    let mut s = serde_json::to_string_pretty(report).unwrap_or_default();
    s.push('\n');
    s
}

/// One finding (or input diagnostic) as JSON.
pub fn finding(sources: &SourceMap, d: &Diagnostic) -> Value {
    let position = |span: Span| {
        let (line, column) = sources.line_col(span);
        (line, column)
    };
    let mut f = Map::new();
    f.insert("code".into(), json!(d.code.as_str()));
    f.insert("severity".into(), json!(d.severity.as_str()));
    f.insert("message".into(), json!(d.message));
    f.insert("help".into(), json!(d.help));
    f.insert(
        "record".into(),
        match &d.record {
            Some(r) => json!({ "path": sources.path(r.file), "agreement": r.agreement }),
            None => Value::Null,
        },
    );
    f.insert(
        "rule".into(),
        match &d.rule {
            Some(r) => {
                let (line, column) = position(r.span);
                json!({ "path": sources.path(r.span.file), "article": r.article, "line": line, "column": column })
            }
            None => Value::Null,
        },
    );
    let clauses: Vec<Value> = d
        .clauses
        .iter()
        .map(|c| {
            let (line, column) = position(c.span);
            json!({ "id": c.id, "line": line, "column": column })
        })
        .collect();
    f.insert("clauses".into(), Value::Array(clauses));
    f.insert("parties".into(), json!(d.parties));
    f.insert("act".into(), json!(d.act));
    f.insert("where".into(), Value::Array(d.places.iter().map(place).collect()));
    f.insert(
        "location".into(),
        match d.primary_span() {
            Some(span) => {
                let file = sources.get(span.file);
                let (line, column) = file.line_col(span.start);
                let (end_line, end_column) = file.line_col(span.end);
                json!({ "path": file.path, "line": line, "column": column, "end_line": end_line, "end_column": end_column })
            }
            None => Value::Null,
        },
    );
    if let Some(w) = &d.waiver {
        f.insert(
            "waiver".into(),
            json!({ "reason": w.reason, "approved_by": w.approved_by, "expires": w.expires.to_string() }),
        );
    }
    Value::Object(f)
}

pub fn place(p: &Place) -> Value {
    let cells: Map<String, Value> = p.cells.iter().map(|(d, v)| (d.clone(), json!(v))).collect();
    json!({ "cells": cells, "from": p.from.to_string(), "until": p.until.to_string() })
}

#[cfg(test)]
mod tests {
    use serde_json::json;
    use sha2::{Digest, Sha256};

    #[test]
    fn the_streamed_digest_is_the_hash_of_the_canonical_text() {
        let report = json!({
            "schema": "charter-report/1",
            "digest": "sha256:old",
            "findings": [{ "b": 1, "a": "x\"y", "digest": "nested stays" }],
            "summary": { "error": 1 },
        });
        let mut canonical = report.clone();
        canonical.as_object_mut().unwrap().remove("digest");
        let text = serde_json::to_string(&canonical).unwrap();
        let expected = format!("sha256:{}", crate::input::hex(&Sha256::digest(text.as_bytes())));
        assert_eq!(super::digest(&report), expected);
    }
}
