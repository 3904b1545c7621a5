//! Entry points for the fuzz targets in `fuzz/` and for the regression tests that replay
//! what the fuzzers found (tests/it/robust.rs). Each function runs one stage of the
//! pipeline on arbitrary input and panics only when an invariant of that stage breaks:
//! a panic inside the stage itself is the bug the fuzzer looks for, and a panic here is a
//! broken promise (a report that is not valid JSON, a formatted file that no longer parses).
//!
//! They live in the library, not in the fuzz crate, so that a crash input replays with
//! `cargo test` on stable Rust, without cargo-fuzz or libFuzzer.

use std::sync::OnceLock;

use crate::date::Date;
use crate::eval;
use crate::policy::PolicySet;
use crate::report::{self, Meta};
use crate::run::{self, RecordInput, RecordSource};
use crate::source::{FileId, SourceFile, SourceKind, SourceMap};

/// The date every fuzzed check is judged on, so that a run does not depend on the clock.
fn as_of() -> Date {
    Date::from_ymd(2025, 1, 1).unwrap_or(Date(0))
}

/// Policy text to a resolved policy set: `syntax::parse` then `policy::resolve`.
/// Returns the number of diagnostics, so that the work cannot be optimised away.
pub fn policy_text(data: &[u8]) -> usize {
    let Ok(text) = std::str::from_utf8(data) else { return 0 };
    let mut sources = SourceMap::new();
    let (_, diagnostics) =
        crate::policy::load_policy_texts(&[("fuzz.charter", text)], &mut sources);
    for d in &diagnostics {
        check_spans(&sources, d);
    }
    diagnostics.len()
}

/// Record text to records, against the standard policy library.
pub fn record_text(data: &[u8]) -> usize {
    let Ok(text) = crate::input::decode(data.to_vec()) else { return 0 };
    let mut sources = SourceMap::new();
    let id = sources.add(SourceFile::new(
        "fuzz.yaml".into(),
        text.text,
        SourceKind::Record,
        text.sha256,
    ));
    let loaded = crate::record::load_records(&sources, id, stdlib());
    for d in &loaded.diagnostics {
        check_spans(&sources, d);
    }
    loaded.records.len() + loaded.diagnostics.len()
}

/// A full `charter check` of one record stream against one policy text (or the standard
/// library when `policy` is `None`), rendered in every report format. The JSON and SARIF
/// reports must be valid JSON.
pub fn check(policy: Option<&str>, record: &[u8]) -> usize {
    let mut sources = SourceMap::new();
    let loaded;
    let (set, policy_diagnostics) = match policy {
        Some(text) => {
            loaded = crate::policy::load_policy_texts(&[("fuzz.charter", text)], &mut sources);
            (&loaded.0, loaded.1)
        }
        None => {
            let (library_sources, set, diagnostics) = library();
            sources = library_sources.clone();
            (set, diagnostics.clone())
        }
    };
    let options = eval::Options { as_of: as_of(), max_findings: 0 };
    let inputs = [RecordInput { shown: "-".into(), source: RecordSource::Stdin }];
    let bytes = record.to_vec();
    let checked =
        run::check(sources, set, policy_diagnostics, &inputs, &options, move || Ok(bytes));
    let set_name = if policy.is_some() { "fuzz.charter" } else { report::BUILTIN_POLICIES };
    let meta = Meta::new(as_of(), 0, set_name);
    for d in &checked.diagnostics {
        check_spans(&checked.sources, d);
    }
    let human = report::human::render(&checked.sources, &checked.diagnostics, false);
    let json = report::json::to_string(&report::json::report(&checked, &meta));
    let sarif = report::sarif::to_string(&report::sarif::report(&checked, &meta));
    let html = report::html::report(&checked, &meta);
    for (name, text) in [("json", &json), ("sarif", &sarif)] {
        if let Err(e) = serde_json::from_str::<serde_json::Value>(text) {
            panic!("the {name} report is not valid JSON: {e}");
        }
    }
    // `charter check` writes the JSON report from compact findings spliced into place
    // (report::splice); it must give the bytes of the report built whole.
    let compact: Vec<_> = checked
        .diagnostics
        .iter()
        .map(|d| report::splice::compact(&report::json::finding(&checked.sources, d)))
        .collect();
    let mut spliced = Vec::new();
    let written = report::json::write(&checked, &meta, &compact, &mut spliced);
    assert!(written.is_ok() && spliced == json.as_bytes(), "the spliced JSON report differs");
    let results: Vec<_> = checked
        .diagnostics
        .iter()
        .map(|d| report::splice::compact(&report::sarif::result(&checked.sources, d)))
        .collect();
    spliced.clear();
    let written = report::sarif::write(&checked, &meta, &results, &mut spliced);
    assert!(written.is_ok() && spliced == sarif.as_bytes(), "the spliced SARIF log differs");
    human.len() + json.len() + sarif.len() + html.len()
}

