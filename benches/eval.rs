//! Evaluation against the standard library, the record already loaded: one agreement of 30
//! clauses, and one national programme of 10,000 (`charter-corpus large --clauses 10000`).

mod corpus;
include!("corpus/generator.rs");

use criterion::{Criterion, criterion_group, criterion_main};

use charter::date::Date;
use charter::eval::{Options, evaluate};

fn evaluation(c: &mut Criterion) {
    let (mut sources, policy) = corpus::stdlib();
    let options =
        Options { as_of: Date::parse("2025-06-01").expect("a valid date"), max_findings: 1000 };
    let small = corpus::records(&mut sources, &policy, &corpus::agreement_with(30));
    let large = corpus::records(&mut sources, &policy, &corpus::large(10_000));
    // The generator injects its findings by dropping a clause here and there: 9,997 of 10,000.
    assert!(large[0].clauses.len() > 9_900, "the programme has about the clauses asked for");
    let mut group = c.benchmark_group("eval");
    group.bench_function("agreement-30-clauses", |b| {
        b.iter(|| evaluate(&policy, &small[0], &options))
    });
    group.sample_size(10);
    group.bench_function("programme-10000-clauses", |b| {
        b.iter(|| evaluate(&policy, &large[0], &options))
    });
    group.finish();
}

criterion_group!(benches, evaluation);
criterion_main!(benches);
