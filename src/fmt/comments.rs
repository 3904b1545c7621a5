//! Comments, found in the source text: the syntax tree has none, so the printer puts each
//! one back next to the item or statement it was written beside.

/// One `// ...` or `/* ... */` comment.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Comment {
    pub start: usize,
    pub end: usize,
    /// As written, with trailing whitespace (and a `\r` before a line end) removed.
    pub text: String,
    /// Nothing but whitespace before it on its line: it stands on a line of its own.
    pub own_line: bool,
}

/// Every comment of a text that parses, in source order. Strings are skipped, so a `//`
/// inside a label is not a comment.
pub fn scan(text: &str) -> Vec<Comment> {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'"' => i = string_end(bytes, i),
            b'/' if bytes.get(i + 1) == Some(&b'/') => {
                let end = text[i..].find('\n').map_or(text.len(), |n| i + n);
                out.push(comment(text, i, end));
                i = end;
            }
            b'/' if bytes.get(i + 1) == Some(&b'*') => {
                let end = text[i + 2..].find("*/").map_or(text.len(), |n| i + 2 + n + 2);
                out.push(comment(text, i, end));
                i = end;
            }
            _ => i += 1,
        }
    }
    out
}

/// Where the string opened at `start` ends: after its closing quote, or at the line end.
fn string_end(bytes: &[u8], start: usize) -> usize {
    let mut i = start + 1;
    while i < bytes.len() {
        match bytes[i] {
            b'\\' => i += 2,
            b'"' => return i + 1,
            b'\n' => return i,
            _ => i += 1,
        }
    }
    bytes.len()
}

fn comment(text: &str, start: usize, end: usize) -> Comment {
    let line_start = text[..start].rfind('\n').map_or(0, |n| n + 1);
    let own_line = text[line_start..start].trim().is_empty();
    let body = text.get(start..end).unwrap_or("").trim_end();
    Comment { start, end, text: body.to_string(), own_line }
}

/// Whether only whitespace and comments stand between `from` and `to`, with no line break
/// outside a comment: `to` is on the same line as `from`, as far as code goes.
pub fn same_line(text: &str, from: usize, to: usize) -> bool {
    text.get(from..to).is_some_and(|gap| !gap.contains('\n') && gap.trim().is_empty())
}

/// Whether the whitespace right before `pos` holds an empty line.
pub fn blank_before(text: &str, pos: usize) -> bool {
    let before = text.get(..pos).unwrap_or("");
    let gap = &before[before.trim_end().len()..];
    gap.matches('\n').count() >= 2
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn comments_outside_strings_are_found() {
        let text = "role r \"a // b\" // trailing\r\n  /* block\n two */ act a\n";
        let found = scan(text);
        assert_eq!(found.len(), 2);
        assert_eq!(found[0].text, "// trailing");
        assert!(!found[0].own_line);
        assert_eq!(found[1].text, "/* block\n two */");
        assert!(found[1].own_line);
    }

    #[test]
    fn escaped_quotes_do_not_end_a_string() {
        let found = scan("role r \"say \\\"//\\\"\"\n");
        assert!(found.is_empty());
    }

    #[test]
    fn blank_lines_are_seen() {
        assert!(blank_before("a;\n\n  b", 6));
        assert!(!blank_before("a;\n  b", 5));
    }
}
