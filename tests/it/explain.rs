//! `charter explain` and the walk of the registry: every code has an explanation, an example
//! that fires it and a fixed version that does not, each run through the real binary the
//! way the entry says (`check` with a record, `lint` without). Also: docs/checks.md is the
//! output of `charter explain --markdown`.

use std::path::Path;

use charter::checks::{Code, Explanation, explanation};

use crate::cli::{charter, codes, json_report, status, stdout};

/// The date the waiver examples are judged on, so the walk does not depend on today.
const AS_OF: &str = "2025-01-01";

#[test]
fn every_code_has_an_example_that_fires_it_and_a_fix_that_does_not() {
    let mut failures = Vec::new();
    for &code in Code::ALL {
        let e = explanation(code);
        assert!(
            !e.what.is_empty() && !e.why.is_empty() && !e.fix.is_empty(),
            "{}: empty text",
            code.as_str()
        );
        if e.example_policy.is_empty() && e.example_record.is_empty() {
            continue; // io::read and record::limit: see the tests below.
        }
        let fired = run_example(&e, e.example_policy, e.example_record);
        let fixed = run_example(&e, e.fixed_policy_text(), e.fixed_record_text());
        if !fired.contains(&code.as_str().to_owned()) {
            failures
                .push(format!("{}: the example does not fire it (got {fired:?})", code.as_str()));
        }
        if fixed.contains(&code.as_str().to_owned()) {
            failures.push(format!("{}: the fixed version still fires it", code.as_str()));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn codes_without_a_text_example_fire_on_generated_inputs() {
    // io::read: the entry has no example because the problem is the file, not its text.
    assert!(!explanation(Code::IoRead).what.is_empty());
    let dir = tempfile::tempdir().expect("a temporary folder");
    std::fs::write(dir.path().join("policy.charter"), "role government \"Government\"\n")
        .expect("write");
    std::fs::write(dir.path().join("latin1.yaml"), b"agreement:\n  id: caf\xe9\n").expect("write");
    std::fs::write(dir.path().join("ok.yaml"), OK_RECORD).expect("write");
    let run =
        |file: &str| codes(&json_report(&charter(dir.path(), &check_args("policy.charter", file))));
    assert_eq!(run("missing.yaml"), ["io::read"]);
    assert_eq!(run("latin1.yaml"), ["io::read"]);
    assert_eq!(run("ok.yaml"), Vec::<String>::new());

    // record::limit: one record past the limit of records per file.
    let stream = |n: usize| {
        (0..n).map(|i| OK_RECORD.replace("id: ok", &format!("id: ok-{i}"))).collect::<Vec<_>>()
    };
    std::fs::write(
        dir.path().join("over.yaml"),
        stream(charter::record::MAX_RECORDS_PER_FILE + 1).join("---\n"),
    )
    .expect("write");
    std::fs::write(
        dir.path().join("at.yaml"),
        stream(charter::record::MAX_RECORDS_PER_FILE).join("---\n"),
    )
    .expect("write");
    assert_eq!(run("over.yaml"), ["record::limit"]);
    assert_eq!(run("at.yaml"), Vec::<String>::new());
}

const OK_RECORD: &str = "agreement:\n  id: ok\n  term: { from: 2024-01-01, until: 2024-12-31 }\n\
parties:\n  - id: city\n    role: government\nclauses: []\n";

#[test]
fn explain_prints_the_four_sections_and_both_versions() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let out = charter(dir.path(), &["explain", "gap::uncovered"]);
    assert_eq!(status(&out), 0);
    let text = stdout(&out);
    for heading in ["What it finds", "Why it matters", "Example", "How to fix", "The fixed record"]
    {
        assert!(text.contains(heading), "no `{heading}` in:\n{text}");
    }
    assert!(text.starts_with("gap::uncovered (error): "), "{text}");
    assert!(
        text.contains("period: { from: 2024-01-01, until: 2024-06-30 }"),
        "the example record is shown"
    );
}

#[test]
fn explain_finds_a_code_by_its_short_name() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let out = charter(dir.path(), &["explain", "sole-control"]);
    assert_eq!(status(&out), 0);
    assert!(stdout(&out).starts_with("conflict::sole-control (error)"));
}

#[test]
fn an_unknown_code_exits_2_with_a_suggestion() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let out = charter(dir.path(), &["explain", "gap::uncoverd"]);
    assert_eq!(status(&out), 2);
    assert_eq!(stdout(&out), "");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("unknown code `gap::uncoverd`"), "{stderr}");
    assert!(stderr.contains("did you mean `gap::uncovered`?"), "{stderr}");
}

#[test]
fn a_name_of_several_codes_is_ambiguous_and_lists_them() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let out = charter(dir.path(), &["explain", "unused"]);
    assert_eq!(status(&out), 2);
    assert_eq!(stdout(&out), "");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("`unused` is ambiguous: it names 2 codes"), "{stderr}");
    assert!(stderr.contains("`waiver::unused`, `policy::unused`"), "{stderr}");
    assert!(!stderr.contains("unknown code"), "{stderr}");
}

#[test]
fn the_list_has_every_code_with_its_severity() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let out = charter(dir.path(), &["explain", "--list"]);
    assert_eq!(status(&out), 0);
    let text = stdout(&out);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), Code::ALL.len());
    for (line, code) in lines.iter().zip(Code::ALL) {
        let words: Vec<&str> = line.split_whitespace().collect();
        assert_eq!(words.first(), Some(&code.as_str()));
        assert_eq!(words.get(1), Some(&code.severity().as_str()));
    }
}

#[test]
fn the_check_catalogue_is_up_to_date() {
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    let out = charter(repo, &["explain", "--markdown"]);
    assert_eq!(status(&out), 0);
    let generated = stdout(&out);
    let path = repo.join("docs/checks.md");
    if std::env::var_os("CHARTER_BLESS").is_some() {
        std::fs::write(&path, &generated).expect("write docs/checks.md");
    }
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        committed == generated,
        "docs/checks.md is stale: run `cargo run -- explain --markdown > docs/checks.md` \
         (or this test with CHARTER_BLESS=1)"
    );
    for code in Code::ALL {
        assert!(
            generated.contains(&format!("\n## {}\n", code.as_str())),
            "{} has no section",
            code.as_str()
        );
    }
}

/// Runs one example the way its entry says, in a fresh folder, and returns the codes reported.
fn run_example(e: &Explanation, policy: &str, record: &str) -> Vec<String> {
    let dir = tempfile::tempdir().expect("a temporary folder");
    std::fs::write(dir.path().join("policy.charter"), policy).expect("write the policy");
    if e.example_record.is_empty() {
        // Policy-only codes: `charter lint` prints the human report; the codes are its headings.
        let out = charter(dir.path(), &["lint", "--policy", "policy.charter"]);
        let text = stdout(&out);
        return Code::ALL
            .iter()
            .map(|c| c.as_str().to_owned())
            .filter(|c| mentions(&text, c))
            .collect();
    }
    std::fs::write(dir.path().join("record.yaml"), record).expect("write the record");
    codes(&json_report(&charter(dir.path(), &check_args("policy.charter", "record.yaml"))))
}

fn check_args<'a>(policy: &'a str, record: &'a str) -> Vec<&'a str> {
    vec!["check", "--policy", policy, "--format", "json", "--as-of", AS_OF, record]
}

/// Whether a human report names a code, as the first word of a line.
fn mentions(text: &str, code: &str) -> bool {
    text.lines().any(|line| line.split_whitespace().next() == Some(code))
}
