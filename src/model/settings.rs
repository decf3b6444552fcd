//! A panel's settings as one type behind one trait. Pure: std only.
//!
//! Each panel that has settings lists its URL keys once, as a table of
//! [`Field`]s: how to apply one `key=value` and how to write the value back.
//! Everything that reads or writes settings goes through that table: the
//! link codec (`deck::route`), and later a slide step's keyframes and the
//! presenter sync. The rule is the link's: a pair that does not parse changes
//! nothing and is reported; the others apply.
//!
//! [`DynSettings`] is the same behaviour as an object, so the route can hold
//! every panel's settings in one list (`deck::panels`) without knowing them.

/// One URL key of a panel's settings.
pub struct Field<S> {
    /// The key in the link, e.g. `pue`.
    pub key: &'static str,
    /// Applies a value's text; `None` (and no change) when it is invalid.
    pub set: fn(&mut S, &str) -> Option<()>,
    /// The value as link text; `None` when the setting has no text now (a
    /// choice that is not made). Written only when it differs from the
    /// default's.
    pub get: fn(&S) -> Option<String>,
}

/// A panel's settings.
pub trait Settings: Sized + Clone + Default + PartialEq + 'static {
    /// The URL keys, in the order a link writes them.
    const FIELDS: &'static [Field<Self>];
    /// Keys applied before the others, because another value is checked
    /// against them (precision's `code` against its `fmt`).
    const FIRST: &'static [&'static str] = &[];

    /// The settings with each value moved into its range (an index out of
    /// range becomes its default).
    fn clamped(&self) -> Self;

    /// A few settings far from the defaults, together setting every key: the
    /// round-trip tests and the keyframe checks use them.
    fn examples() -> Vec<Self>;
}

/// What a panel's controls send to change its settings: new settings,
/// moved into range, or (for a panel whose controls send actions, as
/// precision's do) an action applied to the settings as they are now.
pub trait Change<S> {
    /// The settings after this change of `now`.
    fn applied_to(self, now: &S) -> S;
}

impl<S: Settings> Change<S> for S {
    fn applied_to(self, _now: &S) -> S {
        self.clamped()
    }
}

