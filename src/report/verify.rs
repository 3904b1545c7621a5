//! `charter verify REPORT.json`: the audit trail. Re-reads every input a JSON report names,
//! checks each SHA-256, re-runs the check with the report's own options, and names every
//! way the result differs from the report. An empty list means "reproduced exactly".
//!
//! The report is the only source of truth for the options: `as_of`, `max_findings`, the
//! optional `timestamp`, `shard` and `inputs.baseline` are taken from it, and `<stdlib>/...`
//! policies mean the library compiled into this binary. It is not trusted with anything
//! else: the paths it names are read relative to its [`Root`] (the folder it was made in),
//! and only when they lie inside it, so that a report cannot make `verify` read, hash or
//! quote a file of the machine it runs on (`/etc/passwd`) or walk a tree (`/usr/share`).

use std::collections::BTreeMap;
use std::path::{Component, Path, PathBuf};

use serde_json::Value;

use super::{Meta, baseline, json};
use crate::date::Date;
use crate::eval;
use crate::input;
use crate::policy;
use crate::run::{self, CheckRun, RecordInput, RecordSource};
use crate::source::{SourceFile, SourceKind, SourceMap};

/// Why a file cannot be verified at all (as opposed to the differences of a report that
/// can): it is not a charter report, it is damaged, or it names inputs outside its root.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum VerifyError {
    #[error("it is not UTF-8 ({0}), so it is not a report or was edited")]
    NotUtf8(String),
    #[error("it is not valid JSON ({0}), so it is not a report or was edited")]
    NotJson(String),
    #[error("it is not a charter report: it has no `\"schema\": \"{}\"`{found}", json::SCHEMA)]
    NotAReport {
        /// ` (its schema is "sarif")`, or empty when it has no `schema` at all.
        found: String,
    },
    #[error("{0}, so it was edited")]
    Malformed(String),
    #[error(
        "it names {} outside the report's root `{root}`, which verify does not read: {}",
        if refused.len() == 1 { "an input" } else { "inputs" },
        refused.join("; ")
    )]
    OutsideRoot { root: String, refused: Vec<String> },
}

impl VerifyError {
    /// 2 when verify refuses the report's inputs, 1 when the file is not a report that
    /// could be reproduced (a damaged report is an edited one).
    pub fn exit_status(&self) -> u8 {
        match self {
            VerifyError::OutsideRoot { .. } => 2,
            _ => 1,
        }
    }
}

/// The folder a report was made in: its relative paths are read from there, and no input
/// may lie outside the boundary, which is the repository (work tree) holding that folder, or
/// the folder itself outside a repository. The repository and not the folder, because
/// `check` may use a `policies/` folder found above the current one (up to the repository
/// root), and a report made in `agreements/` then names `../policies/...`.
#[derive(Debug, Clone)]
pub struct Root {
    /// As given, for messages.
    shown: String,
    /// Canonical: symbolic links resolved.
    dir: PathBuf,
    boundary: PathBuf,
}

impl Root {
    /// The root at `dir`, which must exist.
    pub fn new(dir: &Path) -> std::io::Result<Root> {
        let dir_real = std::fs::canonicalize(dir)?;
        let boundary = dir_real
            .ancestors()
            .find(|d| d.join(".git").exists())
            .unwrap_or(&dir_real)
            .to_path_buf();
        Ok(Root { shown: input::display_path(dir), dir: dir_real, boundary })
    }

    /// The file to read for `path` as the report writes it, or why it is refused: an
    /// absolute path, a `..` that leads out, or a symbolic link that resolves outside.
    fn confine(&self, path: &str) -> Result<PathBuf, String> {
        let given = Path::new(path);
        let mut lexical = self.dir.clone();
        for part in given.components() {
            match part {
                Component::Prefix(_) | Component::RootDir => {
                    return Err(format!("`{path}` is an absolute path"));
                }
                Component::CurDir => {}
                Component::ParentDir => {
                    lexical.pop();
                }
                Component::Normal(name) => lexical.push(name),
            }
            if !lexical.starts_with(&self.boundary) {
                return Err(format!("`{path}` leads out of it through `..`"));
            }
        }
        let joined = self.dir.join(given);
        match std::fs::canonicalize(&joined) {
            Ok(real) if real.starts_with(&self.boundary) => Ok(real),
            Ok(_) => Err(format!("`{path}` resolves, through a symbolic link, outside it")),
            // Missing: reading it fails and says so.
            Err(_) => Ok(joined),
        }
    }
}

