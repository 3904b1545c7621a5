//! The command line as a user meets it: exit statuses, standard input, `--deny`, JSON on
//! standard output, completions and the manual page. Also the helpers the other CLI-driven
//! test files share: running the real binary and reading the codes of a JSON report.

use std::path::Path;
use std::process::{Command, Output, Stdio};

/// The real `charter` binary, run in `cwd`, with `CI` and `NO_COLOR` set so that no progress
/// bar or colour can leak into what the tests compare.
pub fn charter(cwd: &Path, args: &[&str]) -> Output {
    charter_with_stdin(cwd, args, &[])
}

pub fn charter_with_stdin(cwd: &Path, args: &[&str], stdin: &[u8]) -> Output {
    use std::io::Write;
    let mut child = Command::new(env!("CARGO_BIN_EXE_charter"))
        .args(args)
        .current_dir(cwd)
        .env("CI", "1")
        .env("NO_COLOR", "1")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the charter binary runs");
    if let Some(mut input) = child.stdin.take() {
        // A command that never reads standard input may close it first; that is fine.
        let _ = input.write_all(stdin);
    }
    child.wait_with_output().expect("the charter binary finishes")
}

pub fn status(out: &Output) -> i32 {
    out.status.code().expect("charter exits with a status, not a signal")
}

pub fn stdout(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// The parsed JSON report on standard output; fails the test if it is not JSON.
pub fn json_report(out: &Output) -> serde_json::Value {
    serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
        panic!(
            "stdout is not JSON ({e}):\n{}\nstderr:\n{}",
            stdout(out),
            String::from_utf8_lossy(&out.stderr)
        )
    })
}

/// Every finding of a JSON report as `(code, record path, clause ids)`.
pub fn findings(report: &serde_json::Value) -> Vec<(String, String, Vec<String>)> {
    let items = report["findings"].as_array().cloned().unwrap_or_default();
    items
        .iter()
        .map(|f| {
            let text = |v: &serde_json::Value| v.as_str().unwrap_or_default().to_owned();
            let clauses =
                f["clauses"].as_array().map(|cs| cs.iter().map(|c| text(&c["id"])).collect());
            (text(&f["code"]), text(&f["record"]["path"]), clauses.unwrap_or_default())
        })
        .collect()
}

pub fn codes(report: &serde_json::Value) -> Vec<String> {
    findings(report).into_iter().map(|(code, _, _)| code).collect()
}

/// One government, one supervising duty: a policy set with a single requirement.
const POLICY: &str = r#"role government "Regional government"
act  supervise "Supervise the cooperation"

article 1 "One supervising body" {
  require exactly one holder of supervise;
}
"#;

const PASSING: &str = r#"agreement:
  id: passing
  term: { from: 2024-01-01, until: 2024-12-31 }
parties:
  - id: city
    role: government
clauses:
  - id: "1"
    party: city
    norm: duty
    act: supervise
"#;

const FAILING: &str = r#"agreement:
  id: failing
  term: { from: 2024-01-01, until: 2024-12-31 }
parties:
  - id: city
    role: government
clauses: []
"#;

/// Only a warning: two overlapping duty clauses of one party are `overlap::redundant`.
const WARNING_ONLY: &str = r#"agreement:
  id: warning-only
  term: { from: 2024-01-01, until: 2024-12-31 }
parties:
  - id: city
    role: government
clauses:
  - { id: "1", party: city, norm: duty, act: supervise }
  - { id: "2", party: city, norm: duty, act: supervise }
"#;

fn project() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("a temporary folder");
    std::fs::write(dir.path().join("policy.charter"), POLICY).expect("write the policy");
    for (name, text) in
        [("passing.yaml", PASSING), ("failing.yaml", FAILING), ("warning.yaml", WARNING_ONLY)]
    {
        std::fs::write(dir.path().join(name), text).expect("write a record");
    }
    dir
}

fn check(dir: &Path, extra: &[&str]) -> Output {
    let mut args = vec!["check", "--policy", "policy.charter"];
    args.extend_from_slice(extra);
    charter(dir, &args)
}

#[test]
fn a_clean_record_exits_0() {
    let dir = project();
    let out = check(dir.path(), &["passing.yaml"]);
    assert_eq!(status(&out), 0, "{}", stdout(&out));
    assert!(stdout(&out).contains("0 errors"), "{}", stdout(&out));
}

#[test]
fn an_error_finding_exits_1() {
    let dir = project();
    let out = check(dir.path(), &["failing.yaml"]);
    assert_eq!(status(&out), 1);
    assert!(stdout(&out).contains("gap::unassigned"), "{}", stdout(&out));
}

#[test]
fn an_unreadable_input_exits_2() {
    let dir = project();
    let out = check(dir.path(), &["passing.yaml", "missing.yaml"]);
    assert_eq!(status(&out), 2);
    assert!(stdout(&out).contains("io::read"), "{}", stdout(&out));
}

#[test]
fn a_bad_flag_exits_2() {
    let dir = project();
    assert_eq!(status(&check(dir.path(), &["--format", "yml", "passing.yaml"])), 2);
}

