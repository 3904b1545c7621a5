//! Pretty JSON reports whose long arrays (the JSON report's `findings` and its list of
//! record inputs, SARIF's `results`) are kept as compact texts, one per element, rather than
//! as `serde_json::Value` trees, which take several times the memory of their text.
//!
//! The report is built as a `Value` with a placeholder string (a hole) where each array
//! belongs, and [`write`] prints it exactly as `serde_json::to_string_pretty` would print the
//! whole report, element by element, so the output is byte-identical to building it whole.

use std::io::{self, Write};

use serde_json::Value;

/// Where the findings (JSON) or results (SARIF) belong. A NUL cannot occur in a path or in
/// anything else a report holds outside its arrays, so a hole cannot be mistaken.
pub const FINDINGS: &str = "\u{0}charter-spliced-findings\u{0}";
/// Where the list of record inputs belongs (JSON).
pub const RECORDS: &str = "\u{0}charter-spliced-records\u{0}";

/// One element of an array, as compact JSON with sorted keys (what
/// `serde_json::to_string` gives for a `Value`): the element's canonical text.
pub type Compact = Box<str>;

pub fn compact(value: &Value) -> Compact {
    serde_json::to_string(value).unwrap_or_default().into_boxed_str()
}

/// The arrays to put into the holes of a report: each hole with its elements.
pub type Fill<'a> = [(&'static str, &'a [Compact])];

/// Writes `report` pretty-printed, with a final newline, each hole of `fill` replaced by its
/// array.
pub fn write(report: &Value, fill: &Fill<'_>, out: &mut dyn Write) -> io::Result<()> {
    let text = serde_json::to_string_pretty(report).map_err(io::Error::other)?;
    let mut holes = Vec::new();
    for &(hole, items) in fill {
        let quoted = serde_json::to_string(hole).map_err(io::Error::other)?;
        if let Some(at) = text.find(&quoted) {
            holes.push((at, at + quoted.len(), items));
        }
    }
    holes.sort_by_key(|&(at, _, _)| at);
    let mut done = 0;
    for (at, end, items) in holes {
        let line_start = text[..at].rfind('\n').map_or(0, |i| i + 1);
        let line = &text[line_start..];
        let depth = line.len() - line.trim_start_matches(' ').len();
        out.write_all(&text.as_bytes()[done..at])?;
        write_array(items, depth, out)?;
        done = end;
    }
    out.write_all(&text.as_bytes()[done..])?;
    out.write_all(b"\n")
}

/// The array as serde_json's pretty printer writes it at `depth` spaces of indentation.
fn write_array(items: &[Compact], depth: usize, out: &mut dyn Write) -> io::Result<()> {
    if items.is_empty() {
        return out.write_all(b"[]");
    }
    let mut pretty = Vec::new();
    pretty.push(b'[');
    for (i, item) in items.iter().enumerate() {
        if i > 0 {
            pretty.push(b',');
        }
        newline(&mut pretty, depth + 2);
        indent(item.as_bytes(), depth + 2, &mut pretty);
        out.write_all(&pretty)?;
        pretty.clear();
    }
    newline(&mut pretty, depth);
    pretty.push(b']');
    out.write_all(&pretty)
}

/// Appends compact JSON (serde_json's, without insignificant whitespace) as serde_json's
/// `PrettyFormatter` prints it, starting `depth` spaces in: a newline and two more spaces
/// after each `{` or `[` and `,`, `": "` between key and value, empty containers as `{}` and
/// `[]`. Only the bytes outside strings are structure; strings are copied as they are.
fn indent(compact: &[u8], mut depth: usize, out: &mut Vec<u8>) {
    let mut in_string = false;
    let mut escaped = false;
    let mut bytes = compact.iter().copied().peekable();
    while let Some(b) = bytes.next() {
        if in_string {
            out.push(b);
            match b {
                _ if escaped => escaped = false,
                b'\\' => escaped = true,
                b'"' => in_string = false,
                _ => {}
            }
            continue;
        }
        match b {
            b'"' => {
                in_string = true;
                out.push(b);
            }
            b'{' | b'[' => {
                out.push(b);
                let close = if b == b'{' { b'}' } else { b']' };
                if bytes.peek() == Some(&close) {
                    out.push(close);
                    bytes.next();
                } else {
                    depth += 2;
                    newline(out, depth);
                }
            }
            b'}' | b']' => {
                depth = depth.saturating_sub(2);
                newline(out, depth);
                out.push(b);
            }
            b',' => {
                out.push(b);
                newline(out, depth);
            }
            b':' => out.extend_from_slice(b": "),
            _ => out.push(b),
        }
    }
}

fn newline(out: &mut Vec<u8>, depth: usize) {
    out.push(b'\n');
    out.resize(out.len() + depth, b' ');
}

