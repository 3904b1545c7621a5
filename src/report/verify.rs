//! `charter verify REPORT.json`: the audit trail. Re-reads every input a JSON report names,
//! checks each SHA-256, re-runs the check with the report's own options, and names every
//! way the result differs from the report. An empty list means "reproduced exactly".
//!
//! The report is the only source of truth for the options: `as_of`, `max_findings`, the
//! optional `timestamp` and `inputs.baseline` are taken from it, paths are read as written
//! (relative to the current folder), and `<stdlib>/...` policies mean the library compiled
//! into this binary.

use std::collections::BTreeMap;
use std::path::PathBuf;

use serde_json::Value;
use sha2::{Digest, Sha256};

use super::{Meta, baseline, json};
use crate::date::Date;
use crate::eval;
use crate::input::hex;
use crate::policy;
use crate::run::{self, CheckRun};
use crate::source::SourceMap;

/// Checks a report, given as the bytes of its file. `Err` is a report that cannot be read as
/// one at all (not UTF-8, not JSON, not `charter-report/1`, options missing); `Ok` lists the
/// differences, empty when the report is reproduced byte for byte.
pub fn verify(bytes: &[u8]) -> Result<Vec<String>, String> {
    let text = std::str::from_utf8(bytes)
        .map_err(|e| format!("the report is not UTF-8 ({e}), so it was edited"))?;
    let given: Value = serde_json::from_str(text)
        .map_err(|e| format!("the report is not valid JSON ({e}), so it was edited"))?;
    if given["schema"] != json::SCHEMA {
        return Err(format!(
            "the report's `schema` is not `{}`, so it was edited or is not a charter report",
            json::SCHEMA
        ));
    }
    let as_of = given["as_of"]
        .as_str()
        .and_then(Date::parse)
        .ok_or("the report has no valid `as_of` date, so it was edited")?;
    let max_findings = given["max_findings"]
        .as_u64()
        .and_then(|n| usize::try_from(n).ok())
        .ok_or("the report has no valid `max_findings`, so it was edited")?;
    let policies =
        paths(&given["inputs"]["policies"]).ok_or("the report's `inputs.policies` is malformed")?;
    let records =
        paths(&given["inputs"]["records"]).ok_or("the report's `inputs.records` is malformed")?;

    let mut differences = Vec::new();
    if given["tool"]["version"] != env!("CARGO_PKG_VERSION") {
        differences.push(format!(
            "the report was made by charter {}, this is charter {}",
            given["tool"]["version"],
            env!("CARGO_PKG_VERSION")
        ));
    }
    let stdlib = !policies.is_empty() && policies.iter().all(|(p, _)| p.starts_with("<stdlib>/"));
    for (path, sha) in policies.iter().chain(&records) {
        if let Some(why) = changed(path, sha, stdlib) {
            differences.push(why);
        }
    }

    let mut sources = SourceMap::new();
    let (set, policy_diagnostics) = if stdlib {
        policy::load_policy_texts(crate::stdlib::FILES, &mut sources)
    } else {
        let files: Vec<PathBuf> = policies.iter().map(|(p, _)| PathBuf::from(p)).collect();
        policy::load_policy_set(&files, &mut sources)
    };
    let files: Vec<PathBuf> = records.iter().map(|(p, _)| PathBuf::from(p)).collect();
    let inputs = run::discover(&files);
    let options = eval::Options { as_of, max_findings };
    let mut rerun: CheckRun =
        run::check(sources, &set, policy_diagnostics, &inputs, &options, || {
            Err(std::io::Error::other("standard input cannot be read again by `verify`"))
        });
    let mut meta = Meta { as_of, max_findings, baseline: None, timestamp: None };
    meta.timestamp = given["timestamp"].as_str().map(str::to_owned);
    let old = match given["inputs"].get("baseline") {
        Some(b) => {
            let path = b["path"].as_str().unwrap_or_default();
            match baseline::load(&PathBuf::from(path)) {
                Ok(old) => {
                    if b["sha256"].as_str() != Some(old.sha256.as_str()) {
                        differences.push(format!(
                            "the baseline report `{path}` changed (its sha256 differs)"
                        ));
                    }
                    meta.baseline = Some(baseline::apply(&mut rerun, &old.report));
                    Some(old)
                }
                Err(why) => {
                    differences.push(format!("the baseline report cannot be read: {why}"));
                    None
                }
            }
        }
        None => None,
    };
    let mut expected = json::report(&rerun, &meta);
    if let Some(old) = &old {
        baseline::record_input(&mut expected, old);
    }

    if json::digest(&given) != given["digest"].as_str().unwrap_or_default() {
        differences.push("the report was edited: its `digest` does not match its content".into());
    }
    compare_findings(&given, &expected, &mut differences);
    let keys: std::collections::BTreeSet<&String> = given
        .as_object()
        .into_iter()
        .flat_map(|m| m.keys())
        .chain(expected.as_object().into_iter().flat_map(|m| m.keys()))
        .collect();
    for key in keys {
        if key == "findings" || key == "digest" || key == "inputs" || given[key] == expected[key] {
            continue;
        }
        differences.push(format!(
            "`{key}` differs: the report says {}, the re-run gives {}",
            given[key], expected[key]
        ));
    }
    if differences.is_empty() && given["inputs"] != expected["inputs"] {
        differences.push("`inputs` differs from the files the re-run read".into());
    }
    if differences.is_empty() && given["digest"] != expected["digest"] {
        differences.push(format!(
            "the digest differs: the report says {}, the re-run gives {}",
            given["digest"], expected["digest"]
        ));
    }
    if differences.is_empty() && text != json::to_string(&expected) {
        differences.push("the report's text was edited (its layout differs from the re-run's, though its content matches)".into());
    }
    Ok(differences)
}

