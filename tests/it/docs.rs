//! The documentation cannot drift from the code: every policy and record it shows is read by
//! charter, the complete record of docs/records.md passes `charter check`, the JSON report it
//! shows has the fields charter writes, every flag of every command is in docs/cli.md, every
//! link between the documents leads somewhere, and nothing points outside the repository
//! (a clone holds no specification beside it).

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use charter::source::{SourceFile, SourceKind, SourceMap};

use crate::cli::{charter, codes, json_report, status, stdout};

fn repo() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// The user-facing documents: README.md, ARCHITECTURE.md, examples/README.md and docs/*.md.
fn documents() -> Vec<PathBuf> {
    let mut docs: Vec<PathBuf> = std::fs::read_dir(repo().join("docs"))
        .expect("docs/ is readable")
        .map(|e| e.expect("a docs/ entry").path())
        .filter(|p| p.extension().is_some_and(|x| x == "md"))
        .collect();
    docs.sort();
    for top in ["README.md", "ARCHITECTURE.md", "examples/README.md"] {
        docs.push(repo().join(top));
    }
    assert!(docs.len() >= 10, "the documents were not found: {docs:?}");
    docs
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn shown(path: &Path) -> String {
    path.strip_prefix(repo()).unwrap_or(path).display().to_string()
}

/// A fenced code block: its info string, its text, and the line of its opening fence.
struct Block {
    lang: String,
    text: String,
    line: usize,
}

fn blocks(markdown: &str) -> Vec<Block> {
    let mut out = Vec::new();
    let mut open: Option<Block> = None;
    for (i, line) in markdown.lines().enumerate() {
        let fence = line.trim_start().strip_prefix("```");
        match (&mut open, fence) {
            (None, Some(info)) => {
                let lang = info.trim().to_owned();
                open = Some(Block { lang, text: String::new(), line: i + 1 });
            }
            (Some(_), Some(_)) => out.extend(open.take()),
            (Some(block), None) => {
                block.text.push_str(line);
                block.text.push('\n');
            }
            (None, None) => {}
        }
    }
    assert!(open.is_none(), "a code block is not closed");
    out
}

/// The blocks of one language in every document but checks.md, whose examples are run by
/// tests/it/explain.rs (some of them are broken on purpose).
fn blocks_in_docs(lang: &str) -> Vec<(String, Block)> {
    let mut out = Vec::new();
    for doc in documents() {
        if doc.ends_with("docs/checks.md") {
            continue;
        }
        let text = read(&doc);
        out.extend(blocks(&text).into_iter().filter(|b| b.lang == lang).map(|b| (shown(&doc), b)));
    }
    out
}

/// Whether a policy text parses with no diagnostic.
fn parses(text: &str) -> bool {
    let mut sources = SourceMap::new();
    let id = sources.add(SourceFile::new(
        "doc.charter".into(),
        Arc::from(text),
        SourceKind::Policy,
        String::new(),
    ));
    charter::syntax::parse(id, text).1.is_empty()
}

#[test]
fn every_policy_shown_in_the_docs_parses() {
    let found = blocks_in_docs("charter");
    assert!(found.len() >= 10, "too few charter blocks: {}", found.len());
    let mut broken = Vec::new();
    for (doc, block) in &found {
        // A whole file, or statements shown on their own, which live inside an article.
        let wrapped = format!("article 1 {{\n{}}}\n", block.text);
        if !parses(&block.text) && !parses(&wrapped) {
            broken.push(format!("{doc}:{}:\n{}", block.line, block.text));
        }
    }
    assert!(broken.is_empty(), "these policy blocks do not parse:\n{}", broken.join("\n"));
}

#[test]
fn a_broken_policy_block_would_be_caught() {
    assert!(parses("role government \"Government\"\n"));
    assert!(!parses("government may supervise\n"));
    assert!(!parses("article 1 {\ngovernment may supervise\n}\n"));
}

/// The YAML blocks that are records (they have a top-level `agreement:`).
fn record_blocks() -> Vec<(String, Block)> {
    let found: Vec<_> = blocks_in_docs("yaml")
        .into_iter()
        .filter(|(_, b)| b.text.lines().any(|l| l.starts_with("agreement:")))
        .collect();
    assert!(found.len() >= 2, "too few record blocks: {}", found.len());
    found
}

/// Checks one record text against the standard library (the repository's `policies/`).
fn check_record(text: &str, as_of: &str) -> std::process::Output {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let path = dir.path().join("record.yaml");
    std::fs::write(&path, text).expect("write the record");
    let policies = repo().join("policies");
    let args = [
        "check",
        "--policy",
        policies.to_str().expect("a UTF-8 path"),
        "--format",
        "json",
        "--as-of",
        as_of,
        path.to_str().expect("a UTF-8 path"),
    ];
    charter(dir.path(), &args)
}

#[test]
fn every_record_shown_in_the_docs_loads() {
    let mut broken = Vec::new();
    for (doc, block) in record_blocks() {
        let out = check_record(&block.text, "2025-03-01");
        if status(&out) == 2 {
            broken.push(format!("{doc}:{}: {}", block.line, stdout(&out)));
        }
    }
    assert!(broken.is_empty(), "these records do not load:\n{}", broken.join("\n"));
}

#[test]
fn the_complete_record_passes() {
    let doc = repo().join("docs/records.md");
    let text = read(&doc);
    let record = blocks(&text).into_iter().find(|b| b.lang == "yaml").expect("a record block");
    // Every field of the format is in it.
    for field in [
        "agreement:",
        "id:",
        "title:",
        "term:",
        "scope:",
        "attributes:",
        "parties:",
        "role:",
        "name:",
        "controlled_by:",
        "clauses:",
        "party:",
        "norm:",
        "act:",
        "benefit:",
        "from:",
        "period:",
        "accountable_to:",
        "terms:",
        "waivers:",
        "code:",
        "reason:",
        "approved_by:",
        "expires:",
    ] {
        assert!(record.text.contains(field), "the complete record lacks `{field}`");
    }
    for norm in ["duty", "power", "permission", "prohibition", "right"] {
        assert!(record.text.contains(&format!("norm: {norm}")), "no `{norm}` clause");
    }

    // While the waiver holds: one finding, waived to a note, exit 0.
    let out = check_record(&record.text, "2025-03-01");
    assert_eq!(status(&out), 0, "{}", stdout(&out));
    let report = json_report(&out);
    assert_eq!(codes(&report), ["gap::vague-duty"]);
    assert_eq!(report["findings"][0]["severity"], "note");
    assert_eq!(report["findings"][0]["waiver"]["approved_by"], "yibin-gov");
    assert_eq!(report["summary"]["error"], 0);

    // Once it has expired: the finding is a warning again, and the waiver says so.
    let out = check_record(&record.text, "2027-01-01");
    assert_eq!(status(&out), 0, "{}", stdout(&out));
    let report = json_report(&out);
    assert_eq!(codes(&report), ["gap::vague-duty", "waiver::expired"]);
    assert_eq!(report["summary"]["warning"], 2);
}

#[test]
fn the_json_report_shown_has_the_fields_charter_writes() {
    let text = read(&repo().join("docs/reports.md"));
    let block = blocks(&text).into_iter().find(|b| b.lang == "json").expect("a JSON block");
    let shown: serde_json::Value = serde_json::from_str(&block.text).expect("the block is JSON");
    let out = charter(
        repo(),
        &[
            "check",
            "--policy",
            "policies",
            "--format",
            "json",
            "--as-of",
            "2025-01-01",
            "examples/twin-city-corridor.yaml",
        ],
    );
    let real = json_report(&out);
    let keys = |v: &serde_json::Value| -> BTreeSet<String> {
        v.as_object().map(|o| o.keys().cloned().collect()).unwrap_or_default()
    };
    assert_eq!(keys(&shown), keys(&real), "top-level fields");
    assert_eq!(keys(&shown["summary"]), keys(&real["summary"]), "summary fields");
    assert_eq!(keys(&shown["findings"][0]), keys(&real["findings"][0]), "finding fields");
    assert_eq!(shown["findings"][0]["message"], real["findings"][0]["message"]);
    assert_eq!(shown["findings"][0]["where"], real["findings"][0]["where"]);
}

#[test]
fn every_flag_of_every_command_is_in_the_cli_reference() {
    let reference = read(&repo().join("docs/cli.md"));
    let help = stdout(&charter(repo(), &["--help"]));
    let commands: Vec<String> = help
        .lines()
        .skip_while(|l| !l.starts_with("Commands:"))
        .skip(1)
        .take_while(|l| !l.trim().is_empty())
        .filter_map(|l| l.split_whitespace().next().map(str::to_owned))
        .filter(|c| c != "help")
        .collect();
    assert!(commands.len() >= 10, "commands not found in:\n{help}");
    let mut missing = Vec::new();
    for command in &commands {
        let section = format!("`charter {command}`");
        if !reference.lines().any(|l| l.starts_with("## ") && l.contains(&section)) {
            missing.push(format!("charter {command} (no section)"));
        }
        let text = stdout(&charter(repo(), &[command, "--help"]));
        for word in text.split(|c: char| !(c.is_ascii_alphanumeric() || c == '-')) {
            let is_flag = word.starts_with("--") && word.len() > 2;
            if is_flag && word != "--help" && !reference.contains(&format!("`{word}")) {
                missing.push(format!("charter {command} {word}"));
            }
        }
    }
    missing.dedup();
    assert!(missing.is_empty(), "docs/cli.md does not describe:\n{}", missing.join("\n"));
}

/// GitHub's anchor for a heading: lower case, punctuation dropped, spaces to hyphens.
fn anchor(heading: &str) -> String {
    heading
        .trim()
        .to_lowercase()
        .chars()
        .filter(|c| c.is_alphanumeric() || *c == ' ' || *c == '-' || *c == '_')
        .map(|c| if c == ' ' { '-' } else { c })
        .collect()
}

/// The lines of a document outside its code blocks (and not the fences themselves).
fn prose(markdown: &str) -> impl Iterator<Item = &str> {
    let mut inside = false;
    markdown.lines().filter(move |line| {
        if line.trim_start().starts_with("```") {
            inside = !inside;
            return false;
        }
        !inside
    })
}

fn anchors(markdown: &str) -> BTreeSet<String> {
    prose(markdown)
        .filter(|line| line.starts_with('#'))
        .map(|line| anchor(line.trim_start_matches('#')))
        .collect()
}

/// The targets of the inline links of a document, outside code blocks.
fn links(markdown: &str) -> Vec<String> {
    let mut out = Vec::new();
    for line in prose(markdown) {
        let mut rest = line;
        while let Some(at) = rest.find("](") {
            let after = &rest[at + 2..];
            let Some(end) = after.find(')') else { break };
            out.push(after[..end].to_owned());
            rest = &after[end..];
        }
    }
    out
}

#[test]
fn every_link_between_the_documents_leads_somewhere() {
    let mut broken = Vec::new();
    let mut checked = 0;
    for doc in documents() {
        let text = read(&doc);
        for target in links(&text) {
            if target.starts_with("http://") || target.starts_with("https://") {
                continue;
            }
            checked += 1;
            let (file, fragment) = target.split_once('#').unwrap_or((&target, ""));
            let path = if file.is_empty() {
                doc.clone()
            } else {
                doc.parent().expect("a folder").join(file)
            };
            if !path.exists() {
                broken.push(format!("{}: {target} (no such file)", shown(&doc)));
                continue;
            }
            let is_markdown = path.extension().is_some_and(|x| x == "md");
            if !fragment.is_empty() && is_markdown && !anchors(&read(&path)).contains(fragment) {
                broken.push(format!("{}: {target} (no such heading)", shown(&doc)));
            }
        }
    }
    assert!(checked >= 30, "too few links found: {checked}");
    assert!(broken.is_empty(), "broken links:\n{}", broken.join("\n"));
}

#[test]
fn the_anchor_rule_is_githubs() {
    assert_eq!(anchor(" `--baseline OLD.json`"), "--baseline-oldjson");
    assert_eq!(anchor(" 6. Conditions"), "6-conditions");
    assert_eq!(anchor(" gap::missing-duty"), "gapmissing-duty");
    assert_eq!(links("see [a](b.md#c) and [d](e)\n```\n[f](g)\n```\n"), ["b.md#c", "e"]);
    assert_eq!(anchors("# A b\n```\n# c\n```\n## D\n"), BTreeSet::from(["a-b".into(), "d".into()]));
}

/// Names of documents that exist only beside the repository, in the specification it was
/// first written from. A clone does not have them.
const OUTSIDE: &[&str] =
    &["../shared", "shared/spec", "LANGUAGE.md", "RECORDS.md", "REPORTS.md", "CHECKS.md", "CLI.md"];

fn files_below(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).expect("a readable folder") {
        let path = entry.expect("an entry").path();
        if path.is_dir() {
            files_below(&path, out);
        } else {
            out.push(path);
        }
    }
}

#[test]
fn nothing_points_outside_the_repository() {
    let mut files = documents();
    files_below(&repo().join("src"), &mut files);
    files_below(&repo().join("templates"), &mut files);
    files.push(repo().join("grammar/charter.pest"));
    let mut found = Vec::new();
    for file in &files {
        let Ok(text) = std::fs::read_to_string(file) else { continue };
        for (i, line) in text.lines().enumerate() {
            if let Some(name) = OUTSIDE.iter().find(|name| line.contains(*name)) {
                found.push(format!("{}:{}: `{name}`", shown(file), i + 1));
            }
        }
    }
    // What charter prints is in the repository too: every explanation and every help text.
    let mut printed = stdout(&charter(repo(), &["explain", "--markdown"]));
    printed.push_str(&stdout(&charter(repo(), &["manpage"])));
    for name in OUTSIDE {
        if printed.contains(name) {
            found.push(format!("charter's own output: `{name}`"));
        }
    }
    assert!(found.is_empty(), "these point outside the repository:\n{}", found.join("\n"));
}
