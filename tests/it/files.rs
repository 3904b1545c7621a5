//! Files read and files written (docs/robustness.md): non-regular inputs, empty inputs,
//! the one folder walk, charter's own reports in a folder, `--jobs`, and every write going
//! through a temporary file that never outlives the run. All through the real binary.

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

use crate::cli::{charter, charter_with_stdin, json_report, status, stdout};

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// Runs charter and kills it if it has not finished within `limit`: a hang fails the test
/// instead of hanging the suite.
fn charter_within(cwd: &Path, args: &[&str], limit: Duration) -> Output {
    let mut child = spawn(cwd, args, Stdio::null());
    let start = Instant::now();
    while child.try_wait().expect("wait").is_none() {
        if start.elapsed() > limit {
            let _ = child.kill();
            let _ = child.wait();
            panic!("`charter {}` did not finish within {limit:?}", args.join(" "));
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    child.wait_with_output().expect("output")
}

/// The real binary started in `cwd`, its output piped.
fn spawn(cwd: &Path, args: &[&str], stdin: Stdio) -> std::process::Child {
    Command::new(env!("CARGO_BIN_EXE_charter"))
        .args(args)
        .current_dir(cwd)
        .env("CI", "1")
        .env("NO_COLOR", "1")
        .stdin(stdin)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the charter binary runs")
}

fn mkfifo(path: &Path) {
    let made = Command::new("mkfifo").arg(path).status().expect("mkfifo runs");
    assert!(made.success(), "mkfifo {}", path.display());
}

fn copy(from: &str, to: &Path) {
    let from = Path::new(env!("CARGO_MANIFEST_DIR")).join(from);
    if let Some(parent) = to.parent() {
        std::fs::create_dir_all(parent).expect("mkdir");
    }
    std::fs::copy(&from, to).unwrap_or_else(|e| panic!("copy {}: {e}", from.display()));
}

/// `(code, path)` of every finding of a JSON report.
fn codes(report: &serde_json::Value) -> Vec<(String, String)> {
    report["findings"]
        .as_array()
        .cloned()
        .unwrap_or_default()
        .iter()
        .map(|f| {
            let path = f["location"]["path"].as_str().or_else(|| f["record"]["path"].as_str());
            (f["code"].as_str().unwrap_or_default().to_owned(), path.unwrap_or_default().to_owned())
        })
        .collect()
}

/// Whether a JSON report has an `io::read` whose message names `needle`.
fn has_io_read(report: &serde_json::Value, needle: &str) -> bool {
    report["findings"].as_array().into_iter().flatten().any(|f| {
        f["code"] == "io::read" && f["message"].as_str().is_some_and(|m| m.contains(needle))
    })
}

/// Every file name in a folder, sorted.
fn names(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .expect("list")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

// ---- Item 2: non-regular inputs ----

#[test]
fn a_fifo_named_on_the_command_line_is_refused_without_blocking() {
    let dir = tempfile::tempdir().expect("temp dir");
    mkfifo(&dir.path().join("f.yaml"));
    let out = charter_within(dir.path(), &["check", "f.yaml"], Duration::from_secs(20));
    assert_eq!(status(&out), 2, "{}", stdout(&out));
    assert!(stdout(&out).contains("io::read"), "{}", stdout(&out));
    assert!(stdout(&out).contains("it is a FIFO (named pipe), not a regular file"));
}

#[test]
fn a_fifo_found_in_a_folder_is_refused_without_blocking() {
    let dir = tempfile::tempdir().expect("temp dir");
    copy("examples/joint-lab.yaml", &dir.path().join("records/joint-lab.yaml"));
    mkfifo(&dir.path().join("records/pipe.yaml"));
    let out =
        charter_within(dir.path(), &["check", "-f", "json", "records"], Duration::from_secs(20));
    assert_eq!(status(&out), 2, "{}", stderr(&out));
    let report = json_report(&out);
    assert!(has_io_read(&report, "`records/pipe.yaml`: it is a FIFO"), "{report:#}");
    // The other file was still checked.
    assert_eq!(report["summary"]["records"], 1, "{report:#}");
}

#[cfg(unix)]
#[test]
fn a_socket_and_a_device_are_refused() {
    let dir = tempfile::tempdir().expect("temp dir");
    let _socket =
        std::os::unix::net::UnixListener::bind(dir.path().join("s.yaml")).expect("bind a socket");
    let out = charter_within(
        dir.path(),
        &["check", "-f", "json", "s.yaml", "/dev/zero"],
        Duration::from_secs(20),
    );
    assert_eq!(status(&out), 2, "{}", stderr(&out));
    let report = json_report(&out);
    assert!(has_io_read(&report, "`s.yaml`: it is a socket"), "{report:#}");
    assert!(has_io_read(&report, "`/dev/zero`: it is a device"), "{report:#}");
}

#[test]
fn standard_input_is_still_read() {
    let dir = tempfile::tempdir().expect("temp dir");
    let record =
        std::fs::read(Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/joint-lab.yaml"))
            .expect("read");
    let out = charter_with_stdin(dir.path(), &["check", "-f", "json", "-"], &record);
    assert_eq!(json_report(&out)["summary"]["records"], 1, "{}", stderr(&out));
}

// ---- Item 3: --jobs ----

#[test]
fn jobs_far_above_the_cores_are_lowered_and_finish_fast() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let start = Instant::now();
    let out = charter_within(
        root,
        &["check", "-f", "json", "-j", "20000", "examples"],
        Duration::from_secs(30),
    );
    assert!(start.elapsed() < Duration::from_secs(15), "took {:?}", start.elapsed());
    assert!(stderr(&out).contains("note: --jobs 20000 lowered to"), "{}", stderr(&out));
    let one = charter(root, &["check", "-f", "json", "-j", "1", "examples"]);
    assert_eq!(out.stdout, one.stdout, "the report depends on --jobs");
    assert_eq!(status(&out), status(&one));
}

// ---- Item 6: empty input ----

#[test]
fn empty_standard_input_is_an_input_error() {
    let dir = tempfile::tempdir().expect("temp dir");
    for stdin in [&b""[..], b"\n  \n", b"# only a comment\n", b"---\n...\n"] {
        let out = charter_with_stdin(dir.path(), &["check", "-f", "json", "-"], stdin);
        assert_eq!(status(&out), 2, "{stdin:?}: {}", stdout(&out));
        let report = json_report(&out);
        assert_eq!(codes(&report), vec![("record::schema".to_owned(), "-".to_owned())]);
        let message = report["findings"][0]["message"].as_str().unwrap_or_default();
        assert!(message.starts_with("standard input holds no record"), "{message}");
    }
}

#[test]
fn an_empty_record_file_in_a_folder_fails_the_run() {
    let dir = tempfile::tempdir().expect("temp dir");
    copy("examples/joint-lab.yaml", &dir.path().join("records/joint-lab.yaml"));
    copy("tests/fixtures/hostile/files-empty.yaml", &dir.path().join("records/upload.yaml"));
    copy("tests/fixtures/hostile/files-only-comments.yaml", &dir.path().join("records/cut.yaml"));
    let out = charter(dir.path(), &["check", "records"]);
    assert_eq!(status(&out), 2, "{}", stdout(&out));
    assert!(stdout(&out).contains("`records/upload.yaml` holds no record: it is empty"));
    assert!(stdout(&out).contains("`records/cut.yaml` holds no record: it holds only comments"));
}

// ---- Item 7: the folder walk ----

#[cfg(unix)]
#[test]
fn links_are_followed_and_broken_links_and_loops_are_io_read() {
    use std::os::unix::fs::symlink;
    let dir = tempfile::tempdir().expect("temp dir");
    copy("examples/joint-lab.yaml", &dir.path().join("elsewhere/joint-lab.yaml"));
    copy("examples/patent-transfer.yaml", &dir.path().join("shared/patent-transfer.yaml"));
    std::fs::create_dir(dir.path().join("records")).expect("mkdir");
    symlink("../elsewhere/joint-lab.yaml", dir.path().join("records/linked.yaml")).expect("link");
    symlink("../shared", dir.path().join("records/shared")).expect("link");
    symlink("nowhere.yaml", dir.path().join("records/dangling.yaml")).expect("link");
    symlink("..", dir.path().join("records/loop")).expect("link");
    let out =
        charter_within(dir.path(), &["check", "-f", "json", "records"], Duration::from_secs(30));
    assert_eq!(status(&out), 2, "{}", stderr(&out));
    let report = json_report(&out);
    assert_eq!(report["summary"]["records"], 2, "both links were followed: {report:#}");
    let inputs: Vec<&str> = report["inputs"]["records"]
        .as_array()
        .expect("inputs")
        .iter()
        .filter_map(|i| i["path"].as_str())
        .collect();
    assert!(inputs.contains(&"records/linked.yaml"), "{inputs:?}");
    assert!(inputs.contains(&"records/shared/patent-transfer.yaml"), "{inputs:?}");
    assert!(has_io_read(&report, "`records/dangling.yaml`: it is a link to nothing"), "{report:#}");
    assert!(has_io_read(&report, "`records/loop`: it is a link to `..`"), "{report:#}");
}

#[cfg(unix)]
#[test]
fn policy_and_fmt_walks_report_broken_links_and_follow_good_ones() {
    use std::os::unix::fs::symlink;
    let dir = tempfile::tempdir().expect("temp dir");
    let messy = "role   r \"R\"\nact a \"A\"\narticle 1 { r may a ; }\n";
    std::fs::create_dir_all(dir.path().join("real")).expect("mkdir");
    std::fs::write(dir.path().join("real/set.charter"), messy).expect("write");
    std::fs::create_dir(dir.path().join("policies")).expect("mkdir");
    symlink("../real/set.charter", dir.path().join("policies/set.charter")).expect("link");
    symlink("gone.charter", dir.path().join("policies/gone.charter")).expect("link");
    let out = charter(dir.path(), &["lint", "--policy", "policies"]);
    assert_eq!(status(&out), 2, "{}", stdout(&out));
    assert!(stdout(&out).contains("`policies/gone.charter`: it is a link to nothing"));
    let out = charter(dir.path(), &["fmt", "--check", "policies"]);
    assert_eq!(status(&out), 2, "{}", stdout(&out));
    assert!(stdout(&out).contains("`policies/gone.charter`: it is a link to nothing"));
    assert!(stdout(&out).contains("would reformat policies/set.charter"), "{}", stdout(&out));
}

#[test]
fn dot_ignore_files_are_not_honoured_and_gitignore_only_in_a_git_work_tree() {
    let dir = tempfile::tempdir().expect("temp dir");
    let records = dir.path().join("records");
    copy("examples/joint-lab.yaml", &records.join("a.yaml"));
    copy("examples/patent-transfer.yaml", &records.join("b.yaml"));
    copy("examples/joint-lab.yaml", &records.join("c.yaml"));
    std::fs::write(records.join(".ignore"), "a.yaml\n").expect("write");
    std::fs::write(records.join(".gitignore"), "b.yaml\n").expect("write");
    // Not a git work tree: neither file hides anything.
    let out = charter(dir.path(), &["check", "records"]);
    assert!(stdout(&out).contains(" in 3 records "), "{}", stdout(&out));
    assert!(!stdout(&out).contains("skipped"), "{}", stdout(&out));
    // In a git work tree `.gitignore` is honoured, and the skipped file counted.
    std::fs::create_dir(dir.path().join(".git")).expect("mkdir .git");
    let out = charter(dir.path(), &["check", "records"]);
    let text = stdout(&out);
    assert!(text.contains(" in 2 records "), "{text}");
    assert!(
        text.contains("; 1 file skipped (hidden or in .gitignore; --no-ignore reads them)"),
        "{text}"
    );
    // Formats without a summary line say it on standard error.
    let out = charter(dir.path(), &["check", "-f", "json", "records"]);
    assert_eq!(json_report(&out)["summary"]["records"], 2);
    assert!(stderr(&out).contains("note: 1 file skipped"), "{}", stderr(&out));
    // --no-ignore reads it.
    let out = charter(dir.path(), &["check", "--no-ignore", "records"]);
    assert!(stdout(&out).contains(" in 3 records "), "{}", stdout(&out));
    assert!(!stdout(&out).contains("skipped"), "{}", stdout(&out));
}

#[test]
fn hidden_record_files_are_counted_as_skipped() {
    let dir = tempfile::tempdir().expect("temp dir");
    copy("examples/joint-lab.yaml", &dir.path().join("records/a.yaml"));
    copy("examples/joint-lab.yaml", &dir.path().join("records/.draft/b.yaml"));
    copy("examples/joint-lab.yaml", &dir.path().join("records/.c.yaml"));
    let out = charter(dir.path(), &["check", "records"]);
    let text = stdout(&out);
    assert!(text.contains(" in 1 record ") && text.contains("; 2 files skipped"), "{text}");
    let out = charter(dir.path(), &["check", "--no-ignore", "records"]);
    assert!(stdout(&out).contains(" in 3 records "), "{}", stdout(&out));
}

#[cfg(unix)]
#[test]
fn an_unreadable_subfolder_is_io_read() {
    use std::os::unix::fs::PermissionsExt;
    // SAFETY: geteuid has no preconditions.
    if unsafe { libc::geteuid() } == 0 {
        // Permissions do not stop root; the loop and dangling-link tests cover walk errors.
        eprintln!("skipped: running as root, no folder is unreadable");
        return;
    }
    let dir = tempfile::tempdir().expect("temp dir");
    copy("examples/joint-lab.yaml", &dir.path().join("records/locked/a.yaml"));
    let locked = dir.path().join("records/locked");
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o000)).expect("chmod");
    let out = charter(dir.path(), &["check", "-f", "json", "records"]);
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o755)).expect("chmod");
    assert_eq!(status(&out), 2, "{}", stderr(&out));
    assert!(has_io_read(&json_report(&out), "`records/locked`: permission denied"));
}

