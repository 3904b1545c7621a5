//! Tests of the record stage, driven by fixtures in tests/fixtures/record/.
//! Each fixture is a folder with a `record.yaml`; its diagnostics are snapshotted as the
//! human report renders them, followed by where each label sits (line:column and text),
//! and the tests assert the code, line and column of the key diagnostics directly.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, OnceLock};
use std::time::{Duration, Instant};

use charter::checks::Code;
use charter::diagnostic::Diagnostic;
use charter::policy::PolicySet;
use charter::record::{Loaded, load_records};
use charter::source::{SourceFile, SourceKind, SourceMap};
use charter::value::Value;

const FIXTURES: &str = "tests/fixtures/record";
const POLICY_DIR: &str = "tests/fixtures/conformance/clean/policies";

/// The conformance policy `cooperation.charter`, which the record fixtures name. The tests
/// fail, rather than fall back to something else, if it does not load cleanly.
fn policy() -> &'static PolicySet {
    static POLICY: OnceLock<PolicySet> = OnceLock::new();
    POLICY.get_or_init(|| {
        let path = PathBuf::from(POLICY_DIR);
        let mut sources = SourceMap::new();
        let (set, diagnostics) = charter::policy::load_policy_set(&[path], &mut sources);
        let shown = charter::report::human::render(&sources, &diagnostics, false);
        assert!(diagnostics.is_empty(), "{POLICY_DIR} does not load cleanly:\n{shown}");
        assert!(!set.declarations.is_empty(), "{POLICY_DIR} declares nothing");
        set
    })
}

fn load_text(text: &str) -> (SourceMap, Loaded) {
    let mut sources = SourceMap::new();
    let file =
        SourceFile::new("record.yaml".into(), Arc::from(text), SourceKind::Record, String::new());
    let id = sources.add(file);
    let loaded = load_records(&sources, id, policy());
    (sources, loaded)
}

fn load_path(path: &Path) -> Result<(SourceMap, Loaded), Box<Diagnostic>> {
    let text = charter::input::read_text(path, &charter::input::display_path(path))?;
    let mut sources = SourceMap::new();
    let shown = charter::input::display_path(path);
    let id = sources.add(SourceFile::new(shown, text.text, SourceKind::Record, text.sha256));
    let loaded = load_records(&sources, id, policy());
    Ok((sources, loaded))
}

fn fixture(case: &str) -> (SourceMap, Loaded) {
    load_path(&Path::new(FIXTURES).join(case).join("record.yaml")).expect("fixture is readable")
}

/// `code line:col` of each diagnostic's primary label.
fn places(sources: &SourceMap, diagnostics: &[Diagnostic]) -> Vec<String> {
    diagnostics
        .iter()
        .map(|d| match d.primary_span() {
            Some(span) => {
                let (line, col) = sources.line_col(span);
                format!("{} {line}:{col}", d.code.as_str())
            }
            None => d.code.as_str().to_owned(),
        })
        .collect()
}

/// The rendered report, then every label with its place and the text it covers.
fn report(sources: &SourceMap, diagnostics: &[Diagnostic]) -> String {
    let mut out = charter::report::human::render(sources, diagnostics, false);
    out.push_str("\n--- labels ---\n");
    for d in diagnostics {
        let record = d
            .record
            .as_ref()
            .map(|r| format!("#{} {:?}", r.index, r.agreement.as_deref().unwrap_or("?")));
        out.push_str(&format!(
            "{} [{}] {}\n",
            d.code.as_str(),
            record.unwrap_or_default(),
            d.message
        ));
        for label in &d.labels {
            let (line, col) = sources.line_col(label.span);
            out.push_str(&format!(
                "  {line}:{col} `{}`: {}\n",
                sources.text(label.span),
                label.message
            ));
        }
        out.push_str(&format!("  help: {}\n", d.help));
    }
    out
}

fn assert_places(loaded: &Loaded, sources: &SourceMap, expected: &[&str]) {
    assert_eq!(
        places(sources, &loaded.diagnostics),
        expected,
        "\n{}",
        report(sources, &loaded.diagnostics)
    );
}

#[test]
fn every_fixture_matches_its_snapshot() {
    // Every folder is a case: one without its record.yaml fails instead of being skipped.
    let cases = crate::folders(FIXTURES);
    assert!(cases.len() >= 12, "only {} record fixtures", cases.len());
    for case in cases {
        assert!(case.join("record.yaml").is_file(), "{} has no record.yaml", case.display());
        let name = case.file_name().and_then(|n| n.to_str()).unwrap_or_default().to_owned();
        let (sources, loaded) = fixture(&name);
        insta::assert_snapshot!(format!("record-{name}"), report(&sources, &loaded.diagnostics));
    }
}

