//! The one integration-test binary. Fixtures are data folders under tests/fixtures/.

mod check;
mod cli;
mod conformance;
mod corpus;
mod determinism;
mod docs;
mod examples;
mod explain;
mod files;
mod fmt;
mod hostile;
mod human;
mod init;
mod lint;
mod policy;
mod policy_set;
mod record;
mod report;
mod robust;
mod shard;
mod untouched;
mod verify;

/// The sub-folders of a fixture folder, sorted: the cases of a fixture walk. A missing
/// folder or an unreadable entry fails the test.
pub fn folders(root: impl AsRef<std::path::Path>) -> Vec<std::path::PathBuf> {
    let root = root.as_ref();
    let mut cases: Vec<std::path::PathBuf> = std::fs::read_dir(root)
        .unwrap_or_else(|e| panic!("{}: {e}", root.display()))
        .map(|e| e.expect("a readable entry").path())
        .filter(|p| p.is_dir())
        .collect();
    cases.sort();
    cases
}
