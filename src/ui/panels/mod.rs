//! One module or folder per panel. Each takes data and `on_*` callbacks as
//! props; none owns app state (that is `app::App`'s reducer). Text comes
//! from `i18n`.

pub mod alternatives;
pub mod bandwidth;
pub mod depreciation;
pub mod economics;
pub mod ladder;
pub mod lessons;
pub mod memory;
pub mod models;
pub mod precision;
pub mod references;

use yew::prelude::*;

use crate::deck::route::Route;
use crate::deck::slides::Panel;
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

/// The panel of the route's slide, with its settings and its callback.
pub fn view(route: &Route, h: &PanelHandlers) -> Html {
    let ui = route.lang.ui();
    let s = &route.settings;
    match route.slide.info().panel {
        Panel::None => html! {},
        Panel::References => html! { <references::ReferencesPanel ui={ui} /> },
        Panel::Models => html! { <models::ModelsPanel ui={ui} /> },
        Panel::Lesson(lesson) => html! { <lessons::LessonPanel {lesson} ui={ui} /> },
        Panel::Alternatives => html! { <alternatives::AlternativesPanel ui={ui} /> },
        Panel::Ladder => html! {
            <ladder::LadderPanel settings={s.ladder} ui={ui}
                on_change={h.ladder.clone()} />
        },
        Panel::Depreciation => html! {
            <depreciation::DepreciationPanel settings={s.depreciation} ui={ui}
                on_change={h.depreciation.clone()} />
        },
        Panel::Bandwidth => html! {
            <bandwidth::BandwidthPanel settings={s.bandwidth} ui={ui}
                on_change={h.bandwidth.clone()} />
        },
        Panel::Memory => html! {
            <memory::MemoryPanel settings={s.memory} ui={ui}
                on_change={h.memory.clone()} />
        },
        Panel::Resources => html! {
            <economics::resources::ResourcesPanel settings={s.economics} ui={ui}
                on_change={h.economics.clone()} />
        },
        Panel::RentVsBuy => html! {
            <economics::rent_vs_buy::RentVsBuyPanel settings={s.economics} ui={ui}
                on_change={h.economics.clone()} />
        },
        Panel::Precision => html! {
            <precision::PrecisionPanel settings={s.precision.clone()} ui={ui}
                on_action={h.precision.clone()} />
        },
    }
}
