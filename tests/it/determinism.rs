//! The same inputs give byte-identical reports, whatever the number of worker threads and
//! however often the check runs: 200 generated agreements (some broken on purpose, so
//! that input diagnostics and findings interleave), checked against the repository's
//! `policies/` with `--jobs 1` and `--jobs 4`, twice each, in JSON and in SARIF.

use std::path::Path;
use std::process::Command;

/// A small deterministic generator (a 64-bit LCG), so the test needs no corpus tool.
struct Rng(u64);

impl Rng {
    fn below(&mut self, n: usize) -> usize {
        self.0 = self.0.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        ((self.0 >> 33) % n as u64) as usize
    }

    fn pick<'a>(&mut self, list: &[&'a str]) -> &'a str {
        list[self.below(list.len())]
    }
}

const ROLES: &[&str] = &["government", "university", "enterprise", "association", "researcher"];
const ACTS: &[&str] = &[
    "research",
    "train_talent",
    "fund",
    "provide_venue",
    "resolve_disputes",
    "supervise",
    "evaluate",
    "allocate",
    "decide_key_matters",
    "manage_ip",
    "formulate_policy",
];
const NORMS: &[&str] = &["duty", "power", "permission", "prohibition"];
const REGIONS: &[&str] = &["cuiping", "sanjiang", "xuzhou", "nanxi"];

/// One agreement; about one in ten has a broken reference or period.
fn agreement(rng: &mut Rng, n: usize) -> String {
    let year = 2020 + rng.below(6);
    let mut s = format!(
        "agreement:\n  id: gen-{n:03}\n  term: {{ from: {year}-01-01, until: {}-12-31 }}\n  scope:\n    region: [{}, {}]\n  attributes:\n    kind: {}\n    budget: {}\nparties:\n",
        year + 1 + rng.below(3),
        REGIONS[0],
        REGIONS[1 + rng.below(3)],
        rng.pick(&["joint-lab", "incubator", "training-base"]),
        rng.below(20) * 1_000_000,
    );
    let parties = 2 + rng.below(4);
    for p in 0..parties {
        s.push_str(&format!("  - {{ id: p{p}, role: {} }}\n", rng.pick(ROLES)));
    }
    s.push_str("clauses:\n");
    for c in 0..1 + rng.below(12) {
        let party = if rng.below(40) == 0 { parties } else { rng.below(parties) };
        s.push_str(&format!(
            "  - {{ id: \"{c}\", party: p{party}, norm: {}, act: {}",
            rng.pick(NORMS),
            rng.pick(ACTS)
        ));
        if rng.below(4) == 0 {
            s.push_str(&format!(", scope: {{ region: [{}] }}", REGIONS[0]));
        }
        if rng.below(5) == 0 {
            s.push_str(&format!(", accountable_to: p{}", rng.below(parties)));
        }
        if rng.below(30) == 0 {
            s.push_str(&format!(", period: {{ from: {}-06-01, until: {}-05-01 }}", year, year));
        }
        s.push_str(" }\n");
    }
    if rng.below(5) == 0 {
        s.push_str("waivers:\n  - { code: gap::uncovered, reason: pilot, approved_by: p0, expires: 2030-01-01 }\n");
    }
    s
}

fn run(dir: &Path, format: &str, jobs: &str) -> Vec<u8> {
    let policies = std::fs::canonicalize("policies").expect("the repository's policies/");
    let out = Command::new(env!("CARGO_BIN_EXE_charter"))
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .args(["check", "--policy"])
        .arg(&policies)
        .args(["--as-of", "2025-01-01", "--format", format, "--jobs", jobs, "records"])
        .output()
        .expect("the charter binary runs");
    assert!(
        matches!(out.status.code(), Some(0..=2)),
        "{format} --jobs {jobs}: {:?}\n{}",
        out.status,
        String::from_utf8_lossy(&out.stderr)
    );
    out.stdout
}

#[test]
fn two_hundred_agreements_give_the_same_bytes_with_any_jobs() {
    let dir = tempfile::tempdir().expect("temp dir");
    let records = dir.path().join("records");
    std::fs::create_dir_all(&records).expect("records folder");
    let mut rng = Rng(0x00c0_ffee);
    for n in 0..200 {
        // Spread over folders so that discovery order matters too.
        let sub = records.join(format!("batch-{}", n % 7));
        std::fs::create_dir_all(&sub).expect("batch folder");
        std::fs::write(sub.join(format!("a-{n:03}.yaml")), agreement(&mut rng, n)).expect("write");
    }
    for format in ["json", "sarif"] {
        let reference = run(dir.path(), format, "1");
        let report: serde_json::Value =
            serde_json::from_slice(&reference).expect("the report is JSON");
        let findings = if format == "json" {
            report["findings"].as_array().map_or(0, Vec::len)
        } else {
            report["runs"][0]["results"].as_array().map_or(0, Vec::len)
        };
        // The generator must give the engine something to sort, or the test shows nothing.
        assert!(findings > 200, "{format}: only {findings} findings");
        for (jobs, attempt) in [("1", 2), ("4", 1), ("4", 2)] {
            let again = run(dir.path(), format, jobs);
            assert!(
                again == reference,
                "{format} --jobs {jobs} (run {attempt}) differs from --jobs 1"
            );
        }
    }
}
