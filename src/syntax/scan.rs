//! Byte-level scanning that the grammar is not asked to do: skipping comments between
//! items, finding where to resume after a syntax error, and measuring how deeply a
//! condition nests before pest (which recurses) ever sees it.
//!
//! Every position returned here is either the length of the text or the offset of an ASCII
//! byte, so it is always a char boundary.

/// The deepest nesting of parentheses and `not` a condition may have.
pub const MAX_DEPTH: usize = 64;

/// The keywords that start a top-level item.
pub const ITEM_KEYWORDS: [&str; 6] = ["policy", "role", "act", "power", "benefit", "article"];

/// Where a statement (or what is left of a broken one) stops.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Stop {
    /// At a `;`: resume after it.
    Semi(usize),
    /// At a `}`, an item keyword starting a line, or the end of the text: resume there.
    Before(usize),
}

impl Stop {
    /// Where to resume scanning.
    pub fn resume(self) -> usize {
        match self {
            Stop::Semi(at) => at + 1,
            Stop::Before(at) => at,
        }
    }
}

/// Skips whitespace and comments. `Err(start)` is an unterminated block comment at `start`.
pub fn skip_trivia(text: &str, mut pos: usize) -> Result<usize, usize> {
    let b = text.as_bytes();
    loop {
        match b.get(pos) {
            Some(b' ' | b'\t' | b'\r' | b'\n') => pos += 1,
            Some(b'/') if b.get(pos + 1) == Some(&b'/') => pos = line_end(b, pos),
            Some(b'/') if b.get(pos + 1) == Some(&b'*') => match find(b, pos + 2, b"*/") {
                Some(end) => pos = end + 2,
                None => return Err(pos),
            },
            _ => return Ok(pos),
        }
    }
}

/// The word (ASCII letters, digits and `_`) starting at `pos`; empty if there is none.
pub fn word_at(text: &str, pos: usize) -> &str {
    let b = text.as_bytes();
    let end = (pos..b.len()).find(|&i| !is_word(b[i])).unwrap_or(b.len());
    text.get(pos..end).unwrap_or("")
}

/// The end of the token at `pos`, for labels: a word, a string up to its line end, or one
/// character. Equal to `pos` at the end of the text.
pub fn token_end(text: &str, pos: usize) -> usize {
    let b = text.as_bytes();
    match b.get(pos) {
        None => pos,
        Some(&c) if is_word(c) => pos + word_at(text, pos).len(),
        Some(b'"') => string_end(b, pos).unwrap_or_else(|| line_end(b, pos)),
        Some(_) => {
            let mut end = pos + 1;
            while !text.is_char_boundary(end) {
                end += 1;
            }
            end
        }
    }
}

/// The end (after the closing quote) of the string starting at `pos`, or `None` when it
/// is not closed on its line.
pub fn string_end(b: &[u8], pos: usize) -> Option<usize> {
    let mut i = pos + 1;
    while let Some(&c) = b.get(i) {
        match c {
            b'"' => return Some(i + 1),
            b'\\' if !matches!(b.get(i + 1), Some(b'\n' | b'\r') | None) => i += 2,
            b'\n' | b'\r' => return None,
            _ => i += 1,
        }
    }
    None
}

/// The end of the line containing `pos` (the offset of its `\r\n` or `\n`, or the text's end).
pub fn line_end(b: &[u8], pos: usize) -> usize {
    let end = (pos..b.len()).find(|&i| b[i] == b'\n').unwrap_or(b.len());
    if end > pos && b.get(end - 1) == Some(&b'\r') { end - 1 } else { end }
}

/// Whether an item keyword starts at `pos` as the first token of its line. After an error
/// this is where a new item most probably begins (`with role r` inside a statement does not
/// start a line in any sensible layout).
pub fn starts_item(text: &str, pos: usize) -> bool {
    if !ITEM_KEYWORDS.contains(&word_at(text, pos)) {
        return false;
    }
    // Look back over blanks only, so that scanning a long line stays linear.
    let b = text.as_bytes();
    let mut i = pos.min(b.len());
    while i > 0 && matches!(b[i - 1], b' ' | b'\t' | b'\r') {
        i -= 1;
    }
    i == 0 || b[i - 1] == b'\n'
}

/// The next item keyword starting a line at or after `from`, or the end of the text.
pub fn next_item(text: &str, from: usize) -> usize {
    let b = text.as_bytes();
    let mut pos = from;
    while pos < b.len() {
        match b[pos] {
            b'"' => pos = string_end(b, pos).unwrap_or_else(|| line_end(b, pos)),
            b'/' if b.get(pos + 1) == Some(&b'/') => pos = line_end(b, pos),
            b'/' if b.get(pos + 1) == Some(&b'*') => {
                pos = find(b, pos + 2, b"*/").map_or(b.len(), |end| end + 2);
            }
            c if is_word(c) => {
                if starts_item(text, pos) {
                    return pos;
                }
                pos += word_at(text, pos).len();
            }
            _ => pos += 1,
        }
    }
    b.len()
}

/// Where the statement starting at `pos` stops, for resynchronising after an error: its
/// `;`, or before a `}`, an item keyword starting a line, or the end of the text.
pub fn statement_stop(text: &str, pos: usize) -> Stop {
    scan_statement(text, pos, true)
}

