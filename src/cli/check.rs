//! `charter check`: evaluate records and write the report.

use std::io::{IsTerminal, Read, Write};
use std::path::PathBuf;

use clap::ValueEnum;

use super::{Deny, PolicyArgs};
use charter::date::Date;
use charter::eval;
use charter::output::{Mode, Pending};
use charter::report::{self, Meta};
use charter::run;
use charter::walk;

#[derive(Clone, Copy, Debug, ValueEnum, PartialEq, Eq)]
pub enum Format {
    Human,
    Json,
    /// SARIF 2.1.0, for code-scanning dashboards.
    Sarif,
    /// One self-contained HTML page with the responsibility matrix, for auditors.
    Html,
}

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Record files, or folders searched recursively for `*.yaml`, `*.yml`, `*.json`
    /// (links followed; charter's own reports skipped with a note); `-` reads standard
    /// input. Only regular files are read: a FIFO, socket or device is an error.
    #[arg(value_name = "PATHS", default_value = ".")]
    pub paths: Vec<PathBuf>,
    #[command(flatten)]
    pub policies: PolicyArgs,
    /// Output format.
    #[arg(long, short = 'f', value_enum, default_value_t = Format::Human)]
    pub format: Format,
    /// Write the report to this file instead of standard output: atomically (a temporary
    /// file beside it, renamed into place), through a symbolic link to its target, keeping
    /// the mode of a file it replaces; a FIFO, device or `/dev/stdout` is written in place.
    #[arg(long, short = 'o', value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// The lowest severity that makes the run fail (exit 1).
    #[arg(long, value_enum, default_value_t = Deny::Error)]
    pub deny: Deny,
    /// Number of record files checked in parallel (default: the number of cores); at most
    /// 4 times the number of cores, a larger N is lowered to that with a note.
    #[arg(long, short = 'j', value_name = "N")]
    pub jobs: Option<usize>,
    /// In folders, also read hidden files and folders and what `.gitignore` excludes (by
    /// default both are skipped, and counted in the summary).
    #[arg(long)]
    pub no_ignore: bool,
    /// List at most N findings per record and code (0 lists all).
    #[arg(long, value_name = "N", default_value_t = 1000)]
    pub max_findings: usize,
    /// The date waivers are judged on (YYYY-MM-DD; default today).
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    pub as_of: Option<Date>,
    /// Print only the findings, without the summary line.
    #[arg(long, short = 'q')]
    pub quiet: bool,
    /// List only findings that are not in this earlier JSON report; count the rest as `baseline`.
    #[arg(long, value_name = "OLD.json")]
    pub baseline: Option<PathBuf>,
    /// Write the current UTC time into the report (reports are otherwise reproducible byte for byte).
    #[arg(long)]
    pub timestamp: bool,
    /// Check only the files whose path hashes to shard K of N (K from 1 to N), for a CI
    /// matrix; join the shards' JSON reports with `charter merge`.
    #[arg(long, value_name = "K/N", value_parser = run::parse_shard)]
    pub shard: Option<(u32, u32)>,
}

pub fn parse_date(s: &str) -> Result<Date, String> {
    Date::parse(s).ok_or_else(|| format!("`{s}` is not a valid date (YYYY-MM-DD)"))
}