// ---- Item 10: charter's own reports ----

#[test]
fn reports_found_in_a_folder_are_skipped_with_a_note() {
    let dir = tempfile::tempdir().expect("temp dir");
    copy("examples/joint-lab.yaml", &dir.path().join("records/joint-lab.yaml"));
    let clean = charter(dir.path(), &["check", "-f", "json", "records"]);
    assert_eq!(status(&clean), 0, "{}", stdout(&clean));
    copy("tests/fixtures/hostile/files-report.json", &dir.path().join("records/baseline.json"));
    copy("tests/fixtures/hostile/files-report.sarif.json", &dir.path().join("records/scan.json"));
    let out = charter(dir.path(), &["check", "-f", "json", "records"]);
    assert_eq!(status(&out), 0, "{}", stdout(&out));
    // The report is the one without them: they are neither checked nor inputs.
    assert_eq!(out.stdout, clean.stdout);
    let notes = stderr(&out);
    assert!(notes.contains("note: skipped `records/baseline.json`: it is a charter report"));
    assert!(notes.contains("note: skipped `records/scan.json`: it is a charter report"));
    let out = charter(dir.path(), &["check", "records"]);
    assert!(stdout(&out).contains("; 2 files skipped (charter reports)"), "{}", stdout(&out));
}

#[test]
fn a_report_named_on_the_command_line_is_an_input_error() {
    let dir = tempfile::tempdir().expect("temp dir");
    copy("tests/fixtures/hostile/files-report.json", &dir.path().join("baseline.json"));
    let out = charter(dir.path(), &["check", "-f", "json", "baseline.json"]);
    assert_eq!(status(&out), 2, "{}", stdout(&out));
    let report = json_report(&out);
    assert_eq!(codes(&report).len(), 1, "one error, not a record's worth: {report:#}");
    assert!(has_io_read(&report, "`baseline.json` as records: it is a charter report"));
}

