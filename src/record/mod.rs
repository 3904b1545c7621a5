//! YAML and JSON records to the record model, with every record diagnostic.

pub mod model;
mod load;

pub use load::{load_records, Loaded};
pub use model::{Agreement, Clause, Dimension, Norm, Party, Period, Record, SpannedValue, Waiver};
