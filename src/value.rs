//! Scalar values shared by policy conditions and record attributes and terms.

use std::fmt;

use crate::date::Date;

/// A scalar. Numbers are `f64`: every integer a record or policy states up to 2^53 is exact.
#[derive(Clone, Debug, PartialEq)]
pub enum Value {
    Str(String),
    Number(f64),
    Bool(bool),
    Date(Date),
}

impl Value {
    /// The type's name as a drafter would say it, for type-mismatch messages.
    pub fn type_name(&self) -> &'static str {
        match self {
            Value::Str(_) => "string",
            Value::Number(_) => "number",
            Value::Bool(_) => "boolean",
            Value::Date(_) => "date",
        }
    }
}

impl fmt::Display for Value {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Value::Str(s) => write!(f, "{s:?}"),
            Value::Number(n) => write!(f, "{n}"),
            Value::Bool(b) => write!(f, "{b}"),
            Value::Date(d) => write!(f, "{d}"),
        }
    }
}
