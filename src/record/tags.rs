//! Explicit YAML tags (`!!str 2024-01-05`, `!!int "7"`): a tagged scalar has the type its tag
//! says, whatever its shape.
//!
//! serde-saphyr hands a scalar to a generic visitor without its tag, and refuses `!!int` and
//! its kin there outright. So a text that may hold a tag (it has a `!`) is first read with
//! the event parser serde-saphyr itself uses, which reports each tag and where it stands.
//! The tags are then blanked out with spaces, offsets unchanged, for serde-saphyr to build
//! the tree from, and each tagged scalar of the tree gets the value its tag gives it.
//! A tag charter does not read, or a value its tag does not allow, is a problem with a span.

use granit_parser::{Event, Parser, Tag};

/// The value a tag gives a scalar.
#[derive(Clone, Debug, PartialEq)]
pub enum Typed {
    Str(String),
    Number(f64),
    Bool(bool),
    Null,
}

/// A tagged scalar: where its value starts (a byte offset of the parsed text, as a node's
/// `def.0`) and what it holds.
#[derive(Debug)]
pub struct Tagged {
    pub at: u32,
    pub value: Typed,
}

/// A tag that cannot be honoured: byte range of the tag (and, for a bad value, the value).
#[derive(Debug)]
pub struct Problem {
    pub start: usize,
    pub end: usize,
    pub message: String,
    pub label: String,
    pub help: String,
}

/// What the tags of one text say.
#[derive(Debug, Default)]
pub struct Tags {
    /// Tagged scalars, sorted by `at`.
    pub scalars: Vec<Tagged>,
    pub problems: Vec<Problem>,
    /// The byte ranges of the tag tokens, to blank out; `true` for the tag of an empty
    /// string, which becomes `''` instead so that the string keeps its place.
    pub tokens: Vec<(usize, usize, bool)>,
}

const TAGS_HELP: &str = "remove the tag, or use one that records read: `!!str`, `!!int`, `!!float`, `!!bool` or `!!null`";

/// The tags of `text`. `None` when the text has no tag, or does not parse (serde-saphyr
/// then reports the syntax error as usual).
pub fn scan(text: &str) -> Option<Tags> {
    if !text.contains('!') {
        return None;
    }
    let mut tags = Tags::default();
    for event in Parser::new_from_str(text) {
        let Ok((event, span)) = event else { return None };
        let (tag, scalar) = match &event {
            Event::Scalar(value, _, _, Some(tag)) => (tag, Some(value)),
            Event::SequenceStart(_, _, Some(tag)) | Event::MappingStart(_, _, Some(tag)) => {
                (tag, None)
            }
            _ => continue,
        };
        let start = span.tag_start().unwrap_or(span.start).byte_offset()?;
        let end = token_end(text, start);
        let written = text.get(start..end).unwrap_or("!");
        let mut value_start = span.start.byte_offset()?;
        let value_end = span.end.byte_offset().unwrap_or(value_start).max(value_start);
        // An empty scalar stands where its tag ends; blanked, it would move. Written `''` over
        // its tag, it stays a string in the tag's place.
        let quote = scalar.is_some_and(|v| v.is_empty())
            && matches!(kind(tag), Some(Kind::Str | Kind::NonSpecific))
            && end - start >= 2;
        if quote {
            value_start = start;
        }
        tags.tokens.push((start, end, quote));
        let Some(value) = scalar else {
            let fits = matches!(
                (&event, kind(tag)),
                (_, Some(Kind::NonSpecific))
                    | (Event::SequenceStart(..), Some(Kind::Seq))
                    | (Event::MappingStart(..), Some(Kind::Map))
            );
            if !fits {
                let what =
                    if matches!(event, Event::SequenceStart(..)) { "list" } else { "mapping" };
                tags.problems.push(Problem {
                    start,
                    end,
                    message: format!("a {what} is tagged `{written}`, which records do not read"),
                    label: "unsupported tag".into(),
                    help: format!("remove the tag: a {what} needs none"),
                });
            }
            continue;
        };
        let typed = match kind(tag) {
            Some(Kind::Str | Kind::NonSpecific) => Ok(Typed::Str(value.to_string())),
            Some(Kind::Int) => int(value).map(Typed::Number).ok_or("an integer"),
            Some(Kind::Float) => float(value).map(Typed::Number).ok_or("a finite number"),
            Some(Kind::Bool) => boolean(value).map(Typed::Bool).ok_or("`true` or `false`"),
            Some(Kind::Null) => null(value).then_some(Typed::Null).ok_or("empty"),
            Some(Kind::Seq | Kind::Map) | None => {
                tags.problems.push(Problem {
                    start,
                    end,
                    message: format!("the tag `{written}` is not one that records read"),
                    label: "unsupported tag".into(),
                    help: TAGS_HELP.into(),
                });
                continue;
            }
        };
        match typed {
            Ok(value) => {
                let at = u32::try_from(value_start).unwrap_or(u32::MAX);
                tags.scalars.push(Tagged { at, value });
            }
            Err(expected) => tags.problems.push(Problem {
                start,
                end: value_end.max(end),
                message: format!("a value tagged `{written}` must be {expected}, not `{value}`"),
                label: format!("not {expected}"),
                help: format!("write {expected} after `{written}`, or remove the tag"),
            }),
        }
    }
    tags.scalars.sort_by_key(|t| t.at);
    Some(tags)
}

