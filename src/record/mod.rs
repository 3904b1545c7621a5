//! YAML and JSON records to the record model, with every record diagnostic.

mod build;
mod fields;
mod load;
pub mod model;
mod refs;
mod yaml;

pub use load::{Loaded, MAX_CLAUSES_PER_RECORD, MAX_RECORDS_PER_FILE, load_records};
pub use model::{Agreement, Clause, Dimension, Norm, Party, Period, Record, SpannedValue, Waiver};
pub use yaml::{MAX_ALIAS_REPLAY, MAX_DEPTH};
