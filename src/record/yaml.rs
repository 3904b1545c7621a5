//! YAML text to a generic tree of nodes that remember their byte ranges.
//!
//! serde-saphyr loses spans inside flattened or tagged enums and reports only the start of a
//! mapping, so the record is not derived straight into the model: each document becomes a
//! [`Node`] tree first (`tree.rs` builds it), and `build.rs` validates that tree by hand,
//! collecting every problem.

use serde_saphyr::budget::BudgetBreach;

use super::tags::{self, Typed};
use serde_saphyr::{DuplicateKeyPolicy, Error, MergeKeyPolicy, MessageFormatter};

/// Nesting deeper than this is refused; a record needs five levels. The deserializer
/// recurses once per level and a level costs tens of KiB of stack in a debug build, so this
/// also keeps a record loadable on a 2 MiB thread.
pub const MAX_DEPTH: usize = 24;
/// Events replayed from aliases, per document: enough for any honest reuse of a clause.
pub const MAX_ALIAS_REPLAY: usize = 10_000;
/// Nodes (scalars, sequences, mappings) per document, aliases expanded: the clause limit
/// times a generous number of nodes per clause, so the memory of one tree stays bounded.
pub const MAX_NODES: usize = 4_000_000;

/// One document's tree, and the text of its string scalars, stored end to end so that a
/// record of 100,000 clauses does not make a million small allocations.
#[derive(Debug)]
pub struct Document {
    pub root: Node,
    pub strings: String,
    /// The `def.0` of each scalar whose type an explicit tag decided (`!!str 2024-01-05`),
    /// sorted: its kind is final, not to be re-read from the text.
    pub typed: Vec<u32>,
    /// Tags the document holds that cannot be honoured.
    pub tag_problems: Vec<tags::Problem>,
}

/// One YAML node. Offsets are bytes into the text that was parsed.
#[derive(Debug)]
pub struct Node {
    /// Where the node is written: for a mapping, from its first key (or `{`) to its last value.
    pub start: u32,
    pub end: u32,
    /// Where a scalar's text is defined: differs from `start..end` when used through an alias.
    pub def: (u32, u32),
    pub kind: Kind,
}

/// What a node holds. Scalars keep what serde-saphyr made of them; `fields.rs` re-reads the
/// source text to tell quoted from plain and to keep leading zeros and underscores as text.
#[derive(Debug)]
pub enum Kind {
    Null,
    Bool(bool),
    Number(f64),
    /// The scalar's value (escapes and folding applied): a range of [`Document::strings`].
    Str(Text),
    Seq(Box<[Node]>),
    Map(Box<[(Node, Node)]>),
}

/// A byte range of [`Document::strings`].
#[derive(Clone, Copy, Debug)]
pub struct Text {
    pub start: u32,
    pub end: u32,
}

impl Text {
    /// The text in `strings`, the [`Document::strings`] of the node's document.
    pub fn get(self, strings: &str) -> &str {
        strings.get(self.start as usize..self.end as usize).unwrap_or("")
    }
}

impl Node {
    pub fn is_null(&self) -> bool {
        matches!(self.kind, Kind::Null)
    }

    /// The name of the node's YAML type, for "expected X, found Y" messages.
    pub fn type_name(&self) -> &'static str {
        match self.kind {
            Kind::Null => "nothing",
            Kind::Bool(_) => "a boolean",
            Kind::Number(_) => "a number",
            Kind::Str(_) => "a string",
            Kind::Seq(_) => "a list",
            Kind::Map(_) => "a mapping",
        }
    }

    /// This node and all below it: the size of the work, for the parse-only baseline.
    pub fn count(&self) -> usize {
        1 + match &self.kind {
            Kind::Seq(items) => items.iter().map(Node::count).sum(),
            Kind::Map(pairs) => pairs.iter().map(|(k, v)| k.count() + v.count()).sum(),
            Kind::Null | Kind::Bool(_) | Kind::Number(_) | Kind::Str(_) => 0,
        }
    }
}

/// A document that is not valid YAML, or breaks a budget.
#[derive(Debug)]
pub struct SyntaxError {
    /// 1-based line and character column in the parsed text, and a byte offset if known.
    pub line: usize,
    pub column: usize,
    pub offset: Option<usize>,
    /// What went wrong, in words, for the label.
    pub words: String,
    pub help: &'static str,
}

/// Parses every document of `text` (usually one: `load.rs` splits the stream first).
/// Empty and null documents are skipped.
/// Explicit tags are read first (`tags.rs`) and blanked out for the parse, then each tagged
/// scalar gets the value its tag gives it.
pub fn parse_documents(text: &str) -> Result<Vec<Document>, SyntaxError> {
    let Some(found) = tags::scan(text).filter(|t| !t.tokens.is_empty()) else {
        return serde_saphyr::from_multiple_with_options::<Document>(text, options())
            .map_err(|e| syntax_error(&e));
    };
    let blanked = tags::blank(text, &found.tokens);
    let mut documents = serde_saphyr::from_multiple_with_options::<Document>(&blanked, options())
        .map_err(|e| syntax_error(&e))?;
    for document in &mut documents {
        let Document { root, strings, typed, .. } = document;
        apply_tags(root, &found.scalars, strings, typed);
        typed.sort_unstable();
        typed.dedup();
    }
    // Each problem goes to the document it stands in: the last that starts before it.
    for problem in found.problems {
        let at = u32::try_from(problem.start).unwrap_or(u32::MAX);
        let i = documents.iter().rposition(|d| d.root.start <= at).unwrap_or(0);
        if let Some(d) = documents.get_mut(i) {
            d.tag_problems.push(problem);
        }
    }
    Ok(documents)
}