#[test]
fn clean_record_loads_every_field() {
    let (sources, loaded) = fixture("clean");
    assert_places(&loaded, &sources, &[]);
    let [record] = loaded.records.as_slice() else { panic!("one record") };
    assert_eq!(record.agreement.id.text, "yibin-smart-manufacturing-2024");
    assert_eq!(record.agreement.scope[0].values[0].text, "翠屏区");
    assert_eq!(record.parties.len(), 5);
    assert_eq!(record.parties[3].controlled_by[0].text, "acme");
    assert_eq!(
        record.clauses[1].period.as_ref().map(|p| p.until.to_string()),
        Some("2025-06-30".into())
    );
    assert_eq!(record.clauses[2].benefit.as_ref().map(|b| b.text.as_str()), Some("ip_share"));
    assert_eq!(record.waivers[0].clauses[0].text, "4.2");
    // Spans are exact byte ranges, so columns count characters even after Chinese text.
    let party = &record.clauses[0].party;
    assert_eq!(sources.text(party.span), "宜宾市政府");
    assert_eq!(sources.line_col(party.span), (32, 12));
    let clause = &record.clauses[0];
    assert_eq!(sources.line_col(clause.span), (31, 5));
    assert_eq!(sources.text(clause.norm_span), "power");
}

#[test]
fn schema_problems_are_all_reported() {
    let (sources, loaded) = fixture("schema");
    assert!(loaded.records.is_empty());
    assert_places(
        &loaded,
        &sources,
        &[
            "record::schema 4:3",
            "record::schema 9:9",
            "record::schema 12:9",
            "record::schema 16:5",
            "record::schema 17:5",
            "record::schema 22:11",
            "record::schema 26:13",
        ],
    );
    let misspelt = &loaded.diagnostics[3];
    assert!(misspelt.labels[0].message.contains("did you mean `accountable_to`?"), "{misspelt:?}");
}

#[test]
fn norm_right_takes_a_benefit_and_no_act() {
    let (sources, loaded) = fixture("norm-right");
    assert_places(
        &loaded,
        &sources,
        &[
            "record::schema 11:5",
            "record::schema 14:5",
            "record::schema 22:5",
            "record::schema 23:5",
            "record::schema 26:5",
        ],
    );
}

#[test]
fn duplicate_ids_and_keys_label_both() {
    let (sources, loaded) = fixture("duplicate-id");
    assert_places(
        &loaded,
        &sources,
        &["record::duplicate-id 7:9", "record::duplicate-id 14:9", "record::duplicate-id 18:5"],
    );
    for d in &loaded.diagnostics {
        assert_eq!(d.labels.len(), 2);
    }
    assert_eq!(sources.line_col(loaded.diagnostics[0].labels[1].span), (5, 9));
}

#[test]
fn unknown_references_suggest_a_name() {
    let (sources, loaded) = fixture("unknown-reference");
    assert_places(
        &loaded,
        &sources,
        &[
            "record::unknown-reference 8:11",
            "record::unknown-reference 13:12",
            "record::unknown-reference 15:10",
            "record::unknown-reference 19:14",
            "record::unknown-reference 25:14",
            "record::unknown-reference 25:34",
            "record::unknown-reference 26:21",
            "record::unknown-reference 28:11",
            "record::unknown-reference 29:15",
        ],
    );
    let labels: Vec<&str> =
        loaded.diagnostics.iter().map(|d| d.labels[0].message.as_str()).collect();
    assert_eq!(labels[0], "did you mean `government`?");
    assert_eq!(labels[1], "did you mean `宜宾市政府`?");
    assert_eq!(labels[2], "did you mean `supervise`?");
    assert_eq!(labels[7], "did you mean `gap::vague-duty`?");
    // A party id's suggestion is in the help too, which JSON and SARIF carry.
    assert!(
        loaded.diagnostics[1].help.starts_with("did you mean `宜宾市政府`? Correct the id"),
        "{}",
        loaded.diagnostics[1].help
    );
}

#[test]
fn bad_periods_and_impossible_dates() {
    let (sources, loaded) = fixture("bad-period");
    assert_places(
        &loaded,
        &sources,
        &[
            "record::bad-period 5:13",
            "record::bad-period 13:40",
            "record::bad-period 18:13",
            "record::bad-period 23:21",
            "record::bad-period 28:14",
        ],
    );
}

#[test]
fn control_cycles_are_labelled() {
    let (sources, loaded) = fixture("control-cycle");
    assert_places(&loaded, &sources, &["record::control-cycle 7:50", "record::control-cycle 8:51"]);
    assert_eq!(loaded.diagnostics[0].labels.len(), 3);
}

