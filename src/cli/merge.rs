//! `charter merge R1.json R2.json ...`: join the JSON reports of `check --shard K/N` runs into
//! one report with one digest (docs/reports.md). The exit status is the one an unsharded `check` would
//! have had: 2 when an input could not be loaded (or the reports cannot be merged), 1 when a
//! finding reaches `--deny`, else 0.

use std::path::PathBuf;

use super::Deny;
use charter::checks::Code;
use charter::eval::Counts;
use charter::input;
use charter::report::merge::{self, Shard};

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The JSON reports of the shards (`check --shard K/N --format json`), in any order.
    #[arg(value_name = "REPORT.json", required = true)]
    pub reports: Vec<PathBuf>,
    /// Write the merged report to this file (atomically) instead of standard output.
    #[arg(long, short = 'o', value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// The lowest severity that makes the merge fail (exit 1), as for `check`.
    #[arg(long, value_enum, default_value_t = Deny::Error)]
    pub deny: Deny,
}

pub fn run(args: Args) -> u8 {
    let mut shards: Vec<Shard> = Vec::new();
    for path in &args.reports {
        let shown = input::display_path(path);
        let parsed = input::read_text(path, &shown)
            .map_err(|d| d.message)
            .and_then(|t| merge::parse(&shown, &t.text).map_err(|e| e.to_string()));
        match parsed {
            Ok(shard) => shards.push(shard),
            Err(why) => {
                tell!("error: cannot merge: {why}");
                return 2;
            }
        }
    }
    let merged = match merge::merge(&shards) {
        Ok(m) => m,
        Err(why) => {
            tell!("error: cannot merge: {why}");
            return 2;
        }
    };
    let text = charter::report::json::to_string(&merged);
    if let Err(e) = charter::output::write_text(args.output.as_deref(), &text) {
        tell!("error: {e}");
        return 2;
    }
    let listed = merged["findings"].as_array().map(Vec::as_slice).unwrap_or_default();
    let input_error = listed.iter().any(|f| {
        f["severity"] == "error"
            && f["code"].as_str().and_then(Code::parse).is_some_and(Code::is_input_error)
    });
    let count = |key: &str| merged["summary"][key].as_u64().unwrap_or(0);
    let counts = Counts { error: count("error"), warning: count("warning"), note: count("note") };
    if input_error {
        2
    } else if args.deny.fails(&counts) {
        1
    } else {
        0
    }
}