/// Writes the canonical text of `value` (compact, keys sorted) without its top-level member
/// `skip`, each hole of `fill` replaced by its array.
pub fn write_canonical(
    value: &Value,
    fill: &Fill<'_>,
    skip: &str,
    out: &mut dyn Write,
) -> io::Result<()> {
    match value {
        Value::Object(map) => {
            out.write_all(b"{")?;
            let members = map.iter().filter(|(k, _)| k.as_str() != skip);
            for (i, (key, member)) in members.enumerate() {
                if i > 0 {
                    out.write_all(b",")?;
                }
                serde_json::to_writer(&mut *out, key).map_err(io::Error::other)?;
                out.write_all(b":")?;
                write_canonical(member, fill, "", out)?;
            }
            out.write_all(b"}")
        }
        Value::Array(elements) => {
            out.write_all(b"[")?;
            for (i, element) in elements.iter().enumerate() {
                if i > 0 {
                    out.write_all(b",")?;
                }
                write_canonical(element, fill, "", out)?;
            }
            out.write_all(b"]")
        }
        Value::String(s) => match fill.iter().find(|(hole, _)| hole == s) {
            Some((_, items)) => {
                out.write_all(b"[")?;
                for (j, item) in items.iter().enumerate() {
                    if j > 0 {
                        out.write_all(b",")?;
                    }
                    out.write_all(item.as_bytes())?;
                }
                out.write_all(b"]")
            }
            None => serde_json::to_writer(out, value).map_err(io::Error::other),
        },
        _ => serde_json::to_writer(out, value).map_err(io::Error::other),
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    fn spliced(report: &Value, items: &[Value]) -> String {
        let kept: Vec<Compact> = items.iter().map(compact).collect();
        let names: Vec<Compact> =
            ["a", "b"].iter().map(|n| compact(&json!({ "path": n }))).collect();
        let mut out = Vec::new();
        write(report, &[(FINDINGS, &kept), (RECORDS, &names)], &mut out).unwrap();
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn splicing_prints_what_the_whole_value_prints() {
        let items = vec![
            json!({ "b": [1, 2, { "c": [] }], "a": "line\nbreak \"quoted\"", "e": {} }),
            json!({ "z": null, "nested": { "deep": [[], [{}]] } }),
        ];
        for (whole, holed) in [
            (
                json!({ "a": 1, "findings": items.clone(), "inputs": { "records": [{ "path": "a" }, { "path": "b" }] }, "z": [] }),
                json!({ "a": 1, "findings": FINDINGS, "inputs": { "records": RECORDS }, "z": [] }),
            ),
            (
                json!({ "runs": [{ "results": items.clone(), "tool": "x" }] }),
                json!({ "runs": [{ "results": FINDINGS, "tool": "x" }] }),
            ),
        ] {
            let expected = format!("{}\n", serde_json::to_string_pretty(&whole).unwrap());
            assert_eq!(spliced(&holed, &items), expected);
        }
        let empty = json!({ "findings": FINDINGS });
        assert_eq!(spliced(&empty, &[]), "{\n  \"findings\": []\n}\n");
    }

    #[test]
    fn indenting_compact_text_is_pretty_printing() {
        let values = [
            json!({ "a": [], "b": {}, "c": [[], [{}], { "d": [1, 2.5, -3, true, null] }] }),
            json!({ "s": "a\\\"b,:{}[]\n\t\u{0}\u{1f}é漢", "": "", "k\"ey": [["x"]] }),
            json!([{ "a": { "b": { "c": [] } } }, "]", "}", ","]),
            json!("plain"),
            json!(12),
        ];
        for value in values {
            let mut out = Vec::new();
            indent(compact(&value).as_bytes(), 0, &mut out);
            let expected = serde_json::to_string_pretty(&value).unwrap();
            assert_eq!(String::from_utf8(out).unwrap(), expected);
        }
    }

    #[test]
    fn the_canonical_text_is_the_compact_text_of_the_whole_value() {
        let items = vec![json!({ "b": 1, "a": "x\u{0}y" }), json!([1, "two"])];
        let whole =
            json!({ "findings": items.clone(), "inputs": { "records": [] }, "schema": "s" });
        let holed = json!({ "digest": "d", "findings": FINDINGS, "inputs": { "records": RECORDS }, "schema": "s" });
        let compact: Vec<Compact> = items.iter().map(compact).collect();
        let mut out = Vec::new();
        write_canonical(&holed, &[(FINDINGS, &compact), (RECORDS, &[])], "digest", &mut out)
            .unwrap();
        assert_eq!(String::from_utf8(out).unwrap(), serde_json::to_string(&whole).unwrap());
    }

    fn json_value() -> impl proptest::strategy::Strategy<Value = Value> {
        use proptest::prelude::*;
        let leaf = prop_oneof![
            Just(Value::Null),
            any::<bool>().prop_map(Value::Bool),
            any::<i64>().prop_map(|n| json!(n)),
            "[\\PC\\\\\"\n\t,:{}\\[\\]]{0,8}".prop_map(Value::String),
        ];
        leaf.prop_recursive(4, 48, 6, |inner| {
            prop_oneof![
                proptest::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
                proptest::collection::btree_map("[a-z\\\\\",:]{0,4}", inner, 0..6)
                    .prop_map(|m| Value::Object(m.into_iter().collect())),
            ]
        })
    }

    proptest::proptest! {
        #[test]
        fn any_value_indents_as_serde_json_prints_it(value in json_value()) {
            let mut out = Vec::new();
            indent(compact(&value).as_bytes(), 0, &mut out);
            let expected = serde_json::to_string_pretty(&value).unwrap();
            proptest::prop_assert_eq!(String::from_utf8(out).unwrap(), expected);
        }
    }
}
