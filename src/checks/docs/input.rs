//! The entries of the diagnostics on inputs: policy and record files that cannot be used
//! as they are (the run exits 2).

use super::Explanation;

pub(super) const SYNTAX_POLICY: Explanation = Explanation {
    what: "A policy file does not parse. The label sits where parsing stopped and says, in \
words, what was expected there (`expected ';' or 'when'`). Loading goes on with the other \
files, so every broken file is reported in one run.",
    why: "A policy is law for the agreements it checks: a drafter must know exactly which text \
was understood. charter never guesses what a broken statement meant.",
    example_policy: r#"role university "University"
act  research "Carry out research and development"

article 1 "Main responsibilities of universities" {
  university must research
}
"#,
    example_record: "",
    fix: "Correct the text at the label, usually a missing `;` at the end of a statement, a \
missing quote, or a keyword used as an identifier. `docs/language.md` describes the language \
and `grammar/charter.pest` is its grammar.",
    fixed_policy: r#"role university "University"
act  research "Carry out research and development"

article 1 "Main responsibilities of universities" {
  university must research;
}
"#,
    fixed_record: "",
};

pub(super) const SYNTAX_TOO_DEEP: Explanation = Explanation {
    what: "A `when` condition nests deeper than 64 levels (parentheses, `not`, `and`, \
`or`). charter rejects it with this diagnostic rather than risk running out of stack.",
    why: "No real condition needs that depth; such a text is generated or hostile. Refusing it \
cleanly keeps charter safe to run on any input, which an audit tool must be.",
    example_policy: r#"role university "University"
act  research "Carry out research and development"

article 1 "Main responsibilities of universities" {
  university must research when ((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((agreement.budget > 0))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))));
}
"#,
    example_record: "",
    fix: "Write the condition flat: drop redundant parentheses, and combine comparisons with \
`and`, `or` and `in [...]`.",
    fixed_policy: r#"role university "University"
act  research "Carry out research and development"

article 1 "Main responsibilities of universities" {
  university must research when agreement.budget > 0;
}
"#,
    fixed_record: "",
};

