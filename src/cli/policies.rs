//! Which policy set a command uses: the `--policy` paths; else the nearest `policies/` folder
//! found from the current folder upward, stopping at the repository root (the folder that
//! holds `.git`); else the standard library built into charter. The set is named in every
//! report (docs/reports.md, "Which policy set").

use std::path::{Path, PathBuf};

use charter::diagnostic::Diagnostic;
use charter::input::display_path;
use charter::policy::{self, PolicySet};
use charter::report::BUILTIN_POLICIES;
use charter::source::SourceMap;

/// The policy set of a run, loaded, and its name as reports show it.
pub struct Loaded {
    pub sources: SourceMap,
    pub set: PolicySet,
    pub diagnostics: Vec<Diagnostic>,
    /// The `--policy` paths as given, the folder found (relative to the current folder,
    /// as `policies` or `../policies`), or [`BUILTIN_POLICIES`].
    pub name: String,
}

pub fn load(paths: &[PathBuf]) -> (SourceMap, PolicySet, Vec<Diagnostic>) {
    let loaded = load_named(paths);
    (loaded.sources, loaded.set, loaded.diagnostics)
}

/// [`load`], with the name of the set.
pub fn load_named(paths: &[PathBuf]) -> Loaded {
    let mut sources = SourceMap::new();
    let found;
    let (given, name) = if !paths.is_empty() {
        let names: Vec<String> = paths.iter().map(|p| display_path(p)).collect();
        (paths, names.join(", "))
    } else if let Some(folder) = std::env::current_dir().ok().and_then(|cwd| find_upward(&cwd)) {
        let name = display_path(&folder);
        found = [folder];
        (&found[..], name)
    } else {
        let (set, diagnostics) = policy::load_policy_texts(charter::stdlib::FILES, &mut sources);
        return Loaded { sources, set, diagnostics, name: BUILTIN_POLICIES.into() };
    };
    let (set, diagnostics) = policy::load_policy_set(given, &mut sources);
    Loaded { sources, set, diagnostics, name }
}

/// The nearest folder named `policies` in `start` or above it, as a path relative to `start`
/// (`policies`, `../policies`, ...). The search stops at the repository root, the first
/// folder holding `.git` (a folder, or the file of a linked work tree), which is searched
/// too; outside a repository it goes up to the filesystem root.
pub fn find_upward(start: &Path) -> Option<PathBuf> {
    let mut relative = PathBuf::new();
    for dir in start.ancestors() {
        if dir.join("policies").is_dir() {
            return Some(relative.join("policies"));
        }
        if dir.join(".git").exists() {
            return None;
        }
        relative.push("..");
    }
    None
}
