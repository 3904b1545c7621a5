//! `yaml-baseline`: the floor that `charter check` is measured against (docs/performance.md,
//! targets P1 and P3). It reads the same record files, in parallel as charter does, and runs
//! the loader's own parse step on each (`charter::record::parse_only`: serde-saphyr, with the
//! options and budgets of `src/record/yaml.rs`, into the tree that keeps every node's span),
//! and does nothing else: no record model, no policy, no checks.
//!
//! ```text
//! yaml-baseline FILE_OR_DIR...
//! ```
//! It prints how many files, documents and nodes it read, so that the work cannot be
//! optimised away, and exits 1 if a file could not be read or parsed.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use rayon::prelude::*;

fn main() -> ExitCode {
    let mut files = Vec::new();
    for arg in std::env::args_os().skip(1) {
        collect(Path::new(&arg), &mut files);
    }
    files.sort();
    let counts: Vec<Option<(usize, usize)>> = files.par_iter().map(|f| parse_file(f)).collect();
    let failed = counts.iter().filter(|c| c.is_none()).count();
    let (documents, nodes) =
        counts.iter().flatten().fold((0, 0), |(d, n), (dd, nn)| (d + dd, n + nn));
    println!("{} files, {documents} documents, {nodes} nodes, {failed} failed", files.len());
    if failed == 0 { ExitCode::SUCCESS } else { ExitCode::FAILURE }
}

fn collect(path: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(path) else {
        out.push(path.to_path_buf());
        return;
    };
    for entry in entries.flatten() {
        let p = entry.path();
        if p.is_dir() {
            collect(&p, out);
        } else if matches!(p.extension().and_then(|e| e.to_str()), Some("yaml" | "yml" | "json")) {
            out.push(p);
        }
    }
}

/// Documents and nodes in one file, or `None` if it could not be read or parsed.
fn parse_file(path: &Path) -> Option<(usize, usize)> {
    let text = std::fs::read_to_string(path).ok()?;
    match charter::record::parse_only(&text) {
        Ok(counts) => Some(counts),
        Err(e) => {
            eprintln!("{}: {e}", path.display());
            None
        }
    }
}
