//! Text to syntax tree. `lower` is the only module that knows pest exists.

pub mod ast;
mod literal;
mod lower;
mod scan;
mod words;

pub use lower::parse;
pub use scan::MAX_DEPTH;
pub use words::KEYWORDS;
