//! `charter lint`: findings on the policy set itself, before any agreement is checked.
//!
//! - [`contradiction`]: `may`/`must` against `must not` on one role and act, with conditions
//!   that can both hold: `policy::contradiction` when no principle decides, else
//!   `policy::superseded`, naming the article that prevails and why;
//! - [`unsatisfiable`]: statements that no record with a party of the role concerned can meet;
//! - [`unused`]: declarations no statement uses.
//!
//! Precedence is the evaluator's ([`crate::eval::decide`]), so lint and `check` never disagree
//! about which statement prevails.

mod clash;
pub mod conditions;
mod contradiction;
mod norms;
mod unsatisfiable;
mod unused;
mod witness;

use crate::diagnostic::Diagnostic;
use crate::policy::PolicySet;
use crate::source::SourceMap;
use crate::syntax::ast::Level;

/// Every finding on the policy set, sorted by where it points.
pub fn lint(policy: &PolicySet, sources: &SourceMap) -> Vec<Diagnostic> {
    let index = norms::Index::build(policy);
    let cite = Cite { policy, sources };
    let mut out = Vec::new();
    let clashes = clash::pairs(&cite, &index);
    contradiction::check(&cite, &clashes, &mut out);
    unsatisfiable::check(&cite, &index, &clashes, &mut out);
    unused::check(policy, &mut out);
    out.sort_by(|a, b| {
        let key = |d: &Diagnostic| (d.primary_span().map(|s| (s.file, s.start, s.end)), d.code);
        key(a).cmp(&key(b)).then_with(|| a.message.cmp(&b.message))
    });
    out
}

/// How findings name articles and documents, in the words a lawyer uses.
pub(crate) struct Cite<'a> {
    pub policy: &'a PolicySet,
    pub sources: &'a SourceMap,
}

impl Cite<'_> {
    /// `article 3 of `national-law``: the header's id, else the file's path.
    pub fn article(&self, statement: usize) -> String {
        let s = &self.policy.statements[statement];
        format!("article {} of `{}`", s.article.text, self.document(statement))
    }

    /// As [`Cite::article`], but just `article 2` when `earlier`, cited before it in the same
    /// sentence, is in the same document.
    pub fn article_after(&self, statement: usize, earlier: usize) -> String {
        let s = &self.policy.statements;
        if s[statement].document == s[earlier].document {
            format!("article {}", s[statement].article.text)
        } else {
            self.article(statement)
        }
    }

    pub fn document(&self, statement: usize) -> String {
        let doc = self.policy.document(&self.policy.statements[statement]);
        doc.id.clone().unwrap_or_else(|| self.sources.path(doc.file).to_string())
    }

    /// `a law`, `a regulation`, `a rule`, `a normative document`.
    pub fn level(&self, statement: usize) -> &'static str {
        match self.policy.document(&self.policy.statements[statement]).level {
            Level::Law => "a law",
            Level::Regulation => "a regulation",
            Level::Rule => "a rule",
            Level::Normative => "a normative document",
        }
    }

    /// Why `winner` prevails over `loser` by `principle`, as a lawyer would say it.
    pub fn principle(&self, principle: &str, winner: usize, loser: usize) -> String {
        match principle {
            "lex superior" => "lex superior, the higher norm prevails".to_string(),
            "lex specialis" => {
                "lex specialis, the special rule (the one with a `when` condition) prevails over the general one"
                    .to_string()
            }
            "lex posterior" => {
                let date = |i: usize| {
                    self.policy.document(&self.policy.statements[i]).effective.map_or_else(
                        || "with no effective date".to_string(),
                        |d| format!("effective {d}"),
                    )
                };
                format!(
                    "lex posterior, the later rule ({}) prevails over the earlier ({})",
                    date(winner),
                    date(loser)
                )
            }
            other => other.to_string(),
        }
    }
}
