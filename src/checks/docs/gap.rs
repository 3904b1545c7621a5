//! The entries of the gap findings: responsibilities left blank, partial or vague.

use super::Explanation;

pub(super) const GAP_UNASSIGNED: Explanation = Explanation {
    what: "A `require exactly one holder of A` or `require at least one holder of A` statement \
applies to the agreement, and no party holds A anywhere in it: there is no clause with \
`norm: duty` or `norm: power` for the act (by a party of the required role, when the statement \
says `with role R`). A `permission` does not count, because it bears no responsibility. There \
is one finding per requirement and act, and it names no clauses, since there are none. Each \
requirement is judged on its own: two articles that both require a holder of A give two \
findings, each pointing at its own article.",
    why: "The founding analysis of regional government-university-enterprise cooperation (Yu, \
Tang, Cheng, Li 2024) names \"the blank of responsibilities\" first among the failures of \
cooperation: functions for which the departments \"have no provisions\". A function the policy \
requires and nobody holds is that blank: when the moment comes, no one is bound to act.",
    example_policy: r#"role government "Regional government"
act  resolve_disputes "Resolve disputes between the parties"

article 1 "One body resolves disputes" {
  require exactly one holder of resolve_disputes with role government;
}
"#,
    example_record: r#"agreement:
  id: joint-lab-2024
  term: { from: 2024-01-01, until: 2024-12-31 }
parties:
  - id: city
    role: government
clauses: []
"#,
    fix: "Give the act to a party with a `duty` or `power` clause that covers the whole scope \
and term (a party of the required role, when the statement names one). If this kind of \
agreement really needs no holder, the policy should say so with a `when` condition on the \
requirement.",
    fixed_policy: "",
    fixed_record: r#"agreement:
  id: joint-lab-2024
  term: { from: 2024-01-01, until: 2024-12-31 }
parties:
  - id: city
    role: government
clauses:
  - id: "1"
    party: city
    norm: duty
    act: resolve_disputes
"#,
};

pub(super) const GAP_UNCOVERED: Explanation = Explanation {
    what: "A `require exactly one holder of A` or `require at least one holder of A` statement \
applies, some party holds A, but not everywhere and always: some cells of the agreement's \
scope (one value per scope dimension), on some days of its term, have no holder. The finding \
lists exactly where, as cells and maximal date ranges, merged (for example \
`region=sanjiang, 2025-07-01..2026-12-31`), and names every clause that holds the act and \
counts for the requirement. There is one finding per requirement and act: when two articles \
(say `require exactly one holder of supervise` and `require at least one holder of supervise \
with role government`) both go unmet, each gets its own finding, pointing at its own \
article.",
    why: "A duty that lapses in the middle of the term, or that skips one region of a \
multi-region programme, leaves the same \"blank of responsibilities\" that the founding \
analysis warns of, only harder to see: the agreement looks complete when read clause by \
clause.",
    example_policy: r#"role government "Regional government"
act  resolve_disputes "Resolve disputes between the parties"

article 1 "One body resolves disputes" {
  require exactly one holder of resolve_disputes with role government;
}
"#,
    example_record: r#"agreement:
  id: joint-lab-2024
  term: { from: 2024-01-01, until: 2024-12-31 }
parties:
  - id: city
    role: government
clauses:
  - id: "1"
    party: city
    norm: duty
    act: resolve_disputes
    period: { from: 2024-01-01, until: 2024-06-30 }
"#,
    fix: "Extend the holding clauses, or add clauses for the cells and days the finding lists, \
so that together they cover the whole scope and term. Remember that a clause's `period` \
defaults to the whole term and an omitted scope dimension to all of its values.",
    fixed_policy: "",
    fixed_record: r#"agreement:
  id: joint-lab-2024
  term: { from: 2024-01-01, until: 2024-12-31 }
parties:
  - id: city
    role: government
clauses:
  - id: "1"
    party: city
    norm: duty
    act: resolve_disputes
"#,
};

pub(super) const GAP_MISSING_DUTY: Explanation = Explanation {
    what: "A statement `R must A` applies to the agreement, and a party of role R has no \
`duty` clause for act A (for a power, no `duty` or `power` clause). There is one finding per \
party and act.",
    why: "The founding analysis finds main responsibilities left unstated: universities that \
are expected to do research and train talent, enterprises expected to fund, with nothing in \
the agreement that binds them to it. A responsibility that is not written down cannot be \
supervised or evaluated.",
    example_policy: r#"role university "University"
act  research "Carry out research and development"

article 1 "Main responsibilities of universities" {
  university must research;
}
"#,
    example_record: r#"agreement:
  id: joint-lab-2024
  term: { from: 2024-01-01, until: 2024-12-31 }
parties:
  - id: uni
    role: university
clauses: []
"#,
    fix: "Add a clause with `norm: duty` (or `norm: power`, for a power) for the act to every \
party of the role. If the party is not meant to carry the act, it probably has the wrong \
role, or the policy's statement needs a `when` condition.",
    fixed_policy: "",
    fixed_record: r#"agreement:
  id: joint-lab-2024
  term: { from: 2024-01-01, until: 2024-12-31 }
parties:
  - id: uni
    role: university
clauses:
  - id: "1"
    party: uni
    norm: duty
    act: research
"#,
};