// ---- Items 11, 12, 20: files written ----

/// Anything in `dir` that looks like a temporary file of charter's.
fn temporaries(dir: &Path) -> Vec<String> {
    names(dir).into_iter().filter(|n| n.ends_with(".tmp") || n.contains("charter-tmp")).collect()
}

#[cfg(unix)]
#[test]
fn output_through_a_link_keeps_the_link_and_the_mode() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().expect("temp dir");
    copy("examples/joint-lab.yaml", &dir.path().join("records/joint-lab.yaml"));
    std::fs::create_dir(dir.path().join("out")).expect("mkdir");
    std::fs::write(dir.path().join("out/real.json"), "old").expect("write");
    let mode = std::fs::Permissions::from_mode(0o600);
    std::fs::set_permissions(dir.path().join("out/real.json"), mode).expect("chmod");
    std::os::unix::fs::symlink("real.json", dir.path().join("out/link.json")).expect("link");
    let out = charter(dir.path(), &["check", "-f", "json", "-o", "out/link.json", "records"]);
    assert_eq!(status(&out), 0, "{}", stderr(&out));
    let link = std::fs::symlink_metadata(dir.path().join("out/link.json")).expect("lstat");
    assert!(link.file_type().is_symlink(), "the link was replaced by a file");
    let real = std::fs::metadata(dir.path().join("out/real.json")).expect("stat");
    assert_eq!(real.permissions().mode() & 0o777, 0o600);
    let text = std::fs::read_to_string(dir.path().join("out/real.json")).expect("read");
    assert!(text.contains("charter-report/1"), "{text}");
    assert_eq!(names(&dir.path().join("out")), ["link.json", "real.json"]);
}

