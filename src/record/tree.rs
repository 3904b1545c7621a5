//! serde-saphyr's events to a [`Document`]: the one hot loop of record loading.
//!
//! `serde_saphyr::Spanned<T>` costs a `String` per node (it reads its private marker key as
//! one) and a generic `Location` visitor; a record of 100,000 clauses has two million nodes.
//! So each node asks for the same `__yaml_spanned` newtype that `Spanned` uses, and reads the
//! fields serde-saphyr then offers (value, use site, definition site) with visitors that keep
//! only the byte ranges. Every visitor carries one [`Scratch`] per document: string scalars
//! are appended to one buffer, and a container's children wait on a shared stack until the
//! container ends, so that each list and mapping is allocated once, at its final size.
//!
//! The budgets of `yaml.rs` still apply: serde-saphyr checks depth, node and alias limits as
//! it reads, whatever the visitors do.

use std::fmt;

use serde::de::{
    self, Deserialize, DeserializeSeed, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor,
};

use super::yaml::{Document, Kind, Node, Text};

/// The newtype name serde-saphyr answers with a node's locations (see `Spanned<T>`).
const SPANNED: &str = "__yaml_spanned";
const SPANNED_FIELDS: &[&str] =
    &["__serde_saphyr_private_spanned", "value", "referenced", "defined"];
/// A byte offset serde-saphyr does not know.
const UNKNOWN: u32 = u32::MAX;

#[derive(Default)]
struct Scratch {
    strings: String,
    items: Vec<Node>,
    pairs: Vec<(Node, Node)>,
}

impl<'de> Deserialize<'de> for Document {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Document, D::Error> {
        let mut scratch = Scratch::default();
        let root = NodeSeed(&mut scratch).deserialize(deserializer)?;
        Ok(Document { root, strings: scratch.strings, typed: Vec::new(), tag_problems: Vec::new() })
    }
}

struct NodeSeed<'s>(&'s mut Scratch);

impl<'de> DeserializeSeed<'de> for NodeSeed<'_> {
    type Value = Node;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Node, D::Error> {
        deserializer.deserialize_newtype_struct(SPANNED, SpannedVisitor(self.0))
    }
}

struct SpannedVisitor<'s>(&'s mut Scratch);

impl<'de> Visitor<'de> for SpannedVisitor<'_> {
    type Value = Node;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a YAML node with its location")
    }

    fn visit_newtype_struct<D: Deserializer<'de>>(self, d: D) -> Result<Node, D::Error> {
        d.deserialize_struct("Spanned", SPANNED_FIELDS, SpannedFields(self.0))
    }
}

/// The fields serde-saphyr synthesises for a spanned node.
enum Field {
    Value,
    Referenced,
    Defined,
    /// serde-saphyr's marker, and anything a later version may add.
    Other,
}

impl<'de> Deserialize<'de> for Field {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Field, D::Error> {
        d.deserialize_identifier(FieldVisitor)
    }
}

struct FieldVisitor;

impl Visitor<'_> for FieldVisitor {
    type Value = Field;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a field of a spanned node")
    }

    fn visit_str<E>(self, name: &str) -> Result<Field, E> {
        Ok(match name {
            "value" => Field::Value,
            "referenced" => Field::Referenced,
            "defined" => Field::Defined,
            _ => Field::Other,
        })
    }
}

struct SpannedFields<'s>(&'s mut Scratch);

impl<'de> Visitor<'de> for SpannedFields<'_> {
    type Value = Node;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a YAML node with its location")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Node, A::Error> {
        let (mut kind, mut used, mut def) = (None, (UNKNOWN, UNKNOWN), (UNKNOWN, UNKNOWN));
        while let Some(field) = map.next_key::<Field>()? {
            match field {
                Field::Value => kind = Some(map.next_value_seed(KindSeed(&mut *self.0))?),
                Field::Referenced => used = map.next_value::<Range>()?.0,
                Field::Defined => def = map.next_value::<Range>()?.0,
                Field::Other => {
                    map.next_value::<IgnoredAny>()?;
                }
            }
        }
        let kind = kind.ok_or_else(|| de::Error::missing_field("value"))?;
        // A node reached through an alias is shown at the alias; its children stay where the
        // anchor defined them.
        let (start, end) = if used.0 != def.0 && used.0 != UNKNOWN {
            used
        } else {
            match &kind {
                Kind::Map(pairs) => {
                    (def.0, pairs.iter().fold(def.1, |e, (k, v)| e.max(k.end).max(v.end)))
                }
                Kind::Seq(items) => (def.0, items.iter().fold(def.1, |e, v| e.max(v.end))),
                _ => def,
            }
        };
        Ok(Node { start, end, def, kind })
    }
}

/// A location's byte range, `(UNKNOWN, UNKNOWN)` when serde-saphyr has none.
struct Range((u32, u32));

impl<'de> Deserialize<'de> for Range {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Range, D::Error> {
        // A location is `{line, column, span, source_id}`, its span `{offset, len, byte_info}`,
        // and `byte_info` the pair of byte offset and byte length.
        d.deserialize_struct("Location", &["line", "column", "span", "source_id"], RangeVisitor)
    }
}

struct RangeVisitor;