pub fn run(args: Args) -> u8 {
    if let Some(jobs) = args.jobs {
        let _ = rayon::ThreadPoolBuilder::new().num_threads(capped_jobs(jobs)).build_global();
    }
    let baseline = match args.baseline.as_deref().map(report::baseline::load).transpose() {
        Ok(b) => b,
        Err(why) => {
            tell!("error: cannot use the baseline: {why}");
            return 2;
        }
    };
    // The report's file is prepared before any work: a target that cannot be written fails
    // now, not after the check.
    let output = match args.output.as_deref().map(|p| Pending::file(p, Mode::Replace)) {
        Some(Ok(pending)) => Some(pending),
        Some(Err(e)) => {
            tell!("error: {e}");
            return 2;
        }
        None => None,
    };
    let super::policies::Loaded { sources, set, diagnostics: policy_diagnostics, name } =
        super::policies::load_named(&args.policies.policy);
    let policies = sources.len();
    let options =
        eval::Options { as_of: args.as_of.unwrap_or_else(today), max_findings: args.max_findings };
    let filter = if args.no_ignore { walk::Filter::Nothing } else { walk::Filter::Ignored };
    let run::Discovered { mut inputs, skipped } = run::discover_with(&args.paths, filter);
    if let Some((k, n)) = args.shard {
        inputs.retain(|i| run::in_shard(&i.shown, k, n));
    }
    let bar = super::progress::bar(inputs.len());
    let tick = || {
        if let Some(bar) = &bar {
            bar.inc(1);
        }
    };
    let read_stdin = || {
        let mut bytes = Vec::new();
        std::io::stdin().take(charter::input::MAX_INPUT_BYTES + 1).read_to_end(&mut bytes)?;
        Ok(bytes)
    };
    // What the report keeps of each diagnostic is made in the workers, while the record's
    // text is loaded, so that memory follows the findings and not the files. The HTML report
    // quotes excerpts and draws matrices at the end, and `--baseline` filters whole
    // diagnostics: those keep every diagnostic whole.
    let to_terminal = args.output.is_none() && std::io::stdout().is_terminal();
    let color = super::color(to_terminal);
    let whole = args.format == Format::Html || baseline.is_some();
    let format = args.format;
    let resolve = move |sources: &charter::source::SourceMap,
                        d: charter::diagnostic::Diagnostic| {
        match format {
            _ if whole => Kept::Whole(Box::new(d)),
            Format::Json => {
                Kept::Compact(report::splice::compact(&report::json::finding(sources, &d)))
            }
            Format::Sarif => {
                Kept::Compact(report::splice::compact(&report::sarif::result(sources, &d)))
            }
            Format::Human | Format::Html => {
                let text = report::human::render(sources, std::slice::from_ref(&d), color);
                Kept::Text(text.into_boxed_str())
            }
        }
    };
    let plan =
        run::Plan { matrices: args.format == Format::Html, keep_texts: whole, resolve: &resolve };
    let (mut checked, kept) = run::check_planned(
        sources,
        &set,
        policy_diagnostics,
        &inputs,
        &options,
        read_stdin,
        &tick,
        &plan,
    );
    if let Some(bar) = bar {
        bar.finish_and_clear();
    }
    let mut compact = Vec::new();
    let mut texts = Vec::new();
    for k in kept {
        match k {
            Kept::Whole(d) => checked.diagnostics.push(*d),
            Kept::Compact(c) => compact.push(c),
            Kept::Text(t) => texts.push(t),
        }
    }
    let mut meta = Meta::new(options.as_of, options.max_findings, name);
    meta.shard = args.shard;
    if let Some(b) = &baseline {
        meta.baseline = Some(report::baseline::apply(&mut checked, &b.report));
    }
    if args.timestamp {
        meta.timestamp = Some(now_utc());
    }
    for shown in &checked.skipped_reports {
        tell!("note: skipped `{shown}`: it is a charter report, not a record file");
    }
    let reports = checked.skipped_reports.len();
    let summarised = args.format == Format::Human && !args.quiet;
    if skipped + reports > 0 && !summarised {
        tell!("note: {}", report::skipped_note(skipped, reports));
    }
    let write = |out: &mut dyn Write| match args.format {
        // The findings were kept as compact text: they are spliced into the report as it is
        // written, and hashed in place for the digest.
        Format::Json if !whole => report::json::write(&checked, &meta, &compact, out),
        Format::Json => {
            let mut json = report::json::report(&checked, &meta);
            if let Some(b) = &baseline {
                report::baseline::record_input(&mut json, b);
            }
            report::splice::write(&json, &[], out)
        }
        Format::Sarif if !whole => report::sarif::write(&checked, &meta, &compact, out),
        Format::Sarif => report::splice::write(&report::sarif::report(&checked, &meta), &[], out),
        Format::Html => out.write_all(report::html::report(&checked, &meta).as_bytes()),
        Format::Human => {
            if whole {
                let text = report::human::render(&checked.sources, &checked.diagnostics, color);
                out.write_all(text.as_bytes())?;
            }
            for t in &texts {
                out.write_all(t.as_bytes())?;
            }
            if summarised {
                let mut line = report::summary_line(
                    &checked.counts,
                    checked.records,
                    policies,
                    &meta.policy_set,
                );
                if let Some(hidden) = meta.baseline {
                    line = format!("{line}; {}", report::baseline_note(hidden));
                }
                if skipped + reports > 0 {
                    line = format!("{line}; {}", report::skipped_note(skipped, reports));
                }
                writeln!(out, "{line}")?;
            }
            Ok(())
        }
    };
    let mut pending = output.unwrap_or_else(Pending::stdout);
    let committed = match write(pending.writer()) {
        Ok(()) => pending.commit().map(|_| ()),
        Err(e) => Err(pending.error(&e)),
    };
    if let Err(e) = committed {
        tell!("error: {e}");
        return 2;
    }
    if checked.input_error {
        2
    } else if args.deny.fails(&checked.counts) {
        1
    } else {
        0
    }
}

/// What the report keeps of one diagnostic (see `run::Plan`).
enum Kept {
    /// For the HTML report and `--baseline`, which need whole diagnostics.
    Whole(Box<charter::diagnostic::Diagnostic>),
    /// A JSON finding or a SARIF result, as its compact text (see `report::splice`).
    Compact(report::splice::Compact),
    /// A rendered human excerpt.
    Text(Box<str>),
}

/// `--jobs N`, at least 1 and at most [`JOBS_PER_CORE`] times the available cores: rayon
/// starts every thread asked for, and 20,000 threads took minutes to start and stop.
pub fn capped_jobs(jobs: usize) -> usize {
    let cores = std::thread::available_parallelism().map_or(1, std::num::NonZero::get);
    let cap = cores.saturating_mul(JOBS_PER_CORE);
    if jobs > cap {
        tell!("note: --jobs {jobs} lowered to {cap} ({JOBS_PER_CORE} per core, {cores} cores)");
    }
    jobs.clamp(1, cap)
}

/// The most parallel jobs per available core (`--jobs`).
pub const JOBS_PER_CORE: usize = 4;

/// The current time in UTC, RFC 3339 to the second: `2025-03-01T09:30:00Z`.
fn now_utc() -> String {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0);
    let day = Date(i32::try_from(secs / 86_400).unwrap_or(0));
    let s = secs % 86_400;
    format!("{day}T{:02}:{:02}:{:02}Z", s / 3600, s / 60 % 60, s % 60)
}

/// Today's date in UTC.
pub fn today() -> Date {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0);
    Date(i32::try_from(secs / 86_400).unwrap_or(0))
}