/// `--as-of` takes exactly `YYYY-MM-DD`, a real day of the calendar: anything else is a usage
/// error (exit 2) that quotes the value and shows the expected shape, for `check` and `matrix`.
#[test]
fn a_short_or_malformed_as_of_date_exits_2_with_a_clear_message() {
    let dir = project();
    for bad in [
        "2025-1-01",
        "2025-01-1",
        "25-01-01",
        "2025/01/01",
        "2025-01-011",
        "1900-02-29",
        "2100-02-29",
    ] {
        for command in ["check", "matrix"] {
            let out = charter(
                dir.path(),
                &[command, "--policy", "policy.charter", "--as-of", bad, "passing.yaml"],
            );
            let stderr = String::from_utf8_lossy(&out.stderr);
            assert_eq!(status(&out), 2, "{command} --as-of {bad}: {stderr}");
            assert!(
                stderr.contains(&format!("`{bad}` is not a valid date (YYYY-MM-DD)")),
                "{command} --as-of {bad}: {stderr}"
            );
        }
    }
    // The century leap rule: 2000 is a leap year, so its 29 February is a date.
    let out = check(dir.path(), &["--as-of", "2000-02-29", "passing.yaml"]);
    assert_eq!(status(&out), 0, "{}", String::from_utf8_lossy(&out.stderr));
}

#[test]
fn warnings_fail_only_with_deny_warning() {
    let dir = project();
    let out = check(dir.path(), &["--format", "json", "warning.yaml"]);
    assert_eq!(status(&out), 0);
    assert_eq!(codes(&json_report(&out)), ["overlap::redundant"]);
    assert_eq!(status(&check(dir.path(), &["--deny", "warning", "warning.yaml"])), 1);
    assert_eq!(status(&check(dir.path(), &["--deny", "warning", "passing.yaml"])), 0);
}

#[test]
fn a_dash_reads_one_record_stream_from_stdin() {
    let dir = project();
    let args = ["check", "--policy", "policy.charter", "--format", "json", "-"];
    let out = charter_with_stdin(dir.path(), &args, FAILING.as_bytes());
    assert_eq!(status(&out), 1);
    let report = json_report(&out);
    assert_eq!(findings(&report), [("gap::unassigned".to_owned(), "-".to_owned(), vec![])]);
    let out = charter_with_stdin(dir.path(), &args, PASSING.as_bytes());
    assert_eq!(status(&out), 0);
}

#[test]
fn json_on_stdout_is_valid_even_with_errors() {
    let dir = project();
    let out =
        check(dir.path(), &["--format", "json", "passing.yaml", "failing.yaml", "missing.yaml"]);
    assert_eq!(status(&out), 2);
    let report = json_report(&out);
    let mut codes = codes(&report);
    codes.sort();
    assert_eq!(codes, ["gap::unassigned", "io::read"]);
}

#[test]
fn quiet_hides_the_summary_line() {
    let dir = project();
    let out = check(dir.path(), &["--quiet", "passing.yaml"]);
    assert_eq!(status(&out), 0);
    assert_eq!(stdout(&out), "");
}

#[test]
fn no_color_and_ci_keep_stderr_free_of_progress_and_escapes() {
    let dir = project();
    let many = dir.path().join("many");
    std::fs::create_dir(&many).expect("create a folder");
    for i in 0..250 {
        std::fs::write(many.join(format!("r{i}.yaml")), PASSING).expect("write a record");
    }
    let out = check(dir.path(), &["many"]);
    assert_eq!(status(&out), 0);
    assert!(stdout(&out).contains("in 250 records"), "{}", stdout(&out));
    assert!(out.stderr.is_empty(), "stderr: {}", String::from_utf8_lossy(&out.stderr));
    assert!(!out.stdout.contains(&0x1b), "escape codes despite NO_COLOR");
}

#[test]
fn folder_discovery_honours_gitignore() {
    let dir = project();
    let records = dir.path().join("records");
    std::fs::create_dir_all(records.join("drafts")).expect("create folders");
    // The `ignore` crate reads .gitignore files only inside a git work tree.
    std::fs::create_dir(dir.path().join(".git")).expect("create .git");
    std::fs::write(dir.path().join(".gitignore"), "drafts/\n").expect("write .gitignore");
    std::fs::write(records.join("passing.yaml"), PASSING).expect("write a record");
    std::fs::write(records.join("drafts/failing.yaml"), FAILING).expect("write a record");
    let out = check(dir.path(), &["--format", "json", "records"]);
    assert_eq!(status(&out), 0, "{}", stdout(&out));
    let report = json_report(&out);
    let paths: Vec<&str> = report["inputs"]["records"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|r| r["path"].as_str())
        .collect();
    assert_eq!(paths, ["records/passing.yaml"]);
}

#[test]
fn completions_are_generated_for_each_shell() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    for (shell, marker) in
        [("bash", "complete"), ("zsh", "#compdef charter"), ("fish", "complete -c charter")]
    {
        let out = charter(dir.path(), &["completions", shell]);
        assert_eq!(status(&out), 0, "{shell}");
        let script = stdout(&out);
        assert!(script.contains(marker), "{shell}: {script}");
        assert!(script.contains("explain"), "{shell}: the subcommands are completed");
    }
    assert_eq!(status(&charter(dir.path(), &["completions", "cmd"])), 2);
}

#[test]
fn the_manual_page_is_roff_for_charter() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let out = charter(dir.path(), &["manpage"]);
    assert_eq!(status(&out), 0);
    let page = stdout(&out);
    assert!(page.starts_with(".ie") || page.contains(".TH charter"), "{page}");
    assert!(page.contains("check"), "the page lists the subcommands");
}
