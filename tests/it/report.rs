//! Tests of the report formats, driven by tests/fixtures/report/: `policies/` (one policy
//! set), `audit/` (gaps, an overlap and a party whose name is markup), `waivers/` (the same
//! agreement with a live, an expired and an unused waiver) and `baseline/` (an agreement
//! before and after a new problem). Every format is a snapshot; SARIF is also validated
//! against the official schema in tests/data/, and `verify` against single-byte edits.

use std::path::{Path, PathBuf};
use std::process::Command;

use rayon::prelude::*;
use serde_json::Value;
use sha2::{Digest, Sha256};

use super::check::finding_lines;

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/report")
}

/// Runs the binary in `dir` with `args`, returning the exit status and stdout.
fn charter(dir: &Path, args: &[&str]) -> (i32, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_charter"))
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .args(args)
        .output()
        .expect("the charter binary runs");
    (out.status.code().unwrap_or(-1), String::from_utf8_lossy(&out.stdout).into_owned())
}

/// `charter check` on a fixture record with the fixture policies, as of 2026-01-01.
fn check(record: &str, format: &str) -> (i32, String) {
    let args =
        ["check", "--as-of", "2026-01-01", "--policy", "policies", "--format", format, record];
    charter(&fixtures(), &args)
}

fn json(text: &str) -> Value {
    serde_json::from_str(text).expect("the output is JSON")
}

fn sarif_schema() -> jsonschema::Validator {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/sarif-schema-2.1.0.json");
    let schema: Value = json(&std::fs::read_to_string(path).expect("the schema is test data"));
    jsonschema::validator_for(&schema).expect("the SARIF schema compiles")
}

#[test]
fn sarif_validates_against_the_official_schema() {
    let validator = sarif_schema();
    for record in ["audit/record.yaml", "waivers/record.yaml", "baseline/before.yaml"] {
        let (_, out) = check(record, "sarif");
        let log = json(&out);
        let errors: Vec<String> =
            validator.iter_errors(&log).map(|e| format!("{e} at {}", e.instance_path())).collect();
        assert!(errors.is_empty(), "{record}: SARIF is invalid:\n{}", errors.join("\n"));
        let run = &log["runs"][0];
        assert_eq!(run["columnKind"], "unicodeCodePoints");
        let rules = run["tool"]["driver"]["rules"].as_array().expect("rules");
        assert_eq!(rules.len(), charter::checks::Code::ALL.len());
        for r in run["results"].as_array().expect("results") {
            let index = r["ruleIndex"].as_u64().expect("ruleIndex") as usize;
            assert_eq!(rules[index]["id"], r["ruleId"]);
            let region = &r["locations"][0]["physicalLocation"]["region"];
            assert!(region["startLine"].as_u64().is_some_and(|n| n >= 1), "{record}: {r}");
            assert!(region["endColumn"].as_u64().is_some(), "{record}: {r}");
        }
    }
}

#[test]
fn sarif_snapshot_names_the_policy_article_as_a_related_location() {
    let (code, out) = check("audit/record.yaml", "sarif");
    assert_eq!(code, 1);
    let log = json(&out);
    let results = log["runs"][0]["results"].as_array().expect("results").clone();
    let gap = results
        .iter()
        .find(|r| r["ruleId"] == "gap::unassigned" || r["ruleId"] == "gap::uncovered")
        .expect("a gap");
    let related = gap["relatedLocations"].as_array().expect("related locations");
    assert!(related.iter().any(|l| l["physicalLocation"]["artifactLocation"]["uri"]
        == "policies/cooperation.charter"
        && l["message"]["text"].as_str().is_some_and(|t| t.starts_with("article 4"))));
    // The rules are the registry: snapshot the results only, the rules are checked above.
    insta::assert_json_snapshot!("sarif_audit_results", results);
}