#[test]
fn invalid_yaml_is_a_syntax_diagnostic_at_the_place() {
    let (sources, loaded) = fixture("syntax");
    assert_places(&loaded, &sources, &["syntax::record 3:21"]);
}

#[test]
fn a_broken_record_does_not_stop_the_others() {
    let (sources, loaded) = fixture("stream");
    assert_places(&loaded, &sources, &["syntax::record 10:11", "record::unknown-reference 16:28"]);
    let ids: Vec<&str> = loaded.records.iter().map(|r| r.agreement.id.text.as_str()).collect();
    assert_eq!(ids, ["first", "fourth"]);
    assert_eq!(loaded.records[1].index, 3);
    let named: Vec<_> = loaded
        .diagnostics
        .iter()
        .map(|d| d.record.as_ref().map(|r| (r.index, r.agreement.clone())))
        .collect();
    assert_eq!(named, [Some((1, None)), Some((2, Some("third".into())))]);
}

#[test]
fn three_records_with_a_broken_middle_one() {
    let one = |id: &str, role: &str| {
        format!(
            "agreement:\n  id: {id}\n  term: {{ from: 2024-01-01, until: 2026-12-31 }}\nparties: [{{ id: p, role: {role} }}]\nclauses: []\n"
        )
    };
    let text = format!(
        "{}---\n{}---\n{}",
        one("a", "government"),
        one("b", "nobody"),
        one("c", "university")
    );
    let (_, loaded) = load_text(&text);
    let ids: Vec<&str> = loaded.records.iter().map(|r| r.agreement.id.text.as_str()).collect();
    assert_eq!(ids, ["a", "c"]);
    assert_eq!(loaded.diagnostics.len(), 1);
}

#[test]
fn json_records_load() {
    let (sources, loaded) = fixture("json");
    assert_places(&loaded, &sources, &[]);
    let record = &loaded.records[0];
    assert_eq!(record.agreement.term.from.to_string(), "2024-01-01");
    assert_eq!(
        record.clauses[0].period.as_ref().map(|p| p.until.to_string()),
        Some("2024-12-31".into())
    );
}

#[test]
fn crlf_and_byte_order_mark_keep_columns() {
    let (sources, loaded) = fixture("crlf-bom");
    assert_places(&loaded, &sources, &["record::unknown-reference 5:21"]);
    assert_eq!(sources.text(loaded.diagnostics[0].labels[0].span), "govern");
}

#[test]
fn scalars_keep_their_written_type() {
    let (sources, loaded) = fixture("scalars");
    assert_places(&loaded, &sources, &[]);
    let attributes: HashMap<&str, &Value> = loaded.records[0]
        .agreement
        .attributes
        .iter()
        .map(|(n, v)| (n.text.as_str(), &v.value))
        .collect();
    let s = |t: &str| Value::Str(t.into());
    assert_eq!(attributes["currency"], &s("no"));
    assert_eq!(attributes["code"], &s("0123"));
    assert_eq!(attributes["big"], &s("1_000"));
    assert_eq!(attributes["hex"], &s("0x1F"));
    assert_eq!(attributes["version"], &s("3.1"));
    assert_eq!(attributes["ratio"], &Value::Number(3.1));
    assert!(matches!(attributes["signed"], Value::Date(_)));
    assert_eq!(attributes["quoted_date"], &s("2024-03-01"));
    assert_eq!(attributes["yes_flag"], &Value::Bool(true));
    assert_eq!(attributes["folded"], &s("2024-03-01"));
}

#[test]
fn conformance_records_load_cleanly() {
    for case in crate::conformance::cases() {
        let path = case.join("record.yaml");
        let (sources, loaded) = load_path(&path).expect("readable");
        assert_eq!(
            report(&sources, &loaded.diagnostics),
            "\n--- labels ---\n",
            "{}",
            path.display()
        );
        assert_eq!(loaded.records.len(), 1, "{}", path.display());
    }
}

/// A scratch folder of this test process, removed when dropped.
struct Scratch(PathBuf);