/// Checks a report, given as the bytes of its file, against the inputs under `root`. `Err`
/// is a report that cannot be verified at all (see [`VerifyError`]); `Ok` lists the
/// differences, empty when the report is reproduced byte for byte.
pub fn verify(bytes: &[u8], root: &Root) -> Result<Vec<String>, VerifyError> {
    let text = std::str::from_utf8(bytes).map_err(|e| VerifyError::NotUtf8(e.to_string()))?;
    let given: Value =
        serde_json::from_str(text).map_err(|e| VerifyError::NotJson(e.to_string()))?;
    if given["schema"] != json::SCHEMA {
        let found = match &given["schema"] {
            Value::Null => String::new(),
            other => format!(" (its `schema` is {other})"),
        };
        return Err(VerifyError::NotAReport { found });
    }
    let malformed = |what: &str| VerifyError::Malformed(format!("the report {what}"));
    let as_of = given["as_of"]
        .as_str()
        .and_then(Date::parse)
        .ok_or_else(|| malformed("has no valid `as_of` date"))?;
    let max_findings = given["max_findings"]
        .as_u64()
        .and_then(|n| usize::try_from(n).ok())
        .ok_or_else(|| malformed("has no valid `max_findings`"))?;
    let policies = paths(&given["inputs"]["policies"])
        .ok_or_else(|| malformed("has a malformed `inputs.policies`"))?;
    let records = paths(&given["inputs"]["records"])
        .ok_or_else(|| malformed("has a malformed `inputs.records`"))?;
    let shard = match given.get("shard") {
        None => None,
        Some(s) => Some(
            s.as_str()
                .and_then(|s| crate::run::parse_shard(s).ok())
                .ok_or_else(|| malformed("has a `shard` that is not `K/N`"))?,
        ),
    };
    let baseline_path = match given["inputs"].get("baseline") {
        None => None,
        Some(b) => Some(
            b["path"]
                .as_str()
                .map(str::to_owned)
                .ok_or_else(|| malformed("has a malformed `inputs.baseline`"))?,
        ),
    };

    // Every path is judged before any is read, and every refusal is named at once.
    let stdlib = !policies.is_empty() && policies.iter().all(|(p, _)| p.starts_with("<stdlib>/"));
    let mut files: BTreeMap<&str, PathBuf> = BTreeMap::new();
    let mut refused = Vec::new();
    let named = policies
        .iter()
        .filter(|_| !stdlib)
        .chain(records.iter().filter(|(p, _)| p != "-"))
        .map(|(p, _)| p.as_str())
        .chain(baseline_path.as_deref());
    for path in named {
        match root.confine(path) {
            Ok(file) => {
                files.insert(path, file);
            }
            Err(why) => refused.push(why),
        }
    }
    if !refused.is_empty() {
        refused.dedup();
        return Err(VerifyError::OutsideRoot { root: root.shown.clone(), refused });
    }
    let file = |path: &str| files.get(path).cloned().unwrap_or_else(|| PathBuf::from(path));

    let mut differences = Vec::new();
    if given["tool"]["version"] != env!("CARGO_PKG_VERSION") {
        differences.push(format!(
            "the report was made by charter {}, this is charter {}",
            given["tool"]["version"],
            env!("CARGO_PKG_VERSION")
        ));
    }
    if let Some((k, n)) = shard {
        for (path, _) in records.iter().filter(|(p, _)| !run::in_shard(p, k, n)) {
            differences.push(format!("the input `{path}` is not in shard {k}/{n}"));
        }
    }
    for (path, sha) in policies.iter().chain(&records) {
        if let Some(why) = changed(path, &file(path), sha, stdlib) {
            differences.push(why);
        }
    }

    let mut sources = SourceMap::new();
    let (set, policy_diagnostics) = if stdlib {
        policy::load_policy_texts(crate::stdlib::FILES, &mut sources)
    } else {
        let shown: Vec<(PathBuf, String)> =
            policies.iter().map(|(p, _)| (file(p), p.clone())).collect();
        load_policies(&shown, &mut sources)
    };
    let inputs: Vec<RecordInput> = records
        .iter()
        .map(|(p, _)| RecordInput {
            shown: p.clone(),
            source: if p == "-" { RecordSource::Stdin } else { RecordSource::Path(file(p)) },
        })
        .collect();
    let options = eval::Options { as_of, max_findings };
    let mut rerun: CheckRun =
        run::check(sources, &set, policy_diagnostics, &inputs, &options, || {
            Err(std::io::Error::other("standard input cannot be read again by `verify`"))
        });
    let mut meta = Meta::new(as_of, max_findings, "");
    meta.timestamp = given["timestamp"].as_str().map(str::to_owned);
    meta.shard = shard;
    let old = match &baseline_path {
        Some(path) => match baseline::load_as(&file(path), path) {
            Ok(old) => {
                if given["inputs"]["baseline"]["sha256"].as_str() != Some(old.sha256.as_str()) {
                    differences
                        .push(format!("the baseline report `{path}` changed (its sha256 differs)"));
                }
                meta.baseline = Some(baseline::apply(&mut rerun, &old.report));
                Some(old)
            }
            Err(why) => {
                differences.push(format!("the baseline report cannot be read: {why}"));
                None
            }
        },
        None => None,
    };
    let mut expected = json::report(&rerun, &meta);
    if let Some(old) = &old {
        baseline::record_input(&mut expected, old);
    }

    if json::digest(&given) != given["digest"].as_str().unwrap_or_default() {
        differences.push("the report was edited: its `digest` does not match its content".into());
    }
    compare_findings(&given, &expected, &mut differences);
    let keys: std::collections::BTreeSet<&String> = given
        .as_object()
        .into_iter()
        .flat_map(|m| m.keys())
        .chain(expected.as_object().into_iter().flat_map(|m| m.keys()))
        .collect();
    for key in keys {
        if key == "findings" || key == "digest" || key == "inputs" || given[key] == expected[key] {
            continue;
        }
        differences.push(format!(
            "`{key}` differs: the report says {}, the re-run gives {}",
            given[key], expected[key]
        ));
    }
    if differences.is_empty() && given["inputs"] != expected["inputs"] {
        differences.push("`inputs` differs from the files the re-run read".into());
    }
    if differences.is_empty() && given["digest"] != expected["digest"] {
        differences.push(format!(
            "the digest differs: the report says {}, the re-run gives {}",
            given["digest"], expected["digest"]
        ));
    }
    if differences.is_empty() && text != json::to_string(&expected) {
        differences.push("the report's text was edited (its layout differs from the re-run's, though its content matches)".into());
    }
    Ok(differences)
}