#[cfg(unix)]
#[test]
fn fmt_writes_through_links_and_keeps_the_mode() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::create_dir_all(dir.path().join("real")).expect("mkdir");
    std::fs::create_dir_all(dir.path().join("policies")).expect("mkdir");
    let target = dir.path().join("real/set.charter");
    std::fs::write(&target, "role   r \"R\"\nact a \"A\"\narticle 1 { r may a ; }\n").expect("w");
    std::fs::set_permissions(&target, std::fs::Permissions::from_mode(0o640)).expect("chmod");
    std::os::unix::fs::symlink("../real/set.charter", dir.path().join("policies/set.charter"))
        .expect("link");
    let out = charter(dir.path(), &["fmt", "policies/set.charter"]);
    assert_eq!(status(&out), 0, "{}", stderr(&out));
    let link = std::fs::symlink_metadata(dir.path().join("policies/set.charter")).expect("lstat");
    assert!(link.file_type().is_symlink(), "the link became a copy");
    assert_eq!(std::fs::metadata(&target).expect("stat").permissions().mode() & 0o777, 0o640);
    let out = charter(dir.path(), &["fmt", "--check", "real/set.charter"]);
    assert_eq!(status(&out), 0, "the link's target was not formatted: {}", stdout(&out));
    assert!(temporaries(&dir.path().join("real")).is_empty());
}

