//! Which policy set a command uses: `--policy`, else `./policies`, else the standard library.

use std::path::{Path, PathBuf};

use charter::diagnostic::Diagnostic;
use charter::policy::{self, PolicySet};
use charter::source::SourceMap;

pub fn load(paths: &[PathBuf]) -> (SourceMap, PolicySet, Vec<Diagnostic>) {
    let mut sources = SourceMap::new();
    let (set, diagnostics) = if !paths.is_empty() {
        policy::load_policy_set(paths, &mut sources)
    } else if Path::new("policies").is_dir() {
        policy::load_policy_set(&[PathBuf::from("policies")], &mut sources)
    } else {
        policy::load_policy_texts(charter::stdlib::FILES, &mut sources)
    };
    (sources, set, diagnostics)
}