/// `text` with every tag token replaced by spaces: the same offsets, no tags.
pub fn blank(text: &str, tokens: &[(usize, usize, bool)]) -> String {
    let mut bytes = text.as_bytes().to_vec();
    for &(start, end, quote) in tokens {
        if let Some(token) = bytes.get_mut(start..end) {
            token.fill(b' ');
            if quote && token.len() >= 2 {
                token[..2].copy_from_slice(b"''");
            }
        }
    }
    // Only whole tokens of ASCII-led tags were replaced; a token is cut at a character
    // boundary by `token_end`, so the text stays UTF-8.
    String::from_utf8(bytes).unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned())
}

/// Where the tag token starting at `start` ends: after `>` for a verbatim tag (`!<...>`),
/// else at the first space, line break or flow indicator.
fn token_end(text: &str, start: usize) -> usize {
    let rest = text.get(start..).unwrap_or("");
    let len = if rest.starts_with("!<") {
        rest.find('>').map_or(rest.len(), |n| n + 1)
    } else {
        rest.find(|c: char| c.is_whitespace() || matches!(c, ',' | '[' | ']' | '{' | '}'))
            .unwrap_or(rest.len())
    };
    start + len
}

#[derive(Clone, Copy, Debug, PartialEq)]
enum Kind {
    Str,
    Int,
    Float,
    Bool,
    Null,
    Seq,
    Map,
    /// `!`: a scalar is a string, a collection what it is.
    NonSpecific,
}

fn kind(tag: &Tag) -> Option<Kind> {
    if (tag.handle.is_empty() && tag.suffix == "!") || (tag.handle == "!" && tag.suffix.is_empty())
    {
        return Some(Kind::NonSpecific);
    }
    Some(match tag.core_suffix()? {
        "str" => Kind::Str,
        "int" => Kind::Int,
        "float" => Kind::Float,
        "bool" => Kind::Bool,
        "null" => Kind::Null,
        "seq" => Kind::Seq,
        "map" => Kind::Map,
        _ => return None,
    })
}

/// YAML 1.2 core integers: `[-+]?[0-9]+`, `0o[0-7]+`, `0x[0-9a-fA-F]+`.
#[expect(clippy::cast_precision_loss, reason = "record numbers are f64, as JSON's are")]
fn int(text: &str) -> Option<f64> {
    if let Some(octal) = text.strip_prefix("0o") {
        return u64::from_str_radix(octal, 8).ok().map(|n| n as f64);
    }
    if let Some(hex) = text.strip_prefix("0x") {
        return u64::from_str_radix(hex, 16).ok().map(|n| n as f64);
    }
    let digits = text.strip_prefix(['-', '+']).unwrap_or(text);
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    text.parse().ok()
}

/// YAML 1.2 core floats, finite ones only: `[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?`.
fn float(text: &str) -> Option<f64> {
    let body = text.strip_prefix(['-', '+']).unwrap_or(text);
    let (mantissa, exponent) = match body.find(['e', 'E']) {
        Some(at) => (&body[..at], Some(&body[at + 1..])),
        None => (body, None),
    };
    let (whole, fraction) = mantissa.split_once('.').unwrap_or((mantissa, ""));
    let digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    let mantissa_ok =
        digits(whole) && digits(fraction) && (!whole.is_empty() || !fraction.is_empty());
    let exponent_ok = exponent.is_none_or(|e| {
        let e = e.strip_prefix(['-', '+']).unwrap_or(e);
        !e.is_empty() && digits(e)
    });
    if !mantissa_ok || !exponent_ok {
        return None;
    }
    let n: f64 = text.parse().ok()?;
    n.is_finite().then_some(n)
}

fn boolean(text: &str) -> Option<bool> {
    match text {
        "true" | "True" | "TRUE" => Some(true),
        "false" | "False" | "FALSE" => Some(false),
        _ => None,
    }
}

