//! Where findings go: waivers are applied, every finding is counted, and at most
//! `max_findings` per code are kept, so a pathological record cannot exhaust memory.

use std::collections::HashMap;

use crate::checks::Code;
use crate::date::Date;
use crate::diagnostic::{Diagnostic, Severity, WaiverRef};
use crate::record::{Record, Waiver};

/// Counts of findings by severity, including those not listed.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Counts {
    pub error: u64,
    pub warning: u64,
    pub note: u64,
}

impl Counts {
    pub fn add(&mut self, severity: Severity) {
        match severity {
            Severity::Error => self.error += 1,
            Severity::Warning => self.warning += 1,
            Severity::Note => self.note += 1,
        }
    }

    pub fn merge(&mut self, other: Counts) {
        self.error += other.error;
        self.warning += other.warning;
        self.note += other.note;
    }
}

pub struct Sink<'r> {
    record: &'r Record,
    as_of: Date,
    /// 0 lists everything.
    max_findings: usize,
    kept: Vec<Diagnostic>,
    per_code: HashMap<Code, usize>,
    pub counts: Counts,
    waiver_used: Vec<bool>,
}

impl<'r> Sink<'r> {
    pub fn new(record: &'r Record, as_of: Date, max_findings: usize) -> Sink<'r> {
        Sink {
            record,
            as_of,
            max_findings,
            kept: Vec::new(),
            per_code: HashMap::new(),
            counts: Counts::default(),
            waiver_used: vec![false; record.waivers.len()],
        }
    }

    pub fn push(&mut self, mut d: Diagnostic) {
        for (i, w) in self.record.waivers.iter().enumerate() {
            if w.code.text != d.code.as_str() || !covers(w, &d) {
                continue;
            }
            self.waiver_used[i] = true;
            if w.expires >= self.as_of && d.waiver.is_none() {
                d.severity = Severity::Note;
                d.waiver = Some(WaiverRef {
                    reason: w.reason.text.clone(),
                    approved_by: w.approved_by.text.clone(),
                    expires: w.expires,
                    span: w.span,
                });
            }
        }
        self.keep(d);
    }

    fn keep(&mut self, d: Diagnostic) {
        self.counts.add(d.severity);
        let n = self.per_code.entry(d.code).or_insert(0);
        *n += 1;
        if self.max_findings == 0 || *n <= self.max_findings {
            self.kept.push(d);
        }
    }

    /// Adds the waiver findings and the truncation notes, and returns what is listed.
    pub fn finish(mut self, base: &Diagnostic) -> (Vec<Diagnostic>, Counts) {
        for (i, w) in self.record.waivers.iter().enumerate() {
            let d = if w.expires < self.as_of {
                let mut d = base.clone();
                d.code = Code::WaiverExpired;
                d.severity = Code::WaiverExpired.severity();
                d.message = format!(
                    "waiver for `{}` expired on {}, before the check date {}",
                    w.code.text, w.expires, self.as_of
                );
                d.help = "renew the waiver with a new `expires` date, or fix the finding it covered and remove it".into();
                d.with_label(w.expires_span, "expired")
            } else if !self.waiver_used[i] {
                let mut d = base.clone();
                d.code = Code::WaiverUnused;
                d.severity = Code::WaiverUnused.severity();
                d.message = format!("waiver for `{}` matches no finding", w.code.text);
                d.help = "remove the waiver, or correct its `code` and `clauses` to name the finding it accepts".into();
                d.with_label(w.span, "this waiver matches nothing")
            } else {
                continue;
            };
            self.keep(d);
        }
        let mut truncated: Vec<(Code, usize)> = self
            .per_code
            .iter()
            .filter(|(_, n)| self.max_findings != 0 && **n > self.max_findings)
            .map(|(c, n)| (*c, *n - self.max_findings))
            .collect();
        truncated.sort();
        for (code, more) in truncated {
            let mut d = base.clone();
            d.code = Code::ReportTruncated;
            d.severity = Severity::Note;
            d.message = format!("{more} more `{}` findings are not listed", code.as_str());
            d.help = "pass `--max-findings 0` to list every finding".into();
            self.kept.push(d);
        }
        (self.kept, self.counts)
    }
}

/// A waiver matches a finding whose clauses include all of the waiver's clauses.
fn covers(w: &Waiver, d: &Diagnostic) -> bool {
    w.clauses.iter().all(|c| d.clauses.iter().any(|x| x.id == c.text))
}
