//! `charter matrix RECORD`: the responsibility matrix of each agreement in one record file,
//! drawn in the terminal. Box drawing and colour on a terminal; plain ASCII with `NO_COLOR`
//! or when standard output is not a terminal.

use std::io::IsTerminal;
use std::path::PathBuf;

use super::PolicyArgs;
use charter::date::Date;
use charter::eval;
use charter::report::{self, grid};
use charter::run;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The record file (one YAML stream; each agreement in it gets its matrix).
    #[arg(value_name = "RECORD")]
    pub record: PathBuf,
    #[command(flatten)]
    pub policies: PolicyArgs,
    /// The date waivers are judged on (YYYY-MM-DD; default today).
    #[arg(long, value_name = "DATE", value_parser = super::check::parse_date)]
    pub as_of: Option<Date>,
}

pub fn run(args: Args) -> u8 {
    let (sources, set, policy_diagnostics) = super::policies::load(&args.policies.policy);
    let options =
        eval::Options { as_of: args.as_of.unwrap_or_else(super::check::today), max_findings: 0 };
    let inputs = run::discover(std::slice::from_ref(&args.record));
    let checked = run::check(sources, &set, policy_diagnostics, &inputs, &options, || {
        Err(std::io::Error::other("`charter matrix` reads a record file, not standard input"))
    });
    if checked.input_error {
        let problems: Vec<_> =
            checked.diagnostics.iter().filter(|d| d.code.is_input_error()).cloned().collect();
        eprint!(
            "{}",
            report::human::render(
                &checked.sources,
                &problems,
                super::color(std::io::stderr().is_terminal())
            )
        );
        return 2;
    }
    let fancy = super::color(std::io::stdout().is_terminal());
    let style = grid::Style { unicode: fancy, color: fancy };
    let mut out = String::new();
    for (i, m) in checked.matrices.iter().enumerate() {
        if i > 0 {
            out.push('\n');
        }
        out.push_str(&grid::render(m, checked.sources.path(m.file), style));
    }
    print!("{out}");
    0
}
