//! Tests of evaluation, driven by fixtures in tests/fixtures/check/<code>/{fires,fixed}/:
//! each holds a `record.yaml` and optionally its own `policies/` (else the shared
//! tests/fixtures/check/policies/ is used). The folder name is the code with `::` written
//! as `-`, optionally followed by `.variant` when a code has several cases: the `fires`
//! record must report it, the `fixed` record must not. The findings and the human output are
//! snapshots. An optional `fires/expect` lists, one per line, every finding of the code as
//! `code rule=ARTICLE [clause ids] at LINE:COLUMN`, in report order (`-` for no article).
//! tests/fixtures/check/conditions/<case>/ holds the `when` conditions: see
//! `every_condition_case_reports_what_it_expects`.

use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::Value;

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/check")
}

/// Runs `charter check` in `dir` on `record.yaml`, returning the exit status and stdout.
pub fn check_in(dir: &Path, format: &str) -> (i32, String) {
    check_file(dir, "record.yaml", format)
}

/// Runs `charter check` in `dir` on `record`, with `dir`'s own `policies/` if it has one.
fn check_file(dir: &Path, record: &str, format: &str) -> (i32, String) {
    let policies = if dir.join("policies").is_dir() { "policies" } else { "../../policies" };
    let out = Command::new(env!("CARGO_BIN_EXE_charter"))
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .args(["check", "--as-of", "2026-01-01", "--format", format, "--policy", policies, record])
        .output()
        .expect("the charter binary runs");
    (out.status.code().unwrap_or(-1), String::from_utf8_lossy(&out.stdout).into_owned())
}

/// The ids of the clauses a finding names.
fn clause_ids(finding: &Value) -> Vec<&str> {
    finding["clauses"].as_array().into_iter().flatten().filter_map(|c| c["id"].as_str()).collect()
}

/// One line per finding: code, clause ids, parties, act and where.
pub fn finding_lines(report: &Value) -> Vec<String> {
    let findings = report["findings"].as_array().cloned().unwrap_or_default();
    findings
        .iter()
        .map(|f| {
            let ids = clause_ids(f);
            let parties: Vec<&str> =
                f["parties"].as_array().into_iter().flatten().filter_map(Value::as_str).collect();
            let places: Vec<String> = f["where"]
                .as_array()
                .into_iter()
                .flatten()
                .map(|w| {
                    format!(
                        "{} {}..{}",
                        w["cells"],
                        w["from"].as_str().unwrap_or(""),
                        w["until"].as_str().unwrap_or("")
                    )
                })
                .collect();
            format!(
                "{} {} [{}] parties=[{}] act={} where=[{}]",
                f["severity"].as_str().unwrap_or(""),
                f["code"].as_str().unwrap_or(""),
                ids.join(", "),
                parties.join(", "),
                f["act"].as_str().unwrap_or("-"),
                places.join("; ")
            )
        })
        .collect()
}

/// `code rule=ARTICLE [clause ids] at LINE:COLUMN` of each finding of `code`, in report order.
fn rule_lines(report: &Value, code: &str) -> Vec<String> {
    let findings = report["findings"].as_array().cloned().unwrap_or_default();
    findings
        .iter()
        .filter(|f| f["code"] == code)
        .map(|f| {
            let ids = clause_ids(f);
            let article = f["rule"]["article"].as_str().unwrap_or("-");
            let at = format!("{}:{}", f["location"]["line"], f["location"]["column"]);
            format!("{code} rule={article} [{}] at {at}", ids.join(", "))
        })
        .collect()
}

fn codes(report: &Value) -> Vec<String> {
    report["findings"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|f| f["code"].as_str().map(str::to_owned))
        .collect()
}

