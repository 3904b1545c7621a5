//! The entries of the balance, waiver and report findings.

use super::Explanation;

pub(super) const BALANCE_UNCOMPENSATED: Explanation = Explanation {
    what: "A statement `compensate R for A with X, Y` applies, and a party of role R holds a \
duty for A but no `right` to one of the benefits X or Y (to any benefit, when the statement \
lists none) owed by another party. There is one finding per party and act.",
    why: "The founding analysis finds enterprises doubting that cooperation reaches \"net \
income\", and researchers with no stake in the results they create: rights and \
responsibilities out of balance. A party that only gives will stop giving.",
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
"#,
    fix: "Give the party a clause with `norm: right`, a `benefit` the statement lists, and \
`from` naming the party that owes it.",
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

pub(super) const WAIVER_EXPIRED: Explanation = Explanation {
    what: "A waiver in the record's `waivers` register expired before the check date \
(`--as-of`, default today). The finding it covered is reported at its own severity again, \
and this warning is added.",
    why: "An accepted exception is a decision taken for a time, by someone, for a reason. An \
exception that quietly outlives its date becomes permanent without anyone deciding so, \
which is how the gaps the founding analysis describes become normal.",
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
waivers:
  - code: gap::unaccountable-power
    clauses: ["1"]
    reason: "the reporting line is being set up by the province"
    approved_by: province
    expires: 2024-06-30
"#,
    fix: "Fix the finding the waiver covered and delete the waiver, or, if the exception \
still stands, renew it: a new `expires` date, approved again by the party in `approved_by`.",
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

pub(super) const WAIVER_UNUSED: Explanation = Explanation {
    what: "A waiver in the record's `waivers` register matches no finding: no finding of its \
`code` names all of its `clauses` in this record.",
    why: "A stale register of exceptions hides what has really been accepted: when the \
problem it waived comes back under another clause, nobody notices that the old approval no \
longer fits. Keeping the register exact keeps every exception a deliberate decision.",
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
    accountable_to: province
waivers:
  - code: gap::unaccountable-power
    clauses: ["1"]
    reason: "the reporting line is being set up by the province"
    approved_by: province
    expires: 2099-12-31
"#,
    fix: "Delete the waiver: the problem it covered has been fixed. If it was meant for \
another finding, correct its `code` and `clauses`.",
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

pub(super) const REPORT_TRUNCATED: Explanation = Explanation {
    what: "One record has more findings of one code than `--max-findings N` lists (default \
1000). The first N are listed, then this note says how many more there were; the summary \
still counts them all. `--max-findings 0` lists everything. The example below has 46 \
overlapping clauses of one party, so 1035 pairs of `overlap::redundant`: 35 more than the \
default lists.",
    why: "A pathological agreement can have millions of findings (5,000 overlapping clauses \
of one party are 12.5 million pairs). Listing them all would bury the report, and the \
reviewer, under one problem; counting them all keeps the summary honest.",
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
  - { id: "1", party: uni, norm: duty, act: research }
  - { id: "2", party: uni, norm: duty, act: research }
  - { id: "3", party: uni, norm: duty, act: research }
  - { id: "4", party: uni, norm: duty, act: research }
  - { id: "5", party: uni, norm: duty, act: research }
  - { id: "6", party: uni, norm: duty, act: research }
  - { id: "7", party: uni, norm: duty, act: research }
  - { id: "8", party: uni, norm: duty, act: research }
  - { id: "9", party: uni, norm: duty, act: research }
  - { id: "10", party: uni, norm: duty, act: research }
  - { id: "11", party: uni, norm: duty, act: research }
  - { id: "12", party: uni, norm: duty, act: research }
  - { id: "13", party: uni, norm: duty, act: research }
  - { id: "14", party: uni, norm: duty, act: research }
  - { id: "15", party: uni, norm: duty, act: research }
  - { id: "16", party: uni, norm: duty, act: research }
  - { id: "17", party: uni, norm: duty, act: research }
  - { id: "18", party: uni, norm: duty, act: research }
  - { id: "19", party: uni, norm: duty, act: research }
  - { id: "20", party: uni, norm: duty, act: research }
  - { id: "21", party: uni, norm: duty, act: research }
  - { id: "22", party: uni, norm: duty, act: research }
  - { id: "23", party: uni, norm: duty, act: research }
  - { id: "24", party: uni, norm: duty, act: research }
  - { id: "25", party: uni, norm: duty, act: research }
  - { id: "26", party: uni, norm: duty, act: research }
  - { id: "27", party: uni, norm: duty, act: research }
  - { id: "28", party: uni, norm: duty, act: research }
  - { id: "29", party: uni, norm: duty, act: research }
  - { id: "30", party: uni, norm: duty, act: research }
  - { id: "31", party: uni, norm: duty, act: research }
  - { id: "32", party: uni, norm: duty, act: research }
  - { id: "33", party: uni, norm: duty, act: research }
  - { id: "34", party: uni, norm: duty, act: research }
  - { id: "35", party: uni, norm: duty, act: research }
  - { id: "36", party: uni, norm: duty, act: research }
  - { id: "37", party: uni, norm: duty, act: research }
  - { id: "38", party: uni, norm: duty, act: research }
  - { id: "39", party: uni, norm: duty, act: research }
  - { id: "40", party: uni, norm: duty, act: research }
  - { id: "41", party: uni, norm: duty, act: research }
  - { id: "42", party: uni, norm: duty, act: research }
  - { id: "43", party: uni, norm: duty, act: research }
  - { id: "44", party: uni, norm: duty, act: research }
  - { id: "45", party: uni, norm: duty, act: research }
  - { id: "46", party: uni, norm: duty, act: research }
"#,
    fix: "Fix the problem the findings share (here: one duty written 46 times), then run \
again. To see every finding, pass `--max-findings 0`.",
    fixed_policy: "",
    fixed_record: r#"agreement:
  id: joint-lab-2024
  term: { from: 2024-01-01, until: 2024-12-31 }
parties:
  - id: uni
    role: university
clauses:
  - { id: "1", party: uni, norm: duty, act: research }
"#,
};