/// The pairs of `now` whose text differs from `base`'s, in `now`'s order
/// (both from [`DynSettings::texts`] of one type). A setting without text in
/// `now` is not written: a link cannot take a value away.
pub fn pairs_from(
    now: &[(&'static str, Option<String>)],
    base: &[(&'static str, Option<String>)],
) -> Vec<(&'static str, String)> {
    now.iter()
        .filter_map(|(k, v)| {
            let v = v.as_ref()?;
            let was = base
                .iter()
                .find(|(b, _)| b == k)
                .and_then(|(_, t)| t.as_ref());
            (was != Some(v)).then(|| (*k, v.clone()))
        })
        .collect()
}

/// A field of a decimal setting: `Fixed` parses and writes it.
#[macro_export]
macro_rules! fixed_field {
    ($key:literal, $fixed:expr, $field:ident) => {
        $crate::model::settings::Field {
            key: $key,
            set: |s, v| $fixed.parse(v).map(|x| s.$field = x),
            get: |s| Some($fixed.text(s.$field)),
        }
    };
}

/// A field of an on/off setting, written `0` or `1`.
#[macro_export]
macro_rules! flag_field {
    ($key:literal, $field:ident) => {
        $crate::model::settings::Field {
            key: $key,
            set: |s, v| $crate::model::settings::parse_flag(v).map(|x| s.$field = x),
            get: |s| Some(if s.$field { "1" } else { "0" }.to_string()),
        }
    };
}

/// A field that picks one row of a table by its id; the setting is the row's
/// index (`$table` is a slice of rows with an `id`).
#[macro_export]
macro_rules! choice_field {
    ($key:literal, $table:expr, $field:ident) => {
        $crate::model::settings::Field {
            key: $key,
            set: |s, v| $table.iter().position(|r| r.id == v).map(|i| s.$field = i),
            get: |s| $table.get(s.$field).map(|r| r.id.to_string()),
        }
    };
}

/// The URL keys of `S`, in link order.
pub fn keys<S: Settings>() -> Vec<&'static str> {
    S::FIELDS.iter().map(|f| f.key).collect()
}

/// A field that picks one of `$all` (an array of values with an `id()`), the
/// value itself stored.
#[macro_export]
macro_rules! enum_field {
    ($key:literal, $all:expr, $field:ident) => {
        $crate::model::settings::Field {
            key: $key,
            set: |s, v| $all.into_iter().find(|x| x.id() == v).map(|x| s.$field = x),
            get: |s| Some(s.$field.id().to_string()),
        }
    };
}

/// `0` or `1` as a flag.
pub fn parse_flag(v: &str) -> Option<bool> {
    match v {
        "0" => Some(false),
        "1" => Some(true),
        _ => None,
    }
}

/// Clamps a table index: out of range becomes `default`.
pub fn index_within(i: usize, len: usize, default: usize) -> usize {
    if i < len {
        i
    } else {
        default
    }
}

/// A panel's settings as an object: what the route, the steps and the
/// presenter sync need without knowing the type.
pub trait DynSettings {
    /// The URL keys, in link order.
    fn keys(&self) -> Vec<&'static str>;
    /// Whether `key` is applied before the panel's other keys.
    fn applies_first(&self, key: &str) -> bool;
    /// Applies one key/value; false (and no change) when the key is not the
    /// panel's or the value is malformed or out of range.
    fn set(&mut self, key: &str, value: &str) -> bool;
    /// The pairs that differ from the defaults, in link order, written from
    /// the clamped settings.
    fn pairs(&self) -> Vec<(&'static str, String)>;
    /// Every key with its value's text (`None` where the setting has no
    /// text now), in link order, of the clamped settings.
    fn texts(&self) -> Vec<(&'static str, Option<String>)>;
    /// How many [`Settings::examples`] the type has (for the tests that
    /// go through every panel).
    #[cfg(test)]
    fn example_count(&self) -> usize;
    /// Becomes the `k`-th of [`Settings::examples`].
    #[cfg(test)]
    fn become_example(&mut self, k: usize);
}

/// Applies pairs as a link does, to any panel's settings: keys of
/// `applies_first` first, then the rest in order; a key given twice keeps the
/// first; each pair that is not the panel's or does not parse changes
/// nothing and is returned as `key=value`. (One function for every panel, so
/// the wasm carries one copy.)
pub fn apply(settings: &mut dyn DynSettings, pairs: &[(&str, &str)]) -> Vec<String> {
    let mut rejected = Vec::new();
    let mut seen: Vec<&str> = Vec::new();
    let first = pairs.iter().filter(|(k, _)| settings.applies_first(k));
    let rest = pairs.iter().filter(|(k, _)| !settings.applies_first(k));
    let ordered: Vec<&(&str, &str)> = first.chain(rest).collect();
    for &(k, v) in ordered {
        if !seen.contains(&k) && settings.set(k, v) {
            seen.push(k);
        } else {
            rejected.push(format!("{k}={v}"));
        }
    }
    rejected
}

impl<S: Settings> DynSettings for S {
    fn keys(&self) -> Vec<&'static str> {
        S::FIELDS.iter().map(|f| f.key).collect()
    }
    fn applies_first(&self, key: &str) -> bool {
        S::FIRST.contains(&key)
    }
    fn set(&mut self, key: &str, value: &str) -> bool {
        S::FIELDS
            .iter()
            .find(|f| f.key == key)
            .and_then(|f| (f.set)(self, value))
            .is_some()
    }
    fn pairs(&self) -> Vec<(&'static str, String)> {
        pairs_from(&self.texts(), &S::default().texts())
    }
    fn texts(&self) -> Vec<(&'static str, Option<String>)> {
        let p = self.clamped();
        S::FIELDS.iter().map(|f| (f.key, (f.get)(&p))).collect()
    }
    #[cfg(test)]
    fn example_count(&self) -> usize {
        S::examples().len()
    }
    #[cfg(test)]
    fn become_example(&mut self, k: usize) {
        if let Some(e) = S::examples().get(k) {
            *self = e.clone();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::fixed::Fixed;

    #[derive(Clone, Debug, PartialEq)]
    struct Demo {
        pue: u32,
        on: bool,
        row: usize,
    }
    struct Row {
        id: &'static str,
    }
    const ROWS: [Row; 2] = [Row { id: "a" }, Row { id: "b" }];
    const PUE: Fixed = Fixed::new(2, 100, 300);

    impl Default for Demo {
        fn default() -> Self {
            Demo {
                pue: 125,
                on: true,
                row: 0,
            }
        }
    }

    impl Settings for Demo {
        const FIELDS: &'static [Field<Self>] = &[
            fixed_field!("pue", PUE, pue),
            flag_field!("on", on),
            choice_field!("row", ROWS, row),
        ];
        const FIRST: &'static [&'static str] = &["row"];
        fn clamped(&self) -> Self {
            Demo {
                pue: PUE.clamp(self.pue),
                on: self.on,
                row: index_within(self.row, ROWS.len(), 0),
            }
        }
        fn examples() -> Vec<Self> {
            vec![Demo {
                pue: 300,
                on: false,
                row: 1,
            }]
        }
    }

    #[test]
    fn fields_parse_and_write_only_what_differs() {
        let mut d = Demo::default();
        assert!(d.pairs().is_empty());
        assert!(d.set("pue", "1.5"));
        assert!(d.set("on", "0"));
        assert!(d.set("row", "b"));
        assert_eq!(
            d.pairs(),
            vec![
                ("pue", "1.5".to_string()),
                ("on", "0".to_string()),
                ("row", "b".to_string())
            ]
        );
        for (k, v) in [("pue", "9"), ("on", "2"), ("row", "c"), ("zoom", "1")] {
            let before = d.clone();
            assert!(!d.set(k, v), "{k}={v}");
            assert_eq!(d, before);
        }
    }

    #[test]
    fn apply_reports_bad_and_repeated_pairs_and_applies_first_keys_first() {
        let mut d = Demo::default();
        let bad = apply(
            &mut d,
            &[("pue", "2"), ("on", "x"), ("pue", "1.1"), ("row", "b")],
        );
        assert_eq!(bad, vec!["on=x", "pue=1.1"]);
        assert_eq!((d.pue, d.on, d.row), (200, true, 1));
        let mut all: Box<dyn DynSettings> = Box::new(Demo::default());
        assert_eq!(all.keys(), vec!["pue", "on", "row"]);
        assert!(apply(all.as_mut(), &[("on", "0")]).is_empty());
        assert_eq!(all.pairs(), vec![("on", "0".to_string())]);
    }
}