pub(super) const SYNTAX_RECORD: Explanation = Explanation {
    what: "A record file is not valid YAML (or JSON), nests deeper than the record budget, or \
uses YAML aliases that expand past a fixed budget. The label points at the line and column \
where reading failed. Other records in the run are still checked.",
    why: "Auditors submit records from many hands; a record charter cannot read must be \
reported precisely, never half-read. Budgets on nesting and aliases keep a hostile file \
from exhausting memory.",
    example_policy: r#"role university "University"
act  research "Carry out research and development"

article 1 "Main responsibilities of universities" {
  university must research;
}
"#,
    example_record: r#"agreement:
  id: joint-lab-2024
  term: { from: 2024-01-01, until: 2024-12-31
parties:
  - id: uni
    role: university
clauses:
  - id: "1"
    party: uni
    norm: duty
    act: research
"#,
    fix: "Correct the YAML at the label: here the flow mapping of `term` is missing its \
closing `}`. Write repeated parts out instead of using many aliases.",
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

pub(super) const RECORD_SCHEMA: Explanation = Explanation {
    what: "A field of a record is missing, unknown, or of the wrong type. An unknown field \
comes with a \"did you mean\" when a known field is close.",
    why: "A misspelt `acountable_to` silently ignored would make a power look accountable \
to the reader and unaccountable to the check, or the reverse. Every field of a record must \
mean what it says.",
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
    acountable_to: province
"#,
    fix: "Spell the field as `docs/records.md` does (here `accountable_to`), add the missing \
field, or give the value the type the field expects.",
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

pub(super) const RECORD_DUPLICATE_ID: Explanation = Explanation {
    what: "Two parties, or two clauses, of one record share an id, or a YAML mapping repeats a \
key.",
    why: "Findings, waivers and reviewers name clauses by id. Two clauses \"3.1\" make every \
one of those references ambiguous, and a repeated key silently drops a value.",
    example_policy: r#"role university "University"
act  research "Carry out research and development"
act  train_talent "Train talent for the region"

article 1 "Main responsibilities of universities" {
  university must research, train_talent;
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
  - id: "1"
    party: uni
    norm: duty
    act: train_talent
"#,
    fix: "Give each party and each clause its own id, and write each key once per mapping.",
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
  - id: "2"
    party: uni
    norm: duty
    act: train_talent
"#,
};

pub(super) const RECORD_UNKNOWN_REFERENCE: Explanation = Explanation {
    what: "A record names a party, role, act, power, benefit, scope dimension or scope value \
that does not exist: a party id not in `parties`, a role or act not declared in the policy \
set, a dimension or value not in the agreement's scope. A \"did you mean\" is given when a \
known name is close.",
    why: "A clause about an act the policy does not know is checked against nothing; a \
reference to a party that does not exist binds nobody. Both look like obligations and are \
not.",
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
    act: reserch
"#,
    fix: "Use a name that exists: correct the spelling, add the party to `parties` or the \
value to the agreement's `scope`, or declare the role, act, power or benefit in the policy \
set.",
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

pub(super) const RECORD_BAD_PERIOD: Explanation = Explanation {
    what: "A date or period of a record is impossible: a date that does not exist \
(2024-02-30), an `until` before its `from`, or a clause's `period` that does not lie inside \
the agreement's `term`.",
    why: "Coverage is counted in days. A period outside the term, or running backwards, \
cannot be counted, and usually hides a typing error in a date that matters.",
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
    period: { from: 2023-07-01, until: 2024-06-30 }
"#,
    fix: "Correct the date, or keep the clause's period inside the term; extend the term if \
the agreement really runs longer.",
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
"#,
};

pub(super) const RECORD_CONTROL_CYCLE: Explanation = Explanation {
    what: "The parties' `controlled_by` lists form a cycle: a party controls, directly or \
through others, a party that controls it (or a party names itself).",
    why: "Control groups decide whether evaluation is independent of the evaluated. A cycle \
of control is not a fact about companies but an error in the record, and separation checks \
built on it would be meaningless.",
    example_policy: r#"role enterprise "Enterprise"
act  fund "Provide funding"

article 1 "Enterprises fund" {
  enterprise must fund;
}
"#,
    example_record: r#"agreement:
  id: joint-lab-2024
  term: { from: 2024-01-01, until: 2024-12-31 }
parties:
  - id: acme
    role: enterprise
    controlled_by: [acme-lab]
  - id: acme-lab
    role: enterprise
    controlled_by: [acme]
clauses:
  - id: "1"
    party: acme
    norm: duty
    act: fund
  - id: "2"
    party: acme-lab
    norm: duty
    act: fund
"#,
    fix: "Record control in one direction only: list in `controlled_by` the parties that \
control this one, never the ones it controls.",
    fixed_policy: "",
    fixed_record: r#"agreement:
  id: joint-lab-2024
  term: { from: 2024-01-01, until: 2024-12-31 }
parties:
  - id: acme
    role: enterprise
  - id: acme-lab
    role: enterprise
    controlled_by: [acme]
clauses:
  - id: "1"
    party: acme
    norm: duty
    act: fund
  - id: "2"
    party: acme-lab
    norm: duty
    act: fund
"#,
};

pub(super) const RECORD_TYPE_MISMATCH: Explanation = Explanation {
    what: "A policy condition compares values of different types for this record, such as a \
number in the policy with a string in the record (`agreement.budget >= 10000000` against \
`budget: \"12 million\"`). The labels point at both the policy expression and the record \
value. A condition that reads `clause.X` is read for every clause its statement is about (the \
duties of a `require F for A`, the powers and duties of a `require accountability for A`), \
whatever else the clause states: the mismatch is reported whether or not the clause already \
has the terms or the `accountable_to` the statement asks for.",
    why: "Whether a statement applies must never depend on an accident of typing. Comparing \
a number with text has no answer, so charter refuses to guess whether the rule applies.",
    example_policy: r#"role university "University"
act  research "Carry out research and development"

article 1 "Research in large cooperations" {
  university must research when agreement.budget >= 10000000;
}
"#,
    example_record: r#"agreement:
  id: joint-lab-2024
  term: { from: 2024-01-01, until: 2024-12-31 }
  attributes:
    budget: "12 million"
parties:
  - id: uni
    role: university
clauses:
  - id: "1"
    party: uni
    norm: duty
    act: research
"#,
    fix: "Write the record's value with the type the policy compares it with (here the number \
`12000000`), or correct the policy's literal.",
    fixed_policy: "",
    fixed_record: r#"agreement:
  id: joint-lab-2024
  term: { from: 2024-01-01, until: 2024-12-31 }
  attributes:
    budget: 12000000
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

pub(super) const RECORD_LIMIT: Explanation = Explanation {
    what: "A record file holds more records, or one record more clauses, than charter's hard \
limits allow, and the rest is not read; or a record's clauses cut its scope into more cells, \
or make more pairs to compare, than evaluation may take, and that check is not made for the \
act named. It takes a file far larger than any real agreement register to reach the limits, \
so no example is shown.",
    why: "charter runs on registries of millions of agreements, often unattended in CI. \
Fixed limits keep the memory and time of one file bounded, so one oversized or hostile \
input cannot stop the run for the others.",
    example_policy: "",
    example_record: "",
    fix: "Split the file into several files (a YAML stream of many records can be split at \
its `---` separators), or split an agreement with that many clauses into its annexes.",
    fixed_policy: "",
    fixed_record: "",
};

pub(super) const IO_READ: Explanation = Explanation {
    what: "A file cannot be read: it does not exist, is a directory, is not UTF-8, or is over \
the size limit of 64 MiB. A byte-order mark at the start is fine. The other inputs are still \
checked, and the run exits 2. No example is shown: the problem is in the file, not its text.",
    why: "An audit that silently skips an unreadable agreement reports it as compliant. \
charter names every input it could not read, so the summary never covers less than it \
claims.",
    example_policy: "",
    example_record: "",
    fix: "Check the path, the permissions and the encoding: save the file as UTF-8, split a \
file over 64 MiB, and point `--policy` at files or folders of `*.charter` files.",
    fixed_policy: "",
    fixed_record: "",
};
