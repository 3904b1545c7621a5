//! YAML and JSON records to the record model, with every record diagnostic.

mod load;
pub mod model;

pub use load::{Loaded, load_records};
pub use model::{Agreement, Clause, Dimension, Norm, Party, Period, Record, SpannedValue, Waiver};
