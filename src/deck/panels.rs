//! Every panel's settings, one field per settings type, and the one place
//! that says which panel owns which settings. Pure.
//!
//! The route codec, and later the steps' keyframes and the presenter sync,
//! reach a panel's settings only through [`PanelSettings::of`] and
//! [`PanelSettings::set`]: they never name a panel. The collection is
//! written from the panel registry, `deck::slides::panels!`.

use crate::deck::slides::{panel_pattern, panels, Panel};
use crate::model::settings::{Change, DynSettings};

/// What makes a handle for each panel with settings (see [`PanelHandles`]):
/// `Of<T>` is the handle of a panel whose controls send `T`, and `make`
/// gives the one that turns a `T` into a [`PanelChange`] with `wrap`.
pub trait PerPanel {
    type Of<T: 'static>: Clone + PartialEq;
    fn make<T: 'static>(&self, wrap: fn(T) -> PanelChange) -> Self::Of<T>;
}

/// The field of [`PanelSettings`] a panel shows, if any: `Some(&s.field)`
/// (`mut`: `&mut`; `take`: copied from another collection), from the
/// registry's `settings:` or `shares:`.
macro_rules! field_of {
    (mut $s:tt) => {
        None
    };
    (mut $s:tt $field:ident) => {
        Some(&mut $s.$field)
    };
    (take $s:tt $other:tt) => {{}};
    (take $s:tt $other:tt $field:ident) => {
        $s.$field = $other.$field.clone()
    };
    ($s:tt) => {
        None
    };
    ($s:tt $field:ident) => {
        Some(&$s.$field)
    };
}

/// Writes [`PanelSettings`], its accessors, [`PanelChange`] and
/// [`PanelHandles`] from the registry (`deck::slides::panels!`): a field
/// for each panel with `settings:`, reached also by the panels that share
/// it.
macro_rules! settings_of_panels {
    ($($(#[$doc:meta])* $variant:ident $(($data:ty))?: $ui:ident $prefix:literal {
        parts: $parts:ident $part_list:tt,
        $(settings: $change_variant:ident($field:ident: $ty:ty) => $change:ty,)?
        $(shares: $shared:ident,)?
    })+) => {
        /// A change to one panel's settings, as its controls send it.
        #[derive(Clone, Debug, PartialEq, Eq)]
        pub enum PanelChange {
            $($($change_variant($change),)?)+
        }

        /// The settings of every panel. A panel's settings persist while
        /// other slides are shown; a link writes only those of its slide's
        /// panel.
        #[derive(Clone, Debug, PartialEq, Eq, Default)]
        pub struct PanelSettings {
            $($(#[doc = concat!("The `", stringify!($variant), "` panel's settings.")]
            pub $field: $ty,)?)+
        }

        /// One handle per panel with settings of its own, of the kind `K`
        /// makes (the UI's callbacks: `ui::hooks::PanelHandlers`).
        pub struct PanelHandles<K: PerPanel> {
            $($(pub $field: K::Of<$change>,)?)+
        }

        impl<K: PerPanel> PanelHandles<K> {
            /// A handle for each panel, made by `k`.
            pub fn new(k: &K) -> Self {
                PanelHandles {
                    $($($field: k.make(PanelChange::$change_variant),)?)+
                }
            }
        }

        impl<K: PerPanel> Clone for PanelHandles<K> {
            fn clone(&self) -> Self {
                PanelHandles {
                    $($($field: self.$field.clone(),)?)+
                }
            }
        }

        impl<K: PerPanel> PartialEq for PanelHandles<K> {
            fn eq(&self, other: &Self) -> bool {
                true $($(&& self.$field == other.$field)?)+
            }
        }

        /// How many panels have settings of their own.
        pub const PANELS_WITH_SETTINGS: usize = [$($(stringify!($field),)?)+].len();

        impl PanelSettings {
            /// Every panel's settings as objects, in the registry's order.
            pub fn all(&self) -> [&dyn DynSettings; PANELS_WITH_SETTINGS] {
                [$($(&self.$field,)?)+]
            }

            /// Every panel's settings as objects, to change (in the order of `all`).
            pub fn all_mut(&mut self) -> [&mut dyn DynSettings; PANELS_WITH_SETTINGS] {
                [$($(&mut self.$field,)?)+]
            }

            /// The settings `panel` shows, if it has any.
            pub fn of(&self, panel: Panel) -> Option<&dyn DynSettings> {
                match panel {
                    Panel::None => None,
                    $(panel_pattern!($variant $($data)?) => field_of!(self $($field)? $($shared)?),)+
                }
            }

            /// The settings `panel` shows, to change.
            pub fn of_mut(&mut self, panel: Panel) -> Option<&mut dyn DynSettings> {
                match panel {
                    Panel::None => None,
                    $(panel_pattern!($variant $($data)?) => field_of!(mut self $($field)? $($shared)?),)+
                }
            }

            /// Applies a change from a panel's controls.
            pub fn change(&mut self, change: PanelChange) {
                match change {
                    $($(PanelChange::$change_variant(c) => self.$field = c.applied_to(&self.$field),)?)+
                }
            }

            /// Takes the settings of `panel` from `other`, leaving the rest.
            pub fn take(&mut self, panel: Panel, other: &PanelSettings) {
                match panel {
                    Panel::None => {}
                    $(panel_pattern!($variant $($data)?) => field_of!(take self other $($field)? $($shared)?),)+
                }
            }
        }
    };
}

panels!(settings_of_panels);

impl PanelSettings {
    /// Applies `key=value` to the panel that owns `key`; false (and no
    /// change) when no panel owns it or the value is invalid.
    pub fn set(&mut self, key: &str, value: &str) -> bool {
        self.all_mut()
            .into_iter()
            .find(|s| s.keys().contains(&key))
            .is_some_and(|s| s.set(key, value))
    }

    /// Whether some panel applies `key` before its other keys.
    pub fn applies_first(&self, key: &str) -> bool {
        self.all().iter().any(|s| s.applies_first(key))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::deck::route::GENERAL_KEYS;
    use crate::deck::slides::SLIDES;

    #[test]
    fn no_two_panels_share_a_key_and_none_takes_a_general_key() {
        let d = PanelSettings::default();
        let mut seen: Vec<&str> = GENERAL_KEYS.to_vec();
        for s in d.all() {
            for k in s.keys() {
                assert!(!seen.contains(&k), "key `{k}` is used twice");
                seen.push(k);
            }
        }
    }

    #[test]
    fn every_panel_with_settings_is_shown_by_some_slide() {
        let d = PanelSettings::default();
        for (i, s) in d.all().iter().enumerate() {
            let keys = s.keys();
            let on_a_slide = SLIDES
                .iter()
                .filter_map(|r| d.of(r.panel))
                .any(|o| o.keys() == keys);
            assert!(
                on_a_slide,
                "settings {i} ({keys:?}) belong to no slide's panel"
            );
        }
    }

    #[test]
    fn a_key_reaches_its_panel_and_a_bad_value_changes_nothing() {
        let mut p = PanelSettings::default();
        assert!(p.set("pue", "1.5"));
        assert_eq!(p.economics.pue_hundredths, 150);
        assert!(p.set("lens", "exposure-gpt4"));
        assert!(!p.set("pue", "9"));
        assert!(!p.set("zoom", "1"));
        assert_eq!(p.economics.pue_hundredths, 150);
        assert!(p.applies_first("fmt"));
        assert!(!p.applies_first("code"));
    }
}