impl<'de> Visitor<'de> for RangeVisitor {
    type Value = Range;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a location")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Range, A::Error> {
        let mut range = Range((UNKNOWN, UNKNOWN));
        while let Some(key) = map.next_key::<RangeKey>()? {
            match key {
                RangeKey::Span => {
                    range = map.next_value_seed(SpanSeed)?;
                }
                RangeKey::ByteInfo => {
                    let (offset, len): (u64, u64) = map.next_value()?;
                    let start = u32::try_from(offset).unwrap_or(UNKNOWN);
                    let len = u32::try_from(len).unwrap_or(UNKNOWN);
                    range = Range((start, start.saturating_add(len)));
                }
                RangeKey::Other => {
                    map.next_value::<IgnoredAny>()?;
                }
            }
        }
        Ok(range)
    }
}

struct SpanSeed;

impl<'de> DeserializeSeed<'de> for SpanSeed {
    type Value = Range;

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Range, D::Error> {
        d.deserialize_struct("Span", &["offset", "len", "byte_info"], RangeVisitor)
    }
}

enum RangeKey {
    Span,
    ByteInfo,
    Other,
}

impl<'de> Deserialize<'de> for RangeKey {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<RangeKey, D::Error> {
        d.deserialize_identifier(RangeKeyVisitor)
    }
}

struct RangeKeyVisitor;

impl Visitor<'_> for RangeKeyVisitor {
    type Value = RangeKey;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a field of a location")
    }

    fn visit_str<E>(self, name: &str) -> Result<RangeKey, E> {
        Ok(match name {
            "span" => RangeKey::Span,
            "byte_info" => RangeKey::ByteInfo,
            _ => RangeKey::Other,
        })
    }
}

struct KindSeed<'s>(&'s mut Scratch);

impl<'de> DeserializeSeed<'de> for KindSeed<'_> {
    type Value = Kind;

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Kind, D::Error> {
        d.deserialize_any(KindVisitor(self.0))
    }
}

struct KindVisitor<'s>(&'s mut Scratch);

impl<'de> Visitor<'de> for KindVisitor<'_> {
    type Value = Kind;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("any YAML value")
    }

    fn visit_unit<E>(self) -> Result<Kind, E> {
        Ok(Kind::Null)
    }

    fn visit_none<E>(self) -> Result<Kind, E> {
        Ok(Kind::Null)
    }

    fn visit_some<D: Deserializer<'de>>(self, deserializer: D) -> Result<Kind, D::Error> {
        deserializer.deserialize_any(self)
    }

    fn visit_bool<E>(self, b: bool) -> Result<Kind, E> {
        Ok(Kind::Bool(b))
    }

    #[expect(clippy::cast_precision_loss, reason = "fields.rs re-reads numbers from the text")]
    fn visit_i64<E>(self, n: i64) -> Result<Kind, E> {
        Ok(Kind::Number(n as f64))
    }

    #[expect(clippy::cast_precision_loss, reason = "fields.rs re-reads numbers from the text")]
    fn visit_u64<E>(self, n: u64) -> Result<Kind, E> {
        Ok(Kind::Number(n as f64))
    }

    #[expect(clippy::cast_precision_loss, reason = "fields.rs re-reads numbers from the text")]
    fn visit_i128<E>(self, n: i128) -> Result<Kind, E> {
        Ok(Kind::Number(n as f64))
    }

    #[expect(clippy::cast_precision_loss, reason = "fields.rs re-reads numbers from the text")]
    fn visit_u128<E>(self, n: u128) -> Result<Kind, E> {
        Ok(Kind::Number(n as f64))
    }

    fn visit_f64<E>(self, n: f64) -> Result<Kind, E> {
        Ok(Kind::Number(n))
    }

    fn visit_str<E: de::Error>(self, s: &str) -> Result<Kind, E> {
        let strings = &mut self.0.strings;
        // Aliases can repeat a long string: the offsets must not wrap.
        let start = u32::try_from(strings.len()).ok();
        let end = start.and_then(|st| st.checked_add(u32::try_from(s.len()).ok()?));
        let (Some(start), Some(end)) = (start, end) else {
            return Err(E::custom("the strings of the record exceed 4 GiB"));
        };
        strings.push_str(s);
        Ok(Kind::Str(Text { start, end }))
    }

    // Recursion here is bounded by the depth budget, which serde-saphyr checks as it reads.
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Kind, A::Error> {
        let scratch = self.0;
        let mark = scratch.items.len();
        while let Some(item) = seq.next_element_seed(NodeSeed(&mut *scratch))? {
            scratch.items.push(item);
        }
        Ok(Kind::Seq(scratch.items.drain(mark..).collect()))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Kind, A::Error> {
        let scratch = self.0;
        let mark = scratch.pairs.len();
        while let Some(key) = map.next_key_seed(NodeSeed(&mut *scratch))? {
            let value = map.next_value_seed(NodeSeed(&mut *scratch))?;
            scratch.pairs.push((key, value));
        }
        Ok(Kind::Map(scratch.pairs.drain(mark..).collect()))
    }

    fn visit_bytes<E: de::Error>(self, _: &[u8]) -> Result<Kind, E> {
        Err(E::custom("binary values are not accepted in records"))
    }
}