/// `check` with the input split in two at the first NUL byte: policy text, then record
/// text. Without a NUL the whole input is a record checked against the standard library.
pub fn check_bytes(data: &[u8]) -> usize {
    match data.iter().position(|&b| b == 0) {
        Some(at) => match std::str::from_utf8(&data[..at]) {
            Ok(policy) => check(Some(policy), &data[at + 1..]),
            Err(_) => 0,
        },
        None => check(None, data),
    }
}

/// Parse, format, parse again: a text that parses must format to a text that parses to
/// the same tree (spans aside), and formatting that text again must change nothing.
pub fn fmt_round_trip(text: &str) {
    let Ok(first) = crate::fmt::format(FileId(0), text) else { return };
    let (before, _) =
        crate::syntax::parse(FileId(0), text.strip_prefix('\u{feff}').unwrap_or(text));
    let (after, diagnostics) = crate::syntax::parse(FileId(0), &first);
    assert!(
        diagnostics.is_empty(),
        "the formatted text does not parse: {:?}\n--- formatted ---\n{first}",
        diagnostics.iter().map(|d| d.message.as_str()).collect::<Vec<_>>()
    );
    // Tree equality ignores spans, so this compares what the two texts say.
    assert!(before == after, "formatting changed the syntax tree:\n{first}");
    match crate::fmt::format(FileId(0), &first) {
        Ok(second) => assert!(second == first, "formatting is not idempotent:\n{first}"),
        Err(_) => panic!("the formatted text does not format again:\n{first}"),
    }
}

/// Every label must lie inside its file and on character boundaries, or the human report
/// would slice text wrongly.
fn check_spans(sources: &SourceMap, d: &crate::diagnostic::Diagnostic) {
    for label in &d.labels {
        let (start, end) = (label.span.start as usize, label.span.end as usize);
        if label.span.file.0 as usize >= sources.len() {
            continue; // files added later (records checked in `run`) are not in this map
        }
        let text = &sources.get(label.span.file).text;
        assert!(start <= end && end <= text.len(), "span out of range: {d:?}");
        assert!(
            text.is_char_boundary(start) && text.is_char_boundary(end),
            "span not on a character boundary: {d:?}"
        );
    }
}

/// The standard library, loaded once: its source texts, the resolved set, and what loading
/// it reported (nothing, unless the library itself is broken).
fn library() -> &'static (SourceMap, PolicySet, Vec<crate::diagnostic::Diagnostic>) {
    static LIBRARY: OnceLock<(SourceMap, PolicySet, Vec<crate::diagnostic::Diagnostic>)> =
        OnceLock::new();
    LIBRARY.get_or_init(|| {
        let mut sources = SourceMap::new();
        let (set, diagnostics) =
            crate::policy::load_policy_texts(crate::stdlib::FILES, &mut sources);
        (sources, set, diagnostics)
    })
}

fn stdlib() -> &'static PolicySet {
    &library().1
}
