//! One `charter check` run: discover record files, load the policy set, check every file in
//! parallel, and gather the diagnostics in a deterministic order. Reading inputs happens
//! here (through `input`); evaluation in `eval` does no I/O; output is `report`'s job.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
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
    Path(PathBuf),
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
    pub matrices: Vec<crate::report::matrix::Matrix>,
}

/// Expands paths into record inputs: files as given, folders searched recursively for
/// `*.yaml`, `*.yml` and `*.json`, honouring `.gitignore`. Folders are listed sorted.
pub fn discover(paths: &[PathBuf]) -> Vec<RecordInput> {
    let mut out = Vec::new();
    for path in paths {
        if path.as_os_str() == "-" {
            out.push(RecordInput { shown: "-".into(), source: RecordSource::Stdin });
            continue;
        }
        if !path.is_dir() {
            out.push(RecordInput {
                shown: input::display_path(path),
                source: RecordSource::Path(path.clone()),
            });
            continue;
        }
        let mut found: Vec<PathBuf> = ignore::WalkBuilder::new(path)
            .sort_by_file_path(|a, b| a.cmp(b))
            .build()
            .filter_map(Result::ok)
            .filter(|e| e.file_type().is_some_and(|t| t.is_file()))
            .map(ignore::DirEntry::into_path)
            .filter(|p| is_record_file(p))
            .collect();
        found.sort();
        out.extend(found.into_iter().map(|p| RecordInput {
            shown: input::display_path(&p),
            source: RecordSource::Path(p),
        }));
    }
    out
}

fn is_record_file(path: &Path) -> bool {
    matches!(path.extension().and_then(|e| e.to_str()), Some("yaml" | "yml" | "json"))
}

/// The result of checking one record file, before it joins the run.
struct FileResult {
    file: SourceFile,
    diagnostics: Vec<Diagnostic>,
    counts: Counts,
    records: usize,
    input_error: bool,
    matrices: Vec<crate::report::matrix::Matrix>,
}

/// Checks every record input against the policy set, `jobs` files at a time.
pub fn check(
    sources: SourceMap,
    policy: &PolicySet,
    policy_diagnostics: Vec<Diagnostic>,
    inputs: &[RecordInput],
    options: &eval::Options,
    stdin: impl FnOnce() -> std::io::Result<Vec<u8>>,
) -> CheckRun {
    check_with_progress(sources, policy, policy_diagnostics, inputs, options, stdin, &|| {})
}

/// [`check`], calling `progress` once for each record file done, from whichever worker
/// checked it, so that the command line can draw a progress bar without this module
/// knowing about terminals.
pub fn check_with_progress(
    mut sources: SourceMap,
    policy: &PolicySet,
    policy_diagnostics: Vec<Diagnostic>,
    inputs: &[RecordInput],
    options: &eval::Options,
    stdin: impl FnOnce() -> std::io::Result<Vec<u8>>,
    progress: &(dyn Fn() + Sync),
) -> CheckRun {
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
            RecordSource::Path(_) => None,
        })
        .collect();

    let results: Vec<FileResult> = inputs
        .par_iter()
        .zip(texts)
        .enumerate()
        .map(|(i, (input, text))| {
            let result = check_file(FileId(base + i as u32), input, text, policy, options);
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
    };
    for d in &policy_diagnostics {
        run.counts.add(d.severity);
        run.input_error |= d.code.is_input_error() && d.severity == Severity::Error;
    }
    run.diagnostics = policy_diagnostics;
    for (i, r) in results.into_iter().enumerate() {
        let id = FileId(base + i as u32);
        sources.insert(id, r.file);
        run.record_files.push(id);
        run.diagnostics.extend(r.diagnostics);
        run.counts.merge(r.counts);
        run.records += r.records;
        run.input_error |= r.input_error;
        run.matrices.extend(r.matrices);
    }
    run.sources = sources;
    sort(&run.sources, &mut run.diagnostics);
    run
}

fn check_file(
    id: FileId,
    input: &RecordInput,
    text: Option<Result<input::Text, String>>,
    policy: &PolicySet,
    options: &eval::Options,
) -> FileResult {
    let read = match (&input.source, text) {
        (RecordSource::Path(p), _) => input::read_text(p, &input.shown).map_err(|d| *d),
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
    let file = SourceFile::new(input.shown.clone(), text, SourceKind::Record, sha256);
    // Spans name the file by its final id, so the loader needs a map that holds it there. A
    // fresh map per file would first fill every lower id with a placeholder, which made a run
    // quadratic in the number of files; one scratch map per thread fills them once.
    SCRATCH.with_borrow_mut(|local| local.insert(id, file));
    if diagnostics.is_empty() {
        let loaded = SCRATCH.with_borrow(|local| record::load_records(local, id, policy));
        let broken: BTreeSet<usize> =
            loaded.diagnostics.iter().filter_map(|d| d.record.as_ref().map(|r| r.index)).collect();
        diagnostics.extend(loaded.diagnostics);
        records = loaded.records.len() + broken.len();
        for rec in &loaded.records {
            let outcome = eval::evaluate(policy, rec, options);
            matrices.push(crate::report::matrix::build(rec, policy, &outcome.findings));
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
    let file = SCRATCH.with_borrow_mut(|local| local.take(id));
    // A file without diagnostics is never quoted: keep its path and digest for the report and
    // drop its text now, so that memory follows the files with findings, not all files.
    let file = if diagnostics.is_empty() {
        SourceFile::new(file.path, Arc::from(""), file.kind, file.sha256)
    } else {
        file
    };
    FileResult { file, diagnostics, counts, records, input_error, matrices }
}

thread_local! {
    /// The scratch source map of each worker thread (see `check_file`).
    static SCRATCH: std::cell::RefCell<SourceMap> = std::cell::RefCell::new(SourceMap::new());
}

/// Sorts by record path, agreement id, code, then source position; policy diagnostics first.
pub fn sort(sources: &SourceMap, diagnostics: &mut [Diagnostic]) {
    diagnostics.sort_by_cached_key(|d| {
        let (path, agreement, index) = match &d.record {
            Some(r) => {
                (sources.path(r.file).to_owned(), r.agreement.clone().unwrap_or_default(), r.index)
            }
            None => (String::new(), String::new(), 0),
        };
        let place = d.primary_span().map(|s| (sources.path(s.file).to_owned(), s.start, s.end));
        let clauses: Vec<u32> = d.clauses.iter().map(|c| c.span.start).collect();
        (
            d.record.is_some(),
            path,
            agreement,
            index,
            d.code.as_str(),
            place,
            clauses,
            d.message.clone(),
        )
    });
}
