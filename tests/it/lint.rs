//! Tests of `charter lint`, driven by fixtures in tests/fixtures/lint/: each folder holds a
//! `policy.charter` or a `policies/` folder, and its snapshot (`snapshot.snap`, beside it)
//! shows the exit status and the rendered findings. Adding a case means adding a folder.

use std::path::{Path, PathBuf};
use std::process::Command;

use charter::checks::Code;
use charter::policy::{load_policy_set, load_policy_texts};
use charter::source::SourceMap;

const FIXTURES: &str = "tests/fixtures/lint";

/// Runs `charter lint` in `dir` with the given extra arguments: exit status and stdout.
fn lint_in(dir: &Path, args: &[&str]) -> (i32, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_charter"))
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .arg("lint")
        .args(args)
        .output()
        .expect("the charter binary runs");
    (out.status.code().unwrap_or(-1), String::from_utf8_lossy(&out.stdout).into_owned())
}

fn cases() -> Vec<PathBuf> {
    crate::folders(FIXTURES)
}

#[test]
fn fixtures() {
    let cases = cases();
    assert!(!cases.is_empty());
    for case in cases {
        let input = if case.join("policies").is_dir() { "policies" } else { "policy.charter" };
        let (status, out) = lint_in(&case, &["--policy", input]);
        let folder = std::fs::canonicalize(&case).expect("fixture path");
        insta::with_settings!({
            snapshot_path => folder,
            prepend_module_to_snapshot => false,
            omit_expression => true,
        }, {
            insta::assert_snapshot!("snapshot", format!("exit {status}\n{out}"));
        });
    }
}

/// Every lint code fires on some fixture, so none is left untested.
#[test]
fn every_lint_code_has_a_fixture() {
    let codes = [
        Code::PolicyContradiction,
        Code::PolicySuperseded,
        Code::PolicyUnsatisfiable,
        Code::PolicyUnused,
    ];
    let mut seen = String::new();
    for case in cases() {
        let input = if case.join("policies").is_dir() { "policies" } else { "policy.charter" };
        seen.push_str(&lint_in(&case, &["--policy", input]).1);
    }
    for code in codes {
        assert!(seen.contains(code.as_str()), "no fixture fires {}", code.as_str());
    }
}

/// The standard library is consistent: not a single finding.
#[test]
fn silent_on_the_standard_library() {
    let mut sources = SourceMap::new();
    let (set, diags) = load_policy_texts(charter::stdlib::FILES, &mut sources);
    assert!(diags.is_empty());
    let found = charter::lint::lint(&set, &sources);
    let shown = charter::report::human::render(&sources, &found, false);
    assert!(found.is_empty(), "{shown}");
    let (status, out) = lint_in(Path::new("."), &["--policy", "policies"]);
    assert_eq!((status, out.trim()), (0, "0 errors, 0 warnings in 3 policies"));
}

/// The conformance policies are consistent too.
#[test]
fn silent_on_the_conformance_policies() {
    for case in crate::conformance::cases() {
        let policies = case.join("policies");
        let mut sources = SourceMap::new();
        let (set, diags) = load_policy_set(std::slice::from_ref(&policies), &mut sources);
        assert!(diags.is_empty() && !set.statements.is_empty(), "{}", policies.display());
        let found = charter::lint::lint(&set, &sources);
        let shown = charter::report::human::render(&sources, &found, false);
        assert!(found.is_empty(), "{}:\n{shown}", policies.display());
    }
}

/// The three principles of examples/precedence/, loaded with the standard library: three
/// warnings, each naming its principle, and exit 0 unless warnings are denied.
#[test]
fn the_precedence_examples_are_superseded_by_each_principle() {
    let args = ["--policy", "policies", "--policy", "examples/precedence"];
    let (status, out) = lint_in(Path::new("."), &args);
    assert_eq!(status, 0, "{out}");
    for principle in ["lex superior", "lex specialis", "lex posterior"] {
        assert!(out.contains(&format!("this prevails: {principle}")), "{principle}:\n{out}");
    }
    assert_eq!(out.matches("policy::superseded").count(), 3);
    let denied = ["--policy", "policies", "--policy", "examples/precedence", "--deny", "warning"];
    assert_eq!(lint_in(Path::new("."), &denied).0, 1);
}

/// Notes fail the run only with `--deny note`; an input error is exit 2.
#[test]
fn exit_status_follows_the_deny_level() {
    let unused = Path::new(FIXTURES).join("unused");
    assert_eq!(lint_in(&unused, &["--policy", "policy.charter"]).0, 0);
    assert_eq!(lint_in(&unused, &["--policy", "policy.charter", "--deny", "note"]).0, 1);
    assert_eq!(lint_in(&unused, &["--policy", "missing.charter"]).0, 2);
}
