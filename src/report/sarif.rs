//! SARIF 2.1.0 for code-scanning dashboards: one run, the whole check registry as
//! `tool.driver.rules`, one `result` per listed finding.
//!
//! Columns count Unicode code points (the run says so with `columnKind`), the same count as
//! the JSON report's characters. A live waiver becomes an accepted `inSource` suppression,
//! so dashboards show the finding as dismissed with the auditor's reason.

use serde_json::{Map, Value, json};
use sha2::{Digest, Sha256};

use super::{Meta, splice};
use crate::checks::{Code, explanation};
use crate::diagnostic::{Diagnostic, Severity};
use crate::input::hex;
use crate::run::CheckRun;
use crate::source::{SourceMap, Span};

pub const SCHEMA_URI: &str = "https://json.schemastore.org/sarif-2.1.0.json";

/// The SARIF log as a JSON value.
pub fn report(run: &CheckRun, meta: &Meta) -> Value {
    let results: Vec<Value> = run.diagnostics.iter().map(|d| result(&run.sources, d)).collect();
    let mut properties = json!({
        "asOf": meta.as_of.to_string(),
        "maxFindings": meta.max_findings,
        "policySet": meta.policy_set,
        "summary": {
            "records": run.records,
            "error": run.counts.error,
            "warning": run.counts.warning,
            "note": run.counts.note,
        },
    });
    if let Some(b) = meta.baseline {
        properties["summary"]["baseline"] = json!(b);
    }
    let mut sarif_run = json!({
        "tool": {
            "driver": {
                "name": "charter",
                "version": env!("CARGO_PKG_VERSION"),
                "semanticVersion": env!("CARGO_PKG_VERSION"),
                "rules": Code::ALL.iter().map(|&c| rule(c)).collect::<Vec<_>>(),
            }
        },
        "columnKind": "unicodeCodePoints",
        "results": results,
        "properties": properties,
    });
    if let Some(t) = &meta.timestamp {
        sarif_run["invocations"] = json!([{ "executionSuccessful": true, "endTimeUtc": t }]);
    }
    json!({ "$schema": SCHEMA_URI, "version": "2.1.0", "runs": [sarif_run] })
}

/// Writes the log of a run whose results were kept as compact text (what `charter check
/// --format sarif` does): byte for byte what [`to_string`] of [`report`] gives with those
/// results, without holding them as JSON values.
pub fn write(
    run: &CheckRun,
    meta: &Meta,
    results: &[splice::Compact],
    out: &mut dyn std::io::Write,
) -> std::io::Result<()> {
    let mut log = report(run, meta);
    log["runs"][0]["results"] = json!(splice::FINDINGS);
    splice::write(&log, &[(splice::FINDINGS, results)], out)
}

/// Pretty-printed, with a final newline.
pub fn to_string(log: &Value) -> String {
    let mut s = serde_json::to_string_pretty(log).unwrap_or_default();
    s.push('\n');
    s
}

/// One entry of `tool.driver.rules`, from the registry and its catalogue entry.
fn rule(code: Code) -> Value {
    let e = explanation(code);
    json!({
        "id": code.as_str(),
        "name": rule_name(code),
        "shortDescription": { "text": code.summary() },
        "fullDescription": { "text": format!("{}\n\n{}", e.what.trim(), e.why.trim()) },
        "help": { "text": format!("{}\n\nRun `charter explain {}` for an example.", e.fix.trim(), code.as_str()) },
        "defaultConfiguration": { "level": level(code.severity()) },
        "properties": { "tags": [code.as_str().split("::").next().unwrap_or_default()] },
    })
}

/// `gap::missing-duty` becomes `GapMissingDuty`: SARIF rule names are identifiers.
fn rule_name(code: Code) -> String {
    code.as_str()
        .split([':', '-'])
        .filter(|w| !w.is_empty())
        .map(|w| {
            let mut chars = w.chars();
            chars
                .next()
                .map(|c| c.to_ascii_uppercase().to_string() + chars.as_str())
                .unwrap_or_default()
        })
        .collect()
}

fn level(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Note => "note",
    }
}

