//! Which policy set `check` uses without `--policy`, and how every report names it: the
//! nearest `policies/` in the current folder or above, up to the repository root (the folder
//! holding `.git`), else the built-in standard library.

use std::path::Path;

use crate::cli::{charter, json_report, status, stdout};

const AS_OF: &str = "2026-01-01";

/// A repository in a temporary folder: `.git`, `policies/` with the report fixture's policy,
/// and `agreements/record.yaml` one level down.
fn repository() -> tempfile::TempDir {
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/report");
    let dir = tempfile::tempdir().expect("temp dir");
    let d = dir.path();
    for folder in [".git", "policies", "agreements"] {
        std::fs::create_dir(d.join(folder)).expect("mkdir");
    }
    std::fs::copy(
        fixtures.join("policies/cooperation.charter"),
        d.join("policies/cooperation.charter"),
    )
    .expect("copy");
    std::fs::copy(fixtures.join("baseline/after.yaml"), d.join("agreements/record.yaml"))
        .expect("copy");
    dir
}

fn last_line(text: &str) -> &str {
    text.lines().last().unwrap_or_default()
}

#[test]
fn policies_are_found_above_the_current_folder() {
    let repo = repository();
    let agreements = repo.path().join("agreements");
    let out = charter(&agreements, &["check", "--as-of", AS_OF, "."]);
    assert_eq!(status(&out), 1, "{}", stdout(&out));
    assert_eq!(
        last_line(&stdout(&out)),
        "3 errors, 0 warnings in 1 record (1 policy from ../policies)"
    );
    let args = ["check", "--as-of", AS_OF, "--format", "json", "-o", "r.json", "."];
    charter(&agreements, &args);
    let report: serde_json::Value =
        serde_json::from_slice(&std::fs::read(agreements.join("r.json")).expect("the report"))
            .expect("JSON");
    assert_eq!(report["inputs"]["policies"][0]["path"], "../policies/cooperation.charter");
    // The report's root is `agreements/`; its policies lie above, inside the repository.
    let out = charter(&agreements, &["verify", "r.json"]);
    assert_eq!(status(&out), 0, "{}", stdout(&out));

    let sarif = json_report(&charter(&agreements, &["check", "--as-of", AS_OF, "-f", "sarif"]));
    assert_eq!(sarif["runs"][0]["properties"]["policySet"], "../policies");
    let html = stdout(&charter(&agreements, &["check", "--as-of", AS_OF, "-f", "html"]));
    assert!(html.contains("checked against 1 policy file from ../policies on"), "{html}");
}

#[test]
fn the_search_stops_at_the_repository_root() {
    let outer = repository();
    // A repository inside a folder that has `policies/`: the outer set is not the inner
    // repository's.
    let inner = outer.path().join("agreements/inner");
    std::fs::create_dir_all(inner.join(".git")).expect("mkdir");
    std::fs::copy(outer.path().join("agreements/record.yaml"), inner.join("record.yaml"))
        .expect("copy");
    let out = charter(&inner, &["check", "--as-of", AS_OF, "record.yaml"]);
    let text = stdout(&out);
    assert!(
        last_line(&text).ends_with("(3 policies from the built-in standard library)"),
        "{text}"
    );
    let json = json_report(&charter(&inner, &["check", "--as-of", AS_OF, "-f", "json"]));
    let policies = json["inputs"]["policies"].as_array().cloned().unwrap_or_default();
    assert!(
        !policies.is_empty()
            && policies
                .iter()
                .all(|p| p["path"].as_str().is_some_and(|p| p.starts_with("<stdlib>/"))),
        "{policies:?}"
    );
    let sarif = json_report(&charter(&inner, &["check", "--as-of", AS_OF, "-f", "sarif"]));
    assert_eq!(sarif["runs"][0]["properties"]["policySet"], "the built-in standard library");
}

#[test]
fn policies_given_are_named_as_given() {
    let repo = repository();
    let args = ["check", "--as-of", AS_OF, "-p", "policies/cooperation.charter", "agreements"];
    let out = charter(repo.path(), &args);
    assert_eq!(
        last_line(&stdout(&out)),
        "3 errors, 0 warnings in 1 record (1 policy from policies/cooperation.charter)"
    );
}
