//! The responsibility matrix in a terminal (`charter matrix`): a box-drawn table of parties
//! by acts, gaps and overlaps marked in the act column and explained below the table. With
//! `unicode: false` (`NO_COLOR`, or not a terminal) only ASCII is used, so the output pastes
//! into any ticket or e-mail.

use super::excerpt::escape;
use crate::checks::Code;
use crate::eval::matrix::{Cell, Matrix, Row, is_gap, is_overlap, scope_text};

/// How to draw.
#[derive(Clone, Copy, Debug)]
pub struct Style {
    pub unicode: bool,
    pub color: bool,
}

struct Glyphs {
    h: char,
    v: char,
    corners: [char; 9],
    gap: &'static str,
    overlap: &'static str,
    flag: &'static str,
}

const UNICODE: Glyphs = Glyphs {
    h: '─',
    v: '│',
    corners: ['┌', '┬', '┐', '├', '┼', '┤', '└', '┴', '┘'],
    gap: "✗ gap",
    overlap: "⧉ overlap",
    flag: "⚠",
};

const ASCII: Glyphs = Glyphs {
    h: '-',
    v: '|',
    corners: ['+', '+', '+', '+', '+', '+', '+', '+', '+'],
    gap: "x gap",
    overlap: "# overlap",
    flag: "!",
};

/// The matrix of one agreement, with its heading and the explanation of every mark.
pub fn render(m: &Matrix, path: &str, style: Style) -> String {
    let g = if style.unicode { &UNICODE } else { &ASCII };
    let paint = |text: String, code: &str| {
        if style.color { format!("\u{1b}[{code}m{text}\u{1b}[0m") } else { text }
    };
    let mut out = String::new();
    let title = m.title.as_deref().map(|t| format!(": {t}")).unwrap_or_default();
    // Every text from the record is shown with its control characters escaped.
    out.push_str(&escape(&format!("{}{title}", m.agreement)));
    out.push('\n');
    let heading = format!("{path}, term {}..{}, {}", m.term.0, m.term.1, scope_text(&m.scope));
    out.push_str(&escape(&heading));
    out.push_str("\n\n");

    // Every cell as lines of text, the header row first.
    let mut table: Vec<Vec<Vec<String>>> = Vec::new();
    let mut header = vec![vec!["act".to_owned()]];
    header.extend(m.parties.iter().map(|p| vec![p.id.clone(), format!("({})", p.role)]));
    table.push(header);
    for row in &m.rows {
        let mut first = vec![row.act.clone()];
        if row.has_gap() {
            first.push(g.gap.to_owned());
        }
        if row.has_overlap() {
            first.push(g.overlap.to_owned());
        }
        let mut line = vec![first];
        line.extend(row.cells.iter().map(|c| cell_lines(c, m, g)));
        table.push(line);
    }
    for text in table.iter_mut().flatten().flatten() {
        if let std::borrow::Cow::Owned(escaped) = escape(text) {
            *text = escaped;
        }
    }
    let columns = m.parties.len() + 1;
    let widths: Vec<usize> = (0..columns)
        .map(|i| {
            table.iter().flat_map(|r| r[i].iter()).map(|s| s.chars().count()).max().unwrap_or(0)
        })
        .collect();
    let rule = |l: char, mid: char, r: char| {
        let parts: Vec<String> = widths.iter().map(|w| g.h.to_string().repeat(w + 2)).collect();
        format!("{l}{}{r}\n", parts.join(&mid.to_string()))
    };
    let [tl, tm, tr, ml, mm, mr, bl, bm, br] = g.corners;
    out.push_str(&rule(tl, tm, tr));
    for (ri, row) in table.iter().enumerate() {
        let height = row.iter().map(Vec::len).max().unwrap_or(1).max(1);
        for k in 0..height {
            out.push(g.v);
            for (ci, lines) in row.iter().enumerate() {
                let text = lines.get(k).cloned().unwrap_or_default();
                let pad = widths[ci].saturating_sub(text.chars().count());
                let text = match text.as_str() {
                    t if t == g.gap => paint(text, "1;31"),
                    t if t == g.overlap => paint(text, "1;33"),
                    t if t.starts_with(g.flag) => paint(text, "31"),
                    _ => text,
                };
                out.push_str(&format!(" {text}{} {}", " ".repeat(pad), g.v));
            }
            out.push('\n');
        }
        out.push_str(&if ri + 1 == table.len() { rule(bl, bm, br) } else { rule(ml, mm, mr) });
    }
    let notes = explanations(m);
    if !notes.is_empty() {
        out.push('\n');
        for n in notes {
            out.push_str(&format!("  {}\n", escape(&n)));
        }
    }
    out
}

/// A cell: one line per clause (`duty 2.1`, then its scope and period when partial), then
/// a flagged line per finding naming this party.
fn cell_lines(c: &Cell, m: &Matrix, g: &Glyphs) -> Vec<String> {
    let mut lines = Vec::new();
    for e in &c.entries {
        lines.push(format!("{} {}", e.norm.as_str(), e.clause));
        if !e.scope.is_empty() {
            lines.push(format!("  {}", scope_text(&e.scope)));
        }
        if (e.from, e.until) != m.term {
            lines.push(format!("  {}..{}", e.from, e.until));
        }
    }
    for code in &c.flags {
        lines.push(format!("{} {}", g.flag, flag_word(*code)));
    }
    lines
}

/// A short word for a finding in a cell.
pub fn flag_word(code: Code) -> &'static str {
    match code {
        Code::GapMissingDuty => "missing duty",
        Code::GapUncovered => "partial",
        Code::OverlapExclusive => "overlap",
        Code::OverlapRedundant => "redundant",
        Code::ConflictSoleControl => "sole control",
        Code::ConflictProhibited => "prohibited",
        Code::ConflictUltraVires => "ultra vires",
        Code::ConflictDeontic => "deontic conflict",
        Code::ConflictSeparation => "separation",
        _ => code.as_str(),
    }
}

/// One line per gap or overlap, and per other finding on an act: what it is and where.
fn explanations(m: &Matrix) -> Vec<String> {
    let mut out = Vec::new();
    for row in &m.rows {
        out.extend(row.requirements.iter().map(|r| format!("{}: requires {r}", row.act)));
        for (code, message) in &row.notes {
            let kind = if is_gap(*code) {
                "gap"
            } else if is_overlap(*code) {
                "overlap"
            } else {
                "finding"
            };
            out.push(format!("{}: {kind} ({}): {message}", row.act, code.as_str()));
        }
        explain_places(row, &mut out);
    }
    out
}

fn explain_places(row: &Row, out: &mut Vec<String>) {
    for p in &row.gaps {
        out.push(format!("{}: no holder at {}", row.act, crate::eval::matrix::place_text(p)));
    }
    for p in &row.overlaps {
        out.push(format!("{}: two holders at {}", row.act, crate::eval::matrix::place_text(p)));
    }
}