pub fn result(sources: &SourceMap, d: &Diagnostic) -> Value {
    let mut r = Map::new();
    r.insert("ruleId".into(), json!(d.code.as_str()));
    let index = Code::ALL.iter().position(|&c| c == d.code).unwrap_or_default();
    r.insert("ruleIndex".into(), json!(index));
    r.insert("level".into(), json!(level(d.severity)));
    let text = if d.help.is_empty() {
        d.message.clone()
    } else {
        format!("{}\nhelp: {}", d.message, d.help)
    };
    r.insert("message".into(), json!({ "text": text }));
    let primary = d.primary_span().map(|s| location(sources, s, None));
    let whole_file = || {
        d.record.as_ref().map(|rec| json!({ "physicalLocation": { "artifactLocation": { "uri": uri(sources.path(rec.file)) } } }))
    };
    if let Some(loc) = primary.or_else(whole_file) {
        r.insert("locations".into(), json!([loc]));
    }
    // The other clauses of the finding, then the policy article (and any other related label).
    let related: Vec<Value> = d
        .labels
        .iter()
        .skip(1)
        .chain(d.related.iter())
        .enumerate()
        .map(|(i, l)| {
            let mut loc = location(sources, l.span, Some(&l.message));
            loc["id"] = json!(i + 1);
            loc
        })
        .collect();
    if !related.is_empty() {
        r.insert("relatedLocations".into(), Value::Array(related));
    }
    r.insert("partialFingerprints".into(), json!({ "charterFinding/v1": fingerprint(sources, d) }));
    if let Some(w) = &d.waiver {
        r.insert(
            "suppressions".into(),
            json!([{
                "kind": "inSource",
                "status": "accepted",
                "justification": format!("{} (approved by {}, expires {})", w.reason, w.approved_by, w.expires),
                "location": location(sources, w.span, None),
            }]),
        );
    }
    let mut props = Map::new();
    if let Some(rec) = &d.record {
        props.insert("agreement".into(), json!(rec.agreement));
    }
    if !d.clauses.is_empty() {
        props.insert(
            "clauses".into(),
            json!(d.clauses.iter().map(|c| c.id.as_str()).collect::<Vec<_>>()),
        );
    }
    if !d.parties.is_empty() {
        props.insert("parties".into(), json!(d.parties));
    }
    if let Some(act) = &d.act {
        props.insert("act".into(), json!(act));
    }
    if !d.places.is_empty() {
        let places: Vec<Value> = d.places.iter().map(super::json::place).collect();
        props.insert("where".into(), Value::Array(places));
    }
    if !props.is_empty() {
        r.insert("properties".into(), Value::Object(props));
    }
    Value::Object(r)
}

/// A physical location with a region; columns in code points, `endColumn` just past the end.
fn location(sources: &SourceMap, span: Span, message: Option<&str>) -> Value {
    let file = sources.get(span.file);
    let (start_line, start_column) = file.line_col(span.start);
    let (end_line, end_column) = file.line_col(span.end);
    let mut loc = json!({
        "physicalLocation": {
            "artifactLocation": { "uri": uri(&file.path) },
            "region": {
                "startLine": start_line,
                "startColumn": start_column,
                "endLine": end_line,
                "endColumn": end_column,
            }
        }
    });
    if let Some(m) = message.filter(|m| !m.is_empty()) {
        loc["message"] = json!({ "text": m });
    }
    loc
}

/// A path as a relative URI reference: `/` kept, everything outside the unreserved set and
/// a few safe delimiters percent-encoded (`<stdlib>/x.charter` becomes `%3Cstdlib%3E/x.charter`).
pub fn uri(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for b in path.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~/!$&'()*+,;=@:".contains(&b) {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    // A first segment holding `:` would read as a scheme: `./` keeps the reference relative.
    let first = out.split('/').next().unwrap_or_default();
    if first.contains(':') { format!("./{out}") } else { out }
}

/// Stable across runs and unaffected by moving lines: code, record, agreement and clause ids
/// (the key `--baseline` uses), plus the act and parties.
fn fingerprint(sources: &SourceMap, d: &Diagnostic) -> String {
    let mut key = vec![d.code.as_str().to_owned()];
    if let Some(r) = &d.record {
        key.push(sources.path(r.file).to_owned());
        key.push(r.agreement.clone().unwrap_or_default());
    }
    key.extend(d.clauses.iter().map(|c| c.id.clone()));
    key.push(d.act.clone().unwrap_or_default());
    key.extend(d.parties.iter().cloned());
    hex(&Sha256::digest(key.join("\u{1f}").as_bytes()))
}
