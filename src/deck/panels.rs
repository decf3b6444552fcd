//! Every panel's settings, one field per settings type, and the one place
//! that says which panel owns which settings. Pure.
//!
//! The route codec, and later the steps' keyframes and the presenter sync,
//! reach a panel's settings only through [`PanelSettings::of`] and
//! [`PanelSettings::set`]: they never name a panel. Adding a panel with
//! settings is one line in `panels_with_settings!`.

use crate::deck::slides::Panel;
use crate::model::settings::{Change, DynSettings};

/// The panels with settings, declared once: the field of
/// [`PanelSettings`], its settings type, and the slides' panels that show
/// them. The struct, its accessors (`all`, `all_mut`, `of`, `of_mut`,
/// `take`) and the tests that go through every panel are derived from
/// this list; a panel with settings is one line here.
///
/// Each line: the variant of [`PanelChange`], the field, the settings
/// type, what the panel's controls send (`Change`), and the panels that
/// show the settings. Before them, `without`: every other panel, so that
/// the accessors' matches name every `Panel` and a new panel does not
/// compile until it is listed on one side or the other.
macro_rules! panels_with_settings {
    ($m:ident) => {
        $m! {
            without: Panel::None | Panel::References | Panel::Alternatives | Panel::Models
                | Panel::Lesson(_) =>
            Precision(precision: crate::model::precision::PrecisionSettings,
                crate::model::precision::PrecisionAction) => [Precision],
            Depreciation(depreciation: crate::model::depreciation::DepreciationSettings,
                crate::model::depreciation::DepreciationSettings) => [Depreciation],
            Ladder(ladder: crate::model::ladder::LadderSettings,
                crate::model::ladder::LadderSettings) => [Ladder],
            Bandwidth(bandwidth: crate::model::bandwidth::BandwidthSettings,
                crate::model::bandwidth::BandwidthSettings) => [Bandwidth],
            Memory(memory: crate::model::memory::MemorySettings,
                crate::model::memory::MemorySettings) => [Memory],
            /// Shared by the resources (power and price) and rent-vs-buy panels.
            Economics(economics: crate::model::economics::EconomicsSettings,
                crate::model::economics::EconomicsSettings) => [Resources, RentVsBuy],
        }
    };
}
// For `ui::hooks` (wasm32 only), which writes the panels' callbacks from it.
#[cfg_attr(not(target_arch = "wasm32"), allow(unused_imports))]
pub(crate) use panels_with_settings;

/// Writes [`PanelSettings`], its accessors and [`PanelChange`] from the
/// list above.
macro_rules! settings_collection {
    (without: $none:pat => $($(#[$doc:meta])* $variant:ident($field:ident: $ty:path, $change:path) => [$($panel:ident),+],)+) => {
        /// A change to one panel's settings, as its controls send it.
        #[derive(Clone, Debug, PartialEq, Eq)]
        pub enum PanelChange {
            $($variant($change),)+
        }

        /// The settings of every panel. A panel's settings persist while
        /// other slides are shown; a link writes only those of its slide's
        /// panel.
        #[derive(Clone, Debug, PartialEq, Eq, Default)]
        pub struct PanelSettings {
            $($(#[$doc])* pub $field: $ty,)+
        }

        /// How many panels have settings.
        pub const PANELS_WITH_SETTINGS: usize = [$(stringify!($field)),+].len();

        impl PanelSettings {
            /// Every panel's settings as objects, in the list's order.
            pub fn all(&self) -> [&dyn DynSettings; PANELS_WITH_SETTINGS] {
                [$(&self.$field),+]
            }

            /// Every panel's settings as objects, to change (in the order of `all`).
            pub fn all_mut(&mut self) -> [&mut dyn DynSettings; PANELS_WITH_SETTINGS] {
                [$(&mut self.$field),+]
            }

            /// The settings `panel` shows, if it has any.
            pub fn of(&self, panel: Panel) -> Option<&dyn DynSettings> {
                match panel {
                    $($(Panel::$panel)|+ => Some(&self.$field),)+
                    $none => None,
                }
            }

            /// The settings `panel` shows, to change.
            pub fn of_mut(&mut self, panel: Panel) -> Option<&mut dyn DynSettings> {
                match panel {
                    $($(Panel::$panel)|+ => Some(&mut self.$field),)+
                    $none => None,
                }
            }

            /// Applies a change from a panel's controls.
            pub fn change(&mut self, change: PanelChange) {
                match change {
                    $(PanelChange::$variant(c) => self.$field = c.applied_to(&self.$field),)+
                }
            }

            /// Takes the settings of `panel` from `other`, leaving the rest.
            pub fn take(&mut self, panel: Panel, other: &PanelSettings) {
                match panel {
                    $($(Panel::$panel)|+ => self.$field = other.$field.clone(),)+
                    $none => {}
                }
            }
        }
    };
}

panels_with_settings!(settings_collection);

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
            let shown = SLIDES
                .iter()
                .filter_map(|r| d.of(r.panel))
                .any(|o| o.keys() == keys);
            assert!(shown, "settings {i} ({keys:?}) belong to no slide's panel");
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
