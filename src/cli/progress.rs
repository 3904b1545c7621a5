//! The progress bar of large `charter check` runs, on standard error.
//!
//! It is drawn only for a person watching: more than [`MIN_FILES`] files, standard error a
//! terminal, and `CI` unset. Logs of CI jobs and redirected output never see it, and standard
//! output, which carries the report, is never touched.

use std::io::IsTerminal;

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

/// Below this many files a run is quick enough that a bar would only flicker.
pub const MIN_FILES: usize = 200;

/// A bar for `files` record files, or `None` when none should be shown.
pub fn bar(files: usize) -> Option<ProgressBar> {
    let in_ci = std::env::var_os("CI").is_some();
    if !wanted(files, std::io::stderr().is_terminal(), in_ci) {
        return None;
    }
    let bar = ProgressBar::with_draw_target(Some(files as u64), ProgressDrawTarget::stderr());
    let style =
        ProgressStyle::with_template("{bar:40} {pos}/{len} record files checked ({eta} left)")
            .map(|s| s.progress_chars("=> "));
    if let Ok(style) = style {
        bar.set_style(style);
    }
    Some(bar)
}

/// The rule, apart from the environment, so that it can be tested.
pub fn wanted(files: usize, stderr_is_terminal: bool, in_ci: bool) -> bool {
    files > MIN_FILES && stderr_is_terminal && !in_ci
}

#[cfg(test)]
mod tests {
    use super::wanted;

    #[test]
    fn only_large_runs_watched_outside_ci_get_a_bar() {
        assert!(wanted(201, true, false));
        assert!(!wanted(200, true, false));
        assert!(!wanted(5_000, false, false));
        assert!(!wanted(5_000, true, true));
    }
}
