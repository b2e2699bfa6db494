//! `serde` building blocks that read JSON leniently: a field of the wrong
//! type reads as missing instead of failing the whole document, unknown keys
//! are skipped, a repeated key keeps its last value (as `JSON.parse` does),
//! and a list keeps at most a fixed number of entries. The contract types
//! (`super::contract`) validate what these read.
//!
//! Only a document that is not JSON at all fails to deserialize.

use serde::de::{self, Deserialize, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};
use std::fmt;
use std::marker::PhantomData;

/// The `visit_*` methods of a visitor that takes one kind of JSON value
/// and reads every other kind as `Default` (draining objects and arrays).
macro_rules! other_kinds_are_default {
    ($($skip:ident),*) => {
        other_kinds_are_default!(@scalars);
        $(other_kinds_are_default!(@$skip);)*
    };
    (@scalars) => {
        fn visit_bool<E: de::Error>(self, _: bool) -> Result<Self::Value, E> {
            Ok(Default::default())
        }
        fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
            Ok(Default::default())
        }
        fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> {
            Ok(Default::default())
        }
    };
    (@str) => {
        fn visit_str<E: de::Error>(self, _: &str) -> Result<Self::Value, E> {
            Ok(Default::default())
        }
    };
    (@num) => {
        fn visit_i64<E: de::Error>(self, _: i64) -> Result<Self::Value, E> {
            Ok(Default::default())
        }
        fn visit_u64<E: de::Error>(self, _: u64) -> Result<Self::Value, E> {
            Ok(Default::default())
        }
        fn visit_f64<E: de::Error>(self, _: f64) -> Result<Self::Value, E> {
            Ok(Default::default())
        }
    };
    (@map) => {
        fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
            while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
            Ok(Default::default())
        }
    };
    (@seq) => {
        fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
            while seq.next_element::<IgnoredAny>()?.is_some() {}
            Ok(Default::default())
        }
    };
}

/// A string field; anything else reads as `None`.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Str(pub Option<String>);

impl<'de> Deserialize<'de> for Str {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Str;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("any JSON value")
            }
            fn visit_str<E: de::Error>(self, s: &str) -> Result<Str, E> {
                Ok(Str(Some(s.to_owned())))
            }
            fn visit_string<E: de::Error>(self, s: String) -> Result<Str, E> {
                Ok(Str(Some(s)))
            }
            other_kinds_are_default!(num, map, seq);
        }
        d.deserialize_any(V)
    }
}

/// A number field (integers as `f64`, exact up to 2^53); anything else
/// reads as `None`.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Num(pub Option<f64>);

impl Num {
    /// The number when it is a whole number within `i64` range.
    pub fn integer(self) -> Option<i64> {
        let n = self.0?;
        (n.fract() == 0.0 && n.abs() <= 9.0e15).then_some(n as i64)
    }
}

impl<'de> Deserialize<'de> for Num {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Num;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("any JSON value")
            }
            fn visit_i64<E: de::Error>(self, n: i64) -> Result<Num, E> {
                Ok(Num(Some(n as f64)))
            }
            fn visit_u64<E: de::Error>(self, n: u64) -> Result<Num, E> {
                Ok(Num(Some(n as f64)))
            }
            fn visit_f64<E: de::Error>(self, n: f64) -> Result<Num, E> {
                Ok(Num(Some(n)))
            }
            other_kinds_are_default!(str, map, seq);
        }
        d.deserialize_any(V)
    }
}

/// A field that may be a string or a number (a notice's `version`).
#[derive(Clone, Debug, Default, PartialEq)]
pub enum StrOrNum {
    #[default]
    Neither,
    Str(String),
    Num(f64),
}

impl<'de> Deserialize<'de> for StrOrNum {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = StrOrNum;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("any JSON value")
            }
            fn visit_str<E: de::Error>(self, s: &str) -> Result<StrOrNum, E> {
                Ok(StrOrNum::Str(s.to_owned()))
            }
            fn visit_i64<E: de::Error>(self, n: i64) -> Result<StrOrNum, E> {
                Ok(StrOrNum::Num(n as f64))
            }
            fn visit_u64<E: de::Error>(self, n: u64) -> Result<StrOrNum, E> {
                Ok(StrOrNum::Num(n as f64))
            }
            fn visit_f64<E: de::Error>(self, n: f64) -> Result<StrOrNum, E> {
                Ok(StrOrNum::Num(n))
            }
            other_kinds_are_default!(map, seq);
        }
        d.deserialize_any(V)
    }
}

/// An object type read key by key (see [`object!`]).
pub trait FromMap<'de>: Sized {
    fn from_map<A: MapAccess<'de>>(map: A) -> Result<Self, A::Error>;
}

/// An object field; anything else reads as `None`.
#[derive(Clone, Debug, PartialEq)]
pub struct Obj<T>(pub Option<T>);