impl Scratch {
    fn new(name: &str) -> Scratch {
        let dir =
            std::env::temp_dir().join(format!("charter-record-{}-{name}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("temp dir");
        Scratch(dir)
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn io_error(path: &Path) -> Diagnostic {
    match load_path(path) {
        Err(d) => *d,
        Ok(_) => panic!("{} should not be readable", path.display()),
    }
}

#[test]
fn unreadable_files_are_io_read() {
    let scratch = Scratch::new("io");
    let missing = io_error(&scratch.0.join("missing.yaml"));
    assert_eq!(missing.code, Code::IoRead);
    assert!(missing.message.contains("no such file"), "{}", missing.message);

    let directory = io_error(&scratch.0);
    assert!(directory.message.contains("directory"), "{}", directory.message);

    let latin1 = scratch.0.join("latin1.yaml");
    std::fs::write(&latin1, b"agreement:\n  id: caf\xe9\n").expect("write");
    let not_utf8 = io_error(&latin1);
    assert!(not_utf8.message.contains("not UTF-8"), "{}", not_utf8.message);

    // 70 MiB, sparse: refused by size before it is read.
    let big = scratch.0.join("big.yaml");
    let file = std::fs::File::create(&big).expect("create");
    file.set_len(70 * 1024 * 1024).expect("grow");
    let started = Instant::now();
    let too_big = io_error(&big);
    assert!(too_big.message.contains("64 MiB"), "{}", too_big.message);
    assert!(started.elapsed() < Duration::from_secs(1));
}

fn syntax_quickly(text: &str, words: &str) {
    let started = Instant::now();
    let (sources, loaded) = load_text(text);
    assert!(started.elapsed() < Duration::from_secs(2), "took {:?}", started.elapsed());
    assert_eq!(loaded.diagnostics.len(), 1, "{}", report(&sources, &loaded.diagnostics));
    let d = &loaded.diagnostics[0];
    assert_eq!(d.code, Code::SyntaxRecord);
    assert!(d.labels[0].message.contains(words), "{}", d.labels[0].message);
}

#[test]
fn alias_bomb_is_refused_quickly() {
    let mut text = String::from("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
    for i in 1..30 {
        let refs = vec![format!("*a{}", i - 1); 10].join(", ");
        text.push_str(&format!("a{i}: &a{i} [{refs}]\n"));
    }
    syntax_quickly(&text, "aliases expand past the budget");
}

#[test]
fn deep_nesting_is_refused_without_overflow() {
    let depth = 100_000;
    syntax_quickly(
        &format!("{}{}", "[".repeat(depth), "]".repeat(depth)),
        "nesting deeper than 24",
    );
    syntax_quickly(
        &format!("{}1{}", "{a: ".repeat(depth), "}".repeat(depth)),
        "nesting deeper than 24",
    );
    syntax_quickly(&format!("{}x\n", "- ".repeat(depth)), "nesting deeper than 24");
}

#[test]
fn too_many_records_or_clauses_hit_the_limits() {
    let text = "---\na: 1\n".repeat(charter::record::MAX_RECORDS_PER_FILE + 5);
    let (sources, loaded) = load_text(&text);
    let last = loaded.diagnostics.last().expect("diagnostics");
    assert_eq!(last.code, Code::RecordLimit);
    assert_eq!(
        sources.line_col(last.primary_span().expect("label")).0,
        2 * charter::record::MAX_RECORDS_PER_FILE + 2
    );

    let mut text =
        String::from("agreement: {id: big, term: {from: 2024-01-01, until: 2024-12-31}}\n");
    text.push_str("parties: [{id: p, role: government}]\nclauses:\n");
    text.push_str(&"- x\n".repeat(charter::record::MAX_CLAUSES_PER_RECORD + 1));
    let (sources, loaded) = load_text(&text);
    assert_places(&loaded, &sources, &["record::limit 3:1"]);
}

#[test]
fn wrong_document_types_are_schema_errors() {
    let (sources, loaded) = load_text("- a\n- b\n---\njust text\n---\n# only a comment\n");
    assert_places(&loaded, &sources, &["record::schema 1:1", "record::schema 4:1"]);
    let (_, loaded) = load_text("");
    assert!(loaded.records.is_empty() && loaded.diagnostics.is_empty());
}

mod never_panics {
    use super::load_text;
    use proptest::prelude::*;

    const CLEAN: &str = include_str!("../fixtures/record/clean/record.yaml");

    proptest! {
        #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

        #[test]
        fn on_any_text(text in "\\PC{0,200}") {
            let _ = load_text(&text);
        }

        #[test]
        fn on_mutated_records(at in 0..CLEAN.len(), cut in 0usize..40, insert in "[-:\\[\\]{}&*!|>'\" \n\t#a0]{0,6}") {
            let mut at = at;
            while !CLEAN.is_char_boundary(at) { at -= 1; }
            let mut end = (at + cut).min(CLEAN.len());
            while !CLEAN.is_char_boundary(end) { end -= 1; }
            let text = format!("{}{}{}", &CLEAN[..at], insert, &CLEAN[end..]);
            let _ = load_text(&text);
        }
    }
}