#[cfg(unix)]
#[test]
fn a_fifo_or_dev_stdout_as_output_is_written_in_place() {
    let dir = tempfile::tempdir().expect("temp dir");
    copy("examples/joint-lab.yaml", &dir.path().join("records/joint-lab.yaml"));
    let fifo = dir.path().join("report.fifo");
    mkfifo(&fifo);
    // Held open for reading and writing, without blocking: charter's open does not wait
    // for a reader, and the report (a few KiB) fits in the pipe's buffer.
    let mut held = {
        use std::os::unix::fs::OpenOptionsExt;
        std::fs::OpenOptions::new()
            .read(true)
            .write(true)
            .custom_flags(libc::O_NONBLOCK)
            .open(&fifo)
            .expect("open the FIFO")
    };
    let out = charter_within(
        dir.path(),
        &["check", "-f", "json", "-o", "report.fifo", "records"],
        Duration::from_secs(30),
    );
    assert_eq!(status(&out), 0, "{}", stderr(&out));
    let mut bytes = Vec::new();
    let mut buf = [0u8; 4096];
    loop {
        match std::io::Read::read(&mut held, &mut buf) {
            Ok(0) => break,
            Ok(n) => bytes.extend_from_slice(&buf[..n]),
            Err(e) if e.kind() == std::io::ErrorKind::WouldBlock => break,
            Err(e) => panic!("read the FIFO: {e}"),
        }
    }
    let text = String::from_utf8_lossy(&bytes);
    assert!(text.contains("charter-report/1"), "nothing reached the FIFO: {text}");
    let meta = std::fs::symlink_metadata(&fifo).expect("lstat");
    assert!(std::os::unix::fs::FileTypeExt::is_fifo(&meta.file_type()), "the FIFO was replaced");
    // /dev/stdout, standard output being a pipe.
    let out = charter(dir.path(), &["check", "-f", "json", "-o", "/dev/stdout", "records"]);
    assert_eq!(status(&out), 0, "{}", stderr(&out));
    assert_eq!(json_report(&out)["schema"], "charter-report/1");
}

#[test]
fn output_errors_name_the_path_and_come_before_the_work() {
    let dir = tempfile::tempdir().expect("temp dir");
    copy("examples/joint-lab.yaml", &dir.path().join("records/joint-lab.yaml"));
    let out = charter(dir.path(), &["check", "-o", "missing/report.txt", "records"]);
    assert_eq!(status(&out), 2);
    assert_eq!(stderr(&out), "error: cannot write `missing/report.txt`: no folder `missing`\n");
    assert!(stdout(&out).is_empty(), "{}", stdout(&out));
    let out = charter(dir.path(), &["check", "-o", "records", "records"]);
    assert_eq!(status(&out), 2);
    assert_eq!(stderr(&out), "error: cannot write `records`: it is a folder\n");
}

