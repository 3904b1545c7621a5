//! `yaml-baseline`: the floor that `charter check` is measured against (docs/performance.md,
//! target P1). It reads the same record files, in parallel as charter does, and parses each
//! with serde-saphyr into a generic tree that keeps every node's span, with the options
//! `src/record/yaml.rs` uses, and does nothing else: no record model, no policy, no checks.
//!
//! ```text
//! yaml-baseline FILE_OR_DIR...
//! ```
//! It prints how many files, documents and nodes it read, so that the work cannot be
//! optimised away, and exits 1 if a file could not be read or parsed.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use rayon::prelude::*;
use serde::Deserialize;
use serde::de::{Deserializer, MapAccess, SeqAccess, Visitor};
use serde_saphyr::{DuplicateKeyPolicy, MergeKeyPolicy, Spanned};

fn main() -> ExitCode {
    let mut files = Vec::new();
    for arg in std::env::args_os().skip(1) {
        collect(Path::new(&arg), &mut files);
    }
    files.sort();
    let counts: Vec<Option<(usize, usize)>> = files.par_iter().map(|f| parse_file(f)).collect();
    let failed = counts.iter().filter(|c| c.is_none()).count();
    let (documents, nodes) =
        counts.iter().flatten().fold((0, 0), |(d, n), (dd, nn)| (d + dd, n + nn));
    println!("{} files, {documents} documents, {nodes} nodes, {failed} failed", files.len());
    if failed == 0 { ExitCode::SUCCESS } else { ExitCode::FAILURE }
}

fn collect(path: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(path) else {
        out.push(path.to_path_buf());
        return;
    };
    for entry in entries.flatten() {
        let p = entry.path();
        if p.is_dir() {
            collect(&p, out);
        } else if matches!(p.extension().and_then(|e| e.to_str()), Some("yaml" | "yml" | "json")) {
            out.push(p);
        }
    }
}

/// Documents and nodes in one file, or `None` if it could not be read or parsed.
fn parse_file(path: &Path) -> Option<(usize, usize)> {
    let text = std::fs::read_to_string(path).ok()?;
    let docs = match serde_saphyr::from_multiple_with_options::<Node>(&text, options()) {
        Ok(docs) => docs,
        Err(e) => {
            eprintln!("{}: {e}", path.display());
            return None;
        }
    };
    Some((docs.len(), docs.iter().map(Node::count).sum()))
}

/// The options of `src/record/yaml.rs`, budgets included.
fn options() -> serde_saphyr::Options {
    const MAX_NODES: usize = 4_000_000;
    serde_saphyr::options! {
        strict_booleans: true,
        duplicate_keys: DuplicateKeyPolicy::LastWins,
        merge_keys: MergeKeyPolicy::AsOrdinary,
        legacy_octal_numbers: false,
        with_snippet: false,
        budget: serde_saphyr::budget! {
            max_depth: 24,
            max_nodes: MAX_NODES,
            max_events: 4 * MAX_NODES,
            max_documents: 1_000_000,
        },
        alias_limits: serde_saphyr::alias_limits! {
            max_total_replayed_events: 10_000,
        },
    }
}

/// A generic YAML value with its span, as charter's loader builds before the record model.
struct Node {
    _at: (u64, u64),
    value: Value,
}

#[expect(dead_code, reason = "the tree is built to be measured, not read")]
enum Value {
    Null,
    Bool(bool),
    Number(f64),
    Str(String),
    Seq(Vec<Node>),
    Map(Vec<(Node, Node)>),
}

impl Node {
    fn count(&self) -> usize {
        1 + match &self.value {
            Value::Seq(items) => items.iter().map(Node::count).sum(),
            Value::Map(pairs) => pairs.iter().map(|(k, v)| k.count() + v.count()).sum(),
            Value::Null | Value::Bool(_) | Value::Number(_) | Value::Str(_) => 0,
        }
    }
}

impl<'de> Deserialize<'de> for Node {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Node, D::Error> {
        let spanned = Spanned::<Value>::deserialize(deserializer)?;
        let span = spanned.defined.span();
        let start = span.byte_offset().unwrap_or(0);
        Ok(Node { _at: (start, start + span.byte_len().unwrap_or(0)), value: spanned.value })
    }
}

impl<'de> Deserialize<'de> for Value {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Value, D::Error> {
        deserializer.deserialize_any(ValueVisitor)
    }
}

struct ValueVisitor;

#[expect(clippy::cast_precision_loss, reason = "the baseline only counts values")]
impl<'de> Visitor<'de> for ValueVisitor {
    type Value = Value;

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("any YAML value")
    }
    fn visit_unit<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }
    fn visit_none<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }
    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Value, D::Error> {
        Value::deserialize(d)
    }
    fn visit_bool<E>(self, b: bool) -> Result<Value, E> {
        Ok(Value::Bool(b))
    }
    fn visit_i64<E>(self, n: i64) -> Result<Value, E> {
        Ok(Value::Number(n as f64))
    }
    fn visit_u64<E>(self, n: u64) -> Result<Value, E> {
        Ok(Value::Number(n as f64))
    }
    fn visit_f64<E>(self, n: f64) -> Result<Value, E> {
        Ok(Value::Number(n))
    }
    fn visit_str<E>(self, s: &str) -> Result<Value, E> {
        Ok(Value::Str(s.to_owned()))
    }
    fn visit_string<E>(self, s: String) -> Result<Value, E> {
        Ok(Value::Str(s))
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Value, A::Error> {
        let mut items = Vec::new();
        while let Some(item) = seq.next_element::<Node>()? {
            items.push(item);
        }
        Ok(Value::Seq(items))
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Value, A::Error> {
        let mut pairs = Vec::new();
        while let Some(key) = map.next_key::<Node>()? {
            pairs.push((key, map.next_value::<Node>()?));
        }
        Ok(Value::Map(pairs))
    }
}
