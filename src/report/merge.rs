//! `charter merge R1.json R2.json ...`: joins the JSON reports of `check --shard K/N` runs
//! into the one report an unsharded run over the same files would have written.
//!
//! Why the result equals the unsharded report: a record file lands in exactly one shard (its
//! path decides), so every finding about a file is in one shard report, already sorted by
//! the full key of `run::sort` (agreement, record index, code, position, message). Merging
//! therefore only has to order the findings by record path, keeping each shard's own order
//! within a path (a stable sort), which also covers the parts of the key the JSON does not
//! carry (the index of a record in a multi-document file). Findings about the policy set
//! (`record: null`) come first, as in a single run; every shard lists them, so they are
//! taken once and subtracted from the summed counts for the other shards.

use std::cmp::Ordering;
use std::collections::BTreeMap;
use std::path::Path;

use serde_json::{Value, json};

use super::json::{SCHEMA, digest};

/// One shard's report, as read from its file.
#[derive(Debug)]
pub struct Shard {
    /// The file it was read from, as shown to the user.
    pub path: String,
    pub report: Value,
}

/// Parses one shard report. The error is a one-line reason naming the file.
pub fn parse(path: &str, text: &str) -> Result<Shard, String> {
    let report: Value =
        serde_json::from_str(text).map_err(|e| format!("`{path}` is not a JSON report: {e}"))?;
    if report["schema"] != SCHEMA {
        return Err(format!("`{path}` is not a `{SCHEMA}` report"));
    }
    let well_formed = report["findings"].is_array()
        && report["inputs"]["records"].is_array()
        && report["summary"].is_object();
    if !well_formed {
        return Err(format!(
            "`{path}` lacks `findings`, `inputs.records` or `summary`, so it was edited"
        ));
    }
    Ok(Shard { path: path.to_owned(), report })
}

/// The merged report, `digest` included. `Err` names the first way the shards cannot be
/// parts of one run (other policies, another date, the same file in two shards...).
pub fn merge(shards: &[Shard]) -> Result<Value, String> {
    let Some(first) = shards.first() else {
        return Err("no report to merge".into());
    };
    for other in &shards[1..] {
        agree(first, other)?;
    }

    let policy_findings: Vec<Value> =
        findings(&first.report).filter(|f| f["record"].is_null()).cloned().collect();
    let mut records: Vec<Value> = Vec::new();
    let mut record_findings: Vec<Value> = Vec::new();
    let mut owner: BTreeMap<String, &str> = BTreeMap::new();
    for shard in shards {
        let mine: Vec<Value> =
            findings(&shard.report).filter(|f| f["record"].is_null()).cloned().collect();
        if mine != policy_findings {
            return Err(format!(
                "`{}` and `{}` list different findings about the policy set: were they made by \
                 the same charter with the same policies?",
                first.path, shard.path
            ));
        }
        let mut seen_here: Vec<String> = Vec::new();
        for input in shard.report["inputs"]["records"].as_array().into_iter().flatten() {
            let path = input["path"].as_str().unwrap_or_default().to_owned();
            if let Some(other) = owner.get(&path) {
                return Err(format!(
                    "`{path}` is in both `{other}` and `{}`: give each shard's report once, \
                     from runs with the same `N` in `--shard K/N`",
                    shard.path
                ));
            }
            seen_here.push(path);
            records.push(input.clone());
        }
        // A file named twice on one command line is listed twice by its one shard: that is
        // not an overlap, so ownership is recorded only after the shard's own list.
        owner.extend(seen_here.into_iter().map(|p| (p, shard.path.as_str())));
        record_findings.extend(findings(&shard.report).filter(|f| !f["record"].is_null()).cloned());
    }

    // Inputs in the order `run::discover` lists one folder: by path components, as `PathBuf`
    // compares (so `a/b/c.yaml` comes before `a/b-c.yaml`). Stable, so duplicates keep order.
    records.sort_by(|a, b| path_order(&a["path"], &b["path"]));
    // Findings as `run::sort` orders them: by record path as a string, then each shard's
    // own order.
    record_findings.sort_by(|a, b| text(&a["record"]["path"]).cmp(text(&b["record"]["path"])));

    let mut merged = first.report.clone();
    merged["inputs"]["records"] = Value::Array(records);
    merged["summary"] = summary(shards, &policy_findings);
    let mut all = policy_findings;
    all.extend(record_findings);
    merged["findings"] = Value::Array(all);
    // Each shard stamped its own time; the merged report was finished by the last of them.
    if let Some(latest) = shards.iter().filter_map(|s| s.report["timestamp"].as_str()).max() {
        merged["timestamp"] = json!(latest);
    }
    let digest = digest(&merged);
    merged["digest"] = json!(digest);
    Ok(merged)
}