impl<T> Default for Obj<T> {
    fn default() -> Self {
        Self(None)
    }
}

impl<'de, T: FromMap<'de>> Deserialize<'de> for Obj<T> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V<T>(PhantomData<T>);
        impl<'de, T: FromMap<'de>> Visitor<'de> for V<T> {
            type Value = Obj<T>;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("any JSON value")
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Obj<T>, A::Error> {
                T::from_map(map).map(|t| Obj(Some(t)))
            }
            other_kinds_are_default!(str, num, seq);
        }
        d.deserialize_any(V(PhantomData))
    }
}

/// An array field of at most `MAX` entries (the rest are skipped);
/// anything else reads as `None`.
#[derive(Clone, Debug, PartialEq)]
pub struct List<T, const MAX: usize>(pub Option<Vec<T>>);

impl<T, const MAX: usize> Default for List<T, MAX> {
    fn default() -> Self {
        Self(None)
    }
}

impl<'de, T: Deserialize<'de>, const MAX: usize> Deserialize<'de> for List<T, MAX> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V<T, const MAX: usize>(PhantomData<T>);
        impl<'de, T: Deserialize<'de>, const MAX: usize> Visitor<'de> for V<T, MAX> {
            type Value = List<T, MAX>;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("any JSON value")
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<List<T, MAX>, A::Error> {
                let mut items = Vec::new();
                while items.len() < MAX {
                    match seq.next_element()? {
                        Some(item) => items.push(item),
                        None => return Ok(List(Some(items))),
                    }
                }
                while seq.next_element::<IgnoredAny>()?.is_some() {}
                Ok(List(Some(items)))
            }
            other_kinds_are_default!(str, num, map);
        }
        d.deserialize_any(V(PhantomData))
    }
}

/// Declares a struct of lenient fields (`Str`, `Num`, `Obj<_>`, `List<_>`)
/// read from a JSON object by key: unknown keys are skipped and a repeated
/// key keeps its last value.
macro_rules! object {
    ($(#[$meta:meta])* $vis:vis struct $name:ident { $($field:ident: $ty:ty = $key:literal,)* }) => {
        $(#[$meta])*
        #[derive(Default)]
        $vis struct $name {
            $(pub $field: $ty,)*
        }

        impl<'de> $crate::lenient::FromMap<'de> for $name {
            fn from_map<A: serde::de::MapAccess<'de>>(mut map: A) -> Result<Self, A::Error> {
                let mut out = Self::default();
                while let Some(key) = map.next_key::<String>()? {
                    match key.as_str() {
                        $($key => out.$field = map.next_value()?,)*
                        _ => {
                            map.next_value::<serde::de::IgnoredAny>()?;
                        }
                    }
                }
                Ok(out)
            }
        }
    };
}
pub(crate) use object;

#[cfg(test)]
mod tests {
    use super::*;

    object! {
        struct Inner {
            size: Num = "size",
        }
    }

    object! {
        struct Probe {
            name: Str = "name",
            size: Num = "size",
            tags: List<Str, 2> = "tags",
            inner: Obj<Inner> = "inner",
        }
    }

    fn probe(doc: &str) -> Obj<Probe> {
        serde_json::from_str(doc).unwrap()
    }

    #[test]
    fn fields_of_the_wrong_kind_read_as_missing() {
        let p =
            probe(r#"{"name":5,"size":"x","tags":{"a":[1,{"b":2}]},"inner":[1],"more":{"x":[]}}"#)
                .0
                .unwrap();
        assert_eq!((p.name.0, p.size.0, p.tags.0), (None, None, None));
        assert!(p.inner.0.is_none());
        assert!(probe("[1,2]").0.is_none());
        assert!(probe("\"text\"").0.is_none());
        assert!(probe("null").0.is_none());
    }

    #[test]
    fn lists_keep_their_first_entries_and_repeated_keys_their_last_value() {
        let p = probe(
            r#"{"name":"a","name":"b","tags":["x",1,"y","z"],"size":1e3,"inner":{"size":-2}}"#,
        )
        .0
        .unwrap();
        assert_eq!(p.name.0.as_deref(), Some("b"));
        let tags: Vec<_> = p.tags.0.unwrap().into_iter().map(|t| t.0).collect();
        assert_eq!(tags, [Some("x".to_owned()), None]);
        assert_eq!(p.size.integer(), Some(1000));
        assert_eq!(p.inner.0.unwrap().size.0, Some(-2.0));
        assert_eq!(Num(Some(1.5)).integer(), None);
        assert_eq!(Num(Some(1e300)).integer(), None);
    }

    #[test]
    fn only_malformed_json_fails() {
        assert!(serde_json::from_str::<Obj<Probe>>(r#"{"name":"a""#).is_err());
        assert!(serde_json::from_str::<Obj<Probe>>(r#"{"name":"a"} x"#).is_err());
    }
}
