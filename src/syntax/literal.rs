//! The meaning of literal tokens, once the grammar has found them: string escapes, numbers
//! with underscores, and calendar dates. Errors carry byte ranges relative to the token.

use crate::date::Date;

/// A problem inside one token, with its byte range relative to the token's start.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Bad {
    pub start: usize,
    pub end: usize,
    pub message: String,
    pub label: String,
    pub help: String,
}

/// Resolves the escapes of a string's body (the text between the quotes). Every bad escape
/// is reported; the result keeps the others resolved so that later stages still see text.
pub fn unescape(body: &str) -> (String, Vec<Bad>) {
    let mut out = String::with_capacity(body.len());
    let mut bad = Vec::new();
    let mut chars = body.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some((_, '"')) => out.push('"'),
            Some((_, '\\')) => out.push('\\'),
            Some((_, 'n')) => out.push('\n'),
            Some((_, 't')) => out.push('\t'),
            Some((j, 'u')) => match unicode_escape(&body[j + 1..]) {
                Ok((ch, len)) => {
                    out.push(ch);
                    // Skip the `{...}` just read; it is ASCII, so bytes are chars.
                    for _ in 0..len {
                        chars.next();
                    }
                }
                Err(len) => {
                    let end = j + 1 + len;
                    bad.push(Bad {
                        start: i,
                        end,
                        message: format!("invalid unicode escape `{}`", &body[i..end]),
                        label: "not a unicode scalar value in hex".into(),
                        help: "write `\\u{` then 1 to 6 hex digits of a code point, then `}`, \
                               as in `\\u{4e2d}`"
                            .into(),
                    });
                }
            },
            Some((j, other)) => {
                let end = j + other.len_utf8();
                bad.push(Bad {
                    start: i,
                    end,
                    message: format!("unknown escape `{}` in a string", &body[i..end]),
                    label: "unknown escape".into(),
                    help: "the escapes are `\\\"`, `\\\\`, `\\n`, `\\t` and `\\u{...}`; \
                           write a backslash as `\\\\`"
                        .into(),
                });
            }
            // The grammar never ends a body with a lone backslash; keep it if it does.
            None => out.push('\\'),
        }
    }
    (out, bad)
}

/// Reads `{hex}` at the start of `rest`. `Ok((char, bytes read))`, or `Err(bytes to blame)`.
fn unicode_escape(rest: &str) -> Result<(char, usize), usize> {
    let Some(inner) = rest.strip_prefix('{') else {
        return Err(0);
    };
    let Some(close) = inner.find('}') else {
        let blame = inner.find(|c: char| !c.is_ascii_hexdigit()).unwrap_or(inner.len());
        return Err(1 + blame);
    };
    let hex = &inner[..close];
    let len = close + 2;
    if hex.is_empty() || hex.len() > 6 || !hex.chars().all(|c| c.is_ascii_hexdigit()) {
        return Err(len);
    }
    u32::from_str_radix(hex, 16).ok().and_then(char::from_u32).map(|c| (c, len)).ok_or(len)
}

/// The value of a number token such as `12_000_000`, `0.25` or `-3`.
pub fn number(token: &str) -> Result<f64, Bad> {
    let digits: String = token.chars().filter(|&c| c != '_').collect();
    match digits.parse::<f64>() {
        Ok(n) if n.is_finite() => Ok(n),
        _ => Err(Bad {
            start: 0,
            end: token.len(),
            message: format!("number `{token}` is too large"),
            label: "too large".into(),
            help: "numbers must be smaller than about 1.8e308; integers are exact up to 2^53"
                .into(),
        }),
    }
}

/// The date of a `YYYY-MM-DD` token, checked against the calendar.
pub fn date(token: &str) -> Result<Date, Bad> {
    if !Date::looks_like(token) {
        return Err(Bad {
            start: 0,
            end: token.len(),
            message: format!("`{token}` is not a date in the form YYYY-MM-DD"),
            label: "not YYYY-MM-DD".into(),
            help: "write dates with a four-digit year and two-digit month and day, as in \
                   `2024-01-05`"
                .into(),
        });
    }
    Date::parse(token).ok_or_else(|| Bad {
        start: 0,
        end: token.len(),
        message: format!("`{token}` is not a calendar date"),
        label: "no such day".into(),
        help: "write a real date as YYYY-MM-DD, with a month from 01 to 12 and a day that \
               exists in that month"
            .into(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn resolves_escapes() {
        assert_eq!(unescape(r#"a\"b\\c\nd\te"#).0, "a\"b\\c\nd\te");
        assert_eq!(unescape(r"\u{4e2d}\u{6587}x").0, "中文x");
        assert_eq!(unescape("政府").0, "政府");
        assert!(unescape(r"\u{4e2d}").1.is_empty());
    }

    #[test]
    fn reports_bad_escapes_with_their_place() {
        let (_, bad) = unescape(r"ab\qc");
        assert_eq!((bad[0].start, bad[0].end), (2, 4));
        let (_, bad) = unescape(r"x\u{d800}y");
        assert_eq!((bad[0].start, bad[0].end), (1, 9));
        let (_, bad) = unescape(r"\u{zz}");
        assert_eq!(bad.len(), 1);
        let (_, bad) = unescape(r"\u12");
        assert_eq!((bad[0].start, bad[0].end), (0, 2));
    }

    #[test]
    fn reads_numbers_and_dates() {
        assert_eq!(number("12_000_000"), Ok(12_000_000.0));
        assert_eq!(number("0.25"), Ok(0.25));
        assert!(number(&"9".repeat(400)).is_err());
        assert!(date("2024-02-29").is_ok());
        assert!(date("2024-02-30").is_err());
    }
}
