//! One `charter check` run: discover record files, load the policy set, check every file in
//! parallel, and gather the diagnostics in a deterministic order. Reading inputs happens
//! here (through `input`); evaluation in `eval` does no I/O; output is `report`'s job.

use std::collections::BTreeSet;
use std::path::PathBuf;
use std::sync::Arc;

use rayon::prelude::*;

use crate::checks::Code;
use crate::diagnostic::{Diagnostic, RecordRef, Severity};
use crate::eval::{self, Counts};
use crate::input;
use crate::policy::PolicySet;
use crate::record;
use crate::source::{FileId, SourceFile, SourceKind, SourceMap};

/// Where records come from.
#[derive(Clone, Debug)]
pub enum RecordSource {
    /// A file named on the command line.
    Path(PathBuf),
    /// A file found in a folder walk: a charter report found this way is skipped with a
    /// note, where one named on the command line is an input error.
    Walked(PathBuf),
    /// Something a folder walk could not read (an unreadable folder, a link to nothing, a
    /// loop), and why: an `io::read` on its path.
    Unreadable(String),
    /// `-`: one record stream read from standard input.
    Stdin,
}

/// A record input: its path as shown, and how to read it.
#[derive(Clone, Debug)]
pub struct RecordInput {
    pub shown: String,
    pub source: RecordSource,
}

/// Everything one run found, ready for a report.
#[derive(Debug)]
pub struct CheckRun {
    pub sources: SourceMap,
    /// Policy files, then record files, as `FileId`s into `sources`.
    pub policy_files: Vec<FileId>,
    pub record_files: Vec<FileId>,
    /// Listed diagnostics, sorted.
    pub diagnostics: Vec<Diagnostic>,
    /// Counts of every finding and input diagnostic, listed or not.
    pub counts: Counts,
    pub records: usize,
    /// Whether any input could not be loaded (exit status 2).
    pub input_error: bool,
    /// The responsibility matrix of every record that loaded, in file then stream order
    /// (for the HTML report and `charter matrix`).
    pub matrices: Vec<crate::eval::matrix::Matrix>,
    /// Files found in a folder walk that are charter's own reports, as shown, sorted: not
    /// checked, not among the report's inputs.
    pub skipped_reports: Vec<String>,
}

/// The record inputs of a run, and how many files the folder walks skipped (hidden, or
/// excluded by `.gitignore`; see [`crate::walk`]).
#[derive(Debug, Default)]
pub struct Discovered {
    pub inputs: Vec<RecordInput>,
    pub skipped: usize,
}

/// Expands paths into record inputs: files as given, folders searched recursively for
/// `*.yaml`, `*.yml` and `*.json` (hidden files and what `.gitignore` excludes in a git work
/// tree are skipped). Folders are listed sorted.
pub fn discover(paths: &[PathBuf]) -> Vec<RecordInput> {
    discover_with(paths, crate::walk::Filter::Ignored).inputs
}

/// [`discover`] with the walk's filter (`--no-ignore` is [`crate::walk::Filter::Nothing`]),
/// counting the files it skipped.
pub fn discover_with(paths: &[PathBuf], filter: crate::walk::Filter) -> Discovered {
    let mut out = Discovered::default();
    for path in paths {
        if path.as_os_str() == "-" {
            out.inputs.push(RecordInput { shown: "-".into(), source: RecordSource::Stdin });
            continue;
        }
        if !path.is_dir() {
            out.inputs.push(RecordInput {
                shown: input::display_path(path),
                source: RecordSource::Path(path.clone()),
            });
            continue;
        }
        let options = crate::walk::Options { extensions: &RECORD_EXTENSIONS, filter };
        let walk = crate::walk::walk(path, options);
        out.skipped += walk.skipped;
        out.inputs.extend(walk.found.into_iter().map(|found| match found {
            crate::walk::Found::File(p) => {
                RecordInput { shown: input::display_path(&p), source: RecordSource::Walked(p) }
            }
            crate::walk::Found::Unreadable { path, why } => RecordInput {
                shown: input::display_path(&path),
                source: RecordSource::Unreadable(why),
            },
        }));
    }
    out
}

