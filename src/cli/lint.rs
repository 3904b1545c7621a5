//! `charter lint`: load the policy set and report what is wrong with it.

use std::io::IsTerminal;

use super::{Deny, PolicyArgs};
use charter::eval::Counts;
use charter::report;

#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(flatten)]
    pub policies: PolicyArgs,
    /// The lowest severity that makes the run fail (exit 1).
    #[arg(long, value_enum, default_value_t = Deny::Error)]
    pub deny: Deny,
}

pub fn run(args: Args) -> u8 {
    let (sources, set, mut diagnostics) = super::policies::load(&args.policies.policy);
    // Findings on the set come after the input diagnostics: a drafter fixes those first.
    diagnostics.extend(charter::lint::lint(&set, &sources));
    let mut counts = Counts::default();
    for d in &diagnostics {
        counts.add(d.severity);
    }
    let color = super::color(std::io::stdout().is_terminal());
    let mut text = report::human::render(&sources, &diagnostics, color);
    let n = sources.len();
    text.push_str(&format!(
        "{} in {n} polic{}\n",
        report::summary_line(&counts, 0, 0, "").split(" in ").next().unwrap_or_default(),
        if n == 1 { "y" } else { "ies" }
    ));
    print!("{text}");
    if diagnostics.iter().any(|d| d.code.is_input_error()) {
        2
    } else if args.deny.fails(&counts) {
        1
    } else {
        0
    }
}