/// Gives every tagged scalar under `node` (aliased copies included) its tagged value.
/// Recursion is bounded by the depth budget the parse enforced.
fn apply_tags(
    node: &mut Node,
    tagged: &[tags::Tagged],
    strings: &mut String,
    typed: &mut Vec<u32>,
) {
    match &mut node.kind {
        Kind::Seq(items) => {
            for item in items.iter_mut() {
                apply_tags(item, tagged, strings, typed);
            }
        }
        Kind::Map(pairs) => {
            for (key, value) in pairs.iter_mut() {
                apply_tags(key, tagged, strings, typed);
                apply_tags(value, tagged, strings, typed);
            }
        }
        _ => {
            let Ok(i) = tagged.binary_search_by_key(&node.def.0, |t| t.at) else { return };
            node.kind = match &tagged[i].value {
                Typed::Null => Kind::Null,
                Typed::Bool(b) => Kind::Bool(*b),
                Typed::Number(n) => Kind::Number(*n),
                Typed::Str(s) => {
                    let (Ok(start), Ok(end)) =
                        (u32::try_from(strings.len()), u32::try_from(strings.len() + s.len()))
                    else {
                        return;
                    };
                    strings.push_str(s);
                    Kind::Str(Text { start, end })
                }
            };
            typed.push(node.def.0);
        }
    }
}

fn options() -> serde_saphyr::Options {
    serde_saphyr::options! {
        // `no`, `yes`, `on` and `off` stay strings: `currency: NO` is Norway, not false.
        strict_booleans: true,
        // Repeated keys are passed through so that `fields.rs` can label both occurrences.
        duplicate_keys: DuplicateKeyPolicy::LastWins,
        // A merge key would blur where a field came from; it is reported as an unknown field.
        merge_keys: MergeKeyPolicy::AsOrdinary,
        legacy_octal_numbers: false,
        with_snippet: false,
        budget: serde_saphyr::budget! {
            max_depth: MAX_DEPTH,
            max_nodes: MAX_NODES,
            max_events: 4 * MAX_NODES,
            max_documents: 1_000_000,
        },
        alias_limits: serde_saphyr::alias_limits! {
            max_total_replayed_events: MAX_ALIAS_REPLAY,
        },
    }
}

fn syntax_error(e: &Error) -> SyntaxError {
    let e = e.without_snippet();
    let (words, help) = describe(e);
    let location = e.location();
    let (line, column) =
        location.map_or((1, 1), |l| (to_usize(l.line()).max(1), to_usize(l.column()).max(1)));
    let offset = location.and_then(|l| l.span().byte_offset()).map(to_usize);
    SyntaxError { line, column, offset, words, help }
}

/// Budget breaches in our own words; parser errors as the parser put them. Errors raised
/// inside an alias or a nested value reach us re-wrapped as plain messages, so the budget
/// cases are also recognised by their text.
fn describe(e: &Error) -> (String, &'static str) {
    const ALIAS_HELP: &str = "write the repeated parts out, or use fewer and smaller aliases";
    const DEPTH_HELP: &str = "a record nests only a few levels deep; remove the extra nesting";
    const SYNTAX_HELP: &str = "fix the YAML at the marked place; quote values that contain `: ` or start with `*`, `&`, `!`, `%` or `@`";
    let text = serde_saphyr::DefaultMessageFormatter.format_message(e).into_owned();
    let has = |words: &[&str]| words.iter().any(|w| text.contains(w));
    let depth = matches!(e, Error::Budget { breach: BudgetBreach::Depth { .. }, .. })
        || has(&["recursion limit", "Depth {"]);
    let alias = matches!(
        e,
        Error::AliasReplayLimitExceeded { .. }
            | Error::AliasExpansionLimitExceeded { .. }
            | Error::AliasReplayStackDepthExceeded { .. }
            | Error::AliasReplayCounterOverflow { .. }
            | Error::Budget {
                breach: BudgetBreach::Aliases { .. } | BudgetBreach::AliasAnchorRatio { .. },
                ..
            }
    ) || has(&["alias replay", "alias expansion", "Aliases {", "AliasAnchorRatio {"]);
    let size =
        matches!(e, Error::Budget { .. }) || has(&["budget breached", "Nodes {", "Events {"]);
    if depth {
        (format!("nesting deeper than {MAX_DEPTH} levels"), DEPTH_HELP)
    } else if alias {
        (format!("aliases expand past the budget of {MAX_ALIAS_REPLAY} values"), ALIAS_HELP)
    } else if size {
        (format!("more than {MAX_NODES} values, counting alias expansions"), ALIAS_HELP)
    } else {
        // The message may carry its own "at line L, column C": the label already says where.
        let words = text.split(" at line ").next().unwrap_or(&text);
        (words.to_owned(), SYNTAX_HELP)
    }
}

fn to_usize(n: u64) -> usize {
    usize::try_from(n).unwrap_or(usize::MAX)
}
