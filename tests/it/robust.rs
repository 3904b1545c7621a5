//! Broken inputs through the real binary: the malformed-input suite, the hard limits, and
//! the inputs the fuzzers found.
//!
//! tests/fixtures/malformed/<case>/ holds a `record.yaml` (checked with
//! `charter check --format json` against the shared `malformed/shared.charter`) or a
//! `policy.charter` (run through `charter lint --policy`, and through `check --format json`
//! for the location). Its `expect` file names the code, line and column of the first
//! diagnostic (`-` for a diagnostic without a place); `snapshot.snap` is the human report.
//!
//! Everything runs the binary, not the library: integration tests run on threads with
//! 2 MiB stacks in debug builds, and a stack overflow must show up as the crash it would be.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use serde_json::Value;

const MALFORMED: &str = "tests/fixtures/malformed";
const REGRESSIONS: &str = "tests/fixtures/fuzz-regressions";

/// Runs the binary in `dir`, with a cap on its address space so that runaway memory
/// growth fails the test instead of the machine.
fn charter_in(dir: &Path, args: &[&str], memory_mib: u64) -> Output {
    let mut script = format!("ulimit -v {} && exec \"$0\"", memory_mib * 1024);
    for i in 1..=args.len() {
        script.push_str(&format!(" \"${i}\""));
    }
    Command::new("sh")
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .arg("-c")
        .arg(script)
        .arg(env!("CARGO_BIN_EXE_charter"))
        .args(args)
        .output()
        .expect("the charter binary runs")
}

/// The exit status; a death by signal (stack overflow, abort) fails the test here.
fn status(out: &Output, what: &str) -> i32 {
    match out.status.code() {
        Some(code) if code != 101 => code,
        _ => panic!(
            "{what}: charter crashed ({:?})\n{}",
            out.status,
            String::from_utf8_lossy(&out.stderr)
        ),
    }
}

/// The findings of a `--format json` report.
fn findings(out: &Output, what: &str) -> Vec<Value> {
    let report: Value = serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("{what}: the report is not JSON: {e}"));
    report["findings"].as_array().cloned().unwrap_or_default()
}

/// `code line column` of a finding, `-` where it has no place.
fn place(finding: &Value) -> String {
    let at = |key: &str| match &finding["location"][key] {
        Value::Number(n) => n.to_string(),
        _ => "-".to_string(),
    };
    format!("{} {} {}", finding["code"].as_str().unwrap_or("?"), at("line"), at("column"))
}

/// The primary diagnostic: the first in the file (reports sort by code before place), or
/// the first listed when none has a place.
fn primary(findings: &[Value]) -> Option<&Value> {
    let key = |f: &Value| {
        let n = |k: &str| f["location"][k].as_u64().unwrap_or(u64::MAX);
        (n("line"), n("column"))
    };
    findings.iter().enumerate().min_by_key(|(i, f)| (key(f), *i)).map(|(_, f)| f)
}

fn cases(root: &str) -> Vec<PathBuf> {
    let mut cases: Vec<PathBuf> = std::fs::read_dir(root)
        .map(|dir| dir.filter_map(Result::ok).map(|e| e.path()).filter(|p| p.is_dir()).collect())
        .unwrap_or_default();
    cases.sort();
    cases
}

/// Runs one case: the first diagnostic's place (`clean` if there is none) and the
/// human report with the exit status, for the snapshot.
fn run_case(case: &Path) -> (String, String) {
    let what = case.display().to_string();
    let (json, human) = if case.join("record.yaml").exists() {
        let args = ["check", "--policy", "../shared.charter", "record.yaml"];
        let json = charter_in(case, &[&args[..], &["--format", "json"]].concat(), 1024);
        (json, charter_in(case, &args, 1024))
    } else {
        // The case folder holds no record, so `check` reports on the policy alone.
        let json =
            charter_in(case, &["check", "--policy", "policy.charter", ".", "-f", "json"], 1024);
        (json, charter_in(case, &["lint", "--policy", "policy.charter"], 1024))
    };
    let exit = status(&human, &what);
    assert_eq!(status(&json, &what), exit, "{what}: json and human exit differently");
    let first = primary(&findings(&json, &what)).map_or_else(|| "clean".to_string(), place);
    let text = format!("exit {exit}\n{}", shorten(&String::from_utf8_lossy(&human.stdout)));
    (first, text)
}