/// `[(path, sha256)]` from `inputs.policies` or `inputs.records`.
fn paths(list: &Value) -> Option<Vec<(String, String)>> {
    list.as_array()?
        .iter()
        .map(|i| Some((i["path"].as_str()?.to_owned(), i["sha256"].as_str()?.to_owned())))
        .collect()
}

/// Why an input no longer matches its hash, if it does not. `file` is where the input
/// named `path` is read, under the report's root; it is read under the rules of `check`
/// (a regular file of at most 64 MiB).
fn changed(path: &str, file: &Path, sha: &str, stdlib: bool) -> Option<String> {
    if stdlib && path.starts_with("<stdlib>/") {
        let known = crate::stdlib::FILES.iter().any(|(p, _)| *p == path);
        return (!known || !sha.is_empty()).then(|| {
            format!("the policy `{path}` is not part of this charter's standard library")
        });
    }
    if path == "-" {
        return Some("a record was read from standard input, which cannot be read again".into());
    }
    match input::read_text(file, path) {
        Ok(text) => (text.sha256 != sha).then(|| {
            format!(
                "the input `{path}` changed: its sha256 is {}, the report says {sha}",
                text.sha256
            )
        }),
        Err(d) => {
            let why =
                d.message.strip_prefix(&format!("cannot read `{path}`: ")).unwrap_or(&d.message);
            Some(format!("the input `{path}` cannot be read: {why}"))
        }
    }
}

/// The policy files of a report, each read from its file under the root and named as the
/// report names it.
fn load_policies(
    files: &[(PathBuf, String)],
    sources: &mut SourceMap,
) -> (policy::PolicySet, Vec<crate::diagnostic::Diagnostic>) {
    let mut diagnostics = Vec::new();
    let mut parsed = Vec::new();
    for (file, shown) in files {
        match input::read_text(file, shown) {
            Ok(text) => {
                let source = SourceFile::new(
                    shown.clone(),
                    text.text.clone(),
                    SourceKind::Policy,
                    text.sha256,
                );
                let id = sources.add(source);
                let (ast, found) = crate::syntax::parse(id, &text.text);
                diagnostics.extend(found);
                parsed.push((id, ast));
            }
            Err(d) => diagnostics.push(*d),
        }
    }
    let (set, found) = policy::resolve(sources, parsed);
    diagnostics.extend(found);
    (set, diagnostics)
}

/// Findings compared as a multiset of JSON values, named by code, place and message.
fn compare_findings(given: &Value, expected: &Value, out: &mut Vec<String>) {
    let mut count: BTreeMap<String, (i64, &Value)> = BTreeMap::new();
    for f in expected["findings"].as_array().into_iter().flatten() {
        count.entry(f.to_string()).or_insert((0, f)).0 += 1;
    }
    for f in given["findings"].as_array().into_iter().flatten() {
        count.entry(f.to_string()).or_insert((0, f)).0 -= 1;
    }
    for (n, f) in count.values() {
        let what = describe(f);
        if *n > 0 {
            out.push(format!("a finding is missing from the report (the re-run finds it): {what}"));
        } else if *n < 0 {
            out.push(format!(
                "a finding was added to the report (the re-run does not find it): {what}"
            ));
        }
    }
    if !given["findings"].is_array() {
        out.push("the report's `findings` is not a list".into());
    }
}

/// `gap::unassigned at agreements/a.yaml:3:7: no party holds ...`
fn describe(f: &Value) -> String {
    let loc = &f["location"];
    let place = match (loc["path"].as_str(), loc["line"].as_u64(), loc["column"].as_u64()) {
        (Some(p), Some(l), Some(c)) => format!(" at {p}:{l}:{c}"),
        _ => String::new(),
    };
    format!(
        "{}{place}: {}",
        f["code"].as_str().unwrap_or("?"),
        f["message"].as_str().unwrap_or("?")
    )
}