/// `[(path, sha256)]` from `inputs.policies` or `inputs.records`.
fn paths(list: &Value) -> Option<Vec<(String, String)>> {
    list.as_array()?
        .iter()
        .map(|i| Some((i["path"].as_str()?.to_owned(), i["sha256"].as_str()?.to_owned())))
        .collect()
}

/// Why an input no longer matches its hash, if it does not.
fn changed(path: &str, sha: &str, stdlib: bool) -> Option<String> {
    if stdlib && path.starts_with("<stdlib>/") {
        let known = crate::stdlib::FILES.iter().any(|(p, _)| *p == path);
        return (!known || !sha.is_empty()).then(|| {
            format!("the policy `{path}` is not part of this charter's standard library")
        });
    }
    if path == "-" {
        return Some("a record was read from standard input, which cannot be read again".into());
    }
    match std::fs::read(path) {
        Ok(bytes) => {
            let now = hex(&Sha256::digest(&bytes));
            (now != sha).then(|| {
                format!("the input `{path}` changed: its sha256 is {now}, the report says {sha}")
            })
        }
        Err(e) => Some(format!("the input `{path}` cannot be read: {e}")),
    }
}

/// Findings compared as a multiset of JSON values, named by code, place and message.
fn compare_findings(given: &Value, expected: &Value, out: &mut Vec<String>) {
    let mut count: BTreeMap<String, (i64, &Value)> = BTreeMap::new();
    for f in expected["findings"].as_array().into_iter().flatten() {
        count.entry(f.to_string()).or_insert((0, f)).0 += 1;
    }
    for f in given["findings"].as_array().into_iter().flatten() {
        count.entry(f.to_string()).or_insert((0, f)).0 -= 1;
    }
    for (n, f) in count.values() {
        let what = describe(f);
        if *n > 0 {
            out.push(format!("a finding is missing from the report (the re-run finds it): {what}"));
        } else if *n < 0 {
            out.push(format!(
                "a finding was added to the report (the re-run does not find it): {what}"
            ));
        }
    }
    if !given["findings"].is_array() {
        out.push("the report's `findings` is not a list".into());
    }
}

/// `gap::unassigned at agreements/a.yaml:3:7: no party holds ...`
fn describe(f: &Value) -> String {
    let loc = &f["location"];
    let place = match (loc["path"].as_str(), loc["line"].as_u64(), loc["column"].as_u64()) {
        (Some(p), Some(l), Some(c)) => format!(" at {p}:{l}:{c}"),
        _ => String::new(),
    };
    format!(
        "{}{place}: {}",
        f["code"].as_str().unwrap_or("?"),
        f["message"].as_str().unwrap_or("?")
    )
}
