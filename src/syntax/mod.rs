//! Text to syntax tree. `lower` is the only module that knows pest exists.

pub mod ast;
mod lower;

pub use lower::parse;
