//! One module or folder per panel. Each takes data and `on_*` callbacks as
//! props; none owns app state (that is `app::App`'s reducer). Text comes
//! from `i18n`.

pub mod alternatives;
pub mod bandwidth;
pub mod cover;
pub mod depreciation;
pub mod economics;
pub mod ladder;
pub mod lessons;
pub mod memory;
pub mod models;
pub mod precision;
pub mod references;
pub mod rent_vs_buy;
pub mod resources;

use yew::prelude::*;

use crate::deck::i18n::{Lang, TextLang};
use crate::deck::panels::PanelSettings;
use crate::deck::route::Route;
use crate::deck::slides::{panel_pattern, panels, Panel};
use crate::deck::steps::{Part, Shows};
use crate::ui::hooks::PanelHandlers;

/// Which part of its panel a step shows (from a `ContextProvider` around
/// the panel, on the Present stage); without one, every part is shown.
#[derive(Clone, Copy, Debug, PartialEq, Default)]
pub struct Shown {
    pub shows: Option<Shows>,
}

impl Shown {
    /// Whether `part` is shown.
    pub fn has(&self, part: impl Part) -> bool {
        self.shows.is_none_or(|s| s.has_part(part.id()))
    }

    /// Whether any of `parts` is shown.
    pub fn any<P: Part>(&self, parts: &[P]) -> bool {
        parts.iter().any(|&p| self.has(p))
    }

    /// Whether item `i` (from 1) of a list part is shown.
    pub fn item(&self, i: usize) -> bool {
        self.shows.is_none_or(|s| s.has_item(i))
    }
}

/// The part the enclosing step shows.
#[hook]
pub fn use_shown() -> Shown {
    use_context::<Shown>().unwrap_or_default()
}

/// What a panel's `draw` gets: the panel (a lesson's carries its lesson),
/// the reader's languages, every panel's settings and callbacks, and the
/// language of its text.
pub struct PanelInputs<'a> {
    pub panel: Panel,
    /// The reader's languages (a panel's own text speaks `ui`).
    pub lang: Lang,
    pub settings: &'a PanelSettings,
    pub handlers: &'a PanelHandlers,
    pub ui: TextLang,
}

/// Writes [`draw`] from the registry (`deck::slides::panels!`): each panel
/// is drawn by its module's `draw`.
macro_rules! views_of_panels {
    ($($(#[$doc:meta])* $variant:ident $(($data:ty))?: $ui:ident $prefix:literal { $($body:tt)* })+) => {
        /// The panel of the route's slide, with its settings and its callback.
        pub fn draw(route: &Route, h: &PanelHandlers) -> Html {
            let v = PanelInputs {
                panel: route.slide.info().panel,
                lang: route.lang,
                settings: &route.settings,
                handlers: h,
                ui: route.lang.ui(),
            };
            match v.panel {
                Panel::None => html! {},
                $(panel_pattern!($variant $($data)?) => $ui::draw(&v),)+
            }
        }
    };
}

panels!(views_of_panels);
