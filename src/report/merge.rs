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
//!
//! A merge is only as good as its shards, so the set is checked before anything is joined:
//! every report must carry the `shard: "K/N"` that `check --shard K/N` writes, with one `N`
//! for all, each `K` from 1 to `N` exactly once, and a `digest` that matches its content (a
//! shard with a finding removed is refused, not issued a fresh digest). The merged report
//! has no `shard`: it is the whole run.

use std::cmp::Ordering;
use std::collections::BTreeMap;
use std::path::Path;

use serde_json::{Value, json};

use super::json::{SCHEMA, digest};

/// Why a set of reports cannot be merged. Each names the file (or files) at fault.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum MergeError {
    #[error("no report to merge")]
    Empty,
    #[error("`{path}` is not a JSON report: {why}")]
    NotJson { path: String, why: String },
    #[error("`{path}` is not a `{SCHEMA}` report")]
    NotAReport { path: String },
    #[error("`{path}` lacks `findings`, `inputs.records` or `summary`, so it was edited")]
    Malformed { path: String },
    #[error(
        "`{path}` is not the report of a shard: it has no `shard: \"K/N\"`; make each part \
         with `charter check --shard K/N --format json`"
    )]
    NotAShard { path: String },
    #[error("`{path}` has `shard: {value}`, which is not `K/N` with 1 <= K <= N, so it was edited")]
    BadShard { path: String, value: String },
    #[error(
        "`{path}` was edited: its `digest` does not match its content; make the shard again, \
         or check it with `charter verify`"
    )]
    Digest { path: String },
    #[error(
        "`{first}` is shard {k}/{n} and `{other}` is shard {j}/{m}: every shard must come from \
         runs with the same `N` in `--shard K/N`"
    )]
    MixedCounts { first: String, k: u32, n: u32, other: String, j: u32, m: u32 },
    #[error("`{first}` and `{other}` are both shard {k}/{n}: give each shard's report once")]
    DuplicateShard { first: String, other: String, k: u32, n: u32 },
    #[error(
        "the set is incomplete: {} {missing} of {n} {} missing (given: {given}); give the \
         report of every shard",
        if missing.contains(',') { "shards" } else { "shard" },
        if missing.contains(',') { "are" } else { "is" }
    )]
    Incomplete { missing: String, n: u32, given: String },
    #[error("`{first}` and `{other}` have different {what}: {help}")]
    Differ { first: String, other: String, what: &'static str, help: &'static str },
    #[error(
        "`{first}` and `{other}` list different findings about the policy set: were they made \
         by the same charter with the same policies?"
    )]
    PolicyFindings { first: String, other: String },
    #[error(
        "`{path}` is in both `{first}` and `{other}`: give each shard's report once, from runs \
         with the same `N` in `--shard K/N`"
    )]
    Overlap { path: String, first: String, other: String },
}

/// One shard's report, as read from its file.
#[derive(Debug)]
pub struct Shard {
    /// The file it was read from, as shown to the user.
    pub path: String,
    pub report: Value,
    /// `(K, N)` from its `shard: "K/N"`.
    pub shard: (u32, u32),
}

/// Parses one shard report and checks its digest.
pub fn parse(path: &str, text: &str) -> Result<Shard, MergeError> {
    let path = path.to_owned();
    let report: Value = serde_json::from_str(text)
        .map_err(|e| MergeError::NotJson { path: path.clone(), why: e.to_string() })?;
    if report["schema"] != SCHEMA {
        return Err(MergeError::NotAReport { path });
    }
    let well_formed = report["findings"].is_array()
        && report["inputs"]["records"].is_array()
        && report["summary"].is_object();
    if !well_formed {
        return Err(MergeError::Malformed { path });
    }
    let shard = match report.get("shard") {
        None => return Err(MergeError::NotAShard { path }),
        Some(v) => match v.as_str().map(crate::run::parse_shard) {
            Some(Ok(shard)) => shard,
            _ => return Err(MergeError::BadShard { path, value: v.to_string() }),
        },
    };
    if report["digest"].as_str() != Some(digest(&report).as_str()) {
        return Err(MergeError::Digest { path });
    }
    Ok(Shard { path, report, shard })
}

