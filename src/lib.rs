//! charter: a rules engine for supervising government-university-enterprise cooperation.
//!
//! The pipeline, one module per stage: [`syntax`] (text to AST), [`policy`] (AST to the
//! resolved policy set), [`record`] (YAML to records), [`eval`] (policy x record to
//! findings) and [`report`] (findings to human, JSON, SARIF or HTML output).

pub mod checks;
pub mod date;
pub mod diagnostic;
pub mod eval;
pub mod fmt;
pub mod fuzzing;
pub mod input;
pub mod lint;
pub mod output;
pub mod policy;
pub mod record;
pub mod report;
pub mod run;
pub mod source;
pub mod stdlib;
pub mod syntax;
pub mod value;
pub mod walk;