#[test]
fn sarif_marks_a_live_waiver_as_an_accepted_suppression() {
    let (_, out) = check("waivers/record.yaml", "sarif");
    let log = json(&out);
    let results = log["runs"][0]["results"].as_array().expect("results").clone();
    let waived: Vec<&Value> = results.iter().filter(|r| r["suppressions"].is_array()).collect();
    assert_eq!(waived.len(), 1);
    assert_eq!(waived[0]["ruleId"], "gap::missing-duty");
    assert_eq!(waived[0]["level"], "note");
    assert_eq!(waived[0]["suppressions"][0]["status"], "accepted");
}

#[test]
fn waivers_live_expired_and_unused() {
    let (code, out) = check("waivers/record.yaml", "json");
    let report = json(&out);
    assert_eq!(report["as_of"], "2026-01-01");
    let findings = report["findings"].as_array().expect("findings");
    let of = |code: &str| findings.iter().filter(|f| f["code"] == code).collect::<Vec<_>>();
    // Live: the finding is a note with the waiver attached.
    let missing = of("gap::missing-duty");
    assert_eq!(missing.len(), 1);
    assert_eq!(missing[0]["severity"], "note");
    assert_eq!(missing[0]["waiver"]["approved_by"], "yibin-gov");
    // Expired: `waiver::expired`, and the finding it covered stands as an error.
    assert_eq!(of("waiver::expired").len(), 1);
    let overlap = of("overlap::exclusive");
    assert_eq!(overlap.len(), 1);
    assert_eq!(overlap[0]["severity"], "error");
    assert!(overlap[0].get("waiver").is_none());
    // Unused: `waiver::unused`.
    let unused = of("waiver::unused");
    assert_eq!(unused.len(), 1);
    assert!(unused[0]["message"].as_str().is_some_and(|m| m.contains("conflict::deontic")));
    assert_eq!(code, 1, "the expired waiver leaves an error standing");
    insta::assert_snapshot!("json_waivers", finding_lines(&report).join("\n"));
}

#[test]
fn json_digest_is_recomputed_independently() {
    let (_, out) = check("audit/record.yaml", "json");
    let report = json(&out);
    let mut canonical = report.clone();
    canonical.as_object_mut().expect("an object").remove("digest");
    let text = serde_json::to_string(&canonical).expect("serialises");
    let hex: String = Sha256::digest(text.as_bytes()).iter().map(|b| format!("{b:02x}")).collect();
    assert_eq!(report["digest"], format!("sha256:{hex}"));
    let mut shown = report.clone();
    shown["inputs"]["records"][0]["sha256"] = Value::String("…".into());
    insta::assert_json_snapshot!("json_audit", shown);
}

#[test]
fn html_is_self_contained_escaped_and_complete() {
    let (code, html) = check("audit/record.yaml", "html");
    assert_eq!(code, 1);
    assert!(html.starts_with("<!DOCTYPE html>"));
    // The party name `<script>alert("acme")</script>` shows as text, never as markup.
    assert!(html.contains("&lt;script&gt;alert(&quot;acme&quot;)&lt;/script&gt;"));
    assert!(!html.to_lowercase().contains("<script"));
    // Nothing is fetched: no external references at all.
    for needle in ["src=", "href=", "@import", "url("] {
        assert!(!html.contains(needle), "the page references `{needle}`");
    }
    // One matrix cell per party and act.
    let cells = html.matches("<td class=\"cell").count();
    let rows = html.matches("<tr class=\"").count();
    assert_eq!(cells, rows * 4, "{rows} acts times 4 parties");
    assert!(html.contains("data-party=\"cdut\" data-act=\"train_talent\""));
    assert!(html.contains("<span class=\"tag gap\">gap</span>"));
    assert!(html.contains("<span class=\"tag overlap\">overlap</span>"));
    assert!(html.contains("<svg viewBox"));
    assert!(html.contains("宜宾市智能制造协会"));
    let body = &html[html.find("<body>").expect("a body")..];
    insta::assert_snapshot!("html_audit_body", body);
}

#[test]
fn matrix_in_the_terminal_degrades_to_ascii() {
    let (code, out) = charter(
        &fixtures(),
        &["matrix", "--as-of", "2026-01-01", "--policy", "policies", "audit/record.yaml"],
    );
    assert_eq!(code, 0);
    assert!(out.is_ascii(), "not a terminal: plain ASCII only");
    assert!(out.contains("x gap") && out.contains("# overlap"));
    assert!(out.contains("! missing duty"));
    insta::assert_snapshot!("matrix_audit_ascii", out);
}

