//! `charter verify` does not trust the report it checks: it reads the report under the rules
//! of `check` (a regular file of at most 64 MiB), reads only inputs under the report's root
//! (the current folder or `--root DIR`, widened to the repository that holds it), never
//! echoes a file it refused, and says plainly when a file is not a charter report. The
//! hostile reports are static files under tests/fixtures/hostile/.

use std::path::{Path, PathBuf};
use std::process::Output;

use crate::cli::{charter, status, stdout};

fn hostile() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/hostile")
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// Everything `verify` printed, for checks that nothing of a refused file leaks.
fn printed(out: &Output) -> String {
    stdout(out) + &stderr(out)
}

/// A report naming a file outside its root is refused (exit 2) before anything is read, and
/// the file's content and hash appear nowhere.
#[test]
fn a_report_naming_a_file_outside_its_root_is_refused_unread() {
    // What today's main printed of /etc/passwd: its hash, and its first line (in a
    // diagnostic quoting it). The first word alone (`root`) is also a word of the message.
    let passwd = std::fs::read("/etc/passwd").unwrap_or_default();
    let first_line: String =
        String::from_utf8_lossy(&passwd).lines().next().unwrap_or_default().into();
    let hash = charter::input::hex(&<sha2::Sha256 as sha2::Digest>::digest(&passwd));
    for (report, why) in [
        ("verify-etc-passwd.json", "`/etc/passwd` is an absolute path"),
        ("verify-policy-etc-passwd.json", "`/etc/passwd` is an absolute path"),
        ("verify-usr-share.json", "`/usr/share` is an absolute path"),
        ("verify-dotdot.json", "leads out of it through `..`"),
    ] {
        let out = charter(&hostile(), &["verify", report]);
        assert_eq!(status(&out), 2, "{report}: {}", printed(&out));
        let err = stderr(&out);
        assert!(
            err.contains(&format!(
                "error: cannot verify `{report}`: it names an input outside the report's root `.`"
            )),
            "{report}: {err}"
        );
        assert!(err.contains(why), "{report}: {err}");
        assert!(
            err.contains("help: run `charter verify` in the folder the report was made in"),
            "{err}"
        );
        assert!(stdout(&out).is_empty(), "{report}: {}", stdout(&out));
        assert!(!printed(&out).contains(&hash), "{report} prints the hash of /etc/passwd");
        let start: String = first_line.chars().take(12).collect();
        if start.len() > 4 {
            assert!(!printed(&out).contains(&start), "{report} echoes /etc/passwd");
        }
    }
}

/// A report made in a folder (relative paths), with a record and a policy set.
fn made_report(dir: &Path) {
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/report");
    std::fs::create_dir(dir.join("policies")).expect("mkdir");
    std::fs::copy(
        fixtures.join("policies/cooperation.charter"),
        dir.join("policies/cooperation.charter"),
    )
    .expect("copy");
    std::fs::copy(fixtures.join("baseline/after.yaml"), dir.join("record.yaml")).expect("copy");
    let args = ["check", "--as-of", "2026-01-01", "--format", "json", "-o", "report.json"];
    let out = charter(dir, &[&args[..], &["record.yaml"]].concat());
    assert!(dir.join("report.json").is_file(), "{}", stderr(&out));
}

/// An input that is a symbolic link to a file outside the root is refused too: the path is
/// judged after links are resolved.
#[cfg(unix)]
#[test]
fn an_input_linked_outside_the_root_is_refused() {
    let dir = tempfile::tempdir().expect("temp dir");
    let d = dir.path();
    made_report(d);
    let outside = tempfile::tempdir().expect("temp dir");
    let secret = outside.path().join("secret.yaml");
    std::fs::write(&secret, "agreement: classified\n").expect("write");
    std::fs::remove_file(d.join("record.yaml")).expect("rm");
    std::os::unix::fs::symlink(&secret, d.join("record.yaml")).expect("symlink");
    let out = charter(d, &["verify", "report.json"]);
    assert_eq!(status(&out), 2, "{}", printed(&out));
    assert!(
        stderr(&out).contains("`record.yaml` resolves, through a symbolic link, outside it"),
        "{}",
        stderr(&out)
    );
    assert!(!printed(&out).contains("classified"), "{}", printed(&out));
}

/// `--root DIR` names the folder the report was made in, from anywhere.
#[test]
fn root_names_the_folder_the_report_was_made_in() {
    let dir = tempfile::tempdir().expect("temp dir");
    let d = dir.path();
    made_report(d);
    let report = d.join("report.json");
    let report = report.to_string_lossy();
    let elsewhere = tempfile::tempdir().expect("temp dir");
    let root = d.to_string_lossy();
    let out = charter(elsewhere.path(), &["verify", &report, "--root", &root]);
    assert_eq!(status(&out), 0, "{}", printed(&out));
    // Without it, the inputs are looked for in the wrong folder.
    let out = charter(elsewhere.path(), &["verify", &report]);
    assert_eq!(status(&out), 1, "{}", printed(&out));
    assert!(stdout(&out).contains("the input `record.yaml` cannot be read: no such file"));
    let out = charter(elsewhere.path(), &["verify", &report, "--root", "no-such-folder"]);
    assert_eq!(status(&out), 2, "{}", printed(&out));
    assert!(stderr(&out).contains("cannot use `no-such-folder` as the report's root"));
}

/// The report itself is read under the rules of `check`: a device or a folder is refused
/// at once, never read to its end.
#[cfg(unix)]
#[test]
fn the_report_is_read_under_the_rules_of_check() {
    let here = hostile();
    for (path, why) in [("/dev/zero", "cannot read `/dev/zero`"), (".", "it is a directory")] {
        let out = charter(&here, &["verify", path]);
        assert_eq!(status(&out), 2, "{path}: {}", printed(&out));
        assert!(stderr(&out).contains(why), "{path}: {}", stderr(&out));
    }
}

#[test]
fn a_file_that_is_not_a_report_is_named_so() {
    let out = charter(&hostile(), &["verify", "verify-not-a-report.json"]);
    assert_eq!(status(&out), 1, "{}", printed(&out));
    assert_eq!(
        stdout(&out),
        "not verified: `verify-not-a-report.json`: it is not a charter report: it has no \
         `\"schema\": \"charter-report/1\"`\n"
    );
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::write(dir.path().join("sarif.json"), "{\"schema\": \"sarif-2.1.0\"}").expect("write");
    let out = charter(dir.path(), &["verify", "sarif.json"]);
    assert_eq!(status(&out), 1);
    assert!(
        stdout(&out).contains("it is not a charter report: it has no `\"schema\": \"charter-report/1\"` (its `schema` is \"sarif-2.1.0\")"),
        "{}",
        stdout(&out)
    );
}

/// A record path naming a folder is read as one file (an unreadable one), never walked:
/// today's main searched it and read every JSON file in it as a record.
#[test]
fn a_folder_named_as_a_record_is_not_walked() {
    let out = charter(&hostile(), &["verify", "verify-folder.json"]);
    assert_eq!(status(&out), 1, "{}", printed(&out));
    let text = stdout(&out);
    assert!(text.contains("the input `.` cannot be read: it is a directory, not a file"), "{text}");
    assert!(!text.contains("merge-altered-shard"), "the folder was walked: {text}");
}
