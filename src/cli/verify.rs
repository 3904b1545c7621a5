//! `charter verify REPORT.json`: re-run a JSON report and prove it unchanged (docs/reports.md).
//! Exit 0 when reproduced exactly, 1 when anything differs (each difference named), 2 when
//! the report file cannot be read.

use std::path::PathBuf;

use charter::report::verify;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// A `charter-report/1` JSON report; the inputs it names are read relative to the current folder.
    #[arg(value_name = "REPORT.json")]
    pub report: PathBuf,
}

pub fn run(args: Args) -> u8 {
    let shown = args.report.display();
    let bytes = match std::fs::read(&args.report) {
        Ok(b) => b,
        Err(e) => {
            eprintln!("error: cannot read `{shown}`: {e}");
            return 2;
        }
    };
    match verify::verify(&bytes) {
        Ok(differences) if differences.is_empty() => {
            println!("verified: `{shown}` is reproduced exactly");
            0
        }
        Ok(differences) => {
            println!(
                "not reproduced: `{shown}` differs from a re-run in {} way{}:",
                differences.len(),
                if differences.len() == 1 { "" } else { "s" }
            );
            for d in differences {
                println!("  - {d}");
            }
            1
        }
        Err(why) => {
            println!("not reproduced: `{shown}` cannot be read as a report: {why}");
            1
        }
    }
}
