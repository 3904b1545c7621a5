//! `charter verify REPORT.json`: re-run a JSON report and prove it unchanged (docs/reports.md).
//! Exit 0 when reproduced exactly; 1 when anything differs (each difference named) or the
//! file is not a report that could be reproduced; 2 when the report file cannot be read
//! under the rules of `check`, or names inputs outside its root.

use std::path::PathBuf;

use charter::input;
use charter::report::verify::{self, Root};
use sha2::{Digest, Sha256};

#[derive(Debug, clap::Args)]
pub struct Args {
    /// A `charter-report/1` JSON report.
    #[arg(value_name = "REPORT.json")]
    pub report: PathBuf,
    /// The folder the report was made in (default: the current folder). The inputs it names
    /// are read relative to it, and only inside it (or inside the repository holding it).
    #[arg(long, value_name = "DIR")]
    pub root: Option<PathBuf>,
}

pub fn run(args: Args) -> u8 {
    let shown = input::display_path(&args.report);
    // The same rules as `check` reads its inputs by: a regular file of at most 64 MiB.
    let text = match input::read_text(&args.report, &shown) {
        Ok(t) => t,
        Err(d) => {
            tell!("error: {}", d.message);
            return 2;
        }
    };
    let root_dir = args.root.unwrap_or_else(|| PathBuf::from("."));
    let root = match Root::new(&root_dir) {
        Ok(r) => r,
        Err(e) => {
            tell!(
                "error: cannot use `{}` as the report's root: {e}",
                input::display_path(&root_dir)
            );
            return 2;
        }
    };
    // `read_text` drops a byte-order mark; charter never writes one, so it is an edit.
    let mut bytes = Vec::with_capacity(text.text.len() + 3);
    if input::hex(&Sha256::digest(text.text.as_bytes())) != text.sha256 {
        bytes.extend_from_slice("\u{feff}".as_bytes());
    }
    bytes.extend_from_slice(text.text.as_bytes());
    let (status, text) = match verify::verify(&bytes, &root) {
        Ok(differences) if differences.is_empty() => {
            (0, format!("verified: `{shown}` is reproduced exactly\n"))
        }
        Ok(differences) => {
            let mut text = format!(
                "not reproduced: `{shown}` differs from a re-run in {} way{}:\n",
                differences.len(),
                if differences.len() == 1 { "" } else { "s" }
            );
            for d in differences {
                text.push_str(&format!("  - {d}\n"));
            }
            (1, text)
        }
        Err(why @ verify::VerifyError::OutsideRoot { .. }) => {
            tell!("error: cannot verify `{shown}`: {why}");
            tell!(
                "help: run `charter verify` in the folder the report was made in, or give it as \
                 `--root DIR`; a report made with absolute paths cannot be verified"
            );
            return why.exit_status();
        }
        Err(why @ verify::VerifyError::NotAReport { .. }) => {
            (why.exit_status(), format!("not verified: `{shown}`: {why}\n"))
        }
        Err(why) => (
            why.exit_status(),
            format!("not reproduced: `{shown}` cannot be read as a report: {why}\n"),
        ),
    };
    // Written, not printed: a closed standard output is an error to report, not a panic.
    if let Err(e) =
        charter::output::write_text(None, &charter::report::excerpt::escape_lines(&text))
    {
        tell!("error: cannot write the result: {e}");
        return 2;
    }
    status
}
