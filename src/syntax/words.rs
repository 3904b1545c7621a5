//! Syntax errors in words a drafter understands: what was expected, what was found, and
//! the common mistakes recognised by what is written at the place (an unterminated string,
//! a keyword or a capitalised word used as an id).

use super::scan;
use crate::checks::Code;
use crate::diagnostic::Diagnostic;
use crate::source::{FileId, Span};

/// Every reserved word of the language (docs/language.md §2).
pub const KEYWORDS: [&str; 37] = [
    "policy",
    "title",
    "version",
    "level",
    "effective",
    "source",
    "role",
    "act",
    "power",
    "benefit",
    "article",
    "may",
    "must",
    "not",
    "alone",
    "require",
    "exactly",
    "at",
    "least",
    "most",
    "one",
    "holder",
    "of",
    "with",
    "separate",
    "from",
    "for",
    "accountability",
    "compensate",
    "when",
    "and",
    "or",
    "in",
    "true",
    "false",
    "agreement",
    "clause",
];

/// What the grammar calls the places where an id goes.
const NAME_SLOTS: [&str; 5] = ["an id", "a role", "an act or power", "a benefit", "a term name"];

/// A `syntax::policy` diagnostic at byte `at` of `text`, where parsing stopped.
/// `expected` holds the descriptions of what could have come next, possibly repeated.
pub fn syntax_error(
    text: &str,
    file: FileId,
    at: usize,
    expected: &[&str],
    help: &str,
) -> Diagnostic {
    let end = scan::token_end(text, at);
    let span = Span::new(file, at, end);
    let found = text.get(at..end).unwrap_or("");
    let wanted = tidy(expected);
    let expected = join(&wanted);
    let bytes = text.as_bytes();

    if bytes.get(at) == Some(&b'"') && scan::string_end(bytes, at).is_none() {
        return Diagnostic::new(Code::SyntaxPolicy, "unterminated string")
            .with_label(span, "this string is not closed on its line")
            .with_help("end the string with `\"` on the same line; write a line break as `\\n`");
    }
    if text.get(at..).is_some_and(|rest| rest.starts_with("/*")) {
        return Diagnostic::new(Code::SyntaxPolicy, "unterminated block comment")
            .with_label(Span::new(file, at, at + 2), "this comment is never closed")
            .with_help("close the comment with `*/`; block comments do not nest");
    }
    let wants_name = wanted.iter().any(|w| NAME_SLOTS.contains(w));
    if wants_name && KEYWORDS.contains(&found) {
        return Diagnostic::new(
            Code::SyntaxPolicy,
            format!("expected {expected}, found the keyword `{found}`"),
        )
        .with_label(span, format!("`{found}` is a reserved keyword"))
        .with_help(format!(
            "keywords cannot be ids: rename it, for example `{found}_id`, here and where it \
             is declared"
        ));
    }
    let word_like = found.bytes().next().is_some_and(|c| c.is_ascii_alphabetic() || c == b'_');
    if wants_name && word_like && found.bytes().any(|c| c.is_ascii_uppercase() || c == b'_') {
        let lower = found.to_ascii_lowercase();
        return Diagnostic::new(
            Code::SyntaxPolicy,
            format!("expected {expected}, found `{found}`, which is not a valid id"),
        )
        .with_label(span, "ids are lower-case")
        .with_help(format!(
            "write ids in lower-case ASCII letters, digits and `_`, starting with a letter, \
             such as `{}`",
            lower.trim_start_matches('_')
        ));
    }

    let (message, label) = if at >= text.len() {
        (format!("expected {expected}, found the end of the file"), format!("expected {expected}"))
    } else if wanted.is_empty() {
        (format!("unexpected `{}`", shorten(found)), "unexpected here".to_string())
    } else {
        (format!("expected {expected}, found `{}`", shorten(found)), format!("expected {expected}"))
    };
    let in_condition =
        wanted.iter().any(|w| CONDITION_WORDS.contains(w) || w.starts_with("a comparison"));
    let help = if found == "=" && in_condition {
        "compare with `==`: a single `=` is not an operator"
    } else if in_condition {
        "a condition compares a path with a value, as in `agreement.budget >= 10_000_000`, \
         combined with `and`, `or`, `not` and parentheses"
    } else if wanted.contains(&"';'") {
        "end each statement with `;`, after its optional `when` condition"
    } else {
        help
    };
    Diagnostic::new(Code::SyntaxPolicy, message).with_label(span, label).with_help(help)
}

/// Words that show the parser was inside a condition.
const CONDITION_WORDS: [&str; 4] = ["a condition", "a value", "')'", "']'"];

/// The literals a value can be, replaced by "a value" when all of them are expected.
const VALUES: [&str; 5] = ["'true'", "'false'", "a string", "a number", "a date (YYYY-MM-DD)"];

/// Removes repeats, says "a value" for the five kinds of literal, and puts `';'` first,
/// as the most likely thing a drafter forgot.
fn tidy<'a>(expected: &[&'a str]) -> Vec<&'a str> {
    let mut wanted: Vec<&'a str> = Vec::new();
    for &e in expected {
        if !wanted.contains(&e) {
            wanted.push(e);
        }
    }
    if VALUES.iter().all(|v| wanted.contains(v)) {
        let at = wanted.iter().position(|w| VALUES.contains(w)).unwrap_or(0);
        wanted.retain(|w| !VALUES.contains(w));
        wanted.insert(at.min(wanted.len()), "a value");
    }
    if let Some(i) = wanted.iter().position(|w| *w == "';'") {
        let semi = wanted.remove(i);
        wanted.insert(0, semi);
    }
    wanted
}

/// "a", "a or b", "a, b or c".
fn join(words: &[&str]) -> String {
    match words {
        [] => "something else".to_string(),
        [one] => (*one).to_string(),
        [init @ .., last] => format!("{} or {last}", init.join(", ")),
    }
}

/// A found token as quoted in a message: at most 30 characters.
/// At most 30 characters of what was found, with control characters escaped so that a NUL
/// or an escape sequence in the input never reaches the terminal raw.
fn shorten(found: &str) -> String {
    let mut out: String = found
        .chars()
        .take(30)
        .map(|c| if c.is_control() { c.escape_default().to_string() } else { c.to_string() })
        .collect();
    if found.chars().count() > 30 {
        out.push_str("...");
    }
    out
}
