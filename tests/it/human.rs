//! The human report as an auditor reads it on a terminal: bounded excerpts whatever the
//! input, escaped control characters, columns in characters, `where` and waivers shown,
//! errors in text order, and `--color`.

use std::path::Path;

use crate::cli::{charter, json_report, status, stdout};

const POLICIES: &str = "tests/fixtures/check/policies";
const RECORD: &str = "tests/fixtures/check/overlap-exclusive/fires/record.yaml";

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn record() -> String {
    std::fs::read_to_string(root().join(RECORD)).expect("the fixture record exists")
}

/// Runs `check` on one record text written to a temporary folder.
fn check_text(text: &str, args: &[&str]) -> std::process::Output {
    let dir = tempfile::tempdir().expect("a temporary folder");
    std::fs::write(dir.path().join("record.yaml"), text).expect("the record is written");
    let policies = root().join(POLICIES);
    let mut all = vec!["check", "--policy", policies.to_str().expect("a UTF-8 path")];
    all.extend_from_slice(args);
    all.push("record.yaml");
    charter(dir.path(), &all)
}

fn longest_line(text: &str) -> usize {
    text.lines().map(|l| l.chars().count()).max().unwrap_or(0)
}

#[test]
fn a_label_past_column_65535_is_shown_in_a_window() {
    let long = format!("agreement: {{id: {}, bad: 1}}\n", "y".repeat(70_000));
    let out = check_text(&long, &[]);
    assert_eq!(status(&out), 2, "{}", String::from_utf8_lossy(&out.stderr));
    let text = stdout(&out);
    assert!(longest_line(&text) < 260, "a line of {} characters", longest_line(&text));
    assert!(text.contains("…yyyy"), "the cut is marked:\n{text}");
    // `bad` starts at character 70,019 of the line, and the header says so.
    assert!(text.contains("[record.yaml:1:70019]"), "{text}");
    assert!(text.contains("unknown field `bad`"), "{text}");
}

#[test]
fn a_minified_json_record_with_an_error_near_its_end_does_not_crash() {
    let filler: Vec<String> = (0..3000).map(|i| format!("\"k{i}\":{i}")).collect();
    let json = format!(
        "{{\"agreement\":{{\"id\":\"a\",\"attributes\":{{{}}},\"term\":5}}}}",
        filler.join(",")
    );
    assert!(json.len() > 30_000);
    let dir = tempfile::tempdir().expect("a temporary folder");
    std::fs::write(dir.path().join("record.json"), &json).expect("written");
    let out = charter(dir.path(), &["check", "record.json"]);
    assert_eq!(status(&out), 2);
    let text = stdout(&out);
    assert!(longest_line(&text) < 260, "a line of {} characters", longest_line(&text));
    assert!(text.contains("record::"), "{text}");
}

#[test]
fn a_megabyte_of_nul_prints_a_short_excerpt() {
    let out = check_text(&"\0".repeat(1 << 20), &[]);
    assert_eq!(status(&out), 2);
    let text = stdout(&out);
    assert!(text.len() < 4_000, "{} bytes of report", text.len());
    assert!(text.contains("\\u{0}"), "NUL is shown escaped:\n{text}");
    assert!(!text.contains('\0'));
}

#[test]
fn labels_far_apart_print_only_the_lines_around_them() {
    // 3,000 comment lines between the two holders of `resolve_disputes`.
    let filler = "  # a comment between the clauses\n".repeat(3000);
    let text = record().replace("  - id: \"2.1\"\n", &format!("{filler}  - id: \"2.1\"\n"));
    let out = check_text(&text, &[]);
    assert_eq!(status(&out), 1);
    let shown = stdout(&out);
    assert!(shown.contains("overlap::exclusive"), "{shown}");
    assert!(shown.lines().count() < 200, "{} lines printed", shown.lines().count());
}