/// The extensions of record files in a folder walk.
pub const RECORD_EXTENSIONS: [&str; 3] = ["yaml", "yml", "json"];

/// Whether the input shown as `path_shown` (with `/` separators) belongs to shard `k` of `n`
/// (`check --shard K/N`, K counted from 1). The hash is SHA-256, never std's randomised
/// hasher, so every machine of a CI matrix splits the same files the same way: the first 8
/// bytes of the digest as a big-endian u64, modulo `n`, equal to `k - 1`.
pub fn in_shard(path_shown: &str, k: u32, n: u32) -> bool {
    use sha2::{Digest, Sha256};
    if k == 0 || k > n {
        return false;
    }
    let digest = Sha256::digest(path_shown.as_bytes());
    let mut first = [0u8; 8];
    first.copy_from_slice(&digest[..8]);
    u64::from_be_bytes(first) % u64::from(n) == u64::from(k - 1)
}

/// What the report needs of a run, decided by its format. The per-file workers make it
/// while each record's text is loaded, so that nothing else of a record outlives its check:
/// with `keep_texts` off and no matrices, memory follows the findings, not the files.
pub struct Plan<'a, T> {
    /// Build each record's responsibility matrix (the HTML report, `charter matrix`).
    pub matrices: bool,
    /// Keep the text of every file with diagnostics until the end, for a report that quotes
    /// excerpts from [`Diagnostic`]s after the run. Off, every record text is dropped as
    /// soon as its file is checked (its path and SHA-256 stay for the report's `inputs`).
    pub keep_texts: bool,
    /// What the report keeps of one diagnostic (a JSON finding, a rendered excerpt), made
    /// with a source map that holds the policy files and the diagnostic's record file.
    pub resolve: &'a (dyn Fn(&SourceMap, Diagnostic) -> T + Sync),
}

/// `K/N` with 1 <= K <= N, as `check --shard` takes it and reports write it: shards are
/// counted from 1, as CI matrices number their jobs.
pub fn parse_shard(s: &str) -> Result<(u32, u32), String> {
    let bad = || format!("`{s}` is not a shard: write `K/N` with 1 <= K <= N, as in `1/4`");
    let (k, n) = s.split_once('/').ok_or_else(bad)?;
    let (k, n) =
        (k.trim().parse::<u32>().map_err(|_| bad())?, n.trim().parse::<u32>().map_err(|_| bad())?);
    if k == 0 || k > n {
        return Err(bad());
    }
    Ok((k, n))
}

