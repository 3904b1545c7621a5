//! The entries of the overlap and conflict findings: responsibilities confused or crossed.

use super::Explanation;

pub(super) const OVERLAP_EXCLUSIVE: Explanation = Explanation {
    what: "A `require exactly one holder of A` or `require at most one holder of A` statement \
applies, and two or more parties (of the required role, when the statement names one) hold \
A on the same cells and days. Holders are counted as parties, not clauses: one party's own \
overlapping clauses are `overlap::redundant` instead. There is one finding per requirement \
and pair of clauses of different parties, stating where they overlap: a pair that breaches two \
articles gives a finding for each, pointing at its own article (a waiver that names the pair \
accepts both).",
    why: "The founding analysis finds functions \"confused\" and \"intersections in normative \
documents\": two bodies supervising the same place, or resolving the same disputes, each \
able to blame the other. Exclusivity is what makes one of them answerable.",
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
  - id: province
    role: government
clauses:
  - id: "1"
    party: city
    norm: duty
    act: resolve_disputes
  - id: "2"
    party: province
    norm: duty
    act: resolve_disputes
"#,
    fix: "Give each cell and day to one party: narrow the clauses' `scope` or `period` so that \
they meet without overlapping, or remove one of them. Where several parties should take \
part, let one hold the act and the others be named in `accountable_to`, or hold a \
`permission`.",
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
    norm: duty
    act: resolve_disputes
    period: { from: 2024-01-01, until: 2024-06-30 }
  - id: "2"
    party: province
    norm: duty
    act: resolve_disputes
    period: { from: 2024-07-01, until: 2024-12-31 }
"#,
};