/// Sends `signal` to `check -o` while it waits for standard input (its temporary file is
/// made before the check starts), and requires the status 128 + signal, no temporary
/// file, and the earlier report untouched.
#[cfg(unix)]
fn killed_by(signal: i32) {
    let dir = tempfile::tempdir().expect("temp dir");
    let earlier = "an earlier report\n";
    std::fs::write(dir.path().join("report.json"), earlier).expect("write");
    let args = ["check", "-f", "json", "-o", "report.json", "-"];
    let mut child = spawn(dir.path(), &args, Stdio::piped());
    let start = Instant::now();
    while temporaries(dir.path()).is_empty() {
        assert!(start.elapsed() < Duration::from_secs(20), "no temporary file appeared");
        assert!(child.try_wait().expect("wait").is_none(), "charter ended early");
        std::thread::sleep(Duration::from_millis(10));
    }
    let pid = i32::try_from(child.id()).expect("pid");
    // SAFETY: kill has no memory preconditions; the pid is our own child's.
    assert_eq!(unsafe { libc::kill(pid, signal) }, 0);
    // Standard input stays open until charter has ended: at its end charter would go on.
    let stdin = child.stdin.take();
    let status = child.wait().expect("wait");
    drop(stdin);
    assert_eq!(status.code(), Some(128 + signal), "{status:?}");
    assert_eq!(names(dir.path()), ["report.json"], "a temporary file survived");
    assert_eq!(std::fs::read_to_string(dir.path().join("report.json")).expect("read"), earlier);
}

#[cfg(unix)]
#[test]
fn sigterm_while_writing_leaves_no_temporary_file() {
    killed_by(libc::SIGTERM);
}

#[cfg(unix)]
#[test]
fn sigint_while_writing_leaves_no_temporary_file() {
    killed_by(libc::SIGINT);
}

/// `init` on a disk that fills up (a file-size limit: writes past 1 KiB fail) says so and
/// leaves every file whole or absent; a second `init` then writes the rest.
#[test]
fn init_on_a_full_disk_leaves_nothing_half_written() {
    let dir = tempfile::tempdir().expect("temp dir");
    let out = Command::new("sh")
        .current_dir(dir.path())
        .args(["-c", "ulimit -f 2 && exec \"$0\" init project"])
        .arg(env!("CARGO_BIN_EXE_charter"))
        .output()
        .expect("sh runs");
    assert_eq!(out.status.code(), Some(2), "{out:?}");
    assert!(stderr(&out).contains("nothing was left at that path"), "{}", stderr(&out));
    let whole = |dir: &Path| -> (usize, usize) {
        let expected = expected_init_files();
        let mut present = 0;
        for (path, text) in &expected {
            if let Ok(found) = std::fs::read_to_string(dir.join(path)) {
                assert_eq!(&found, text, "{} is half-written", path.display());
                present += 1;
            }
        }
        (present, expected.len())
    };
    let project = dir.path().join("project");
    let (present, all) = whole(&project);
    assert!(present < all, "the limit stopped nothing");
    for folder in ["", "policies", "agreements"] {
        assert!(temporaries(&project.join(folder)).is_empty(), "a temporary file survived");
    }
    let out = charter(dir.path(), &["init", "project"]);
    assert_eq!(status(&out), 0, "{}", stderr(&out));
    assert_eq!(whole(&project), (all, all));
}

/// The files `init` writes, as `(path inside the project, text)`.
fn expected_init_files() -> Vec<(PathBuf, String)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let read = |p: PathBuf| std::fs::read_to_string(&p).unwrap_or_else(|e| panic!("{p:?}: {e}"));
    let mut files = Vec::new();
    for entry in std::fs::read_dir(root.join("policies")).expect("list") {
        let path = entry.expect("entry").path();
        if path.extension().is_some_and(|e| e == "charter") {
            let name = path.file_name().expect("name").to_owned();
            files.push((Path::new("policies").join(name), read(path)));
        }
    }
    for t in ["agreements/joint-lab.yaml", "README.md"] {
        files.push((PathBuf::from(t), read(root.join("templates/init").join(t))));
    }
    files
}
