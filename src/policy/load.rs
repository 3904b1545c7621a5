//! Reading a policy set from files and folders, or from texts compiled into the binary.

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use super::model::PolicySet;
use super::resolve::resolve;
use crate::checks::Code;
use crate::diagnostic::Diagnostic;
use crate::input::{display_path, read_text};
use crate::source::{SourceFile, SourceKind, SourceMap};
use crate::syntax;

/// Reads, parses and resolves policy files and folders. Folders are searched recursively
/// for `*.charter`, in sorted path order so that output is the same on every machine; a
/// file named twice (directly and through a folder) is read once. Every file that can be
/// read is added to `sources`; one that cannot gives `io::read` and the rest still load.
pub fn load_policy_set(paths: &[PathBuf], sources: &mut SourceMap) -> (PolicySet, Vec<Diagnostic>) {
    let mut diags = Vec::new();
    let mut files = Vec::new();
    let mut seen = HashSet::new();
    for path in paths {
        for file in policy_files(path, &mut diags) {
            let key = std::fs::canonicalize(&file).unwrap_or_else(|_| file.clone());
            if !seen.insert(key) {
                continue;
            }
            let shown = display_path(&file);
            match read_text(&file, &shown) {
                Ok(text) => {
                    let source =
                        SourceFile::new(shown, text.text.clone(), SourceKind::Policy, text.sha256);
                    let id = sources.add(source);
                    let (ast, found) = syntax::parse(id, &text.text);
                    diags.extend(found);
                    files.push((id, ast));
                }
                Err(d) => diags.push(*d),
            }
        }
    }
    let (set, found) = resolve(sources, files);
    diags.extend(found);
    sort(&mut diags);
    (set, diags)
}

/// Parses and resolves policy texts given with the path to show for each: the standard
/// library compiled into the binary, and tests. A leading byte-order mark is ignored.
pub fn load_policy_texts(
    texts: &[(&str, &str)],
    sources: &mut SourceMap,
) -> (PolicySet, Vec<Diagnostic>) {
    let mut diags = Vec::new();
    let mut files = Vec::new();
    for &(path, text) in texts {
        let text: Arc<str> = Arc::from(text.strip_prefix('\u{feff}').unwrap_or(text));
        let id = sources.add(SourceFile::new(
            path.to_string(),
            text.clone(),
            SourceKind::Embedded,
            String::new(),
        ));
        let (ast, found) = syntax::parse(id, &text);
        diags.extend(found);
        files.push((id, ast));
    }
    let (set, found) = resolve(sources, files);
    diags.extend(found);
    sort(&mut diags);
    (set, diags)
}

/// Puts diagnostics in reading order: by file, then by place. The sort is stable, so
/// diagnostics without a place (a file that cannot be read) keep their order, first.
fn sort(diags: &mut [Diagnostic]) {
    diags.sort_by_key(|d| d.primary_span().map(|s| (s.file, s.start)));
}

/// The policy files a `--policy` argument names: itself if it is not a folder (reading it
/// reports whatever is wrong with it), else every `*.charter` below it, sorted.
fn policy_files(path: &Path, diags: &mut Vec<Diagnostic>) -> Vec<PathBuf> {
    if !path.is_dir() {
        return vec![path.to_path_buf()];
    }
    let shown = display_path(path);
    let mut found = Vec::new();
    // Unfiltered: a folder given as a policy set means all of its policies.
    let options =
        crate::walk::Options { extensions: &["charter"], filter: crate::walk::Filter::Nothing };
    for entry in crate::walk::walk(path, options).found {
        match entry {
            crate::walk::Found::File(file) => found.push(file),
            crate::walk::Found::Unreadable { path: bad, why } => diags.push(unreadable(&bad, &why)),
        }
    }
    if found.is_empty() {
        diags.push(
            Diagnostic::new(Code::IoRead, format!("no `*.charter` file in `{shown}`"))
                .with_help("name a folder that holds policy files, or the files themselves"),
        );
    }
    found
}

/// The `io::read` of something a folder walk could not read.
pub fn unreadable(path: &Path, why: &str) -> Diagnostic {
    Diagnostic::new(Code::IoRead, format!("cannot read `{}`: {why}", display_path(path)))
        .with_help("make it readable, or remove it from the folder")
}
