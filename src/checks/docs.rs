//! The long text of every code: what it finds, why it matters, an example, how to fix it.
//!
//! The entries live in one file per family: [`gap`], [`conflict`] (overlaps and conflicts)
//! and [`balance`] (with waivers and the report) for the findings on records, [`input`] for
//! the diagnostics on inputs and [`lint`] for those on policies. The `match` below is the one
//! registry that `explain`, the SARIF rules and the docs read.

mod balance;
mod conflict;
mod gap;
mod input;
mod lint;

use super::Code;

/// The catalogue entry of one code. The example is a minimal policy and record.
///
/// How the examples are meant to be run, so that a test can walk the registry:
/// - `example_record` not empty: `charter check --policy P R` with `example_policy` as `P`
///   and `example_record` as `R` fires the code.
/// - `example_record` empty: the policy alone fires the code, through `charter lint --policy P`
///   (or through loading it, for the syntax and declaration diagnostics).
/// - The fixed pair (`fixed_policy`, `fixed_record`) run the same way does not fire the code.
///   An empty `fixed_policy` means the example's policy is unchanged; an empty `fixed_record`
///   means the example's record is unchanged (or, with an empty example record, that there is
///   still no record).
/// - Both examples empty: the problem cannot be written down as a short text (an unreadable
///   file, a file over a hard limit); `what` says how it arises.
#[derive(Clone, Copy, Debug)]
pub struct Explanation {
    /// What it finds.
    pub what: &'static str,
    /// Why it matters, tied to the founding analysis of regional cooperation.
    pub why: &'static str,
    /// A minimal complete policy set (one file) that fires the code.
    pub example_policy: &'static str,
    /// A minimal complete record that fires the code with `example_policy`; empty when the
    /// policy alone fires it.
    pub example_record: &'static str,
    /// How to fix it, in words.
    pub fix: &'static str,
    /// The corrected policy; empty when the fix is in the record only.
    pub fixed_policy: &'static str,
    /// The corrected record; empty when the fix is in the policy only.
    pub fixed_record: &'static str,
}

impl Explanation {
    /// The policy that shows the fix: `fixed_policy`, or the example's if that is unchanged.
    pub fn fixed_policy_text(&self) -> &'static str {
        if self.fixed_policy.is_empty() { self.example_policy } else { self.fixed_policy }
    }

    /// The record that shows the fix: `fixed_record`, or the example's if that is unchanged.
    pub fn fixed_record_text(&self) -> &'static str {
        if self.fixed_record.is_empty() { self.example_record } else { self.fixed_record }
    }
}

/// The entry for a code.
pub fn explanation(code: Code) -> Explanation {
    match code {
        Code::GapUnassigned => gap::GAP_UNASSIGNED,
        Code::GapUncovered => gap::GAP_UNCOVERED,
        Code::GapMissingDuty => gap::GAP_MISSING_DUTY,
        Code::GapVagueDuty => gap::GAP_VAGUE_DUTY,
        Code::GapUnaccountablePower => gap::GAP_UNACCOUNTABLE_POWER,
        Code::GapUnowedRight => gap::GAP_UNOWED_RIGHT,
        Code::OverlapExclusive => conflict::OVERLAP_EXCLUSIVE,
        Code::OverlapRedundant => conflict::OVERLAP_REDUNDANT,
        Code::ConflictUltraVires => conflict::CONFLICT_ULTRA_VIRES,
        Code::ConflictProhibited => conflict::CONFLICT_PROHIBITED,
        Code::ConflictSoleControl => conflict::CONFLICT_SOLE_CONTROL,
        Code::ConflictDeontic => conflict::CONFLICT_DEONTIC,
        Code::ConflictSeparation => conflict::CONFLICT_SEPARATION,
        Code::ConflictPolicy => conflict::CONFLICT_POLICY,
        Code::BalanceUncompensated => balance::BALANCE_UNCOMPENSATED,
        Code::WaiverExpired => balance::WAIVER_EXPIRED,
        Code::WaiverUnused => balance::WAIVER_UNUSED,
        Code::ReportTruncated => balance::REPORT_TRUNCATED,
        Code::SyntaxPolicy => input::SYNTAX_POLICY,
        Code::SyntaxTooDeep => input::SYNTAX_TOO_DEEP,
        Code::SyntaxRecord => input::SYNTAX_RECORD,
        Code::RecordSchema => input::RECORD_SCHEMA,
        Code::RecordDuplicateId => input::RECORD_DUPLICATE_ID,
        Code::RecordUnknownReference => input::RECORD_UNKNOWN_REFERENCE,
        Code::RecordBadPeriod => input::RECORD_BAD_PERIOD,
        Code::RecordControlCycle => input::RECORD_CONTROL_CYCLE,
        Code::RecordTypeMismatch => input::RECORD_TYPE_MISMATCH,
        Code::RecordLimit => input::RECORD_LIMIT,
        Code::PolicyUndefined => lint::POLICY_UNDEFINED,
        Code::PolicyDuplicate => lint::POLICY_DUPLICATE,
        Code::PolicyInvalidPath => lint::POLICY_INVALID_PATH,
        Code::PolicyContradiction => lint::POLICY_CONTRADICTION,
        Code::PolicySuperseded => lint::POLICY_SUPERSEDED,
        Code::PolicyUnsatisfiable => lint::POLICY_UNSATISFIABLE,
        Code::PolicyUnused => lint::POLICY_UNUSED,
        Code::IoRead => input::IO_READ,
    }
}

#[cfg(test)]
mod tests {
    use super::{Code, explanation};

    #[test]
    fn every_code_is_explained() {
        for &code in Code::ALL {
            let e = explanation(code);
            assert!(!e.what.is_empty(), "{} has no `what`", code.as_str());
            assert!(!e.why.is_empty(), "{} has no `why`", code.as_str());
            assert!(!e.fix.is_empty(), "{} has no `fix`", code.as_str());
            let has_example = !e.example_policy.is_empty() || !e.example_record.is_empty();
            if has_example {
                let changed = !e.fixed_policy.is_empty() || !e.fixed_record.is_empty();
                assert!(changed, "{} has an example but no fix", code.as_str());
            }
        }
    }

    #[test]
    fn examples_are_written_the_way_the_specs_say() {
        for &code in Code::ALL {
            let e = explanation(code);
            for record in [e.example_record, e.fixed_record] {
                // Clause ids are quoted strings, never YAML numbers.
                assert!(!record.contains("id: 1"), "{}: quote clause ids", code.as_str());
            }
            for text in [e.example_policy, e.example_record, e.fixed_policy, e.fixed_record] {
                assert!(!text.contains('\t'), "{}: no tabs in examples", code.as_str());
            }
        }
    }
}