pub(super) const OVERLAP_REDUNDANT: Explanation = Explanation {
    what: "One party has two clauses with the same norm and the same act that overlap: they \
share at least one cell of scope and one day. This needs no policy statement. There is one \
finding per pair of clauses.",
    why: "Duplicated provisions are the \"intersections in normative documents\" of the \
founding analysis in miniature: two texts for one obligation, which diverge as soon as one \
of them is amended, and then nobody knows which one binds.",
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
clauses:
  - id: "1"
    party: uni
    norm: duty
    act: research
  - id: "2"
    party: uni
    norm: duty
    act: research
    period: { from: 2024-07-01, until: 2024-12-31 }
"#,
    fix: "Keep one clause for the obligation and delete the other, or merge their terms into \
one. If they are meant to cover different places or times, make their `scope` or `period` \
disjoint.",
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

pub(super) const CONFLICT_ULTRA_VIRES: Explanation = Explanation {
    what: "A party holds a power (a clause with `norm: power` or `norm: duty` for an act \
declared with `power`) and no applicable `may` or `must` statement grants that power to its \
role. Powers are closed-world: what is not granted is not held. A clause already reported as \
`conflict::prohibited` or `conflict::policy` is not reported again here. There is one \
finding per clause.",
    why: "The founding analysis names \"authority offside\": bodies exercising powers that \
nobody gave them, such as an enterprise allocating public funds or an association \
supervising on its own account. A power must trace back to a grant.",
    example_policy: r#"role  government "Regional government"
role  association "Industry association"
power supervise "Supervise the cooperation"
power evaluate "Evaluate performance and results"

article 1 "Powers" {
  government may supervise, evaluate;
  association may evaluate;
}
"#,
    example_record: r#"agreement:
  id: joint-lab-2024
  term: { from: 2024-01-01, until: 2024-12-31 }
parties:
  - id: city
    role: government
  - id: assoc
    role: association
clauses:
  - id: "1"
    party: city
    norm: power
    act: supervise
  - id: "2"
    party: assoc
    norm: power
    act: supervise
"#,
    fix: "Give the power to a party whose role the policy grants it to, or change the clause \
to a power the role holds. If the role should hold it, the policy needs a `may` (or `must`) \
statement that grants it.",
    fixed_policy: "",
    fixed_record: r#"agreement:
  id: joint-lab-2024
  term: { from: 2024-01-01, until: 2024-12-31 }
parties:
  - id: city
    role: government
  - id: assoc
    role: association
clauses:
  - id: "1"
    party: city
    norm: power
    act: supervise
  - id: "2"
    party: assoc
    norm: power
    act: evaluate
"#,
};

pub(super) const CONFLICT_PROHIBITED: Explanation = Explanation {
    what: "A statement `R must not A` applies, and a party of role R has a clause for A with a \
norm other than `prohibition`: it holds A, or is even only permitted it. There is one finding \
per clause.",
    why: "The founding analysis draws lines of participation: each body has a place in the \
cooperation and must not cross into another's. A government that runs the joint unit's key \
matters itself has stepped over the line that keeps public guidance apart from management.",
    example_policy: r#"role  government "Regional government"
power decide_key_matters "Decide key matters of the joint unit"

article 1 "Guidance, not management" {
  government must not decide_key_matters;
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
    norm: power
    act: decide_key_matters
"#,
    fix: "Remove the clause, give the act to a party of a role that may hold it, or state the \
prohibition itself (`norm: prohibition`).",
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
    norm: prohibition
    act: decide_key_matters
"#,
};

pub(super) const CONFLICT_SOLE_CONTROL: Explanation = Explanation {
    what: "A statement `R must not A alone` applies, and on some cells and days a party of role \
R is the only holder of A. The party may hold A: it must share it. The finding states where \
the party holds A alone; there is one finding per party and act, naming that party's clauses \
for the act. Like the other prohibitions, it is judged once per party and act: when several \
statements say it, the finding points at the first.",
    why: "In the founding analysis, enterprises take part in the decision-making of a joint \
unit but \"cannot have complete control in the decision-making of key matters\": otherwise \
public resources and university results serve one company alone.",
    example_policy: r#"role  enterprise "Enterprise"
role  university "University"
power decide_key_matters "Decide key matters of the joint unit"

article 1 "Participation" {
  enterprise may decide_key_matters;
  university may decide_key_matters;
}

article 2 "Participation, not control" {
  enterprise must not decide_key_matters alone;
}
"#,
    example_record: r#"agreement:
  id: joint-lab-2024
  term: { from: 2024-01-01, until: 2024-12-31 }
parties:
  - id: acme
    role: enterprise
  - id: uni
    role: university
clauses:
  - id: "1"
    party: acme
    norm: power
    act: decide_key_matters
"#,
    fix: "Let another party (of another role, or of the same role but not the only one) hold \
the act over the same cells and days, for instance a university seat on the board for the \
whole term.",
    fixed_policy: "",
    fixed_record: r#"agreement:
  id: joint-lab-2024
  term: { from: 2024-01-01, until: 2024-12-31 }
parties:
  - id: acme
    role: enterprise
  - id: uni
    role: university
clauses:
  - id: "1"
    party: acme
    norm: power
    act: decide_key_matters
  - id: "2"
    party: uni
    norm: power
    act: decide_key_matters
"#,
};

pub(super) const CONFLICT_DEONTIC: Explanation = Explanation {
    what: "One party has a `prohibition` for an act and also a `duty`, `power` or `permission` \
for the same act, and the two clauses overlap (at least one cell and one day). This needs no \
policy statement. There is one finding per pair of clauses.",
    why: "A clause that forbids what another commands cannot be obeyed: whichever the party \
does, it breaches the agreement. The founding analysis traces such contradictions to texts \
drafted separately and never read together.",
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
clauses:
  - id: "1"
    party: uni
    norm: duty
    act: research
  - id: "2"
    party: uni
    norm: prohibition
    act: research
    period: { from: 2024-07-01, until: 2024-12-31 }
"#,
    fix: "Decide which clause the parties meant, and make the two disjoint in `scope` or \
`period`, or delete one.",
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
    period: { from: 2024-01-01, until: 2024-06-30 }
  - id: "2"
    party: uni
    norm: prohibition
    act: research
    period: { from: 2024-07-01, until: 2024-12-31 }
"#,
};

pub(super) const CONFLICT_SEPARATION: Explanation = Explanation {
    what: "A statement `separate A from B` applies, and one control group holds A and B on the \
same cells and days. A control group is a party together with every party connected to it \
through `controlled_by`, in either direction, transitively: a parent, its subsidiaries, and \
their subsidiaries are one group. There is one finding per pair of clauses.",
    why: "The founding analysis warns that evaluation is \"easy to be tampered with\" when the \
evaluator evaluates itself. An evaluator owned by the company whose funding it evaluates is \
not independent, whatever its name says.",
    example_policy: r#"role  enterprise "Enterprise"
role  association "Industry association"
power evaluate "Evaluate performance and results"
act   fund "Provide funding"

article 1 "Independent evaluation" {
  association may evaluate;
  enterprise must fund;
  separate evaluate from fund;
}
"#,
    example_record: r#"agreement:
  id: joint-lab-2024
  term: { from: 2024-01-01, until: 2024-12-31 }
parties:
  - id: acme
    role: enterprise
  - id: evaluator
    role: association
    controlled_by: [acme]
clauses:
  - id: "1"
    party: acme
    norm: duty
    act: fund
  - id: "2"
    party: evaluator
    norm: power
    act: evaluate
"#,
    fix: "Give one of the two acts to a party outside the control group, for instance an \
industry association that no party of the agreement controls.",
    fixed_policy: "",
    fixed_record: r#"agreement:
  id: joint-lab-2024
  term: { from: 2024-01-01, until: 2024-12-31 }
parties:
  - id: acme
    role: enterprise
  - id: evaluator
    role: association
clauses:
  - id: "1"
    party: acme
    norm: duty
    act: fund
  - id: "2"
    party: evaluator
    norm: power
    act: evaluate
"#,
};

pub(super) const CONFLICT_POLICY: Explanation = Explanation {
    what: "Two policy statements that both apply to this agreement contradict on a role and \
act (`may` or `must` against `must not`, without `alone`), and none of the principles \
decides between them: they have the same level, both or neither has a `when` condition, and \
they took effect on the same date. There is one finding per clause of a party of that role \
for that act. `charter lint` reports the same pair as `policy::contradiction`.",
    why: "The founding analysis finds that cooperation lacks a conflict-resolution mechanism \
when documents contradict. Lawyers resolve such conflicts by lex superior, lex specialis \
and lex posterior; where none of them decides, no finding about the clause can be trusted, \
so charter says so instead of picking one.",
    example_policy: r#"role  enterprise "Enterprise"
power decide_key_matters "Decide key matters of the joint unit"

article 1 "Participation" {
  enterprise may decide_key_matters;
}

article 2 "No control" {
  enterprise must not decide_key_matters;
}
"#,
    example_record: r#"agreement:
  id: joint-lab-2024
  term: { from: 2024-01-01, until: 2024-12-31 }
  attributes:
    kind: joint-lab
parties:
  - id: acme
    role: enterprise
clauses:
  - id: "1"
    party: acme
    norm: power
    act: decide_key_matters
"#,
    fix: "Fix the policy, not the record: delete one of the two statements, or say which one \
prevails, by giving it a higher `level`, a `when` condition that makes it the special rule, \
or a later `effective` date in its own document. Here the prohibition becomes a special \
rule for incubators, so the general permission applies to this joint laboratory.",
    fixed_policy: r#"role  enterprise "Enterprise"
power decide_key_matters "Decide key matters of the joint unit"

article 1 "Participation" {
  enterprise may decide_key_matters;
}

article 2 "No control of incubators" {
  enterprise must not decide_key_matters when agreement.kind == "incubator";
}
"#,
    fixed_record: "",
};
