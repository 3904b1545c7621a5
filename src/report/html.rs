//! The HTML report: one self-contained file (inline CSS and SVG, no scripts, no fetches)
//! for an auditor to read on screen or file on paper. Per agreement: the responsibility
//! matrix, a coverage timeline per required act, and the findings with their excerpts.
//!
//! Every text that comes from an input goes through [`escape`]; nothing else is written
//! into the page unescaped except this module's own markup.

use std::fmt::Write;

use super::Meta;
use crate::diagnostic::Diagnostic;
use crate::eval::matrix::{Matrix, Row, is_gap, is_overlap, place_text, scope_text};
use crate::run::CheckRun;
use crate::source::{SourceMap, Span};

const STYLE: &str = include_str!("html.css");

/// The whole page.
pub fn report(run: &CheckRun, meta: &Meta) -> String {
    let mut h = String::with_capacity(64 * 1024);
    h.push_str("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
    h.push_str("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
    h.push_str("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; img-src data:\">\n");
    h.push_str("<title>charter report</title>\n<style>\n");
    h.push_str(STYLE);
    h.push_str("</style>\n</head>\n<body>\n<main>\n");
    header(&mut h, run, meta);
    for m in &run.matrices {
        agreement(&mut h, run, m);
    }
    let loose: Vec<&Diagnostic> =
        run.diagnostics.iter().filter(|d| !run.matrices.iter().any(|m| belongs(d, m))).collect();
    if !loose.is_empty() {
        h.push_str("<section class=\"agreement\">\n<h2>Inputs that could not be checked</h2>\n");
        for d in loose {
            finding(&mut h, &run.sources, d);
        }
        h.push_str("</section>\n");
    }
    inputs(&mut h, run);
    h.push_str("</main>\n</body>\n</html>\n");
    h
}

/// `&`, `<`, `>`, `"` and `'` as entities: safe in text and in quoted attributes.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

/// Escapes, then shows the `names` of a message in code type, as the terminal does.
fn marked(text: &str) -> String {
    let mut out = String::new();
    for (i, part) in text.split('`').enumerate() {
        if i % 2 == 1 {
            out.push_str(&format!("<code>{}</code>", escape(part)));
        } else {
            out.push_str(&escape(part));
        }
    }
    out
}

fn belongs(d: &Diagnostic, m: &Matrix) -> bool {
    d.record
        .as_ref()
        .is_some_and(|r| r.file == m.file && r.agreement.as_deref() == Some(m.agreement.as_str()))
}

fn header(h: &mut String, run: &CheckRun, meta: &Meta) {
    let c = &run.counts;
    let _ = write!(
        h,
        "<header>\n<p class=\"kicker\">Compliance report · charter {}</p>\n<h1>Cooperation agreements checked against policy</h1>\n",
        env!("CARGO_PKG_VERSION")
    );
    let _ = writeln!(
        h,
        "<p class=\"lede\">{} checked against {} from {} on {}{}{}.</p>",
        plural(run.records as u64, "record"),
        plural(run.policy_files.len() as u64, "policy file"),
        escape(&meta.policy_set),
        escape(&meta.as_of.to_string()),
        meta.baseline
            .map(|b| format!(", {} known from the baseline not listed", plural(b, "finding")))
            .unwrap_or_default(),
        meta.timestamp.as_deref().map(|t| format!(", generated {}", escape(t))).unwrap_or_default(),
    );
    h.push_str("<dl class=\"summary\">\n");
    for (n, word, class) in [
        (c.error, "errors", "error"),
        (c.warning, "warnings", "warning"),
        (c.note, "notes", "note"),
    ] {
        let _ = writeln!(h, "<div class=\"{class}\"><dt>{word}</dt><dd>{n}</dd></div>");
    }
    let _ = writeln!(h, "<div><dt>agreements</dt><dd>{}</dd></div>", run.matrices.len());
    h.push_str("</dl>\n</header>\n");
}

fn agreement(h: &mut String, run: &CheckRun, m: &Matrix) {
    let path = run.sources.path(m.file);
    let _ = write!(
        h,
        "<section class=\"agreement\">\n<h2>{}</h2>\n<p class=\"meta\"><code>{}</code> · <code>{}</code> · term {} to {} · {}</p>\n",
        escape(m.title.as_deref().unwrap_or(&m.agreement)),
        escape(&m.agreement),
        escape(path),
        m.term.0,
        m.term.1,
        escape(&scope_text(&m.scope)),
    );
    matrix_table(h, m);
    timelines(h, m);
    let mine: Vec<&Diagnostic> = run.diagnostics.iter().filter(|d| belongs(d, m)).collect();
    let _ = writeln!(h, "<h3>Findings ({})</h3>", mine.len());
    if mine.is_empty() {
        h.push_str("<p class=\"clean\">No findings: the agreement meets every applicable policy statement.</p>\n");
    }
    for d in mine {
        finding(h, &run.sources, d);
    }
    h.push_str("</section>\n");
}

fn matrix_table(h: &mut String, m: &Matrix) {
    h.push_str("<h3>Responsibility matrix</h3>\n<div class=\"scroll\"><table class=\"matrix\">\n<thead><tr><th scope=\"col\">act</th>");
    for p in &m.parties {
        let _ = write!(
            h,
            "<th scope=\"col\" class=\"party\"><span class=\"pid\">{}</span><span class=\"role\">{}</span>{}</th>",
            escape(&p.id),
            escape(&p.role),
            p.name
                .as_deref()
                .map(|n| format!("<span class=\"pname\">{}</span>", escape(n)))
                .unwrap_or_default()
        );
    }
    h.push_str("</tr></thead>\n<tbody>\n");
    for row in &m.rows {
        let class = row_class(row);
        let _ = write!(
            h,
            "<tr class=\"{class}\"><th scope=\"row\"><span class=\"act\">{}</span>",
            escape(&row.act)
        );
        for r in &row.requirements {
            let _ = write!(h, "<span class=\"req\">{}</span>", escape(r));
        }
        if row.has_gap() {
            h.push_str("<span class=\"tag gap\">gap</span>");
        }
        if row.has_overlap() {
            h.push_str("<span class=\"tag overlap\">overlap</span>");
        }
        h.push_str("</th>");
        for (ci, c) in row.cells.iter().enumerate() {
            let mut classes = vec!["cell"];
            if c.flags.iter().any(|f| is_gap(*f)) {
                classes.push("gap");
            } else if c.flags.iter().any(|f| is_overlap(*f)) {
                classes.push("overlap");
            } else if !c.flags.is_empty() {
                classes.push("conflict");
            } else if c.entries.is_empty() {
                classes.push("empty");
            }
            let party = m.parties.get(ci).map(|p| p.id.as_str()).unwrap_or_default();
            let _ = write!(
                h,
                "<td class=\"{}\" data-party=\"{}\" data-act=\"{}\">",
                classes.join(" "),
                escape(party),
                escape(&row.act)
            );
            for e in &c.entries {
                let _ = write!(
                    h,
                    "<div class=\"norm {}\"><b>{}</b> <span class=\"cl\">§{}</span>",
                    e.norm.as_str(),
                    e.norm.as_str(),
                    escape(&e.clause)
                );
                if !e.scope.is_empty() {
                    let _ = write!(h, "<small>{}</small>", escape(&scope_text(&e.scope)));
                }
                if (e.from, e.until) != m.term {
                    let _ = write!(h, "<small>{} – {}</small>", e.from, e.until);
                }
                h.push_str("</div>");
            }
            for f in &c.flags {
                let _ = write!(
                    h,
                    "<div class=\"flag\" title=\"{}\">{}</div>",
                    escape(f.as_str()),
                    escape(super::grid::flag_word(*f))
                );
            }
            h.push_str("</td>");
        }
        h.push_str("</tr>\n");
    }
    h.push_str("</tbody></table></div>\n");
    let explained: Vec<&Row> = m.rows.iter().filter(|r| !r.notes.is_empty()).collect();
    if !explained.is_empty() {
        h.push_str("<ul class=\"explain\">\n");
        for row in explained {
            for (code, message) in &row.notes {
                let kind = if is_gap(*code) {
                    "gap"
                } else if is_overlap(*code) {
                    "overlap"
                } else {
                    "conflict"
                };
                let _ = writeln!(
                    h,
                    "<li class=\"{kind}\"><b>{}</b> <code>{}</code> {}</li>",
                    escape(&row.act),
                    escape(code.as_str()),
                    marked(message)
                );
            }
        }
        h.push_str("</ul>\n");
    }
    h.push_str("<p class=\"legend\"><span class=\"sw gap\"></span>gap: nobody holds the act, or a party misses a duty <span class=\"sw overlap\"></span>overlap: more holders than allowed <span class=\"sw conflict\"></span>other finding on the party and act</p>\n");
}

fn row_class(row: &Row) -> &'static str {
    match (row.has_gap(), row.has_overlap()) {
        (true, true) => "gap overlap",
        (true, false) => "gap",
        (false, true) => "overlap",
        (false, false) => "ok",
    }
}

/// One SVG per act that the policy requires or a finding names a gap or overlap for: a lane
/// per holding clause across the term, then the gaps and the overlaps.
fn timelines(h: &mut String, m: &Matrix) {
    let rows: Vec<&Row> = m
        .rows
        .iter()
        .filter(|r| !r.requirements.is_empty() || !r.gaps.is_empty() || !r.overlaps.is_empty())
        .collect();
    if rows.is_empty() {
        return;
    }
    h.push_str("<h3>Coverage across the term</h3>\n");
    let (start, end) = (i64::from(m.term.0.0), i64::from(m.term.1.0) + 1);
    let span = (end - start).max(1) as f64;
    let x = |day: i64| 290.0 + 690.0 * ((day - start) as f64 / span).clamp(0.0, 1.0);
    for row in rows {
        let mut lanes: Vec<Lane> = Vec::new();
        for (ci, c) in row.cells.iter().enumerate() {
            let party = m.parties.get(ci).map(|p| p.id.as_str()).unwrap_or_default();
            for e in c.entries.iter().filter(|e| e.norm.is_holding()) {
                let label = format!(
                    "{party} §{} {}",
                    e.clause,
                    if e.scope.is_empty() { String::new() } else { scope_text(&e.scope) }
                );
                lanes.push((
                    "hold".into(),
                    label,
                    vec![(i64::from(e.from.0), i64::from(e.until.0) + 1)],
                ));
            }
        }
        let ranges = |places: &[crate::diagnostic::Place]| {
            places.iter().map(|p| (i64::from(p.from.0), i64::from(p.until.0) + 1)).collect()
        };
        // One lane per distinct set of cells, so a gap in one region does not hide another.
        for (kind, word, places) in
            [("gap", "no holder", &row.gaps), ("overlap", "two holders", &row.overlaps)]
        {
            let mut cells: Vec<&Vec<(String, Vec<String>)>> =
                places.iter().map(|p| &p.cells).collect();
            cells.dedup();
            if cells.is_empty() {
                lanes.push((kind.into(), word.into(), Vec::new()));
            }
            for c in cells {
                let same: Vec<crate::diagnostic::Place> =
                    places.iter().filter(|p| &p.cells == c).cloned().collect();
                lanes.push((kind.into(), format!("{word}: {}", scope_text(c)), ranges(&same)));
            }
        }
        let height = 30 + 24 * lanes.len();
        let _ = write!(
            h,
            "<figure class=\"timeline\"><figcaption><b>{}</b>{}</figcaption>\n<svg viewBox=\"0 0 1000 {height}\" role=\"img\" aria-label=\"coverage of {}\">",
            escape(&row.act),
            row.requirements.first().map(|r| format!(" · {}", escape(r))).unwrap_or_default(),
            escape(&row.act)
        );
        // Year ticks.
        let mut year = m.term.0.ymd().0;
        while let Some(d) = crate::date::Date::from_ymd(year, 1, 1) {
            let day = i64::from(d.0);
            if day >= end {
                break;
            }
            if day >= start {
                let _ = write!(
                    h,
                    "<line class=\"tick\" x1=\"{0:.1}\" x2=\"{0:.1}\" y1=\"4\" y2=\"{1}\"/><text class=\"year\" x=\"{2:.1}\" y=\"14\">{year}</text>",
                    x(day),
                    height - 4,
                    x(day) + 3.0
                );
            }
            year += 1;
        }
        for (i, (kind, label, spans)) in lanes.iter().enumerate() {
            let y = 22 + 24 * i;
            let _ = write!(
                h,
                "<text class=\"lane\" x=\"4\" y=\"{}\">{}</text>",
                y + 14,
                escape(label.trim())
            );
            let _ = write!(
                h,
                "<rect class=\"track\" x=\"290\" y=\"{y}\" width=\"690\" height=\"18\" rx=\"3\"/>"
            );
            for &(a, b) in spans {
                let (xa, xb) = (x(a), x(b));
                let _ = write!(
                    h,
                    "<rect class=\"{kind}\" x=\"{xa:.1}\" y=\"{y}\" width=\"{:.1}\" height=\"18\" rx=\"3\"/>",
                    (xb - xa).max(2.0)
                );
            }
        }
        h.push_str("</svg>\n");
        for p in &row.gaps {
            let _ =
                writeln!(h, "<p class=\"where gap\">no holder at {}</p>", escape(&place_text(p)));
        }
        for p in &row.overlaps {
            let _ = writeln!(
                h,
                "<p class=\"where overlap\">two holders at {}</p>",
                escape(&place_text(p))
            );
        }
        h.push_str("</figure>\n");
    }
}

/// One lane of a timeline: its CSS class, its label, and its day ranges (end exclusive).
type Lane = (String, String, Vec<(i64, i64)>);

fn finding(h: &mut String, sources: &SourceMap, d: &Diagnostic) {
    let sev = d.severity.as_str();
    let _ = write!(
        h,
        "<article class=\"finding {sev}\">\n<p class=\"head\"><span class=\"sev\">{sev}</span> <code class=\"code\">{}</code> {}</p>\n",
        escape(d.code.as_str()),
        marked(&d.message)
    );
    if let Some(span) = d.primary_span() {
        excerpt(h, sources, span, &d.labels.iter().map(|l| l.span).collect::<Vec<_>>());
    }
    for l in &d.related {
        let _ = write!(h, "<p class=\"rel\">{}</p>", escape(&l.message));
        excerpt(h, sources, l.span, &[l.span]);
    }
    if !d.places.is_empty() {
        let places: Vec<String> = d.places.iter().map(|p| escape(&place_text(p))).collect();
        let _ = writeln!(h, "<p class=\"where\">where: {}</p>", places.join("; "));
    }
    if let Some(w) = &d.waiver {
        let _ = writeln!(
            h,
            "<p class=\"waiver\">waived: {} (approved by <code>{}</code>, expires {})</p>",
            escape(&w.reason),
            escape(&w.approved_by),
            w.expires
        );
    }
    if !d.help.is_empty() {
        let _ = writeln!(h, "<p class=\"help\">help: {}</p>", marked(&d.help));
    }
    h.push_str("</article>\n");
}

/// The lines around a span, numbered, with the lines of every marked span highlighted.
fn excerpt(h: &mut String, sources: &SourceMap, span: Span, marks: &[Span]) {
    let file = sources.get(span.file);
    let (first, _) = file.line_col(span.start);
    let (last, _) = file.line_col(span.end.saturating_sub(1).max(span.start));
    let marked: Vec<(usize, usize)> = marks
        .iter()
        .filter(|s| s.file == span.file)
        .map(|s| (file.line_col(s.start).0, file.line_col(s.end.saturating_sub(1).max(s.start)).0))
        .collect();
    let from = first.saturating_sub(1).max(1);
    let to = (last + 1).min(first + 12);
    let _ = write!(
        h,
        "<figure class=\"excerpt\"><figcaption>{}:{first}</figcaption><pre>",
        escape(&file.path)
    );
    for (i, line) in file.text.lines().enumerate().skip(from - 1).take(to + 1 - from) {
        let n = i + 1;
        let hot = marked.iter().any(|&(a, b)| a <= n && n <= b);
        let _ = write!(
            h,
            "<span class=\"ln{}\"><i>{n}</i>{}</span>",
            if hot { " hot" } else { "" },
            escape(line)
        );
    }
    h.push_str("</pre></figure>\n");
}

fn inputs(h: &mut String, run: &CheckRun) {
    h.push_str("<section class=\"inputs\">\n<h2>Inputs</h2>\n<table>\n<thead><tr><th>kind</th><th>path</th><th>sha-256</th></tr></thead><tbody>\n");
    for (kind, ids) in [("policy", &run.policy_files), ("record", &run.record_files)] {
        for &id in ids {
            let f = run.sources.get(id);
            let sha = if f.sha256.is_empty() { "built in".to_owned() } else { f.sha256.clone() };
            let _ = writeln!(
                h,
                "<tr><td>{kind}</td><td><code>{}</code></td><td><code class=\"sha\">{}</code></td></tr>",
                escape(&f.path),
                escape(&sha)
            );
        }
    }
    h.push_str("</tbody></table>\n</section>\n");
}

fn plural(n: u64, word: &str) -> String {
    format!("{n} {word}{}", if n == 1 { "" } else { "s" })
}
