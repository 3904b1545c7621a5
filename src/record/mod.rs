//! YAML and JSON records to the record model, with every record diagnostic.

mod build;
mod fields;
mod load;
pub mod model;
mod refs;
mod tags;
mod tree;
mod yaml;

pub use load::{Loaded, MAX_CLAUSES_PER_RECORD, MAX_RECORDS_PER_FILE, load_records};
pub use model::{Agreement, Clause, Dimension, Norm, Party, Period, Record, SpannedValue, Waiver};
pub use yaml::{MAX_ALIAS_REPLAY, MAX_DEPTH};

/// The parse step of the loader alone, for the `yaml-baseline` benchmark: a file's documents
/// as span-keeping trees, and how many nodes they hold; no record model, no checks.
pub fn parse_only(text: &str) -> Result<(usize, usize), String> {
    let documents = yaml::parse_documents(text).map_err(|e| e.words)?;
    Ok((documents.len(), documents.iter().map(|d| d.root.count()).sum()))
}
