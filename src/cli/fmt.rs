//! `charter fmt`: rewrite policy files in the canonical layout, or `--check` that they are.

use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use charter::diagnostic::Diagnostic;
use charter::input::{display_path, hex, read_text};
use charter::report;
use charter::source::{SourceFile, SourceKind, SourceMap};
use charter::walk;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Policy files, or folders searched recursively for `*.charter` (default: `./policies`).
    #[arg(value_name = "FILES")]
    pub files: Vec<PathBuf>,
    /// Change nothing; exit 1 if any file is not in the canonical layout, and name it.
    #[arg(long)]
    pub check: bool,
}

pub fn run(args: Args) -> u8 {
    let paths = if args.files.is_empty() { vec![PathBuf::from("policies")] } else { args.files };
    let mut sources = SourceMap::new();
    let mut diagnostics: Vec<Diagnostic> = Vec::new();
    let mut would_change = Vec::new();
    let mut write_failed = false;
    let files: Vec<PathBuf> =
        paths.iter().flat_map(|p| policy_files(p, &mut diagnostics)).collect();
    for file in files {
        let shown = display_path(&file);
        let text = match read_text(&file, &shown) {
            Ok(t) => t,
            Err(d) => {
                diagnostics.push(*d);
                continue;
            }
        };
        let id = sources.add(SourceFile::new(
            shown.clone(),
            Arc::clone(&text.text),
            SourceKind::Policy,
            text.sha256.clone(),
        ));
        let formatted = match charter::fmt::format(id, &text.text) {
            Ok(f) => f,
            Err(found) => {
                diagnostics.extend(found);
                continue;
            }
        };
        // Compared with the raw bytes, so a byte-order mark or CRLF line ends count as a change.
        if hex(&<sha2::Sha256 as sha2::Digest>::digest(formatted.as_bytes())) == text.sha256 {
            continue;
        }
        if args.check {
            would_change.push(shown);
        } else if let Err(e) = charter::output::write_text(Some(&file), &formatted) {
            tell!("error: {e}");
            write_failed = true;
        } else {
            tell!("formatted {shown}");
        }
    }
    let color = super::color(std::io::stdout().is_terminal());
    if !diagnostics.is_empty() {
        print!("{}", report::human::render(&sources, &diagnostics, color));
    }
    for shown in &would_change {
        say!("would reformat {shown}");
    }
    if !diagnostics.is_empty() || write_failed {
        2
    } else if !would_change.is_empty() {
        1
    } else {
        0
    }
}

/// A file as given, or every `*.charter` below a folder, sorted (the walk policy loading
/// uses, unfiltered).
fn policy_files(path: &Path, diagnostics: &mut Vec<Diagnostic>) -> Vec<PathBuf> {
    if !path.is_dir() {
        return vec![path.to_path_buf()];
    }
    let options = walk::Options { extensions: &["charter"], filter: walk::Filter::Nothing };
    let mut found = Vec::new();
    for entry in walk::walk(path, options).found {
        match entry {
            walk::Found::File(file) => found.push(file),
            walk::Found::Unreadable { path, why } => {
                diagnostics.push(charter::policy::unreadable(&path, &why));
            }
        }
    }
    found
}
