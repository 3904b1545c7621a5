//! Every hostile input through every command that reads files (docs/robustness.md).
//!
//! Each file under tests/fixtures/hostile/ (and the inputs that cannot be committed: a FIFO,
//! a link to itself, a dangling link, made here in a temporary folder) goes through
//! `check`, `lint --policy`, `fmt --check` and `verify`, started in an empty folder. For
//! every run the test asserts:
//! - an exit status of 0, 1 or 2 (never a crash, a signal or a usage error);
//! - under 2 s of wall time and under 300 MB of peak resident memory;
//! - no file written in the folder it ran in, and no hostile input changed.
//!
//! The 2 s bound is for an optimised binary. `cargo test` builds charter unoptimised, which
//! runs several times slower, so there the bound is 20 s (a hang still fails). CI runs this
//! test once more against the release binary with the real bound:
//! `CHARTER_BIN=target/release/charter cargo test --test it hostile` (.ci/run).

use std::collections::BTreeMap;
use std::fs::File;
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

const HOSTILE: &str = "tests/fixtures/hostile";
const MEMORY_KB: i64 = 300 * 1024;

fn binary() -> (PathBuf, Duration) {
    match std::env::var_os("CHARTER_BIN") {
        // Relative to the project, as CI names it: the runs start in other folders.
        Some(bin) => (Path::new(env!("CARGO_MANIFEST_DIR")).join(bin), Duration::from_secs(2)),
        None if cfg!(debug_assertions) => {
            (PathBuf::from(env!("CARGO_BIN_EXE_charter")), Duration::from_secs(20))
        }
        None => (PathBuf::from(env!("CARGO_BIN_EXE_charter")), Duration::from_secs(2)),
    }
}

/// Every regular file under `dir`, recursively, sorted.
fn files(dir: &Path) -> Vec<PathBuf> {
    let mut found = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(at) = stack.pop() {
        for entry in std::fs::read_dir(&at).unwrap_or_else(|e| panic!("{}: {e}", at.display())) {
            let path = entry.expect("a readable entry").path();
            let meta = std::fs::symlink_metadata(&path).expect("metadata");
            if meta.is_dir() {
                stack.push(path);
            } else {
                found.push(path);
            }
        }
    }
    found.sort();
    found
}

/// What must not change: every file's bytes and mode.
fn state(dir: &Path) -> BTreeMap<PathBuf, (Vec<u8>, u32)> {
    files(dir)
        .into_iter()
        .filter(|p| std::fs::symlink_metadata(p).is_ok_and(|m| m.is_file()))
        .map(|p| {
            let mode = std::fs::metadata(&p).expect("metadata").permissions().mode();
            let bytes = std::fs::read(&p).expect("read");
            (p, (bytes, mode))
        })
        .collect()
}

struct Run {
    status: i32,
    wall: Duration,
    peak_kb: i64,
}

/// Runs the binary in `cwd` with its output sent to files in `out`, and measures its wall
/// time and peak resident memory (`wait4`'s rusage of that one child). A run past `limit`
/// is killed and fails the test.
fn run(bin: &Path, cwd: &Path, out: &Path, args: &[&str], limit: Duration) -> Run {
    let what = format!("charter {}", args.join(" "));
    // Reaped below by `wait4`, which also gives its peak memory; `Child::wait` cannot.
    #[allow(clippy::zombie_processes)]
    let child = Command::new(bin)
        .args(args)
        .current_dir(cwd)
        .env("NO_COLOR", "1")
        .stdin(Stdio::null())
        .stdout(File::create(out.join("stdout")).expect("stdout file"))
        .stderr(File::create(out.join("stderr")).expect("stderr file"))
        .spawn()
        .expect("the charter binary runs");
    let pid = child.id() as libc::pid_t;
    let start = Instant::now();
    loop {
        let mut status = 0;
        // SAFETY: an all-zero rusage is a valid value for wait4 to fill in.
        let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
        // SAFETY: `pid` is our own child, not yet reaped; the pointers are to live locals.
        let done = unsafe { libc::wait4(pid, &mut status, libc::WNOHANG, &mut usage) };
        assert!(done >= 0, "{what}: wait4 failed");
        if done == pid {
            let wall = start.elapsed();
            assert!(
                libc::WIFEXITED(status),
                "{what}: killed by signal {}\n{}",
                libc::WTERMSIG(status),
                std::fs::read_to_string(out.join("stderr")).unwrap_or_default()
            );
            return Run { status: libc::WEXITSTATUS(status), wall, peak_kb: usage.ru_maxrss };
        }
        if start.elapsed() > limit {
            // SAFETY: signalling our own child, which has not been reaped.
            unsafe { libc::kill(pid, libc::SIGKILL) };
            let mut status = 0;
            // SAFETY: reaping the child just killed.
            unsafe { libc::waitpid(pid, &mut status, 0) };
            panic!("{what}: did not finish within {limit:?}");
        }
        std::thread::sleep(Duration::from_millis(5));
    }
}

