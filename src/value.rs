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
    /// How two values of the same type order; `None` for values of different types (which
    /// conditions report as a type mismatch) and for numbers that do not order.
    pub fn ordering(&self, other: &Value) -> Option<std::cmp::Ordering> {
        match (self, other) {
            (Value::Number(a), Value::Number(b)) => a.partial_cmp(b),
            (Value::Str(a), Value::Str(b)) => Some(a.cmp(b)),
            (Value::Date(a), Value::Date(b)) => Some(a.cmp(b)),
            (Value::Bool(a), Value::Bool(b)) => Some(a.cmp(b)),
            _ => None,
        }
    }

    /// Whether the type of two values is the same.
    pub fn same_type(&self, other: &Value) -> bool {
        std::mem::discriminant(self) == std::mem::discriminant(other)
    }

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
