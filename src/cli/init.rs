//! `charter init [DIR]`: a starter project, `policies/` (a copy of the standard library),
//! `agreements/` (a record that passes it) and a README on what to edit next.
//!
//! It never overwrites: a file that exists, even one written by someone else a moment ago,
//! is left as it is and reported as skipped. Each file is written whole or not at all: into
//! a temporary file beside it, moved into place only when complete and never over a file
//! that appeared meanwhile (`charter::output`, [`Mode::CreateNew`]). A failed write (a full
//! disk) leaves no file, so running `init` again writes it.

use std::path::{Path, PathBuf};

use charter::output::{Mode, Pending, Written};

/// The starter files besides the policies, as `(path inside DIR, text)`.
const TEMPLATES: &[(&str, &str)] = &[
    ("agreements/joint-lab.yaml", include_str!("../../templates/init/agreements/joint-lab.yaml")),
    ("README.md", include_str!("../../templates/init/README.md")),
];

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The folder to set up (created if missing).
    #[arg(value_name = "DIR", default_value = ".")]
    pub dir: PathBuf,
}

/// What happened to one starter file.
enum Outcome {
    Created,
    Skipped,
}

pub fn run(args: Args) -> u8 {
    let mut failed = false;
    let mut skipped = 0;
    for (relative, text) in files() {
        let path = args.dir.join(&relative);
        match create(&path, text) {
            Ok(Outcome::Created) => say!("created {}", shown(&path)),
            Ok(Outcome::Skipped) => {
                skipped += 1;
                say!("skipped {} (it exists; left unchanged)", shown(&path));
            }
            Err(e) => {
                failed = true;
                tell!("error: {e}; nothing was left at that path");
            }
        }
    }
    if failed {
        tell!("  help: check that `{}` is a writable folder", shown(&args.dir));
        return 2;
    }
    if skipped > 0 {
        say!(
            "{skipped} existing file(s) kept; delete them and run `charter init` again for fresh copies"
        );
    }
    let cd = if args.dir == Path::new(".") {
        String::new()
    } else {
        format!("cd {} && ", shown(&args.dir))
    };
    say!("next: {cd}charter check agreements/   (then read README.md)");
    0
}

/// Every starter file: the standard library under `policies/`, then the templates.
fn files() -> Vec<(String, &'static str)> {
    let policies = charter::stdlib::FILES.iter().map(|(name, text)| {
        let file = name.rsplit('/').next().unwrap_or(name);
        (format!("policies/{file}"), *text)
    });
    policies.chain(TEMPLATES.iter().map(|(p, t)| ((*p).to_owned(), *t))).collect()
}

fn create(path: &Path, text: &str) -> Result<Outcome, String> {
    if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
        std::fs::create_dir_all(parent).map_err(|e| {
            format!("cannot write `{}`: cannot create its folder: {e}", shown(path))
        })?;
    }
    let mut pending = Pending::file(path, Mode::CreateNew).map_err(|e| e.to_string())?;
    if pending.exists() {
        return Ok(Outcome::Skipped);
    }
    if let Err(e) = pending.writer().write_all(text.as_bytes()) {
        return Err(pending.error(&e).to_string());
    }
    match pending.commit().map_err(|e| e.to_string())? {
        Written::Written => Ok(Outcome::Created),
        Written::Exists => Ok(Outcome::Skipped),
    }
}

fn shown(path: &Path) -> String {
    charter::input::display_path(path)
}