/// The place of a diagnostic in the report (see [`sort`]).
type SortKey =
    (bool, String, String, usize, &'static str, Option<(String, u32, u32)>, Vec<u32>, String);

/// The result of checking one record file, before it joins the run.
struct FileResult<T> {
    file: SourceFile,
    /// Its diagnostics as the plan resolved them, in the order they were found.
    items: Vec<(SortKey, T)>,
    counts: Counts,
    records: usize,
    input_error: bool,
    matrices: Vec<crate::eval::matrix::Matrix>,
    /// A charter report found in a folder walk: skipped, not checked.
    skipped_report: bool,
}

/// Checks every record input against the policy set, `jobs` files at a time, keeping every
/// diagnostic whole (and the text of the files they quote) and every matrix.
pub fn check(
    sources: SourceMap,
    policy: &PolicySet,
    policy_diagnostics: Vec<Diagnostic>,
    inputs: &[RecordInput],
    options: &eval::Options,
    stdin: impl FnOnce() -> std::io::Result<Vec<u8>>,
) -> CheckRun {
    let whole = Plan { matrices: true, keep_texts: true, resolve: &|_, d| d };
    let (mut run, diagnostics) =
        check_planned(sources, policy, policy_diagnostics, inputs, options, stdin, &|| {}, &whole);
    run.diagnostics = diagnostics;
    run
}

/// [`check`] with the report's [`Plan`]: returns the run, its `diagnostics` left empty, and
/// every diagnostic as the plan resolved it, in [`sort`] order. `progress` is called once for
/// each record file done, from whichever worker checked it, so that the command line can
/// draw a progress bar without this module knowing about terminals.
#[expect(
    clippy::too_many_arguments,
    reason = "the inputs of one run; a struct would only rename them"
)]
pub fn check_planned<T: Send>(
    mut sources: SourceMap,
    policy: &PolicySet,
    policy_diagnostics: Vec<Diagnostic>,
    inputs: &[RecordInput],
    options: &eval::Options,
    stdin: impl FnOnce() -> std::io::Result<Vec<u8>>,
    progress: &(dyn Fn() + Sync),
    plan: &Plan<'_, T>,
) -> (CheckRun, Vec<T>) {
    let policy_files: Vec<FileId> = sources.files().map(|(id, _)| id).collect();
    let base = sources.len() as u32;
    let mut stdin = Some(stdin);
    let texts: Vec<Option<Result<input::Text, String>>> = inputs
        .iter()
        .map(|i| match i.source {
            RecordSource::Stdin => Some(match stdin.take() {
                Some(read) => read().map_err(|e| e.to_string()).and_then(input::decode),
                None => Err("standard input can be read only once".into()),
            }),
            RecordSource::Path(_) | RecordSource::Walked(_) | RecordSource::Unreadable(_) => None,
        })
        .collect();

    let generation = GENERATION.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let policy_sources = &sources;
    let results: Vec<FileResult<T>> = inputs
        .par_iter()
        .zip(texts)
        .enumerate()
        .map(|(i, (input, text))| {
            let id = FileId(base + i as u32);
            let result = SCRATCH.with_borrow_mut(|(seen, local)| {
                if *seen != Some(generation) {
                    *local = copy_of(policy_sources);
                    *seen = Some(generation);
                }
                check_file(local, id, input, text, policy, options, plan)
            });
            progress();
            result
        })
        .collect();

    let mut run = CheckRun {
        sources: SourceMap::new(),
        policy_files,
        record_files: Vec::new(),
        diagnostics: Vec::new(),
        counts: Counts::default(),
        records: 0,
        input_error: false,
        matrices: Vec::new(),
        skipped_reports: Vec::new(),
    };
    let mut items: Vec<(SortKey, T)> = Vec::new();
    for d in policy_diagnostics {
        run.counts.add(d.severity);
        run.input_error |= d.code.is_input_error() && d.severity == Severity::Error;
        items.push((sort_key(&sources, &d), (plan.resolve)(&sources, d)));
    }
    for (i, r) in results.into_iter().enumerate() {
        let id = FileId(base + i as u32);
        if r.skipped_report {
            run.skipped_reports.push(r.file.path.clone());
            sources.insert(id, r.file);
            continue;
        }
        sources.insert(id, r.file);
        run.record_files.push(id);
        items.extend(r.items);
        run.counts.merge(r.counts);
        run.records += r.records;
        run.input_error |= r.input_error;
        run.matrices.extend(r.matrices);
    }
    run.sources = sources;
    // Stable, as `sort` is: equal keys keep policy-then-file order.
    items.sort_by(|a, b| a.0.cmp(&b.0));
    (run, items.into_iter().map(|(_, item)| item).collect())
}

