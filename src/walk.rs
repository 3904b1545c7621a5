//! The one folder walk, for `check` (record files), `fmt` and policy loading (`*.charter`).
//!
//! One rule about links: symbolic links to files and folders are followed, and a link that
//! leads back into a folder it is inside of is a loop, reported and not followed. Every
//! entry the walk cannot read (an unreadable folder, a link to nothing, a loop) is reported
//! as a [`Found::Unreadable`], never dropped: the caller turns it into `io::read`.
//!
//! Filtering is the caller's choice ([`Filter`]). A filtered walk skips hidden files and
//! folders and, inside a git work tree only, what `.gitignore` files exclude; `.ignore`
//! files, the global git excludes and `.git/info/exclude` are never read, so every clone of
//! a repository walks the same files. The files a filtered walk skips are counted
//! ([`Walk::skipped`]) so that no report can pass over them without saying so. Folders
//! named `.git` are git's database, not files of the work tree: never walked, never counted.

use std::path::{Path, PathBuf};

/// Which files a walk returns.
#[derive(Clone, Copy, Debug)]
pub struct Options<'a> {
    /// File extensions wanted, without the dot.
    pub extensions: &'a [&'a str],
    pub filter: Filter,
}

/// What a walk leaves out.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Filter {
    /// Hidden files and folders, and what `.gitignore` excludes inside a git work tree.
    Ignored,
    /// Nothing but `.git` folders (`--no-ignore`; policy folders and `fmt` always).
    Nothing,
}

/// One entry a walk returns.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Found {
    /// A wanted file (by its extension), as reached: it may be a link, or not a regular
    /// file at all (a FIFO): reading it decides.
    File(PathBuf),
    /// Something below the folder that could not be read, and why.
    Unreadable { path: PathBuf, why: String },
}

impl Found {
    pub fn path(&self) -> &Path {
        match self {
            Found::File(path) | Found::Unreadable { path, .. } => path,
        }
    }
}

/// What a walk found, sorted by path, and how many wanted files it skipped.
#[derive(Debug, Default)]
pub struct Walk {
    pub found: Vec<Found>,
    /// Files with a wanted extension that the filter left out (always 0 unfiltered).
    pub skipped: usize,
}

/// Walks `root` (a folder) recursively.
pub fn walk(root: &Path, options: Options<'_>) -> Walk {
    let filtered = options.filter == Filter::Ignored;
    let mut found = Vec::new();
    for entry in builder(root, filtered).build() {
        match entry {
            Ok(e) => {
                if e.depth() > 0 && wanted(e.path(), options.extensions) && !is_dir(&e) {
                    found.push(Found::File(e.into_path()));
                }
            }
            Err(error) => found.push(unreadable(root, &error)),
        }
    }
    found.sort_by(|a, b| a.path().cmp(b.path()));
    found.dedup();
    let skipped = if filtered { count_skipped(root, options.extensions, &found) } else { 0 };
    Walk { found, skipped }
}

fn builder(root: &Path, filtered: bool) -> ignore::WalkBuilder {
    let mut b = ignore::WalkBuilder::new(root);
    b.standard_filters(false)
        .follow_links(true)
        .hidden(filtered)
        .git_ignore(filtered)
        .parents(filtered)
        .require_git(true)
        .ignore(false)
        .git_global(false)
        .git_exclude(false)
        .filter_entry(|e| e.file_name() != ".git");
    b
}

/// The wanted files of an unfiltered walk that the filtered one did not return. Errors of
/// the unfiltered walk are not reported: they lie in what the filter skips.
fn count_skipped(root: &Path, extensions: &[&str], found: &[Found]) -> usize {
    let kept: std::collections::HashSet<&Path> = found.iter().map(Found::path).collect();
    builder(root, false)
        .build()
        .filter_map(Result::ok)
        .filter(|e| e.depth() > 0 && wanted(e.path(), extensions) && !is_dir(e))
        .filter(|e| !kept.contains(e.path()))
        .count()
}

fn is_dir(e: &ignore::DirEntry) -> bool {
    e.file_type().is_some_and(|t| t.is_dir())
}

fn wanted(path: &Path, extensions: &[&str]) -> bool {
    path.extension().and_then(|e| e.to_str()).is_some_and(|e| extensions.contains(&e))
}