#[test]
fn control_characters_from_a_record_reach_the_terminal_escaped() {
    let id = "\"yibin\\e[2J\\e]0;pwned\\a-gov\"";
    let text = record().replace("yibin-gov", id);
    let out = check_text(&text, &[]);
    assert_eq!(status(&out), 1);
    let shown = stdout(&out);
    assert!(!shown.contains('\u{1b}') && !shown.contains('\u{7}'), "raw escape: {shown:?}");
    assert!(shown.contains("yibin\\u{1b}[2J\\u{1b}]0;pwned\\u{7}-gov"), "{shown}");

    // JSON keeps the exact value.
    let out = check_text(&text, &["--format", "json"]);
    let report = json_report(&out);
    let parties: Vec<String> = report["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .flat_map(|f| f["parties"].as_array().cloned().unwrap_or_default())
        .filter_map(|p| p.as_str().map(str::to_owned))
        .collect();
    assert!(parties.contains(&"yibin\u{1b}[2J\u{1b}]0;pwned\u{7}-gov".to_owned()), "{parties:?}");
}

#[test]
fn the_matrix_escapes_control_characters_too() {
    let text = record().replace("yibin-gov", "\"yibin\\e[2J-gov\"");
    let dir = tempfile::tempdir().expect("a temporary folder");
    std::fs::write(dir.path().join("record.yaml"), text).expect("written");
    let policies = root().join(POLICIES);
    let out = charter(
        dir.path(),
        &["matrix", "--policy", policies.to_str().expect("UTF-8"), "record.yaml"],
    );
    let shown = stdout(&out);
    assert!(shown.contains("yibin\\u{1b}[2J-gov"), "{shown}");
    assert!(!shown.contains('\u{1b}'), "raw escape: {shown:?}");
}

#[test]
fn columns_count_characters_after_chinese_text() {
    let text = record().replace(
        "  title: Yibin Smart Manufacturing Joint Laboratory\n",
        "  title: 宜宾智能制造联合实验室\n  subtitle: 联合实验室\n",
    );
    let out = check_text(&text, &["--format", "json"]);
    let report = json_report(&out);
    let finding = report["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .find(|f| f["message"].as_str().unwrap_or_default().contains("subtitle"))
        .expect("the unknown field is reported")
        .clone();
    let (line, column) = (&finding["location"]["line"], &finding["location"]["column"]);
    let human = stdout(&check_text(&text, &[]));
    let header = format!("[record.yaml:{line}:{column}]");
    assert!(human.contains(&header), "{header} missing:\n{human}");
    // The same field after Chinese text on its own line: column 3.
    assert_eq!(column, 3);
}

#[test]
fn a_chinese_line_is_cut_at_a_character_boundary_and_counted_in_characters() {
    let title = "宜".repeat(500);
    let line = format!("  term: {{ from: 2024-01-01, until: 2026-12-31, note: {title}, bad: 1 }}");
    let text = record().replace("  term: { from: 2024-01-01, until: 2026-12-31 }", &line);
    let column = line.chars().count() - "bad: 1 }".chars().count() + 1;
    let out = check_text(&text, &[]);
    let shown = stdout(&out);
    // A wide character takes two columns: the window stays narrow on screen too.
    let widest = shown
        .lines()
        .map(|l| l.chars().map(|c| if c == '宜' { 2 } else { 1 }).sum::<usize>())
        .max();
    assert!(widest < Some(260), "{shown}");
    assert!(shown.contains(&format!(":{column}]")), "column {column}:\n{shown}");
    assert!(shown.contains("…宜宜"), "{shown}");
}

#[test]
fn gaps_print_where_they_hold() {
    let text = record()
        .replace(
            "  - id: \"1.3\"\n    party: sme-assoc\n    norm: duty\n    act: resolve_disputes\n",
            "",
        )
        .replace(
            "    period: { from: 2025-01-01, until: 2025-12-31 }\n",
            "    period: { from: 2025-01-01, until: 2025-06-30 }\n",
        );
    let out = check_text(&text, &[]);
    let shown = stdout(&out);
    assert!(shown.contains("gap::uncovered"), "{shown}");
    assert!(
        shown.contains("where: region=cuiping|sanjiang, field=robotics, 2024-01-01..2024-12-31"),
        "{shown}"
    );
    assert!(
        shown.contains("where: region=cuiping|sanjiang, field=robotics, 2025-07-01..2026-12-31"),
        "{shown}"
    );
}

#[test]
fn a_waived_finding_shows_its_waiver() {
    let dir = root().join("tests/fixtures/report/waivers");
    let policies = root().join(POLICIES);
    let out = charter(
        &dir,
        &[
            "check",
            "--as-of",
            "2026-01-01",
            "--policy",
            policies.to_str().expect("UTF-8"),
            "record.yaml",
        ],
    );
    let shown = stdout(&out);
    let json = json_report(&charter(
        &dir,
        &[
            "check",
            "--format",
            "json",
            "--as-of",
            "2026-01-01",
            "--policy",
            policies.to_str().expect("UTF-8"),
            "record.yaml",
        ],
    ));
    let waived = json["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .find(|f| !f["waiver"].is_null())
        .expect("one finding is waived")
        .clone();
    let line = format!(
        "waived: {} (approved by {}, expires {})",
        waived["waiver"]["reason"].as_str().expect("a reason"),
        waived["waiver"]["approved_by"].as_str().expect("an approver"),
        waived["waiver"]["expires"].as_str().expect("an expiry"),
    );
    // The message wraps at the terminal width: read it as one line.
    let unwrapped: Vec<&str> =
        shown.lines().map(|l| l.trim_start().trim_start_matches("│ ")).collect();
    assert!(unwrapped.join(" ").contains(&line), "{line} missing:\n{shown}");
}

#[test]
fn a_files_errors_are_listed_in_text_order() {
    let text = "agreement:\n  id: x\n  term: { from: 2024-01-01, until: nope }\n  bogus: 1\nparties:\n  - { id: p, role: nobody }\nclauses: []\n";
    let out = check_text(text, &[]);
    assert_eq!(status(&out), 2);
    let shown = stdout(&out);
    let positions: Vec<(usize, usize)> = shown
        .lines()
        .filter_map(|l| l.trim().strip_prefix("╭─[record.yaml:"))
        .map(|rest| {
            let rest = rest.trim_end_matches(']');
            let (line, col) = rest.split_once(':').expect("line:column");
            (line.parse().expect("a line"), col.parse().expect("a column"))
        })
        .collect();
    assert!(positions.len() >= 3, "{shown}");
    let mut sorted = positions.clone();
    sorted.sort_unstable();
    assert_eq!(positions, sorted, "{shown}");
}

#[test]
fn color_always_and_never_override_the_terminal_and_no_color() {
    let out = check_text(&record(), &["--color", "always"]);
    assert!(stdout(&out).contains('\u{1b}'), "colour is forced although NO_COLOR is set");
    let out = check_text(&record(), &["--color", "never"]);
    assert!(!stdout(&out).contains('\u{1b}'));
    let out = check_text(&record(), &["--color", "sometimes"]);
    assert_eq!(status(&out), 2);
}

#[test]
fn file_names_reach_the_terminal_escaped() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let name = "p\u{1b}[2J.charter";
    std::fs::write(dir.path().join(name), "role  government \"Government\"\n").expect("written");
    let out = charter(dir.path(), &["fmt", "--check", name]);
    assert_eq!(status(&out), 1);
    let shown = stdout(&out);
    assert!(shown.contains("would reformat p\\u{1b}[2J.charter"), "{shown:?}");
    assert!(!shown.contains('\u{1b}'));
}