#[test]
fn every_fixture_fires_its_code_and_its_fix_silences_it() {
    let mut cases: Vec<PathBuf> = std::fs::read_dir(fixtures())
        .expect("fixtures exist")
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.join("fires").is_dir())
        .collect();
    cases.sort();
    assert!(cases.len() >= 16, "expected a fixture per finding code, found {}", cases.len());
    for case in cases {
        let name = case.file_name().unwrap().to_string_lossy().into_owned();
        let code = name.split('.').next().unwrap_or_default().replacen('-', "::", 1);
        assert!(charter::checks::Code::parse(&code).is_some(), "{name} is not named after a code");

        let (status, json) = check_in(&case.join("fires"), "json");
        let report: Value = serde_json::from_str(&json).expect("the report is JSON");
        assert!(codes(&report).contains(&code), "{name}/fires does not report {code}: {json}");
        if let Ok(expect) = std::fs::read_to_string(case.join("fires/expect")) {
            let expected: Vec<&str> = expect.lines().filter(|l| !l.trim().is_empty()).collect();
            assert_eq!(rule_lines(&report, &code), expected, "{name}/fires");
        }
        let severity = charter::checks::Code::parse(&code).unwrap().severity();
        if severity == charter::diagnostic::Severity::Error {
            assert_ne!(status, 0, "{name}/fires should fail the run");
        }
        let (_, human) = check_in(&case.join("fires"), "human");
        let snapshot = format!("{}\n\n{human}", finding_lines(&report).join("\n"));
        insta::assert_snapshot!(format!("check_{}", name.replace(['-', '.'], "_")), snapshot);

        let (_, json) = check_in(&case.join("fixed"), "json");
        let report: Value = serde_json::from_str(&json).expect("the report is JSON");
        assert!(!codes(&report).contains(&code), "{name}/fixed still reports {code}: {json}");
    }
}