/// Checks one record file in `scratch`, a map that holds the policy files (see `SCRATCH`),
/// and takes the file out again before returning.
fn check_file<T>(
    scratch: &mut SourceMap,
    id: FileId,
    input: &RecordInput,
    text: Option<Result<input::Text, String>>,
    policy: &PolicySet,
    options: &eval::Options,
    plan: &Plan<'_, T>,
) -> FileResult<T> {
    let read = match (&input.source, text) {
        (RecordSource::Path(p) | RecordSource::Walked(p), _) => {
            input::read_text(p, &input.shown).map_err(|d| *d)
        }
        (RecordSource::Unreadable(why), _) => Err(Diagnostic::new(
            Code::IoRead,
            format!("cannot read `{}`: {why}", input.shown),
        )
        .with_help(
            "make it readable, remove it, or list it in a `.gitignore` (inside a git work tree)",
        )),
        (RecordSource::Stdin, Some(Ok(t))) => Ok(t),
        (RecordSource::Stdin, Some(Err(why))) => {
            Err(Diagnostic::new(Code::IoRead, format!("cannot read standard input: {why}"))
                .with_help("pipe one UTF-8 record stream of at most 64 MiB into `charter check -`"))
        }
        (RecordSource::Stdin, None) => {
            Err(Diagnostic::new(Code::IoRead, "cannot read standard input")
                .with_help("pipe one UTF-8 record stream into `charter check -`"))
        }
    };
    let (text, sha256, mut diagnostics) = match read {
        Ok(t) => (t.text, t.sha256, Vec::new()),
        Err(mut d) => {
            d.record = Some(RecordRef { file: id, agreement: None, index: 0 });
            (Arc::from(""), String::new(), vec![d])
        }
    };
    let mut counts = Counts::default();
    let mut records = 0;
    let mut matrices = Vec::new();
    if diagnostics.is_empty() && is_charter_report(&text) {
        if let RecordSource::Walked(_) = input.source {
            let file =
                SourceFile::new(input.shown.clone(), Arc::from(""), SourceKind::Other, sha256);
            let (items, input_error, skipped_report) = (Vec::new(), false, true);
            return FileResult {
                file,
                items,
                counts,
                records,
                input_error,
                matrices,
                skipped_report,
            };
        }
        let mut d = Diagnostic::new(
            Code::IoRead,
            format!("cannot read `{}` as records: it is a charter report", input.shown),
        )
        .with_help("give a report to `--baseline` or `charter verify`; name the record files it was made from to check them");
        d.record = Some(RecordRef { file: id, agreement: None, index: 0 });
        diagnostics.push(d);
    }
    let empty = diagnostics.is_empty() && holds_no_document(&text);
    scratch.lend(id, SourceFile::new(input.shown.clone(), text, SourceKind::Record, sha256));
    if empty {
        let what = if scratch.get(id).text.trim().is_empty() {
            "it is empty"
        } else {
            "it holds only comments"
        };
        let mut d = Diagnostic::new(
            Code::RecordSchema,
            match input.source {
                RecordSource::Stdin => format!("standard input holds no record: {what}"),
                _ => format!("`{}` holds no record: {what}", input.shown),
            },
        )
        .with_label(crate::source::Span::new(id, 0, 0), "no YAML document in this file")
        .with_help("a record file holds at least one agreement; check that the file was written or uploaded whole");
        d.record = Some(RecordRef { file: id, agreement: None, index: 0 });
        diagnostics.push(d);
    }
    if diagnostics.is_empty() {
        let loaded = record::load_records(scratch, id, policy);
        let broken: BTreeSet<usize> =
            loaded.diagnostics.iter().filter_map(|d| d.record.as_ref().map(|r| r.index)).collect();
        diagnostics.extend(loaded.diagnostics);
        records = loaded.records.len() + broken.len();
        for rec in &loaded.records {
            let outcome = eval::evaluate(policy, rec, options);
            if plan.matrices {
                matrices.push(crate::eval::matrix::build(rec, policy, &outcome.findings));
            }
            diagnostics.extend(outcome.input_errors);
            diagnostics.extend(outcome.findings);
            counts.merge(outcome.counts);
        }
    }
    let mut input_error = false;
    for d in diagnostics.iter().filter(|d| d.code.is_input_error()) {
        counts.add(d.severity);
        input_error |= d.severity == Severity::Error;
    }
    let keep_text = plan.keep_texts && !diagnostics.is_empty();
    // A fresh vector of the exact length: `collect` would reuse the diagnostics' buffer in
    // place, and keep its spare capacity (sized for diagnostics, several times larger than
    // an item) for the rest of the run.
    let mut items = Vec::with_capacity(diagnostics.len());
    items.extend(
        diagnostics.into_iter().map(|d| (sort_key(scratch, &d), (plan.resolve)(scratch, d))),
    );
    let file = scratch.take(id);
    // A file whose diagnostics are resolved (or that has none) is never quoted again: keep
    // its path and digest for the report's `inputs` and drop its text now.
    let file = if keep_text {
        file
    } else {
        SourceFile::new(file.path, Arc::from(""), file.kind, file.sha256)
    };
    FileResult { file, items, counts, records, input_error, matrices, skipped_report: false }
}

