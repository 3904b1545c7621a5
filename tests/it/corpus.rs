//! A smoke test of the benchmark corpus generator (docs/performance.md): the agreements it
//! writes load without input diagnostics against the standard library, clean ones stay clean
//! and each family of finding appears where the rotation puts it. Timings are never asserted.

use std::process::Command;

use serde_json::Value;

fn generate(args: &[&str]) {
    let status = Command::new(env!("CARGO_BIN_EXE_charter-corpus"))
        .args(args)
        .status()
        .expect("charter-corpus runs");
    assert!(status.success(), "charter-corpus {args:?} failed");
}

fn check_json(policy: &str, records: &std::path::Path) -> Value {
    let out = Command::new(env!("CARGO_BIN_EXE_charter"))
        .args(["check", "--policy", policy, "--format", "json"])
        .arg(records)
        .output()
        .expect("charter runs");
    assert_ne!(out.status.code(), Some(2), "input error: {}", String::from_utf8_lossy(&out.stderr));
    serde_json::from_slice(&out.stdout).expect("a JSON report")
}

/// The finding codes of one agreement of the corpus.
fn codes(report: &Value, agreement: &str) -> Vec<String> {
    let findings = report["findings"].as_array().expect("findings");
    findings
        .iter()
        .filter(|f| f["record"]["agreement"] == agreement)
        .map(|f| f["code"].as_str().unwrap_or_default().to_owned())
        .collect()
}

#[test]
fn generated_agreements_load_and_carry_their_family() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let out = dir.path().join("corpus");
    let policies = concat!(env!("CARGO_MANIFEST_DIR"), "/policies");
    generate(&["agreements", "--count", "20", "--out", out.to_str().expect("utf-8 path")]);
    let report = check_json(policies, &out);
    assert_eq!(report["summary"]["records"], 20);
    for f in report["findings"].as_array().expect("findings") {
        let code = f["code"].as_str().unwrap_or_default();
        let family = code.split("::").next().unwrap_or_default();
        assert!(
            ["gap", "overlap", "conflict", "balance"].contains(&family),
            "input diagnostic {f}"
        );
    }
    for n in [0, 3, 10, 15] {
        assert_eq!(
            codes(&report, &format!("corpus-{n:06}")),
            Vec::<String>::new(),
            "agreement {n}"
        );
    }
    for (n, family) in [(6, "gap::"), (7, "overlap::"), (8, "conflict::"), (9, "balance::")] {
        let found = codes(&report, &format!("corpus-{n:06}"));
        assert!(found.iter().any(|c| c.starts_with(family)), "agreement {n}: {found:?}");
    }
}

#[test]
fn generator_output_is_reproducible() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let path = |name: &str| dir.path().join(name).to_str().expect("utf-8 path").to_owned();
    generate(&["large", "--clauses", "500", "--out", &path("a.yaml")]);
    generate(&["large", "--clauses", "500", "--out", &path("b.yaml")]);
    let a = std::fs::read(path("a.yaml")).expect("a.yaml");
    assert_eq!(a, std::fs::read(path("b.yaml")).expect("b.yaml"));
    assert_eq!(String::from_utf8_lossy(&a).matches("\n  - id: \"").count(), 500);
}
