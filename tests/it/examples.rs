//! The agreements in examples/ against the standard library built into charter: each reports
//! what examples/README.md promises, no more and no less. Change the README's table and the
//! `EXPECTED` list below together; a test checks that the table names every code and clause.

use std::path::{Path, PathBuf};

use charter::checks::Code;
use charter::diagnostic::Severity;

use crate::cli::{charter, findings, json_report, status, stdout};

/// One finding: its code and the ids of the clauses it names.
type Finding = (&'static str, &'static [&'static str]);

/// Per file: each finding, in the order of the report.
const EXPECTED: &[(&str, &[Finding])] = &[
    ("joint-lab.yaml", &[]),
    ("multi-region-programme.yaml", &[]),
    (
        "science-park-incubator.yaml",
        &[
            ("gap::missing-duty", &[]),
            ("gap::unaccountable-power", &["1.2"]),
            ("gap::unassigned", &[]),
            ("gap::uncovered", &["1.1"]),
            ("gap::unowed-right", &["2.4"]),
            ("gap::vague-duty", &["2.1"]),
        ],
    ),
    (
        "mixed-ownership-training-base.yaml",
        &[
            ("conflict::deontic", &["2.2", "6.1"]),
            ("conflict::separation", &["1.3", "3.1"]),
            ("conflict::separation", &["1.3", "3.3"]),
            ("conflict::separation", &["1.3", "3.4"]),
            ("conflict::sole-control", &["4.1"]),
            ("conflict::ultra-vires", &["5.1"]),
        ],
    ),
    (
        "twin-city-corridor.yaml",
        &[("overlap::exclusive", &["1.1", "1.3"]), ("overlap::redundant", &["3.3", "3.5"])],
    ),
    (
        "patent-transfer.yaml",
        &[("balance::uncompensated", &["3.1"]), ("balance::uncompensated", &["4.1"])],
    ),
    ("precedence/incubator-vouchers.yaml", &[("conflict::ultra-vires", &["1.4"])]),
];

fn examples() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("examples")
}

/// A working folder without `./policies`, so that charter uses its built-in library.
fn elsewhere() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("a temporary folder");
    assert!(!dir.path().join("policies").exists());
    dir
}

#[test]
fn each_example_reports_what_the_readme_promises() {
    let cwd = elsewhere();
    let mut failures = Vec::new();
    for (file, expected) in EXPECTED {
        let path = examples().join(file);
        let path = path.to_str().expect("a UTF-8 path");
        let out = charter(cwd.path(), &["check", "--format", "json", path]);
        let got: Vec<(String, Vec<String>)> = findings(&json_report(&out))
            .into_iter()
            .map(|(code, _, clauses)| (code, clauses))
            .collect();
        let want: Vec<(String, Vec<String>)> = expected
            .iter()
            .map(|(code, clauses)| {
                ((*code).to_owned(), clauses.iter().map(|c| (*c).to_owned()).collect())
            })
            .collect();
        if got != want {
            failures.push(format!("{file}:\n  expected {want:?}\n  reported {got:?}"));
        }
        let is_error =
            |code: &str| Code::parse(code).is_some_and(|c| c.severity() == Severity::Error);
        let want_status = i32::from(expected.iter().any(|(code, _)| is_error(code)));
        if status(&out) != want_status {
            failures.push(format!("{file}: exit {} instead of {want_status}", status(&out)));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn the_whole_folder_gives_the_readme_summary() {
    let out = charter(elsewhere().path(), &["check", examples().to_str().expect("a UTF-8 path")]);
    assert_eq!(status(&out), 1);
    let text = stdout(&out);
    let summary = text.lines().last().unwrap_or_default();
    assert_eq!(
        summary,
        "12 errors, 5 warnings in 7 records (3 policies from the built-in standard library)"
    );
    let readme =
        std::fs::read_to_string(examples().join("README.md")).expect("read examples/README.md");
    assert!(
        readme.contains("12 errors and 5 warnings in 7 records, exit 1"),
        "update the README's summary"
    );
}

#[test]
fn the_repository_policies_are_the_built_in_library() {
    // From the repository root charter reads ./policies: the same result, as the README says.
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    let inside = charter(repo, &["check", "--format", "json", "examples"]);
    let outside = charter(
        elsewhere().path(),
        &["check", "--format", "json", examples().to_str().unwrap_or(".")],
    );
    let strip = |out: &std::process::Output| -> Vec<(String, Vec<String>)> {
        findings(&json_report(out)).into_iter().map(|(code, _, clauses)| (code, clauses)).collect()
    };
    assert_eq!(strip(&inside), strip(&outside));
}

#[test]
fn the_precedence_policies_let_the_vouchers_pass() {
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    let args = ["--policy", "policies", "--policy", "examples/precedence"];
    let mut check = vec!["check"];
    check.extend_from_slice(&args);
    check.push("examples/precedence/incubator-vouchers.yaml");
    let out = charter(repo, &check);
    assert_eq!(status(&out), 0, "{}", stdout(&out));
    assert!(stdout(&out).starts_with("0 errors, 0 warnings in 1 record"), "{}", stdout(&out));
}

#[test]
fn the_precedence_policies_show_each_principle_once() {
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    let out = charter(repo, &["lint", "--policy", "policies", "--policy", "examples/precedence"]);
    assert_eq!(status(&out), 0, "{}", stdout(&out));
    let text = stdout(&out);
    let superseded = text.lines().filter(|l| l.trim() == "policy::superseded").count();
    assert_eq!(superseded, 3, "{text}");
    assert!(text.ends_with("0 errors, 3 warnings in 6 policies\n"), "{text}");
}

#[test]
fn the_readme_table_names_every_expected_code_and_clause() {
    let readme =
        std::fs::read_to_string(examples().join("README.md")).expect("read examples/README.md");
    for (file, expected) in EXPECTED {
        let row = readme
            .lines()
            .find(|l| l.starts_with(&format!("| `{file}`")))
            .unwrap_or_else(|| panic!("examples/README.md has no row for `{file}`"));
        for (code, clauses) in *expected {
            assert!(row.contains(&format!("`{code}`")), "the row of {file} does not name `{code}`");
            for clause in *clauses {
                assert!(row.contains(clause), "the row of {file} does not name clause {clause}");
            }
        }
        if expected.is_empty() {
            assert!(row.contains("nothing"), "the row of {file} should say it reports nothing");
        }
    }
}