pub(super) const GAP_VAGUE_DUTY: Explanation = Explanation {
    what: "A statement `require F, G for A` applies, and a clause with `norm: duty` for act A \
does not state every one of the terms F and G in its `terms`. There is one finding per \
clause, naming the missing terms.",
    why: "The founding analysis finds provisions \"too general, lacking specific operation\", \
and cooperation without \"clear, scientific evaluation criteria\". A duty to fund with no \
amount or deadline cannot be evaluated, so it cannot be enforced either.",
    example_policy: r#"role enterprise "Enterprise"
act  fund "Provide funding"

article 1 "Specific, measurable duties" {
  enterprise must fund;
  require amount, currency, deadline for fund;
}
"#,
    example_record: r#"agreement:
  id: joint-lab-2024
  term: { from: 2024-01-01, until: 2024-12-31 }
parties:
  - id: acme
    role: enterprise
clauses:
  - id: "1"
    party: acme
    norm: duty
    act: fund
    terms: { amount: 5000000, currency: CNY }
"#,
    fix: "Add the missing terms to the clause's `terms` map, with the values the parties agreed \
(here a `deadline`). If the agreement truly has no such value, the gap is real: negotiate \
it, or record a waiver with the reason.",
    fixed_policy: "",
    fixed_record: r#"agreement:
  id: joint-lab-2024
  term: { from: 2024-01-01, until: 2024-12-31 }
parties:
  - id: acme
    role: enterprise
clauses:
  - id: "1"
    party: acme
    norm: duty
    act: fund
    terms: { amount: 5000000, currency: CNY, deadline: 2024-06-30 }
"#,
};

pub(super) const GAP_UNACCOUNTABLE_POWER: Explanation = Explanation {
    what: "A statement `require accountability for A` applies, and a clause with `norm: power` \
or `norm: duty` for A has no `accountable_to`, or names its own holder there. There is one \
finding per clause.",
    why: "The founding analysis asks that powers and responsibilities be consistent: a \
government that supervises, allocates or evaluates must answer for how it does so. A power \
accountable to nobody, or to itself, is the root of \"authority offside\".",
    example_policy: r#"role  government "Regional government"
power supervise "Supervise the cooperation"

article 1 "Accountability of public power" {
  government may supervise;
  require accountability for supervise;
}
"#,
    example_record: r#"agreement:
  id: joint-lab-2024
  term: { from: 2024-01-01, until: 2024-12-31 }
parties:
  - id: city
    role: government
  - id: province
    role: government
clauses:
  - id: "1"
    party: city
    norm: power
    act: supervise
"#,
    fix: "Name, in `accountable_to`, the party to which the holder answers for the power: \
another party of the agreement, never the holder itself.",
    fixed_policy: "",
    fixed_record: r#"agreement:
  id: joint-lab-2024
  term: { from: 2024-01-01, until: 2024-12-31 }
parties:
  - id: city
    role: government
  - id: province
    role: government
clauses:
  - id: "1"
    party: city
    norm: power
    act: supervise
    accountable_to: province
"#,
};

pub(super) const GAP_UNOWED_RIGHT: Explanation = Explanation {
    what: "A clause with `norm: right` has no `from`, or names its own holder in `from`. A \
right is a claim against someone; without that someone it is empty. Such a right does not \
count as compensation either, so a `compensate` statement may fire \
`balance::uncompensated` on the same party. There is one finding per clause.",
    why: "Every right has a correlative duty (Hohfeld): a share of revenue that nobody owes is \
a promise nobody has to keep. The founding analysis finds enterprises doubting that \
cooperation brings them \"net income\"; a right owed by no one is exactly the kind of \
benefit that never arrives.",
    example_policy: r#"role    enterprise "Enterprise"
act     fund "Provide funding"
benefit revenue_share "Share of commercialisation revenue"

article 1 "Net benefit for enterprises" {
  compensate enterprise for fund with revenue_share;
}
"#,
    example_record: r#"agreement:
  id: spin-off-2024
  term: { from: 2024-01-01, until: 2024-12-31 }
parties:
  - id: acme
    role: enterprise
  - id: spinoff
    role: enterprise
clauses:
  - id: "1"
    party: acme
    norm: duty
    act: fund
  - id: "2"
    party: acme
    norm: right
    benefit: revenue_share
"#,
    fix: "Name in `from` the party that owes the benefit, which must be another party than the \
holder.",
    fixed_policy: "",
    fixed_record: r#"agreement:
  id: spin-off-2024
  term: { from: 2024-01-01, until: 2024-12-31 }
parties:
  - id: acme
    role: enterprise
  - id: spinoff
    role: enterprise
clauses:
  - id: "1"
    party: acme
    norm: duty
    act: fund
  - id: "2"
    party: acme
    norm: right
    benefit: revenue_share
    from: spinoff
"#,
};