/// The inputs that cannot be committed, made in `dir`: a FIFO (for records and policies), a
/// link to itself and a link to nothing.
fn uncommittable(dir: &Path) -> Vec<PathBuf> {
    let mut made = Vec::new();
    for name in ["fifo.yaml", "fifo.charter"] {
        let path = dir.join(name);
        let ok = Command::new("mkfifo").arg(&path).status().expect("mkfifo runs");
        assert!(ok.success(), "mkfifo {}", path.display());
        made.push(path);
    }
    let looped = dir.join("loop.yaml");
    std::os::unix::fs::symlink(&looped, &looped).expect("symlink");
    made.push(looped);
    let dangling = dir.join("dangling.charter");
    std::os::unix::fs::symlink(dir.join("nothing-here"), &dangling).expect("symlink");
    made.push(dangling);
    // The folder holding them all: the walks meet the FIFOs and links there.
    made.push(dir.to_path_buf());
    made
}

#[test]
fn every_hostile_input_through_every_command_is_bounded_and_writes_nothing() {
    let (bin, limit) = binary();
    let hostile = Path::new(env!("CARGO_MANIFEST_DIR")).join(HOSTILE);
    let before = state(&hostile);
    assert!(before.len() >= 20, "the hostile inputs are missing: {}", hostile.display());

    let made = tempfile::tempdir().expect("a temporary folder");
    let mut inputs = files(&hostile);
    inputs.extend(uncommittable(made.path()));
    let made_before = files(made.path());

    let mut worst = (Duration::ZERO, 0i64);
    let mut failures = Vec::new();
    for input in &inputs {
        let input = input.to_str().expect("a UTF-8 path");
        for args in [
            vec!["check", input],
            vec!["lint", "--policy", input],
            vec!["fmt", "--check", input],
            vec!["verify", input],
        ] {
            let cwd = tempfile::tempdir().expect("a temporary folder");
            let out = tempfile::tempdir().expect("a temporary folder");
            let r = run(&bin, cwd.path(), out.path(), &args, limit);
            let what = args.join(" ");
            if !(0..=2).contains(&r.status) {
                let stderr = std::fs::read_to_string(out.path().join("stderr")).unwrap_or_default();
                failures.push(format!("{what}: exit {}\n{stderr}", r.status));
            }
            if r.wall > limit {
                failures.push(format!("{what}: {:?}, over {limit:?}", r.wall));
            }
            if r.peak_kb > MEMORY_KB {
                failures.push(format!("{what}: {} KB peak, over {MEMORY_KB} KB", r.peak_kb));
            }
            let written = files(cwd.path());
            if !written.is_empty() {
                failures.push(format!("{what}: wrote {written:?}"));
            }
            worst = (worst.0.max(r.wall), worst.1.max(r.peak_kb));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    assert_eq!(state(&hostile), before, "a hostile input was changed");
    assert_eq!(files(made.path()), made_before, "a file was written beside the FIFOs");
    // 25 committed inputs and 5 made here, four commands each.
    assert!(inputs.len() >= 25, "{} inputs", inputs.len());
    eprintln!("slowest run {:?}, largest peak {} KB", worst.0, worst.1);
}
