//! Record load: one generated agreement of 30 clauses (`charter-corpus agreements`), from
//! its YAML text to the record model, with every reference checked against the standard
//! library; the YAML parse is most of it.

mod corpus;
include!("corpus/generator.rs");

use criterion::{Criterion, Throughput, criterion_group, criterion_main};

use charter::record::load_records;

fn load(c: &mut Criterion) {
    let (mut sources, policy) = corpus::stdlib();
    let text = corpus::agreement_with(30);
    let id = corpus::add_record(&mut sources, &text);
    assert_eq!(load_records(&sources, id, &policy).records.len(), 1, "the agreement loads");
    let mut group = c.benchmark_group("record");
    group.throughput(Throughput::Bytes(text.len() as u64));
    group.bench_function("load-30-clauses", |b| b.iter(|| load_records(&sources, id, &policy)));
    group.finish();
}

criterion_group!(benches, load);
criterion_main!(benches);
