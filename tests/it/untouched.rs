//! Nothing lost: `check`, `lint` and `fmt --check` leave every input byte-for-byte as it
//! was and create no file, and a `fmt` killed in the middle of writing leaves the file it
//! was rewriting intact. All through the public command line.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use sha2::{Digest, Sha256};

/// Every file below `root`: its path and the SHA-256 of its bytes.
fn hashes(root: &Path) -> BTreeMap<PathBuf, String> {
    let mut out = BTreeMap::new();
    let mut stack = vec![root.to_path_buf()];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).expect("list folder").filter_map(Result::ok) {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
            } else {
                let bytes = std::fs::read(&path).expect("read input");
                out.insert(path, charter::input::hex(&Sha256::digest(&bytes)));
            }
        }
    }
    out
}

fn copy_tree(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("create folder");
    for entry in std::fs::read_dir(from).expect("list folder").filter_map(Result::ok) {
        let target = to.join(entry.file_name());
        if entry.path().is_dir() {
            copy_tree(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).expect("copy file");
        }
    }
}

/// The names in a folder, sorted.
fn listing(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .expect("list folder")
        .filter_map(Result::ok)
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

fn charter(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_charter"))
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .args(args)
        .output()
        .expect("the charter binary runs")
}

/// A workspace with well-formed and broken policies and records, including files that
/// `fmt` would change (CRLF, a byte-order mark, messy layout).
fn workspace() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    copy_tree(Path::new("policies"), &dir.path().join("policies"));
    copy_tree(Path::new("tests/fixtures/fmt"), &dir.path().join("messy"));
    copy_tree(Path::new("tests/fixtures/record"), &dir.path().join("records"));
    for example in ["joint-lab.yaml", "patent-transfer.yaml"] {
        std::fs::copy(
            Path::new("examples").join(example),
            dir.path().join("records").join(example),
        )
        .expect("copy example");
    }
    let crlf = "role r\r\nact a\r\n\r\narticle 1 {\r\n  r may a;\r\n}\r\n";
    std::fs::write(dir.path().join("messy/crlf.charter"), format!("\u{feff}{crlf}"))
        .expect("write");
    dir
}

#[test]
fn check_lint_and_fmt_check_change_no_input() {
    let dir = workspace();
    let before = hashes(dir.path());
    assert!(before.len() > 20, "only {} inputs", before.len());
    let runs: &[&[&str]] = &[
        &["check", "--policy", "policies", "records"],
        &["check", "--policy", "policies", "records", "-f", "json"],
        &["check", "--policy", "policies", "records", "-f", "sarif"],
        &["check", "--policy", "policies", "records", "-f", "html", "--jobs", "4"],
        &["lint", "--policy", "policies"],
        &["lint", "--policy", "messy"],
        &["fmt", "--check", "messy", "policies"],
    ];
    for args in runs {
        let out = charter(dir.path(), args);
        assert!(
            matches!(out.status.code(), Some(0..=2)),
            "{args:?}: {:?} {}",
            out.status,
            String::from_utf8_lossy(&out.stderr)
        );
        assert_eq!(hashes(dir.path()), before, "{args:?} changed or created a file");
    }
    // `fmt --check` found something to change, so the test did exercise it.
    let out = charter(dir.path(), &["fmt", "--check", "messy"]);
    assert_eq!(out.status.code(), Some(1), "{}", String::from_utf8_lossy(&out.stdout));
}

/// `fmt` stopped while it writes (the file-size limit makes the first write past 1 KiB
/// fail, and the formatted text is far longer) leaves the original exactly as it was, and
/// no temporary file: the new text goes to a temporary file that is renamed over the
/// original only when complete, and removed when the write fails.
#[test]
fn fmt_killed_mid_write_leaves_the_original_intact() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut text = String::from("role   r \"R\"\n");
    for i in 0..400 {
        text.push_str(&format!("act a{i}   \"act number {i}\"\n"));
    }
    text.push_str("article 1 { r may a0 ; }\n");
    let path = dir.path().join("long.charter");
    std::fs::write(&path, &text).expect("write");
    let out = Command::new("sh")
        .current_dir(dir.path())
        .args(["-c", "ulimit -f 2 && exec \"$0\" fmt long.charter"])
        .arg(env!("CARGO_BIN_EXE_charter"))
        .output()
        .expect("sh runs");
    assert_ne!(out.status.code(), Some(0), "fmt cannot have succeeded: {out:?}");
    assert_eq!(std::fs::read_to_string(&path).expect("read"), text, "the original was damaged");
    assert_eq!(listing(dir.path()), ["long.charter"], "a temporary file survived");
    // Without the limit the same command does reformat the file, so the limit was what
    // stopped it.
    let out = charter(dir.path(), &["fmt", "long.charter"]);
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    assert_ne!(std::fs::read_to_string(&path).expect("read"), text);
}

/// `check -o` streams the report into a temporary file beside the target; stopped while it
/// writes (the same file-size limit), it leaves an earlier report exactly as it was, no
/// temporary file, and an error naming the report.
#[test]
fn check_killed_mid_report_leaves_the_earlier_report_intact() {
    let dir = tempfile::tempdir().expect("temp dir");
    let examples = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples");
    copy_tree(&examples, &dir.path().join("examples"));
    let earlier = "{ \"an\": \"earlier report\" }\n";
    let report = dir.path().join("report.json");
    std::fs::write(&report, earlier).expect("write");
    let out = Command::new("sh")
        .current_dir(dir.path())
        .args(["-c", "ulimit -f 2 && exec \"$0\" check -f json -o report.json examples"])
        .arg(env!("CARGO_BIN_EXE_charter"))
        .output()
        .expect("sh runs");
    assert!(!matches!(out.status.code(), Some(0 | 1)), "check cannot have finished: {out:?}");
    assert_eq!(std::fs::read_to_string(&report).expect("read"), earlier, "the report was damaged");
    assert_eq!(listing(dir.path()), ["examples", "report.json"], "a temporary file survived");
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("cannot write `report.json`"),
        "the failed write names its path: {out:?}"
    );
    // Without the limit the same command replaces it with the whole report.
    let out = charter(dir.path(), &["check", "-f", "json", "-o", "report.json", "examples"]);
    assert_eq!(out.status.code(), Some(1), "{}", String::from_utf8_lossy(&out.stderr));
    let text = std::fs::read_to_string(&report).expect("read");
    assert!(text.len() > 2048, "the report is longer than the limit: {} bytes", text.len());
    let value: serde_json::Value = serde_json::from_str(&text).expect("a whole JSON report");
    assert_eq!(value["schema"], "charter-report/1");
}
