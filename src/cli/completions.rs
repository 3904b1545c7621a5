//! `charter completions SHELL` and `charter manpage`: generated from the clap definitions at
//! run time, so they never drift from the real flags and need no build script.

use std::io::Write;

use clap::CommandFactory;
use clap_complete::Shell;

use super::Cli;

#[derive(Debug, clap::Args)]
pub struct CompletionArgs {
    /// The shell to complete for.
    #[arg(value_name = "SHELL", value_enum)]
    pub shell: Shell,
}

#[derive(Debug, clap::Args)]
pub struct ManpageArgs {}

/// Prints the completion script, to be sourced or saved where the shell looks for it.
pub fn completions(args: CompletionArgs) -> u8 {
    let mut command = Cli::command();
    let mut out = Vec::new();
    clap_complete::generate(args.shell, &mut command, "charter", &mut out);
    emit(&out)
}

/// Prints `charter(1)` in roff, for `man -l -` or a `man1` folder.
pub fn manpage(_args: ManpageArgs) -> u8 {
    let mut out = Vec::new();
    if let Err(e) = clap_mangen::Man::new(Cli::command()).render(&mut out) {
        eprintln!("error: cannot render the manual page: {e}");
        return 2;
    }
    emit(&out)
}

fn emit(bytes: &[u8]) -> u8 {
    let mut stdout = std::io::stdout().lock();
    match stdout.write_all(bytes).and_then(|()| stdout.flush()) {
        Ok(()) => 0,
        Err(e) => {
            eprintln!("error: cannot write to standard output: {e}");
            2
        }
    }
}