#[test]
fn matrix_in_unicode_uses_box_drawing() {
    let root = fixtures();
    let mut sources = charter::source::SourceMap::new();
    let (set, _) = charter::policy::load_policy_set(&[root.join("policies")], &mut sources);
    let inputs = charter::run::discover(&[root.join("audit/record.yaml")]);
    let options = charter::eval::Options {
        as_of: charter::date::Date::parse("2026-01-01").expect("a date"),
        max_findings: 0,
    };
    let run = charter::run::check(sources, &set, Vec::new(), &inputs, &options, || Ok(Vec::new()));
    assert_eq!(run.matrices.len(), 1);
    let style = charter::report::grid::Style { unicode: true, color: false };
    let out = charter::report::grid::render(&run.matrices[0], "audit/record.yaml", style);
    assert!(out.starts_with("yibin-joint-lab-2024: Yibin Smart Manufacturing Joint Laboratory\n"));
    assert!(out.contains('┌') && out.contains('┼') && out.contains('┘'));
    assert!(out.contains("✗ gap") && out.contains("⧉ overlap"));
    insta::assert_snapshot!("matrix_audit_unicode", out);
}

/// A scratch folder holding a copy of the fixture policies.
fn scratch() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("a temporary folder");
    std::fs::create_dir(dir.path().join("policies")).expect("mkdir");
    std::fs::copy(
        fixtures().join("policies/cooperation.charter"),
        dir.path().join("policies/cooperation.charter"),
    )
    .expect("copy");
    dir
}

#[test]
fn baseline_lists_only_new_findings() {
    let dir = scratch();
    let d = dir.path();
    std::fs::copy(fixtures().join("baseline/before.yaml"), d.join("record.yaml")).expect("copy");
    let args = [
        "check",
        "--as-of",
        "2026-01-01",
        "--policy",
        "policies",
        "--format",
        "json",
        "record.yaml",
    ];
    let (_, old) = charter(d, &args);
    std::fs::write(d.join("old.json"), &old).expect("write");
    let old = json(&old);
    let known = old["findings"].as_array().expect("findings").len();
    assert!(known > 0);

    std::fs::copy(fixtures().join("baseline/after.yaml"), d.join("record.yaml")).expect("copy");
    let (code, new) = charter(d, &[&args[..], &["--baseline", "old.json"]].concat());
    let new = json(&new);
    assert_eq!(new["summary"]["baseline"], known as u64);
    assert_eq!(new["inputs"]["baseline"]["path"], "old.json");
    let lines = finding_lines(&new);
    assert_eq!(lines.len(), 1, "{lines:?}");
    assert!(lines[0].contains("overlap::exclusive [1.3, 1.5]"));
    assert_eq!(code, 1, "the new overlap is an error");
    insta::assert_snapshot!(
        "json_baseline",
        format!("{}\nsummary: {}", lines.join("\n"), new["summary"])
    );

    // The same run against itself as the baseline lists nothing and passes.
    let (_, full) = charter(d, &args);
    std::fs::write(d.join("full.json"), &full).expect("write");
    let (code, none) = charter(d, &[&args[..], &["--baseline", "full.json"]].concat());
    assert_eq!(code, 0);
    assert_eq!(json(&none)["findings"].as_array().map(Vec::len), Some(0));

    // The human summary counts what the baseline hid.
    let human = ["check", "--as-of", "2026-01-01", "--policy", "policies", "record.yaml"];
    let (_, text) = charter(d, &[&human[..], &["--baseline", "old.json"]].concat());
    let expected = format!("; {known} in the baseline, not listed");
    assert!(text.lines().last().is_some_and(|l| l.contains(&expected)), "{expected}:\n{text}");
}

