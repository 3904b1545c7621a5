//! The registry: every diagnostic code, once, with its severity and documentation.
//! `explain`, the SARIF rules and the check catalogue are all generated from it.

use crate::diagnostic::Severity;

mod docs;
pub use docs::{Explanation, explanation};

macro_rules! codes {
    ($( $variant:ident = $code:literal, $severity:ident, $summary:literal; )*) => {
        /// A stable diagnostic code. Codes are never renamed once released.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum Code { $($variant),* }

        impl Code {
            pub const ALL: &'static [Code] = &[$(Code::$variant),*];

            pub fn as_str(self) -> &'static str {
                match self { $(Code::$variant => $code),* }
            }

            pub fn severity(self) -> Severity {
                match self { $(Code::$variant => Severity::$severity),* }
            }

            /// One line: what the check finds.
            pub fn summary(self) -> &'static str {
                match self { $(Code::$variant => $summary),* }
            }
        }
    };
}

codes! {
    GapUnassigned = "gap::unassigned", Error, "a required act has no holder at all";
    GapUncovered = "gap::uncovered", Error, "holders of a required act leave some cells or days of the scope and term uncovered";
    GapMissingDuty = "gap::missing-duty", Error, "a party of a role that must do an act holds no duty for it";
    GapVagueDuty = "gap::vague-duty", Warning, "a duty clause lacks a term that the policy requires";
    GapUnaccountablePower = "gap::unaccountable-power", Warning, "a power or duty that must be accountable names nobody else to account to";
    GapUnowedRight = "gap::unowed-right", Error, "a right names no other party that owes it";
    OverlapExclusive = "overlap::exclusive", Error, "two parties hold an act where exactly one or at most one holder is allowed";
    OverlapRedundant = "overlap::redundant", Warning, "one party has two overlapping clauses with the same norm and act";
    ConflictUltraVires = "conflict::ultra-vires", Error, "a party holds a power that no applicable statement grants its role";
    ConflictProhibited = "conflict::prohibited", Error, "a party holds, or is permitted, an act its role must not do";
    ConflictSoleControl = "conflict::sole-control", Error, "a party is the only holder of an act its role must not hold alone";
    ConflictDeontic = "conflict::deontic", Error, "one party is both forbidden and commanded or permitted the same act";
    ConflictSeparation = "conflict::separation", Error, "one control group holds two acts that must be kept apart";
    ConflictPolicy = "conflict::policy", Error, "two applicable policy statements contradict and no principle decides";
    BalanceUncompensated = "balance::uncompensated", Warning, "a party carries a duty with no right to a benefit in return";
    WaiverExpired = "waiver::expired", Warning, "a waiver has expired, so the finding it covered stands";
    WaiverUnused = "waiver::unused", Warning, "a waiver matches no finding";
    ReportTruncated = "report::truncated", Note, "more findings of one code in one record than --max-findings lists";
    SyntaxPolicy = "syntax::policy", Error, "a policy file does not parse";
    SyntaxTooDeep = "syntax::too-deep", Error, "a condition nests deeper than 64 levels";
    SyntaxRecord = "syntax::record", Error, "a record is not valid YAML, or exceeds a nesting or alias budget";
    RecordSchema = "record::schema", Error, "a record field is missing, unknown, or of the wrong type";
    RecordDuplicateId = "record::duplicate-id", Error, "two parties or two clauses share an id, or a map repeats a key";
    RecordUnknownReference = "record::unknown-reference", Error, "a record names a party, role, act, power, benefit, dimension or value that does not exist";
    RecordBadPeriod = "record::bad-period", Error, "an impossible date, `until` before `from`, or a period outside the term";
    RecordControlCycle = "record::control-cycle", Error, "`controlled_by` forms a cycle";
    RecordTypeMismatch = "record::type-mismatch", Error, "a condition compares values of different types for this record";
    RecordLimit = "record::limit", Error, "a file holds more records, a record more clauses, or its clauses more cells or pairs than the hard limits allow";
    PolicyUndefined = "policy::undefined", Error, "a statement uses an undeclared role, act, power or benefit";
    PolicyDuplicate = "policy::duplicate", Error, "an id is declared twice differently, or an article number repeats in a file";
    PolicyInvalidPath = "policy::invalid-path", Error, "a condition path has no clause in view, or an unknown root";
    PolicyContradiction = "policy::contradiction", Error, "two statements contradict and no principle decides";
    PolicySuperseded = "policy::superseded", Warning, "two statements contradict and a principle decides which prevails";
    PolicyUnsatisfiable = "policy::unsatisfiable", Error, "no record can meet the policy set";
    PolicyUnused = "policy::unused", Note, "a declared role, act, power or benefit that no statement uses";
    IoRead = "io::read", Error, "a file cannot be read";
}

impl Code {
    pub fn parse(text: &str) -> Option<Code> {
        Code::ALL.iter().copied().find(|c| c.as_str() == text)
    }

    /// Whether this code reports a problem with an input rather than a finding (exit 2).
    pub fn is_input_error(self) -> bool {
        matches!(
            self,
            Code::SyntaxPolicy
                | Code::SyntaxTooDeep
                | Code::SyntaxRecord
                | Code::RecordSchema
                | Code::RecordDuplicateId
                | Code::RecordUnknownReference
                | Code::RecordBadPeriod
                | Code::RecordControlCycle
                | Code::RecordTypeMismatch
                | Code::RecordLimit
                | Code::PolicyUndefined
                | Code::PolicyDuplicate
                | Code::PolicyInvalidPath
                | Code::IoRead
        )
    }
}

#[cfg(test)]
mod tests {
    use super::Code;

    #[test]
    fn codes_are_unique_and_parse_back() {
        for code in Code::ALL {
            assert_eq!(Code::parse(code.as_str()), Some(*code));
            assert!(code.as_str().contains("::"));
        }
        let mut names: Vec<_> = Code::ALL.iter().map(|c| c.as_str()).collect();
        names.sort_unstable();
        names.dedup();
        assert_eq!(names.len(), Code::ALL.len());
    }
}
