//! The inputs of the criterion benchmarks, made in memory by the corpus generator of
//! `src/bin/charter-corpus/` with the same fixed seed, so that the benchmarks and
//! `bench/run.sh` measure the same agreements. The generator's modules name each other from
//! the crate root, so each benchmark declares them there with `include!("corpus/generator.rs")`.

#![allow(dead_code)]

use crate::{agreement, large, policies};
use std::sync::Arc;

use charter::policy::{PolicySet, load_policy_texts};
use charter::record::{Record, load_records};
use charter::source::{FileId, SourceFile, SourceKind, SourceMap};

/// The seed `charter-corpus` uses by default (docs/performance.md).
pub const SEED: u64 = 20_240_101;

/// The standard library, parsed and resolved, with the map holding its texts.
pub fn stdlib() -> (SourceMap, PolicySet) {
    let mut sources = SourceMap::new();
    let (set, diagnostics) = load_policy_texts(charter::stdlib::FILES, &mut sources);
    assert!(diagnostics.is_empty(), "the standard library loads cleanly");
    (sources, set)
}

/// The texts of the standard library plus a generated policy file of `articles` articles
/// (it uses the library's roles, so it is loaded with it).
pub fn policy_texts(articles: usize) -> Vec<(String, String)> {
    let mut texts: Vec<(String, String)> =
        charter::stdlib::FILES.iter().map(|(p, t)| (p.to_string(), t.to_string())).collect();
    texts.push(("generated.charter".into(), policies::write(SEED, articles)));
    texts
}

/// The first agreement of the corpus with exactly `clauses` clauses, as YAML.
pub fn agreement_with(clauses: usize) -> String {
    (0..1000)
        .map(|n| agreement::write(SEED, n))
        .find(|text| {
            let list = text.split_once("\nclauses:").map_or("", |(_, rest)| rest);
            list.matches("\n  - id:").count() == clauses
        })
        .unwrap_or_else(|| agreement::write(SEED, 0))
}

/// One national programme of `clauses` clauses, as YAML (`charter-corpus large`).
pub fn large(clauses: usize) -> String {
    large::write(SEED, clauses)
}

/// `sources` with `text` added as a record file, and its id.
pub fn add_record(sources: &mut SourceMap, text: &str) -> FileId {
    let file =
        SourceFile::new("bench.yaml".into(), Arc::from(text), SourceKind::Record, String::new());
    sources.add(file)
}

/// The records of `text`, loaded against `policy`.
pub fn records(sources: &mut SourceMap, policy: &PolicySet, text: &str) -> Vec<Record> {
    let id = add_record(sources, text);
    let loaded = load_records(sources, id, policy);
    assert!(!loaded.records.is_empty(), "the generated record loads: {:?}", loaded.diagnostics);
    loaded.records
}
