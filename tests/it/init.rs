//! `charter init`: a starter project that passes `charter check`, and never overwrites.

use crate::cli::{charter, status, stdout};

#[test]
fn init_then_check_passes() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let out = charter(dir.path(), &["init", "project"]);
    assert_eq!(status(&out), 0, "{}", String::from_utf8_lossy(&out.stderr));
    let project = dir.path().join("project");
    for file in [
        "policies/vocabulary.charter",
        "policies/national-law.charter",
        "policies/regional-regulation.charter",
        "agreements/joint-lab.yaml",
        "README.md",
    ] {
        assert!(project.join(file).is_file(), "init did not write {file}");
        assert!(stdout(&out).contains(&format!("created project/{file}")), "{}", stdout(&out));
    }

    // From inside the project, charter uses ./policies by default.
    let out = charter(&project, &["check", "agreements/"]);
    assert_eq!(status(&out), 0, "the starter agreement does not pass:\n{}", stdout(&out));
    assert!(
        stdout(&out).starts_with("0 errors, 0 warnings in 1 record (3 policies from policies)"),
        "{}",
        stdout(&out)
    );
    let out = charter(&project, &["lint"]);
    assert_eq!(status(&out), 0, "{}", stdout(&out));
}

#[test]
fn init_never_overwrites_and_reports_what_it_skipped() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    std::fs::write(dir.path().join("README.md"), "my own readme\n").expect("write");
    std::fs::create_dir(dir.path().join("policies")).expect("create");
    std::fs::write(dir.path().join("policies/national-law.charter"), "// mine\n").expect("write");

    let out = charter(dir.path(), &["init"]);
    assert_eq!(status(&out), 0);
    let text = stdout(&out);
    assert!(text.contains("skipped ./README.md"), "{text}");
    assert!(text.contains("skipped ./policies/national-law.charter"), "{text}");
    assert!(text.contains("created ./agreements/joint-lab.yaml"), "{text}");
    let read = |p: &str| std::fs::read_to_string(dir.path().join(p)).expect("read");
    assert_eq!(read("README.md"), "my own readme\n");
    assert_eq!(read("policies/national-law.charter"), "// mine\n");

    // Running it again skips everything and still succeeds.
    let again = charter(dir.path(), &["init"]);
    assert_eq!(status(&again), 0);
    assert!(!stdout(&again).contains("created"), "{}", stdout(&again));
}

#[test]
fn init_into_an_unwritable_place_exits_2() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    // A file where the project folder should be: nothing can be created under it.
    std::fs::write(dir.path().join("taken"), "").expect("write");
    let out = charter(dir.path(), &["init", "taken"]);
    assert_eq!(status(&out), 2);
    assert!(String::from_utf8_lossy(&out.stderr).contains("cannot write"));
}