/// The report with each very long line (the giant-string cases quote a line of the input)
/// cut to its first 200 characters, so that snapshots stay readable.
fn shorten(report: &str) -> String {
    let mut out = String::with_capacity(report.len().min(1 << 16));
    for line in report.split_inclusive('\n') {
        let n = line.chars().count();
        if n > 400 {
            out.extend(line.chars().take(200));
            out.push_str(&format!("… ({} more characters)\n", n - 200));
        } else {
            out.push_str(line);
        }
    }
    out
}

/// Every malformed input gives its expected diagnostic at its expected place, exits 2
/// (an input error) unless its `expect` says the input is clean, and renders as snapshotted.
#[test]
fn malformed_inputs_give_clean_diagnostics() {
    let cases = cases(MALFORMED);
    assert!(cases.len() >= 60, "only {} malformed cases", cases.len());
    let mut wrong = Vec::new();
    for case in &cases {
        let expect = std::fs::read_to_string(case.join("expect")).unwrap_or_default();
        let (first, text) = run_case(case);
        if first != expect.trim() {
            wrong.push(format!("{}: expected `{}`, got `{first}`", case.display(), expect.trim()));
        }
        if expect.trim() != "clean" && !text.starts_with("exit 2\n") {
            wrong.push(format!("{}: an input error must exit 2", case.display()));
        }
        let folder = std::fs::canonicalize(case).expect("fixture path");
        insta::with_settings!({
            snapshot_path => folder,
            prepend_module_to_snapshot => false,
            omit_expression => true,
        }, {
            insta::assert_snapshot!("snapshot", text);
        });
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

/// Every input code of CHECKS.md has at least one malformed case.
#[test]
fn every_input_code_has_a_malformed_case() {
    let expected: Vec<String> = cases(MALFORMED)
        .iter()
        .filter_map(|c| std::fs::read_to_string(c.join("expect")).ok())
        .collect();
    for code in [
        "syntax::policy",
        "syntax::too-deep",
        "syntax::record",
        "record::schema",
        "record::duplicate-id",
        "record::unknown-reference",
        "record::bad-period",
        "record::control-cycle",
        "record::type-mismatch",
        "policy::undefined",
        "policy::duplicate",
        "policy::invalid-path",
        "io::read",
    ] {
        let n = expected.iter().filter(|e| e.starts_with(&format!("{code} "))).count();
        assert!(n > 0, "no malformed case expects {code}");
    }
}

/// Inputs the fuzzers once crashed on, replayed through the library entry points the fuzz
/// targets call (the folder names the target: `policy`, `record`, `check`, `fmt`).
#[test]
fn fuzz_regressions_replay_without_a_panic() {
    let mut replayed = 0;
    for target in cases(REGRESSIONS) {
        let name = target.file_name().and_then(|n| n.to_str()).unwrap_or_default().to_string();
        let mut inputs: Vec<PathBuf> = std::fs::read_dir(&target)
            .map(|d| d.filter_map(Result::ok).map(|e| e.path()).collect())
            .unwrap_or_default();
        inputs.sort();
        for input in inputs {
            let data = std::fs::read(&input).expect("regression input");
            match name.as_str() {
                "policy" => drop(charter::fuzzing::policy_text(&data)),
                "record" => drop(charter::fuzzing::record_text(&data)),
                "check" => drop(charter::fuzzing::check_bytes(&data)),
                "fmt" => charter::fuzzing::fmt_round_trip(&String::from_utf8_lossy(&data)),
                other => panic!("unknown fuzz target folder `{other}`"),
            }
            replayed += 1;
        }
    }
    assert!(replayed >= 4, "only {replayed} regression inputs replayed");
}

/// The fuzz targets' entry points on the fixtures of the repository: what they assert
/// (valid JSON reports, spans inside files, fmt round trips) holds on real inputs too.
#[test]
fn fuzz_entry_points_hold_on_the_seed_corpus() {
    for target in ["policy", "record", "check", "fmt"] {
        for input in cases_files(&format!("fuzz/corpus/{target}")) {
            let data = std::fs::read(&input).expect("seed");
            match target {
                "policy" => assert!(charter::fuzzing::policy_text(&data) < 10_000),
                "record" => {
                    assert!(charter::fuzzing::record_text(&data) > 0, "{}", input.display())
                }
                "check" => assert!(charter::fuzzing::check_bytes(&data) > 0),
                _ => charter::fuzzing::fmt_round_trip(&String::from_utf8_lossy(&data)),
            }
        }
    }
}

fn cases_files(root: &str) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(root)
        .map(|d| d.filter_map(Result::ok).map(|e| e.path()).filter(|p| p.is_file()).collect())
        .unwrap_or_default();
    files.sort();
    assert!(!files.is_empty(), "no seeds in {root}");
    files
}

/// A scratch folder holding one input file, for the limit tests.
fn scratch(name: &str, text: &[u8]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::write(dir.path().join(name), text).expect("write input");
    std::fs::write(dir.path().join("p.charter"), "role government\npower supervise\n")
        .expect("write policy");
    dir
}

/// Checks one generated record file through the binary under a memory cap: the codes of
/// its findings, in order, after asserting a clean exit 2.
fn check_codes(name: &str, text: &[u8], memory_mib: u64) -> Vec<String> {
    let dir = scratch(name, text);
    let out =
        charter_in(dir.path(), &["check", "--policy", "p.charter", name, "-f", "json"], memory_mib);
    assert_eq!(status(&out, name), 2, "{name}: {}", String::from_utf8_lossy(&out.stderr));
    findings(&out, name).iter().map(|f| f["code"].as_str().unwrap_or("?").to_string()).collect()
}

/// Over 64 MiB is `io::read`, refused before reading: a sparse file costs no disk, and
/// the cap on memory shows the file is not read.
#[test]
fn limit_input_size() {
    let dir = scratch("big.yaml", b"");
    let file = std::fs::File::create(dir.path().join("big.yaml")).expect("create");
    file.set_len(charter::input::MAX_INPUT_BYTES + 1).expect("sparse file");
    let out =
        charter_in(dir.path(), &["check", "--policy", "p.charter", "big.yaml", "-f", "json"], 256);
    assert_eq!(status(&out, "big.yaml"), 2);
    let found = findings(&out, "big.yaml");
    assert_eq!(place(&found[0]), "io::read - -");
    assert!(found[0]["message"].as_str().unwrap_or("").contains("64 MiB"));
    // The same for a policy file.
    let out = charter_in(dir.path(), &["lint", "--policy", "big.yaml"], 256);
    assert_eq!(status(&out, "lint big.yaml"), 2);
    assert!(String::from_utf8_lossy(&out.stdout).contains("io::read"));
}

/// A million `(` and a million `not` are `syntax::too-deep` (or a syntax error first),
/// never a stack overflow of the real binary.
#[test]
fn limit_condition_depth() {
    for (name, deep) in [("parens", "(".repeat(1_000_000)), ("nots", "not ".repeat(1_000_000))] {
        let text = format!(
            "role government\nact fund\narticle 1 {{\n  government must fund when {deep}agreement.x == 1;\n}}\n"
        );
        let dir = scratch("deep.charter", text.as_bytes());
        let out = charter_in(dir.path(), &["lint", "--policy", "deep.charter"], 1024);
        assert_eq!(status(&out, name), 2, "{name}");
        // Exactly one error; the statement is dropped, so its role and act are unused.
        let stdout = String::from_utf8_lossy(&out.stdout);
        assert_eq!(
            codes_in(&stdout),
            ["syntax::too-deep", "policy::unused", "policy::unused"],
            "{name}: {stdout:.2000}"
        );
    }
    // 64 nested parentheses are fine, 65 are not.
    for (levels, ok) in [(64, true), (65, false)] {
        let cond = format!("{}agreement.x == 1{}", "(".repeat(levels), ")".repeat(levels));
        let text = format!(
            "role government\nact fund\narticle 1 {{\n  government must fund when {cond};\n}}\n"
        );
        let dir = scratch("deep.charter", text.as_bytes());
        let out = charter_in(dir.path(), &["lint", "--policy", "deep.charter"], 1024);
        let stdout = String::from_utf8_lossy(&out.stdout);
        let expected: &[&str] =
            if ok { &[] } else { &["syntax::too-deep", "policy::unused", "policy::unused"] };
        assert_eq!(codes_in(&stdout), expected, "{levels} levels: {stdout:.3000}");
        assert_eq!(status(&out, "levels"), if ok { 0 } else { 2 });
    }
}

/// The codes of a human report, in order: the lines that hold nothing but a code.
fn codes_in(report: &str) -> Vec<&str> {
    report.lines().filter(|l| charter::checks::Code::parse(l).is_some()).collect()
}

/// Deep YAML nesting and an alias bomb are `syntax::record`, with memory capped at a few
/// hundred MiB for inputs of a few MiB.
#[test]
fn limit_yaml_nesting_and_aliases() {
    let deep = format!("agreement: {}{}\n", "[".repeat(1_000_000), "]".repeat(1_000_000));
    assert_eq!(check_codes("deep.yaml", deep.as_bytes(), 512), ["syntax::record"]);
    let deep_maps = format!(
        "{}x: 1\n",
        (0..2_000).map(|i| format!("{}k:\n", " ".repeat(i))).collect::<String>()
    );
    assert_eq!(check_codes("maps.yaml", deep_maps.as_bytes(), 512), ["syntax::record"]);
    let mut bomb = String::from("a: &a [x, x, x, x, x, x, x, x, x, x]\n");
    for i in 0..20u8 {
        let (name, prev) = ((b'b' + i) as char, (b'a' + i) as char);
        bomb.push_str(&format!("{name}: &{name} [{}]\n", vec![format!("*{prev}"); 10].join(", ")));
    }
    assert_eq!(check_codes("bomb.yaml", bomb.as_bytes(), 512), ["syntax::record"]);
}

/// More records in a file than MAX_RECORDS_PER_FILE, or more clauses in one agreement
/// than MAX_CLAUSES_PER_RECORD, is `record::limit`, once.
#[test]
fn limit_records_and_clauses() {
    let stream = "---\na: 1\n".repeat(charter::record::MAX_RECORDS_PER_FILE + 1);
    let codes = check_codes("many.yaml", stream.as_bytes(), 1024);
    assert_eq!(codes.iter().filter(|c| *c == "record::limit").count(), 1);
    let mut text = String::from(
        "agreement: { id: a, term: { from: 2024-01-01, until: 2025-01-01 } }\nclauses:\n",
    );
    text.push_str(&"- x\n".repeat(charter::record::MAX_CLAUSES_PER_RECORD + 1));
    let codes = check_codes("clauses.yaml", text.as_bytes(), 1024);
    assert_eq!(codes.iter().filter(|c| *c == "record::limit").count(), 1, "{codes:?}");
}

/// A few clauses that cut the scope into 2^20 cells, and fifty without a scope that each
/// cover all of them: 50 million (clause, cell) pairs, which took 2.5 GB. The sweep stops at
/// `coverage::MAX_CELL_HOLDINGS` and says so.
#[test]
fn limit_cells_covered_by_the_holders_of_an_act() {
    let mut text = String::from(
        "agreement:\n  id: fine\n  term: { from: 2024-01-01, until: 2026-12-31 }\n  scope:\n",
    );
    for d in 0..20 {
        text.push_str(&format!("    d{d}: [a, b]\n"));
    }
    text.push_str("parties:\n  - { id: gov, role: government }\n  - { id: uni, role: university }\nclauses:\n");
    for d in 0..20 {
        text.push_str(&format!(
            "  - {{ id: \"s{d}\", party: gov, norm: power, act: supervise, scope: {{ d{d}: [a] }} }}\n"
        ));
    }
    for i in 0..50 {
        text.push_str(&format!(
            "  - {{ id: \"u{i}\", party: uni, norm: power, act: supervise }}\n"
        ));
    }
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::write(dir.path().join("fine.yaml"), &text).expect("write input");
    let policy = "role government\nrole university\npower supervise\n\
                  article 1 { require exactly one holder of supervise; }\n";
    std::fs::write(dir.path().join("p.charter"), policy).expect("write policy");
    let out = charter_in(
        dir.path(),
        &["check", "--policy", "p.charter", "fine.yaml", "-f", "json"],
        1024,
    );
    assert_eq!(status(&out, "fine.yaml"), 2, "{}", String::from_utf8_lossy(&out.stderr));
    let found = findings(&out, "fine.yaml");
    let limit =
        found.iter().find(|f| f["code"] == "record::limit").expect("a record::limit finding");
    let message = limit["message"].as_str().unwrap_or_default();
    assert!(message.contains("cover more than 4194304 cells"), "{message}");
}