/// tests/fixtures/check/conditions/<case>/: a policy whose `when` condition is the case, and
/// records on which it holds, fails, or compares values of different types. The case's
/// `expect` file lists, for every record of the folder, the codes `check` reports on it
/// (sorted); the findings and the human output of each record are a snapshot.
#[test]
fn every_condition_case_reports_what_it_expects() {
    let root = fixtures().join("conditions");
    let cases = crate::folders(&root);
    assert!(cases.len() >= 12, "only {} condition cases", cases.len());
    let mut wrong = Vec::new();
    for case in cases {
        let name = case.file_name().unwrap().to_string_lossy().into_owned();
        assert!(case.join("policies").is_dir(), "{name} has no policies/");
        let expect = std::fs::read_to_string(case.join("expect"))
            .unwrap_or_else(|e| panic!("{name}/expect: {e}"));
        let mut records: Vec<String> = std::fs::read_dir(&case)
            .expect("a case folder")
            .map(|e| e.expect("a readable entry").file_name().to_string_lossy().into_owned())
            .filter(|f| f.ends_with(".yaml"))
            .collect();
        records.sort();
        let mut listed: Vec<&str> = Vec::new();
        let mut snapshot = String::new();
        for line in expect.lines() {
            let (record, codes_expected) =
                line.split_once(':').unwrap_or_else(|| panic!("{name}/expect: `{line}`"));
            listed.push(record);
            let (status, json) = check_file(&case, record, "json");
            let report: Value = serde_json::from_str(&json).expect("the report is JSON");
            let mut got = codes(&report);
            got.sort();
            let expected: Vec<&str> =
                codes_expected.split(',').map(str::trim).filter(|c| !c.is_empty()).collect();
            if got != expected {
                wrong.push(format!("{name}/{record}: expected {expected:?}, got {got:?}"));
            }
            let (_, human) = check_file(&case, record, "human");
            snapshot.push_str(&format!(
                "== {record} (exit {status})\n{}\n\n{human}\n",
                finding_lines(&report).join("\n")
            ));
        }
        listed.sort_unstable();
        assert_eq!(listed, records, "{name}/expect must list every record of the folder");
        insta::assert_snapshot!(format!("condition_{}", name.replace('-', "_")), snapshot);
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn output_is_the_same_whatever_the_number_of_jobs() {
    let dir = fixtures();
    let run = |jobs: &str| {
        Command::new(env!("CARGO_BIN_EXE_charter"))
            .current_dir(&dir)
            .args([
                "check",
                "--as-of",
                "2026-01-01",
                "--format",
                "json",
                "--jobs",
                jobs,
                "--policy",
                "policies",
                ".",
            ])
            .output()
            .expect("the charter binary runs")
            .stdout
    };
    let one = run("1");
    assert!(one.len() > 1000);
    assert_eq!(one, run("4"));
    assert_eq!(one, run("2"));
}

#[test]
fn a_scope_cut_too_finely_is_a_limit_not_silence() {
    // Seven dimensions of eight values, each value named alone by some clause: 8^7 cells,
    // past the coverage limit.
    let dir = tempfile::tempdir().expect("a temporary folder");
    let mut text = String::from(
        "agreement:\n  id: fine\n  term: { from: 2024-01-01, until: 2024-12-31 }\n  scope:\n",
    );
    for d in 0..7 {
        let values: Vec<String> = (0..8).map(|v| format!("v{v}")).collect();
        text.push_str(&format!("    d{d}: [{}]\n", values.join(", ")));
    }
    text.push_str("parties:\n  - { id: gov, role: government }\n  - { id: sme, role: association }\nclauses:\n");
    let mut n = 0;
    for d in 0..7 {
        for v in 0..8 {
            n += 1;
            text.push_str(&format!(
                "  - {{ id: \"{n}\", party: gov, norm: power, act: supervise, accountable_to: sme, scope: {{ d{d}: [v{v}] }} }}\n"
            ));
        }
    }
    std::fs::write(dir.path().join("record.yaml"), text).expect("written");
    let out = Command::new(env!("CARGO_BIN_EXE_charter"))
        .current_dir(dir.path())
        .args(["check", "--format", "json", "--policy"])
        .arg(fixtures().join("policies"))
        .arg("record.yaml")
        .output()
        .expect("the charter binary runs");
    let report: Value = serde_json::from_slice(&out.stdout).expect("the report is JSON");
    assert!(codes(&report).contains(&"record::limit".to_owned()), "{report}");
    assert_eq!(out.status.code(), Some(2));
}

/// Who counts as a holder: only `duty` and `power` clauses of the required role; a single gap
/// is named alone ("and 0 more" is wrong); `must not ... alone` concerns its own role only.
#[test]
fn holders_are_holding_clauses_of_the_role_and_one_gap_is_named_alone() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let policy = "role government \"Government\"\nrole enterprise \"Enterprise\"\n\
        act supervise \"Supervise\"\nact fund \"Fund\"\n\n\
        article 1 \"Holders\" {\n  require at least one holder of supervise with role government;\n  \
        require at least one holder of fund;\n  enterprise must not supervise alone;\n}\n";
    std::fs::create_dir(dir.path().join("policies")).expect("a policy folder");
    std::fs::write(dir.path().join("policies/holders.charter"), policy).expect("written");
    // The government only may supervise (not a holding norm), the enterprise supervises
    // alone but is not the government; fund is held for half of the term.
    let record = "agreement:\n  id: holders\n  term: { from: 2024-01-01, until: 2024-12-31 }\n\
        parties:\n  - { id: gov, role: government }\n  - { id: acme, role: enterprise }\n\
        clauses:\n  - { id: \"1\", party: gov, norm: permission, act: supervise }\n  \
        - { id: \"2\", party: gov, norm: duty, act: fund, period: { from: 2024-01-01, until: 2024-06-30 } }\n";
    std::fs::write(dir.path().join("record.yaml"), record).expect("written");
    let (_, json) = check_file(dir.path(), "record.yaml", "json");
    let report: Value = serde_json::from_str(&json).expect("the report is JSON");
    let lines = finding_lines(&report);
    assert_eq!(
        codes(&report),
        ["gap::unassigned", "gap::uncovered"],
        "the permission is no holder, and the government's sole fund is no sole control: {lines:?}"
    );
    let uncovered = &report["findings"][1]["message"];
    assert_eq!(uncovered, "`fund` has no holder at 2024-07-01..2024-12-31", "{lines:?}");

    // The enterprise alone holding supervise is sole control; the government alone is not.
    let record = record.replace("party: gov, norm: permission", "party: acme, norm: duty");
    std::fs::write(dir.path().join("record.yaml"), &record).expect("written");
    let (_, json) = check_file(dir.path(), "record.yaml", "json");
    let report: Value = serde_json::from_str(&json).expect("the report is JSON");
    assert!(codes(&report).contains(&"conflict::sole-control".to_owned()), "{report}");
    let record = record.replace("party: acme, norm: duty", "party: gov, norm: duty");
    std::fs::write(dir.path().join("record.yaml"), &record).expect("written");
    let (_, json) = check_file(dir.path(), "record.yaml", "json");
    let report: Value = serde_json::from_str(&json).expect("the report is JSON");
    assert_eq!(codes(&report), ["gap::uncovered"], "{report}");
}
