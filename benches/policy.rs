//! Policy parse + resolve: the standard library, and a generated set of 10,000 articles
//! loaded with it (`charter-corpus policies --articles 10000`). The target for the latter is
//! 100 ms (docs/performance.md).

mod corpus;
include!("corpus/generator.rs");

use criterion::{Criterion, criterion_group, criterion_main};

use charter::policy::load_policy_texts;
use charter::source::SourceMap;

fn parse_and_resolve(c: &mut Criterion) {
    let mut group = c.benchmark_group("policy");
    group.bench_function("stdlib", |b| {
        b.iter(|| {
            let mut sources = SourceMap::new();
            load_policy_texts(charter::stdlib::FILES, &mut sources)
        })
    });
    let owned = corpus::policy_texts(10_000);
    let texts: Vec<(&str, &str)> = owned.iter().map(|(p, t)| (p.as_str(), t.as_str())).collect();
    let (_, diagnostics) = load_policy_texts(&texts, &mut SourceMap::new());
    assert!(
        diagnostics.iter().all(|d| d.severity != charter::diagnostic::Severity::Error),
        "the generated set resolves"
    );
    group.sample_size(20);
    group.bench_function("articles-10000", |b| {
        b.iter(|| {
            let mut sources = SourceMap::new();
            load_policy_texts(&texts, &mut sources)
        })
    });
    group.finish();
}

criterion_group!(benches, parse_and_resolve);
criterion_main!(benches);
