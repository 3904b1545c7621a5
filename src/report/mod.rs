//! Diagnostics to output. The only module that knows output formats.

pub mod human;