fn null(text: &str) -> bool {
    matches!(text, "" | "~" | "null" | "Null" | "NULL")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scalars(text: &str) -> Vec<(u32, Typed)> {
        scan(text).unwrap().scalars.into_iter().map(|t| (t.at, t.value)).collect()
    }

    #[test]
    fn each_core_tag_gives_its_type() {
        assert_eq!(scalars("a: !!str 2024-01-05"), [(9, Typed::Str("2024-01-05".into()))]);
        assert_eq!(scalars("a: !!str 5"), [(9, Typed::Str("5".into()))]);
        assert_eq!(scalars("a: !!int \"7\""), [(9, Typed::Number(7.0))]);
        assert_eq!(scalars("a: !!int 0x1F"), [(9, Typed::Number(31.0))]);
        assert_eq!(scalars("a: !!int 0o17"), [(9, Typed::Number(15.0))]);
        assert_eq!(
            scalars("%TAG !m! tag:yaml.org,2002:\n---\na: !m!str 5"),
            [(42, Typed::Str("5".into()))]
        );
        assert_eq!(scalars("a: !!float 3"), [(11, Typed::Number(3.0))]);
        assert_eq!(scalars("a: !!float -2.5e3"), [(11, Typed::Number(-2500.0))]);
        assert_eq!(scalars("a: !!bool True"), [(10, Typed::Bool(true))]);
        assert_eq!(scalars("a: !!null ~"), [(10, Typed::Null)]);
        assert_eq!(scalars("a: ! 12"), [(5, Typed::Str("12".into()))]);
        assert_eq!(scalars("a: !!str"), [(3, Typed::Str(String::new()))]);
        assert_eq!(scalars("a: !<tag:yaml.org,2002:str> 1"), [(28, Typed::Str("1".into()))]);
    }

    #[test]
    fn a_text_without_tags_is_not_scanned() {
        assert!(scan("a: b\nc: [1, 2]").is_none());
        assert!(scan("a: \"wow!\"").unwrap().scalars.is_empty());
    }

    #[test]
    fn unknown_tags_and_bad_values_are_problems() {
        for (text, message) in [
            ("a: !foo bar", "the tag `!foo` is not one that records read"),
            ("a: !!timestamp 2024-01-01", "the tag `!!timestamp` is not one that records read"),
            ("a: !!int lots", "a value tagged `!!int` must be an integer, not `lots`"),
            ("a: !!float .inf", "a value tagged `!!float` must be a finite number, not `.inf`"),
            ("a: !!bool yes", "a value tagged `!!bool` must be `true` or `false`, not `yes`"),
            ("a: !!null x", "a value tagged `!!null` must be empty, not `x`"),
            ("a: !!str [x]", "a list is tagged `!!str`, which records do not read"),
        ] {
            let tags = scan(text).unwrap();
            assert_eq!(tags.problems.len(), 1, "{text}");
            assert_eq!(tags.problems[0].message, message);
            assert_eq!(tags.problems[0].start, 3, "{text}");
        }
    }

    #[test]
    fn blanking_keeps_offsets() {
        let text = "a: !!str 2024-01-05\nb: [!!int 1, !<tag:yaml.org,2002:str> x]\n";
        let tags = scan(text).unwrap();
        let blanked = blank(text, &tags.tokens);
        assert_eq!(blanked.len(), text.len());
        assert!(!blanked.contains('!'));
        assert_eq!(&blanked[9..19], "2024-01-05");
    }

    #[test]
    fn an_empty_tagged_string_keeps_its_place() {
        let text = "e: !!str\nf: 1\n";
        let tags = scan(text).unwrap();
        assert_eq!(blank(text, &tags.tokens), "e: ''   \nf: 1\n");
        assert_eq!(scalars(text), [(3, Typed::Str(String::new()))]);
    }

    /// What the tree holds after the tags are applied, through the parser the loader uses.
    #[test]
    fn tagged_scalars_reach_the_tree_with_their_type() {
        use crate::record::yaml::{Kind, parse_documents};
        let text = "a: !!str 2024-01-05\nb: !!int \"7\"\nc: !!str\nd: &x !!str 5\ne: *x\nf: ! 12\n";
        let docs = parse_documents(text).unwrap();
        let Kind::Map(pairs) = &docs[0].root.kind else { panic!("a mapping") };
        let shown: Vec<String> = pairs
            .iter()
            .map(|(_, v)| match &v.kind {
                Kind::Str(t) => format!("str {}", t.get(&docs[0].strings)),
                Kind::Number(n) => format!("number {n}"),
                other => format!("{other:?}"),
            })
            .collect();
        assert_eq!(shown, ["str 2024-01-05", "number 7", "str ", "str 5", "str 5", "str 12"]);
        assert_eq!(docs[0].typed.len(), 5, "{:?}", docs[0].typed);
    }
}