/// Checks that the shards are the `N` parts of one split, each once.
fn complete(shards: &[Shard]) -> Result<(), MergeError> {
    let Some(first) = shards.first() else {
        return Err(MergeError::Empty);
    };
    let (k, n) = first.shard;
    let mut seen: BTreeMap<u32, &str> = BTreeMap::new();
    for s in shards {
        let (j, m) = s.shard;
        if m != n {
            let (first, other) = (first.path.clone(), s.path.clone());
            return Err(MergeError::MixedCounts { first, k, n, other, j, m });
        }
        if let Some(earlier) = seen.insert(j, &s.path) {
            let (first, other) = (earlier.to_owned(), s.path.clone());
            return Err(MergeError::DuplicateShard { first, other, k: j, n });
        }
    }
    let missing: Vec<String> =
        (1..=n).filter(|j| !seen.contains_key(j)).map(|j| j.to_string()).collect();
    if !missing.is_empty() {
        let given: Vec<String> = seen.iter().map(|(j, p)| format!("`{p}` is {j}/{n}")).collect();
        return Err(MergeError::Incomplete {
            missing: missing.join(", "),
            n,
            given: given.join(", "),
        });
    }
    Ok(())
}

/// The merged report, `digest` included. `Err` names the first way the shards cannot be
/// the parts of one run (a shard missing or edited, other policies, another date...).
pub fn merge(shards: &[Shard]) -> Result<Value, MergeError> {
    complete(shards)?;
    let Some(first) = shards.first() else {
        return Err(MergeError::Empty);
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
            let (first, other) = (first.path.clone(), shard.path.clone());
            return Err(MergeError::PolicyFindings { first, other });
        }
        let mut seen_here: Vec<String> = Vec::new();
        for input in shard.report["inputs"]["records"].as_array().into_iter().flatten() {
            let path = input["path"].as_str().unwrap_or_default().to_owned();
            if let Some(other) = owner.get(&path) {
                let (first, other) = ((*other).to_owned(), shard.path.clone());
                return Err(MergeError::Overlap { path, first, other });
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
    if let Some(map) = merged.as_object_mut() {
        map.remove("shard");
    }
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
fn agree(first: &Shard, other: &Shard) -> Result<(), MergeError> {
    let (a, b) = (&first.report, &other.report);
    let differ = |what, help| MergeError::Differ {
        first: first.path.clone(),
        other: other.path.clone(),
        what,
        help,
    };
    if a["inputs"]["policies"] != b["inputs"]["policies"] {
        return Err(differ(
            "policies",
            "every shard must be checked against the same policy files (same paths and sha256)",
        ));
    }
    if a["tool"] != b["tool"] {
        return Err(differ("tools", "make every shard with the same charter version"));
    }
    if a["as_of"] != b["as_of"] {
        return Err(differ(
            "`as_of` dates",
            "give every shard the same `--as-of DATE`, or run them on the same day",
        ));
    }
    if a["max_findings"] != b["max_findings"] {
        return Err(differ("`max_findings`", "give every shard the same `--max-findings N`"));
    }
    if a["inputs"]["baseline"] != b["inputs"]["baseline"] {
        return Err(differ("baselines", "give every shard the same `--baseline OLD.json`"));
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

    /// Shard `k` of the reports given, `N` being their number, with its digest.
    fn shards(reports: Vec<Value>) -> Vec<Shard> {
        let n = reports.len() as u32;
        reports
            .into_iter()
            .zip(1..)
            .map(|(mut report, k)| {
                report["shard"] = json!(format!("{k}/{n}"));
                report["digest"] = json!(digest(&report));
                let text = report.to_string();
                parse(&format!("{k}.json"), &text).expect("a shard")
            })
            .collect()
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
        let merged = merge(&shards(vec![one, two])).expect("merges");
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
        assert!(merged.get("shard").is_none(), "the merged report is the whole run");
    }

    #[test]
    fn policy_findings_are_listed_and_counted_once() {
        let p = json!({ "code": "policy::superseded", "severity": "warning", "record": null });
        let mut one = report(&["a.yaml"], json!([p]), 0);
        let mut two = report(&["b.yaml"], json!([p]), 0);
        one["summary"]["warning"] = json!(1);
        two["summary"]["warning"] = json!(1);
        let merged = merge(&shards(vec![one, two])).expect("merges");
        assert_eq!(findings(&merged).count(), 1);
        assert_eq!(merged["summary"]["warning"], 1);
        assert_eq!(merged["summary"]["records"], 2);
    }

    #[test]
    fn the_same_file_in_two_shards_is_refused() {
        let one = report(&["a.yaml"], json!([]), 0);
        let two = report(&["a.yaml"], json!([]), 0);
        let err = merge(&shards(vec![one, two])).expect_err("overlap");
        assert!(err.to_string().contains("`a.yaml` is in both `1.json` and `2.json`"), "{err}");
    }

    #[test]
    fn other_dates_are_refused() {
        let one = report(&["a.yaml"], json!([]), 0);
        let mut two = report(&["b.yaml"], json!([]), 0);
        two["as_of"] = json!("2025-01-02");
        let err = merge(&shards(vec![one, two])).expect_err("dates");
        assert!(err.to_string().contains("different `as_of` dates"), "{err}");
    }

    #[test]
    fn incomplete_mixed_and_repeated_sets_are_refused() {
        let three = || shards(vec![report(&["a.yaml"], json!([]), 0); 3]);
        let mut set = three();
        set.remove(1);
        let err = merge(&set).expect_err("shard 2 is missing");
        assert!(
            matches!(&err, MergeError::Incomplete { missing, n: 3, .. } if missing == "2"),
            "{err}"
        );
        assert!(err.to_string().contains("`1.json` is 1/3, `3.json` is 3/3"), "{err}");

        let mut set = three();
        set.push(shards(vec![report(&["b.yaml"], json!([]), 0); 2]).remove(1));
        let err = merge(&set).expect_err("N differs");
        assert!(matches!(err, MergeError::MixedCounts { n: 3, m: 2, .. }), "{err}");

        let mut set = three();
        set[2].shard = (1, 3);
        let err = merge(&set).expect_err("K repeated");
        assert_eq!(
            err,
            MergeError::DuplicateShard {
                first: "1.json".into(),
                other: "3.json".into(),
                k: 1,
                n: 3
            }
        );
    }

    #[test]
    fn a_report_that_is_not_a_shard_or_was_edited_is_refused() {
        assert!(matches!(parse("x.json", "[]"), Err(MergeError::NotAReport { .. })));
        let bare = "{\"schema\": \"charter-report/1\"}";
        assert!(matches!(parse("x.json", bare), Err(MergeError::Malformed { .. })));
        assert!(matches!(parse("x.json", "not json"), Err(MergeError::NotJson { .. })));

        let mut whole = report(&["a.yaml"], json!([]), 0);
        whole["digest"] = json!(digest(&whole));
        let err = parse("x.json", &whole.to_string()).expect_err("no shard");
        assert_eq!(err, MergeError::NotAShard { path: "x.json".into() });

        let mut edited = shards(vec![report(&["a.yaml"], json!([]), 1)]).remove(0).report;
        edited["summary"]["error"] = json!(0);
        let err = parse("1.json", &edited.to_string()).expect_err("edited");
        assert_eq!(err, MergeError::Digest { path: "1.json".into() });

        let mut bad = whole.clone();
        bad["shard"] = json!("4/3");
        let err = parse("x.json", &bad.to_string()).expect_err("4/3");
        assert!(matches!(err, MergeError::BadShard { .. }), "{err}");
    }
}
