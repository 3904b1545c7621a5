//! The entries of the diagnostics on policies: declarations and statements (`charter lint`).

use super::Explanation;

pub(super) const POLICY_UNDEFINED: Explanation = Explanation {
    what: "A statement uses a role, act, power or benefit that no file of the policy set \
declares. A \"did you mean\" is given when a declared id is close.",
    why: "An undeclared name is almost always a typing error, and a rule about a misspelt act \
applies to nothing: the drafter believes a duty is required and it is not.",
    example_policy: r#"role university "University"
act  research "Carry out research and development"

article 1 "Main responsibilities of universities" {
  university must reserch;
}
"#,
    example_record: "",
    fix: "Correct the spelling, or declare the id with `role`, `act`, `power` or \
`benefit` in one of the policy files.",
    fixed_policy: r#"role university "University"
act  research "Carry out research and development"

article 1 "Main responsibilities of universities" {
  university must research;
}
"#,
    fixed_record: "",
};

pub(super) const POLICY_DUPLICATE: Explanation = Explanation {
    what: "An id is declared twice with different kinds or labels across the policy set, or an \
article number repeats within one file. Identical declarations are fine, so several \
documents can share a vocabulary.",
    why: "Two documents that mean different things by one word produce exactly the \
\"intersections in normative documents\" that the founding analysis warns of; an article \
number used twice makes citations ambiguous.",
    example_policy: r#"role university "University"
act  research "Carry out research and development"
act  research "Do research"

article 1 "Main responsibilities of universities" {
  university must research;
}
"#,
    example_record: "",
    fix: "Keep one declaration per id, or make the repeated declarations identical (same kind, \
same label); renumber a repeated article.",
    fixed_policy: r#"role university "University"
act  research "Carry out research and development"

article 1 "Main responsibilities of universities" {
  university must research;
}
"#,
    fixed_record: "",
};

pub(super) const POLICY_INVALID_PATH: Explanation = Explanation {
    what: "A condition uses a `clause.X` path in a statement that is not evaluated per clause \
(only `may`, `must not` without `alone`, `require F for A` and `require accountability` \
see a clause), or a path whose root is neither `agreement` nor `clause`.",
    why: "A condition that can never be evaluated would make its statement silently apply \
never (or always). The drafter must learn that at once, not from a missing finding.",
    example_policy: r#"role university "University"
act  research "Carry out research and development"

article 1 "Main responsibilities of universities" {
  university must research when clause.party == "cdut";
}
"#,
    example_record: "",
    fix: "Condition statements about the agreement with `agreement.X` paths; keep \
`clause.X` for the statements that look at one clause at a time.",
    fixed_policy: r#"role university "University"
act  research "Carry out research and development"

article 1 "Main responsibilities of universities" {
  university must research when agreement.kind == "joint-lab";
}
"#,
    fixed_record: "",
};

pub(super) const POLICY_CONTRADICTION: Explanation = Explanation {
    what: "Two statements of the policy set contradict on a role and act (`may` or `must` \
against `must not`, without `alone`), their conditions can both hold, and no principle \
decides: same level, both or neither conditional, same effective date. Records to which both \
apply get `conflict::policy`.",
    why: "The founding analysis finds no conflict-resolution mechanism between normative \
documents. charter supplies the lawyers' one (lex superior, specialis, posterior), and \
reports what it cannot decide, because the drafter must.",
    example_policy: r#"role  enterprise "Enterprise"
power decide_key_matters "Decide key matters of the joint unit"

article 1 "Participation" {
  enterprise may decide_key_matters;
}

article 2 "No control" {
  enterprise must not decide_key_matters;
}
"#,
    example_record: "",
    fix: "Decide what the rule is. Often the prohibition means \"not alone\": write \
`must not ... alone`, which does not contradict the permission. Otherwise delete one \
statement, or make one prevail with a higher level, a condition, or a later date.",
    fixed_policy: r#"role  enterprise "Enterprise"
power decide_key_matters "Decide key matters of the joint unit"

article 1 "Participation" {
  enterprise may decide_key_matters;
}

article 2 "Participation, not control" {
  enterprise must not decide_key_matters alone;
}
"#,
    fixed_record: "",
};

pub(super) const POLICY_SUPERSEDED: Explanation = Explanation {
    what: "Two statements contradict as for `policy::contradiction`, but a principle decides \
which prevails: lex superior (the higher level: law > regulation > rule > normative), then \
lex specialis (a statement with a `when` condition over one without), then lex posterior \
(the later effective date). The warning names the prevailing article and the principle; the \
superseded statement does not apply where both would.",
    why: "Overrides are legitimate, and the founding analysis asks for them to be explicit. \
The warning makes sure every override is one the drafter knows about, not an accident of \
two documents loaded together.",
    example_policy: r#"role  enterprise "Enterprise"
power decide_key_matters "Decide key matters of the joint unit"

article 1 "Participation" {
  enterprise may decide_key_matters;
}

article 2 "Incubators" {
  enterprise must not decide_key_matters when agreement.kind == "incubator";
}
"#,
    example_record: "",
    fix: "If the override is intended, the warning documents it and can stay. To remove it, \
state the rules so that they no longer contradict: narrow the general statement, or, when \
the exception only forbids control, write it as `must not ... alone`.",
    fixed_policy: r#"role  enterprise "Enterprise"
power decide_key_matters "Decide key matters of the joint unit"

article 1 "Participation" {
  enterprise may decide_key_matters;
}

article 2 "Incubators" {
  enterprise must not decide_key_matters alone when agreement.kind == "incubator";
}
"#,
    fixed_record: "",
};

pub(super) const POLICY_UNSATISFIABLE: Explanation = Explanation {
    what: "No record can meet the policy set: for example `R must A` together with \
`R must not A`, or `require exactly one holder of A with role R` where A is a power that \
role R is never granted.",
    why: "A policy that no agreement can satisfy punishes every drafter for the policy's own \
\"confusion of responsibility\"; it must be fixed before any record is judged by it.",
    example_policy: r#"role  government "Regional government"
role  association "Industry association"
power supervise "Supervise the cooperation"

article 1 "Joint supervision" {
  government may supervise;
  require exactly one holder of supervise with role association;
}
"#,
    example_record: "",
    fix: "Grant the power to the role the requirement names, name another role in the \
requirement, or drop one of the two conflicting statements.",
    fixed_policy: r#"role  government "Regional government"
role  association "Industry association"
power supervise "Supervise the cooperation"

article 1 "Joint supervision" {
  government may supervise;
  association may supervise;
  require exactly one holder of supervise with role association;
}
"#,
    fixed_record: "",
};

pub(super) const POLICY_UNUSED: Explanation = Explanation {
    what: "A role, act, power or benefit is declared and no statement of the policy set uses \
it.",
    why: "A declared word that no rule uses suggests a rule that was meant and never written, \
the policy-level form of a provision with no operation behind it.",
    example_policy: r#"role    university "University"
act     research "Carry out research and development"
benefit team_share "Equity share held by the research team"

article 1 "Main responsibilities of universities" {
  university must research;
}
"#,
    example_record: "",
    fix: "Write the statement that uses it (here, perhaps \
`compensate researcher for research with team_share;`), or delete the declaration.",
    fixed_policy: r#"role university "University"
act  research "Carry out research and development"

article 1 "Main responsibilities of universities" {
  university must research;
}
"#,
    fixed_record: "",
};
