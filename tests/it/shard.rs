//! `check --shard K/N` and `charter merge`: the shards of tests/fixtures/shard/agreements split
//! the files without overlap or loss, and merging their JSON reports gives, byte for byte,
//! the report of one unsharded run. The fixture mixes findings, an input error, a
//! multi-record stream and `regional/` beside `regional-*.yaml` (whose order differs between
//! path strings and path components), spread over all three shards.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::Output;

use crate::cli::{charter, json_report, status};
use charter::run::in_shard;

const AS_OF: &str = "2025-06-01";

fn fixture() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/shard")
}

const POLICIES: &str = "../check/policies";

/// `charter check agreements` in the fixture folder, as JSON, with `extra` flags.
fn check(extra: &[&str]) -> Output {
    check_against(POLICIES, extra)
}

fn check_against(policies: &str, extra: &[&str]) -> Output {
    let mut args = vec!["check", "agreements", "--policy", policies];
    args.extend(["--format", "json", "--as-of", AS_OF]);
    args.extend(extra);
    charter(&fixture(), &args)
}

fn record_paths(report: &serde_json::Value) -> Vec<String> {
    let records = report["inputs"]["records"].as_array().cloned().unwrap_or_default();
    records.iter().map(|r| r["path"].as_str().unwrap_or_default().to_owned()).collect()
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// Runs the three shards, each writing `rK.json` into `dir`.
fn shards(dir: &Path) -> Vec<serde_json::Value> {
    shards_against(POLICIES, dir)
}

fn shards_against(policies: &str, dir: &Path) -> Vec<serde_json::Value> {
    (1..=3)
        .map(|k| {
            let file = dir.join(format!("r{k}.json"));
            let shard = format!("{k}/3");
            let out =
                check_against(policies, &["--shard", &shard, "--output", &file.to_string_lossy()]);
            assert!(out.stdout.is_empty(), "with --output nothing goes to stdout");
            let text = std::fs::read_to_string(&file).expect("the shard report is written");
            serde_json::from_str(&text).expect("the shard report is JSON")
        })
        .collect()
}

#[test]
fn every_file_is_in_exactly_one_shard_and_the_merge_is_the_unsharded_report() {
    let whole = check(&[]);
    let unsharded = record_paths(&json_report(&whole));
    assert_eq!(unsharded.len(), 13, "the fixture has 13 files");

    let dir = tempfile::tempdir().expect("temp dir");
    let reports = shards(dir.path());
    let mut seen = BTreeSet::new();
    for (k, report) in reports.iter().enumerate() {
        let paths = record_paths(report);
        assert!(!paths.is_empty(), "shard {} of 3 has files", k + 1);
        for p in paths {
            assert!(seen.insert(p.clone()), "`{p}` is in two shards");
        }
    }
    assert_eq!(seen, unsharded.iter().cloned().collect::<BTreeSet<_>>());

    // In any order of the arguments, the merge is the unsharded report and exits as it did.
    let merged = charter(dir.path(), &["merge", "r3.json", "r1.json", "r2.json"]);
    assert_eq!(
        String::from_utf8_lossy(&merged.stdout),
        String::from_utf8_lossy(&whole.stdout),
        "stderr: {}",
        stderr(&merged)
    );
    assert_eq!(status(&whole), 2, "the fixture holds an input error");
    assert_eq!(status(&merged), status(&whole));

    let out = charter(dir.path(), &["merge", "r1.json", "r2.json", "r3.json", "-o", "all.json"]);
    assert!(out.stdout.is_empty());
    let written = std::fs::read(dir.path().join("all.json")).expect("--output is written");
    assert_eq!(written, whole.stdout);

    // The audit trail accepts the merged report as its own.
    let all = dir.path().join("all.json");
    let verified = charter(&fixture(), &["verify", &all.to_string_lossy()]);
    assert_eq!(status(&verified), 0, "{}", String::from_utf8_lossy(&verified.stdout));
}

/// Findings about the policy set are in every shard's report: the merge lists and counts
/// them once, as the unsharded run does.
#[test]
fn policy_findings_are_listed_and_counted_once() {
    let policies = "../policy/duplicate-article/policy.charter";
    let whole = check_against(policies, &[]);
    let report = json_report(&whole);
    let about_policies = |r: &serde_json::Value| {
        r["findings"].as_array().into_iter().flatten().filter(|f| f["record"].is_null()).count()
    };
    assert!(about_policies(&report) > 0, "the fixture policy has findings of its own");
    let dir = tempfile::tempdir().expect("temp dir");
    for shard in shards_against(policies, dir.path()) {
        assert_eq!(about_policies(&shard), about_policies(&report));
    }
    let merged = charter(dir.path(), &["merge", "r1.json", "r2.json", "r3.json"]);
    assert_eq!(String::from_utf8_lossy(&merged.stdout), String::from_utf8_lossy(&whole.stdout));
}

#[test]
fn shard_numbers_outside_1_to_n_are_refused() {
    for bad in ["0/3", "4/3", "1/0", "3", "a/3", "-1/3"] {
        let out = check(&[&format!("--shard={bad}")]);
        assert_eq!(status(&out), 2, "--shard {bad}");
        let err = stderr(&out);
        assert!(err.contains(&format!("`{bad}` is not a shard")), "--shard {bad}: {err}");
        assert!(out.stdout.is_empty());
    }
    let one = check(&["--shard", "1/1"]);
    assert_eq!(record_paths(&json_report(&one)).len(), 13, "1/1 is every file");
}

#[test]
fn reports_of_other_policies_are_not_merged() {
    let dir = tempfile::tempdir().expect("temp dir");
    shards(dir.path());
    // The same shard checked against the policy set found without `--policy` (the
    // repository's `policies/`, above the fixture).
    let file = dir.path().join("stdlib.json");
    let args = ["check", "agreements", "--shard", "2/3", "--as-of", AS_OF, "--format", "json"];
    let found = charter(&fixture(), &[&args[..], &["-o", &file.to_string_lossy()]].concat());
    assert!(file.is_file(), "{}", stderr(&found));
    let out = charter(dir.path(), &["merge", "r1.json", "stdlib.json", "r3.json"]);
    assert_eq!(status(&out), 2);
    assert!(out.stdout.is_empty(), "nothing is merged");
    insta::with_settings!({
        snapshot_path => fixture(),
        prepend_module_to_snapshot => false,
        omit_expression => true,
    }, {
        insta::assert_snapshot!("mismatched-policies", stderr(&out));
    });
}

#[test]
fn a_report_given_twice_or_not_a_report_is_refused() {
    let dir = tempfile::tempdir().expect("temp dir");
    shards(dir.path());
    let twice = charter(dir.path(), &["merge", "r1.json", "r2.json", "r1.json"]);
    assert_eq!(status(&twice), 2);
    let err = stderr(&twice);
    assert!(err.contains("`r1.json` and `r1.json` are both shard 1/3"), "{err}");

    std::fs::write(dir.path().join("other.json"), "{\"schema\": \"sarif\"}").expect("write");
    let other = charter(dir.path(), &["merge", "r1.json", "other.json"]);
    assert_eq!(status(&other), 2);
    assert!(stderr(&other).contains("`other.json` is not a `charter-report/1` report"));

    let missing = charter(dir.path(), &["merge", "r1.json", "nope.json"]);
    assert_eq!(status(&missing), 2);
    assert!(stderr(&missing).contains("nope.json"), "{}", stderr(&missing));
}

/// The hash is pinned (values from an independent SHA-256), so that a change of it, which
/// would split a registry differently on machines with different charter versions, fails.
#[test]
fn the_shard_of_a_path_is_stable_and_unique() {
    assert!(in_shard("agreements/overlap-redundant.yaml", 1, 3));
    assert!(in_shard("agreements/conflict-deontic.yaml", 2, 3));
    assert!(in_shard("agreements/gap-uncovered.yaml", 3, 3));
    for n in 1..=7 {
        for i in 0..200 {
            let path = format!("registry/{i}.yaml");
            let owners = (1..=n).filter(|&k| in_shard(&path, k, n)).count();
            assert_eq!(owners, 1, "`{path}` in {owners} shards of {n}");
        }
        assert!(!in_shard("a.yaml", 0, n) && !in_shard("a.yaml", n + 1, n));
    }
}

/// A sharded report says which shard it is, and verifies as it is; an unsharded report has
/// no `shard` (its bytes are those of before).
#[test]
fn a_shard_report_records_its_shard_and_verifies() {
    let dir = tempfile::tempdir().expect("temp dir");
    let reports = shards(dir.path());
    for (k, report) in (1..).zip(&reports) {
        assert_eq!(report["shard"], format!("{k}/3"));
        let digest = charter::report::json::digest(report);
        assert_eq!(
            report["digest"].as_str(),
            Some(digest.as_str()),
            "shard {k} has its own digest"
        );
    }
    assert!(json_report(&check(&[])).get("shard").is_none());
    let r2 = dir.path().join("r2.json");
    let verified = charter(&fixture(), &["verify", &r2.to_string_lossy()]);
    assert_eq!(status(&verified), 0, "{}", crate::cli::stdout(&verified));
}

/// Merge's verdict on a set of shard reports in `dir`: exit status and stderr.
fn merge_in(dir: &Path, files: &[&str]) -> (i32, String) {
    let out = charter(dir, &[&["merge"], files].concat());
    assert!(out.stdout.is_empty(), "nothing is merged: {}", crate::cli::stdout(&out));
    (status(&out), stderr(&out))
}

#[test]
fn an_incomplete_or_mixed_set_is_refused() {
    let dir = tempfile::tempdir().expect("temp dir");
    shards(dir.path());
    let (code, err) = merge_in(dir.path(), &["r1.json", "r3.json"]);
    assert_eq!(code, 2);
    assert!(
        err.contains("shard 2 of 3 is missing (given: `r1.json` is 1/3, `r3.json` is 3/3)"),
        "{err}"
    );

    // The same files split in two: shard 1/2 does not complete a split in three.
    let half = dir.path().join("h1.json");
    let out = check(&["--shard", "1/2", "-o", &half.to_string_lossy()]);
    assert!(half.is_file(), "{}", stderr(&out));
    let (code, err) = merge_in(dir.path(), &["r1.json", "r2.json", "r3.json", "h1.json"]);
    assert_eq!(code, 2);
    assert!(err.contains("`r1.json` is shard 1/3 and `h1.json` is shard 1/2"), "{err}");

    // An unsharded report is not a part of a split.
    std::fs::write(dir.path().join("whole.json"), check(&[]).stdout).expect("write");
    let (code, err) = merge_in(dir.path(), &["whole.json"]);
    assert_eq!(code, 2);
    assert!(err.contains("`whole.json` is not the report of a shard"), "{err}");
}

/// Reads, edits and rewrites the report `name` in `dir`, with its digest recomputed when
/// `redigest` (a forger's edit) or left as it was (a careless one).
fn edit(dir: &Path, name: &str, redigest: bool, change: impl FnOnce(&mut serde_json::Value)) {
    let path = dir.join(name);
    let text = std::fs::read_to_string(&path).expect("read");
    let mut report: serde_json::Value = serde_json::from_str(&text).expect("JSON");
    change(&mut report);
    if redigest {
        report["digest"] = charter::report::json::digest(&report).into();
    }
    std::fs::write(&path, charter::report::json::to_string(&report)).expect("write");
}

#[test]
fn a_shard_that_does_not_verify_or_another_version_is_refused() {
    let dir = tempfile::tempdir().expect("temp dir");
    let reports = shards(dir.path());
    let (k, _) = (1..)
        .zip(&reports)
        .find(|(_, r)| r["findings"].as_array().is_some_and(|f| !f.is_empty()))
        .expect("a shard has findings");
    let name = format!("r{k}.json");
    let pristine = std::fs::read(dir.path().join(&name)).expect("read");
    // A finding removed: today's merge issued a fresh, valid digest over it.
    edit(dir.path(), &name, false, |r| {
        r["findings"].as_array_mut().expect("findings").pop();
    });
    let (code, err) = merge_in(dir.path(), &["r1.json", "r2.json", "r3.json"]);
    assert_eq!(code, 2);
    assert!(err.contains(&format!("`{name}` was edited: its `digest` does not match")), "{err}");

    std::fs::write(dir.path().join(&name), &pristine).expect("restore");
    edit(dir.path(), &name, true, |r| r["tool"]["version"] = "0.0.1".into());
    let (code, err) = merge_in(dir.path(), &["r1.json", "r2.json", "r3.json"]);
    assert_eq!(code, 2);
    assert!(err.contains("have different tools"), "{err}");
}

/// A static shard set under tests/fixtures/hostile/: shard 2 of 2 lost a finding and kept its
/// digest. Whatever the charter version, the digest is checked first.
#[test]
fn the_hostile_altered_shard_is_refused() {
    let hostile = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/hostile");
    let dir = hostile.join("merge-altered-shard");
    let (code, err) = merge_in(&dir, &["r1.json", "r2.json"]);
    assert_eq!(code, 2);
    assert!(err.contains("`r2.json` was edited: its `digest` does not match its content"), "{err}");
}