/// The place and reason of a walk error.
fn unreadable(root: &Path, error: &ignore::Error) -> Found {
    let (path, io, ancestor) = parts(error);
    let path = path.map_or_else(|| root.to_path_buf(), Path::to_path_buf);
    // The link's own text, not the ancestor's absolute path: reports are the same on every
    // machine.
    let why = if ancestor.is_some() {
        let to = std::fs::read_link(&path)
            .map_or_else(|_| "?".into(), |t| crate::input::display_path(&t));
        format!("it is a link to `{to}`, a folder it is inside of (a loop); it was not followed")
    } else if std::fs::symlink_metadata(&path).is_ok_and(|m| m.file_type().is_symlink())
        && std::fs::metadata(&path).is_err()
    {
        "it is a link to nothing (its target does not exist)".to_owned()
    } else {
        match io {
            Some(e) if e.kind() == std::io::ErrorKind::PermissionDenied => {
                "permission denied".to_owned()
            }
            Some(e) => e.to_string(),
            None => error.to_string(),
        }
    };
    Found::Unreadable { path, why }
}

/// The path, I/O error and loop ancestor inside an `ignore` error, however it is wrapped.
fn parts(error: &ignore::Error) -> (Option<&Path>, Option<&std::io::Error>, Option<&Path>) {
    match error {
        ignore::Error::WithPath { path, err } => {
            let (_, io, ancestor) = parts(err);
            (Some(path), io, ancestor)
        }
        ignore::Error::WithDepth { err, .. } | ignore::Error::WithLineNumber { err, .. } => {
            parts(err)
        }
        ignore::Error::Loop { ancestor, child } => (Some(child), None, Some(ancestor)),
        ignore::Error::Io(e) => (None, Some(e), None),
        ignore::Error::Partial(errors) => errors.first().map_or((None, None, None), parts),
        _ => (None, None, None),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const YAML: Options<'static> = Options { extensions: &["yaml"], filter: Filter::Ignored };

    #[test]
    fn hidden_files_are_skipped_and_counted_unless_unfiltered() {
        let dir = tempfile::tempdir().expect("temp dir");
        std::fs::write(dir.path().join("a.yaml"), "").expect("write");
        std::fs::write(dir.path().join(".b.yaml"), "").expect("write");
        std::fs::create_dir(dir.path().join(".hidden")).expect("mkdir");
        std::fs::write(dir.path().join(".hidden/c.yaml"), "").expect("write");
        std::fs::write(dir.path().join("notes.txt"), "").expect("write");
        let w = walk(dir.path(), YAML);
        assert_eq!(w.found, vec![Found::File(dir.path().join("a.yaml"))]);
        assert_eq!(w.skipped, 2);
        let all = walk(dir.path(), Options { filter: Filter::Nothing, ..YAML });
        assert_eq!(all.found.len(), 3, "{:?}", all.found);
        assert_eq!(all.skipped, 0);
    }

    /// Root reads every folder, so the integration test of an unreadable folder cannot run
    /// in CI; the conversion of the walk's error is pinned here.
    #[test]
    fn an_unreadable_folder_becomes_its_path_and_permission_denied() {
        let error = ignore::Error::WithDepth {
            depth: 1,
            err: Box::new(ignore::Error::WithPath {
                path: PathBuf::from("records/locked"),
                err: Box::new(ignore::Error::Io(std::io::ErrorKind::PermissionDenied.into())),
            }),
        };
        let found = unreadable(Path::new("records"), &error);
        let expected = Found::Unreadable {
            path: PathBuf::from("records/locked"),
            why: "permission denied".into(),
        };
        assert_eq!(found, expected);
    }

    #[cfg(unix)]
    #[test]
    fn a_loop_is_reported_once_and_not_followed() {
        let dir = tempfile::tempdir().expect("temp dir");
        std::fs::create_dir(dir.path().join("sub")).expect("mkdir");
        std::fs::write(dir.path().join("sub/a.yaml"), "").expect("write");
        std::os::unix::fs::symlink("..", dir.path().join("sub/back")).expect("link");
        let w = walk(dir.path(), YAML);
        let loops: Vec<_> = w
            .found
            .iter()
            .filter(|f| matches!(f, Found::Unreadable { why, .. } if why.contains("loop")))
            .collect();
        assert_eq!(loops.len(), 1, "{:?}", w.found);
        assert_eq!(loops[0].path(), dir.path().join("sub/back"));
    }
}
