//! The command line: clap definitions and wiring, no logic of its own.

/// `println!` with the control characters of the text escaped (`\u{1b}`): paths and ids
/// from inputs never reach the terminal raw.
macro_rules! say {
    ($($arg:tt)*) => {
        println!("{}", charter::report::excerpt::escape(&format!($($arg)*)))
    };
}

/// `eprintln!` with the control characters of the text escaped, as [`say!`].
macro_rules! tell {
    ($($arg:tt)*) => {
        eprintln!("{}", charter::report::excerpt::escape(&format!($($arg)*)))
    };
}

mod check;
mod completions;
mod explain;
mod fmt;
mod init;
mod lint;
mod matrix;
mod merge;
mod policies;
mod progress;
mod verify;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};

/// Check cooperation agreements against policies of rights, duties and powers.
#[derive(Debug, Parser)]
#[command(name = "charter", version, about, long_about = None)]
pub struct Cli {
    /// When to colour the output: `auto` colours a terminal unless `NO_COLOR` is set;
    /// `always` and `never` override both.
    #[arg(long, global = true, value_enum, default_value_t = ColorChoice::Auto, value_name = "WHEN")]
    pub color: ColorChoice,
    #[command(subcommand)]
    pub command: Command,
}

/// The `--color` choice.
#[derive(Clone, Copy, Debug, Default, ValueEnum, PartialEq, Eq)]
pub enum ColorChoice {
    #[default]
    Auto,
    Always,
    Never,
}

/// The `--color` of this run, set once by [`run`].
static COLOR: std::sync::OnceLock<ColorChoice> = std::sync::OnceLock::new();

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Evaluate agreement records against the policy set.
    Check(check::Args),
    /// Check the policy set itself.
    Lint(lint::Args),
    /// Rewrite policy files in the one canonical layout; `--check` only reports.
    Fmt(fmt::Args),
    /// Show the responsibility matrix of an agreement: parties x acts, gaps and overlaps marked.
    Matrix(matrix::Args),
    /// Re-run a JSON report and prove it unchanged.
    Verify(verify::Args),
    /// Join the JSON reports of `check --shard K/N` runs into one report with one digest.
    Merge(merge::Args),
    /// Explain a diagnostic code, with an example and its fix; `--list` lists every code.
    Explain(explain::Args),
    /// Set up a starter `policies/` and `agreements/` in a folder (never overwrites).
    Init(init::Args),
    /// Print a shell completion script.
    Completions(completions::CompletionArgs),
    /// Print the manual page (roff).
    Manpage(completions::ManpageArgs),
}

/// The lowest severity that fails the run.
#[derive(Clone, Copy, Debug, ValueEnum, PartialEq, Eq)]
pub enum Deny {
    Error,
    Warning,
    Note,
}

impl Deny {
    pub fn fails(self, counts: &charter::eval::Counts) -> bool {
        match self {
            Deny::Error => counts.error > 0,
            Deny::Warning => counts.error + counts.warning > 0,
            Deny::Note => counts.error + counts.warning + counts.note > 0,
        }
    }
}

/// Policy files and folders, shared by the commands that read policies.
#[derive(Debug, clap::Args)]
pub struct PolicyArgs {
    /// A policy file or folder (searched recursively for `*.charter`); repeatable.
    /// Default: the nearest `policies/` folder in the current folder or above it, up to the
    /// repository root (the folder holding `.git`); else the standard library built into charter.
    #[arg(long = "policy", short = 'p', value_name = "PATH")]
    pub policy: Vec<PathBuf>,
}

pub fn run(cli: Cli) -> ExitCode {
    let _ = COLOR.set(cli.color);
    let code = match cli.command {
        Command::Check(args) => check::run(args),
        Command::Lint(args) => lint::run(args),
        Command::Fmt(args) => fmt::run(args),
        Command::Matrix(args) => matrix::run(args),
        Command::Verify(args) => verify::run(args),
        Command::Merge(args) => merge::run(args),
        Command::Explain(args) => explain::run(args),
        Command::Init(args) => init::run(args),
        Command::Completions(args) => completions::completions(args),
        Command::Manpage(args) => completions::manpage(args),
    };
    ExitCode::from(code)
}

/// Whether colours may be used on a stream: as `--color` says, and with `auto` on a terminal
/// when `NO_COLOR` is unset.
pub fn color(is_terminal: bool) -> bool {
    match COLOR.get().copied().unwrap_or_default() {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => {
            is_terminal && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
        }
    }
}