/// Checks that `other` comes from the same kind of run as `first`: same tool, options,
/// policies and baseline. Records and findings may differ; nothing else may.
fn agree(first: &Shard, other: &Shard) -> Result<(), String> {
    let (a, b) = (&first.report, &other.report);
    let differ =
        |what: &str| format!("`{}` and `{}` have different {what}: ", first.path, other.path);
    if a["inputs"]["policies"] != b["inputs"]["policies"] {
        return Err(differ("policies")
            + "every shard must be checked against the same policy files (same paths and sha256)");
    }
    if a["tool"] != b["tool"] {
        return Err(differ("tools") + "make every shard with the same charter version");
    }
    if a["as_of"] != b["as_of"] {
        return Err(differ("`as_of` dates")
            + "give every shard the same `--as-of DATE`, or run them on the same day");
    }
    if a["max_findings"] != b["max_findings"] {
        return Err(differ("`max_findings`") + "give every shard the same `--max-findings N`");
    }
    if a["inputs"]["baseline"] != b["inputs"]["baseline"] {
        return Err(differ("baselines") + "give every shard the same `--baseline OLD.json`");
    }
    Ok(())
}

/// The summed summary. Every shard counted the findings about the policy set, so all
/// but one of those counts come off again.
fn summary(shards: &[Shard], policy_findings: &[Value]) -> Value {
    let extra = shards.len().saturating_sub(1) as u64;
    let mut out = shards[0].report["summary"].clone();
    let Some(map) = out.as_object_mut() else {
        return out;
    };
    for (key, total) in map.iter_mut() {
        let sum: u64 = shards.iter().filter_map(|s| s.report["summary"][key].as_u64()).sum();
        let twice = policy_findings.iter().filter(|f| f["severity"] == key.as_str()).count();
        *total = json!(sum.saturating_sub(extra * twice as u64));
    }
    out
}

fn findings(report: &Value) -> impl Iterator<Item = &Value> {
    report["findings"].as_array().into_iter().flatten()
}

fn text(v: &Value) -> &str {
    v.as_str().unwrap_or_default()
}

fn path_order(a: &Value, b: &Value) -> Ordering {
    Path::new(text(a)).cmp(Path::new(text(b)))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shard(path: &str, report: Value) -> Shard {
        Shard { path: path.into(), report }
    }

    fn report(records: &[&str], findings: Value, error: u64) -> Value {
        let records: Vec<Value> =
            records.iter().map(|p| json!({ "path": p, "sha256": "00" })).collect();
        json!({
            "schema": SCHEMA,
            "tool": { "name": "charter", "version": "0.1.0" },
            "as_of": "2025-01-01",
            "max_findings": 1000,
            "inputs": { "policies": [ { "path": "p.charter", "sha256": "aa" } ], "records": records },
            "summary": { "records": records.len(), "error": error, "warning": 0, "note": 0 },
            "findings": findings,
        })
    }

    #[test]
    fn inputs_follow_path_components_and_findings_the_path_string() {
        let f = |p: &str| json!({ "code": "gap::uncovered", "severity": "error", "record": { "path": p } });
        let one = report(&["a/b-c.yaml"], json!([f("a/b-c.yaml")]), 1);
        let two = report(&["a/b/c.yaml"], json!([f("a/b/c.yaml")]), 1);
        let merged = merge(&[shard("1.json", one), shard("2.json", two)]).expect("merges");
        let paths: Vec<&str> = merged["inputs"]["records"]
            .as_array()
            .into_iter()
            .flatten()
            .map(|r| text(&r["path"]))
            .collect();
        assert_eq!(paths, ["a/b/c.yaml", "a/b-c.yaml"]);
        let found: Vec<&str> = findings(&merged).map(|f| text(&f["record"]["path"])).collect();
        assert_eq!(found, ["a/b-c.yaml", "a/b/c.yaml"]);
        assert_eq!(merged["summary"]["error"], 2);
        assert_eq!(merged["digest"], json!(digest(&merged)));
    }

    #[test]
    fn policy_findings_are_listed_and_counted_once() {
        let p = json!({ "code": "policy::superseded", "severity": "warning", "record": null });
        let mut one = report(&["a.yaml"], json!([p]), 0);
        let mut two = report(&["b.yaml"], json!([p]), 0);
        one["summary"]["warning"] = json!(1);
        two["summary"]["warning"] = json!(1);
        let merged = merge(&[shard("1.json", one), shard("2.json", two)]).expect("merges");
        assert_eq!(findings(&merged).count(), 1);
        assert_eq!(merged["summary"]["warning"], 1);
        assert_eq!(merged["summary"]["records"], 2);
    }

    #[test]
    fn the_same_file_in_two_shards_is_refused() {
        let one = report(&["a.yaml"], json!([]), 0);
        let two = report(&["a.yaml"], json!([]), 0);
        let err = merge(&[shard("1.json", one), shard("2.json", two)]).expect_err("overlap");
        assert!(err.contains("`a.yaml` is in both `1.json` and `2.json`"), "{err}");
    }

    #[test]
    fn other_dates_are_refused() {
        let one = report(&["a.yaml"], json!([]), 0);
        let mut two = report(&["b.yaml"], json!([]), 0);
        two["as_of"] = json!("2025-01-02");
        let err = merge(&[shard("1.json", one), shard("2.json", two)]).expect_err("dates");
        assert!(err.contains("different `as_of` dates"), "{err}");
    }

    #[test]
    fn a_report_that_is_not_one_is_refused() {
        assert!(parse("x.json", "[]").is_err());
        assert!(parse("x.json", "{\"schema\": \"charter-report/1\"}").is_err());
        assert!(parse("x.json", "not json").is_err());
    }
}
