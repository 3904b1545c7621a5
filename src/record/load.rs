use super::model::Record;
use crate::diagnostic::Diagnostic;
use crate::policy::PolicySet;
use crate::source::{FileId, SourceMap};

/// The records of one file that loaded cleanly, and the diagnostics of those that did not.
#[derive(Debug, Default)]
pub struct Loaded {
    pub records: Vec<Record>,
    pub diagnostics: Vec<Diagnostic>,
}

/// Loads every record of one YAML or JSON stream already added to `sources`.
pub fn load_records(_sources: &SourceMap, _file: FileId, _policy: &PolicySet) -> Loaded {
    Loaded::default()
}