/// Writes a report of the baseline's `after.yaml` in a scratch folder, the report's root.
fn verified_report() -> (tempfile::TempDir, Vec<u8>) {
    let dir = scratch();
    let d = dir.path();
    std::fs::copy(fixtures().join("baseline/after.yaml"), d.join("record.yaml")).expect("copy");
    let (_, out) = charter(
        d,
        &[
            "check",
            "--as-of",
            "2026-01-01",
            "--policy",
            "policies",
            "--format",
            "json",
            "-o",
            "report.json",
            "record.yaml",
        ],
    );
    assert!(out.is_empty(), "with --output nothing goes to stdout");
    let bytes = std::fs::read(d.join("report.json")).expect("the report");
    (dir, bytes)
}

/// The library's `verify` of a report made in `root`.
fn verify(bytes: &[u8], root: &Path) -> Result<Vec<String>, charter::report::verify::VerifyError> {
    let root = charter::report::verify::Root::new(root).expect("the root exists");
    charter::report::verify::verify(bytes, &root)
}

#[test]
fn verify_reproduces_a_report_and_names_what_differs() {
    let (dir, bytes) = verified_report();
    let d = dir.path();
    assert_eq!(verify(&bytes, d), Ok(vec![]));
    let (code, out) = charter(d, &["verify", "report.json"]);
    assert_eq!(code, 0, "{out}");
    assert!(out.starts_with("verified"));

    // A finding removed, digest recomputed: the report no longer matches the re-run.
    let mut report = json(&String::from_utf8_lossy(&bytes));
    report["findings"].as_array_mut().expect("findings").pop();
    report["digest"] = Value::String(charter::report::json::digest(&report));
    let edited = charter::report::json::to_string(&report);
    let found = verify(edited.as_bytes(), d).expect("a report");
    assert!(
        found.iter().any(|f| f.starts_with("a finding is missing from the report")),
        "{found:?}"
    );

    // A message reworded without fixing the digest: named as an edit and as a finding added.
    let reworded = String::from_utf8_lossy(&bytes).replacen("has 2 holders", "has two holders", 1);
    let found = verify(reworded.as_bytes(), d).expect("a report");
    assert!(found.iter().any(|f| f.contains("`digest` does not match")), "{found:?}");
    assert!(found.iter().any(|f| f.starts_with("a finding was added")), "{found:?}");

    // An input changed.
    std::fs::write(
        d.join("record.yaml"),
        std::fs::read_to_string(d.join("record.yaml")).expect("read") + "\n",
    )
    .expect("write");
    let (code, out) = charter(d, &["verify", "report.json"]);
    assert_eq!(code, 1);
    assert!(out.contains("record.yaml` changed"), "{out}");

    // Not JSON at all.
    std::fs::write(d.join("broken.json"), &bytes[..bytes.len() / 2]).expect("write");
    let (code, out) = charter(d, &["verify", "broken.json"]);
    assert_eq!(code, 1);
    assert!(out.contains("not valid JSON"), "{out}");
}

#[test]
fn verify_catches_every_single_byte_edit() {
    let (dir, bytes) = verified_report();
    let d = dir.path();
    // Every byte of the report, flipped in its lowest bit.
    let missed: Vec<usize> = (0..bytes.len())
        .into_par_iter()
        .filter(|&i| {
            let mut b = bytes.clone();
            b[i] ^= 1;
            matches!(verify(&b, d), Ok(found) if found.is_empty())
        })
        .collect();
    assert!(missed.is_empty(), "edits at report offsets {missed:?} went unnoticed");
    // Bytes of each input, flipped in place and restored: every seventh byte, and the first
    // and last, as each costs a full re-run (the hash makes every byte alike).
    for input in ["record.yaml", "policies/cooperation.charter"] {
        let path = d.join(input);
        let original = std::fs::read(&path).expect("read");
        let last = original.len().saturating_sub(1);
        for i in (0..original.len()).filter(|&i| i % 7 == 0 || i == last) {
            let mut b = original.clone();
            b[i] ^= 1;
            std::fs::write(&path, &b).expect("write");
            let found = verify(&bytes, d).expect("the report itself is intact");
            assert!(
                found.iter().any(|f| f.contains(&format!("{input}` changed"))),
                "{input} offset {i}: {found:?}"
            );
        }
        std::fs::write(&path, &original).expect("restore");
    }
}