/// Whether a record text holds no YAML document: nothing but whitespace, comments and
/// document markers (`---`, `...`).
fn holds_no_document(text: &str) -> bool {
    text.lines().all(|line| {
        let line = line.trim();
        line.is_empty() || line.starts_with('#') || line == "---" || line == "..."
    })
}

/// Whether a text is one of charter's own reports: a JSON object whose `schema` is
/// `charter-report/1`, or a SARIF log whose first run's tool is charter. Only texts that
/// name one of them are parsed.
pub fn is_charter_report(text: &str) -> bool {
    let body = text.trim_start();
    if !body.starts_with('{') || !(text.contains("charter-report/1") || text.contains("sarif")) {
        return false;
    }
    let Ok(value) = serde_json::from_str::<serde_json::Value>(body) else {
        return false;
    };
    value["schema"] == "charter-report/1"
        || (value["$schema"].as_str().is_some_and(|s| s.contains("sarif"))
            && value["runs"][0]["tool"]["driver"]["name"] == "charter")
}

/// A map holding the same files at the same ids, sharing their texts.
fn copy_of(sources: &SourceMap) -> SourceMap {
    let mut copy = SourceMap::new();
    for (_, f) in sources.files() {
        copy.add(SourceFile::new(f.path.clone(), f.text.clone(), f.kind, f.sha256.clone()));
    }
    copy
}

/// Numbers the runs of this process, so that a worker thread's scratch map is reseeded with
/// the policy files of the run it works for.
static GENERATION: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);

thread_local! {
    /// The scratch source map of each worker thread, and the run it holds the policy files
    /// of. Spans name a record file by its final id, so the loader needs a map that holds it
    /// there: the record is lent to the map at that id (`SourceMap::lend`), with no
    /// placeholders for the ids between. The policy files are copied in once per thread.
    static SCRATCH: std::cell::RefCell<(Option<u64>, SourceMap)> =
        std::cell::RefCell::new((None, SourceMap::new()));
}

/// Sorts by record path, agreement id, code, then source position; policy diagnostics first.
/// A record's input errors are sorted by position alone, so they read in text order.
pub fn sort(sources: &SourceMap, diagnostics: &mut [Diagnostic]) {
    diagnostics.sort_by_cached_key(|d| sort_key(sources, d));
}

fn sort_key(sources: &SourceMap, d: &Diagnostic) -> SortKey {
    let (path, agreement, index) = match &d.record {
        Some(r) => {
            (sources.path(r.file).to_owned(), r.agreement.clone().unwrap_or_default(), r.index)
        }
        None => (String::new(), String::new(), 0),
    };
    let place = d.primary_span().map(|s| (sources.path(s.file).to_owned(), s.start, s.end));
    let clauses: Vec<u32> = d.clauses.iter().map(|c| c.span.start).collect();
    // A record's input errors read in text order; its findings are grouped by code.
    let code = if d.code.is_input_error() { "" } else { d.code.as_str() };
    (d.record.is_some(), path, agreement, index, code, place, clauses, d.message.clone())
}