/// The end of the statement starting at `pos` as the grammar sees it: after its `;`, or
/// at the first `}` or the end of the text. No statement, valid or not, goes further.
pub fn statement_end(text: &str, pos: usize) -> usize {
    scan_statement(text, pos, false).resume().min(text.len())
}

/// The nesting of parentheses and `not` up to the statement's `;` or `}`. Returns the span
/// of the first token that goes deeper than [`MAX_DEPTH`], if any. The grammar cannot nest
/// a condition past a `;` or `}` outside strings and comments, so this bounds its recursion.
pub fn too_deep(text: &str, pos: usize) -> Option<(usize, usize)> {
    let end = statement_end(text, pos);
    let b = text.as_bytes();
    // `chains` holds, for each open parenthesis, the run of `not` just before it: those
    // enclose the parenthesis. `depth` is the sum of all of them plus the open parentheses.
    let mut chains: Vec<usize> = Vec::new();
    let (mut depth, mut chain) = (0usize, 0usize);
    let mut i = pos;
    while i < end {
        match b[i] {
            b'"' => i = string_end(b, i).unwrap_or_else(|| line_end(b, i)),
            b'/' if b.get(i + 1) == Some(&b'/') => i = line_end(b, i),
            b'/' if b.get(i + 1) == Some(&b'*') => {
                i = find(b, i + 2, b"*/").map_or(b.len(), |e| e + 2);
            }
            b'(' => {
                chains.push(chain);
                depth += chain + 1;
                chain = 0;
                if depth > MAX_DEPTH {
                    return Some((i, i + 1));
                }
                i += 1;
            }
            b')' => {
                depth = depth.saturating_sub(chains.pop().map_or(0, |c| c + 1));
                chain = 0;
                i += 1;
            }
            c if is_word(c) => {
                let word = word_at(text, i);
                if word == "not" {
                    chain += 1;
                    if depth + chain > MAX_DEPTH {
                        return Some((i, i + 3));
                    }
                } else {
                    chain = 0;
                }
                i += word.len();
            }
            b' ' | b'\t' | b'\r' | b'\n' => i += 1,
            _ => {
                chain = 0;
                i += 1;
            }
        }
    }
    None
}

fn scan_statement(text: &str, pos: usize, stop_at_items: bool) -> Stop {
    let b = text.as_bytes();
    let mut i = pos;
    let mut previous = "";
    while i < b.len() {
        match b[i] {
            b';' => return Stop::Semi(i),
            b'}' => return Stop::Before(i),
            b'"' => i = string_end(b, i).unwrap_or_else(|| line_end(b, i)),
            b'/' if b.get(i + 1) == Some(&b'/') => i = line_end(b, i),
            b'/' if b.get(i + 1) == Some(&b'*') => {
                i = find(b, i + 2, b"*/").map_or(b.len(), |e| e + 2);
            }
            c if is_word(c) => {
                let word = word_at(text, i);
                // `with` then `role` on the next line is `require ... with role r`.
                let continues = word == "role" && previous == "with";
                if stop_at_items && i > pos && !continues && starts_item(text, i) {
                    return Stop::Before(i);
                }
                previous = word;
                i += word.len();
            }
            _ => i += 1,
        }
    }
    Stop::Before(b.len())
}

fn is_word(c: u8) -> bool {
    c.is_ascii_alphanumeric() || c == b'_'
}

fn find(b: &[u8], from: usize, needle: &[u8]) -> Option<usize> {
    b.get(from..)?.windows(needle.len()).position(|w| w == needle).map(|i| i + from)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn measures_parentheses_and_not() {
        let ok = format!("r may a when {}true{};", "(".repeat(64), ")".repeat(64));
        assert_eq!(too_deep(&ok, 0), None);
        let deep = format!("r may a when {}true{};", "(".repeat(65), ")".repeat(65));
        assert_eq!(too_deep(&deep, 0), Some((13 + 64, 13 + 65)));
        let nots = format!("r may a when {}true;", "not ".repeat(64));
        assert_eq!(too_deep(&nots, 0), None);
        let nots = format!("r may a when {}true;", "not ".repeat(65));
        assert_eq!(too_deep(&nots, 0), Some((13 + 256, 13 + 259)));
        let mixed = format!("r may a when {}(true);", "not ".repeat(64));
        assert!(too_deep(&mixed, 0).is_some());
        let flat = format!("r may a when {}true;", "(true) and ".repeat(1000));
        assert_eq!(too_deep(&flat, 0), None);
    }

    #[test]
    fn stops_statements_where_a_drafter_would() {
        assert_eq!(statement_stop("a may b; c", 0), Stop::Semi(7));
        assert_eq!(statement_stop("a may \";\" }", 0), Stop::Before(10));
        assert_eq!(statement_stop("a may b\nrole x", 0), Stop::Before(8));
        assert_eq!(statement_stop("a may b with role x;", 0), Stop::Semi(19));
        assert_eq!(statement_stop("require x with\n  role r;", 0), Stop::Semi(23));
        assert_eq!(next_item("x y\n  article 2", 0), 6);
        assert_eq!(skip_trivia("  /* a */ // b\n x", 0), Ok(16));
        assert_eq!(skip_trivia(" /* a", 0), Err(1));
    }
}
