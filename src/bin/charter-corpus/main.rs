//! `charter-corpus`: writes a reproducible corpus of cooperation agreements for the
//! benchmarks in `benches/` and `bench/run.sh`.
//!
//! ```text
//! charter-corpus agreements --count 10000 --out DIR [--seed N]
//! charter-corpus large --clauses 100000 --out FILE [--seed N]
//! charter-corpus policies --articles 10000 --out FILE [--seed N]
//! ```
//!
//! Every run with the same arguments writes the same bytes: the generator draws from its own
//! seeded PRNG and never from the clock, so figures measured on one machine can be reproduced
//! on another. The agreements are written against the standard library in `policies/`.

mod agreement;
mod large;
mod policies;
mod rng;
mod yaml;

use std::path::PathBuf;
use std::process::ExitCode;

const USAGE: &str = "usage:
  charter-corpus agreements --count N --out DIR [--seed S]
  charter-corpus large --clauses N --out FILE [--seed S]
  charter-corpus policies --articles N --out FILE [--seed S]";

/// The default seed: any fixed number would do; this one is written in the docs.
const DEFAULT_SEED: u64 = 20_240_101;

fn main() -> ExitCode {
    match run(std::env::args().skip(1).collect()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(why) => {
            eprintln!("charter-corpus: {why}\n{USAGE}");
            ExitCode::from(2)
        }
    }
}

struct Args {
    command: String,
    count: Option<usize>,
    out: Option<PathBuf>,
    seed: u64,
}

fn parse(args: Vec<String>) -> Result<Args, String> {
    let mut it = args.into_iter();
    let command = it.next().ok_or("missing command")?;
    let mut parsed = Args { command, count: None, out: None, seed: DEFAULT_SEED };
    while let Some(flag) = it.next() {
        let value = it.next().ok_or_else(|| format!("`{flag}` needs a value"))?;
        let number = || {
            value
                .replace('_', "")
                .parse::<u64>()
                .map_err(|_| format!("`{flag}` needs a number, not `{value}`"))
        };
        match flag.as_str() {
            "--count" | "--clauses" | "--articles" => {
                parsed.count = Some(usize::try_from(number()?).map_err(|_| "count too large")?);
            }
            "--seed" => parsed.seed = number()?,
            "--out" => parsed.out = Some(PathBuf::from(value)),
            _ => return Err(format!("unknown option `{flag}`")),
        }
    }
    Ok(parsed)
}

fn run(args: Vec<String>) -> Result<(), String> {
    let args = parse(args)?;
    let out = args.out.ok_or("missing `--out`")?;
    let count = args.count.ok_or("missing the count")?;
    let io = |e: std::io::Error| format!("cannot write `{}`: {e}", out.display());
    match args.command.as_str() {
        "agreements" => {
            std::fs::create_dir_all(&out).map_err(io)?;
            for n in 0..count {
                let text = agreement::write(args.seed, n);
                let path = out.join(format!("agreement-{n:06}.yaml"));
                std::fs::write(&path, text).map_err(io)?;
            }
        }
        "large" => {
            if count > large::MAX_CLAUSES {
                return Err(format!("at most {} clauses", large::MAX_CLAUSES));
            }
            std::fs::write(&out, large::write(args.seed, count)).map_err(io)?;
        }
        "policies" => std::fs::write(&out, policies::write(args.seed, count)).map_err(io)?,
        other => return Err(format!("unknown command `{other}`")),
    }
    Ok(())
}
