//! The precision panel of the `#/precision` slide: the bit explorer, the
//! format table, precision vs speed, and the quantization demo.

pub mod explorer;
pub mod quant;
pub mod speed;

use yew::prelude::*;

use crate::deck::i18n::TextLang;
use crate::deck::steps::PrecisionPart;
use crate::model::precision::{PrecisionAction, PrecisionSettings};
use crate::ui::chrome::deck::Later;
use crate::ui::panels::{use_shown, PanelInputs};
use explorer::{Explorer, FormatTable};
use quant::QuantDemo;
use speed::Speed;

/// Props of the precision panel and of its parts that change settings.
#[derive(Properties, PartialEq)]
pub struct PrecisionProps {
    pub settings: PrecisionSettings,
    pub ui: TextLang,
    pub on_action: Callback<PrecisionAction>,
}

#[function_component]
pub fn PrecisionPanel(props: &PrecisionProps) -> Html {
    let ui = props.ui;
    let shown = use_shown();
    let p = &props.settings;
    let d = PrecisionSettings::default();
    // Each part gets only the settings it reads (the others at their
    // defaults), so a move of a speed slider skips the explorer and the
    // other way round.
    let explorer = PrecisionSettings {
        fmt: p.fmt,
        code: p.code,
        typed: p.typed.clone(),
        overflow: p.overflow,
        ..d.clone()
    };
    let speed = PrecisionSettings {
        fmt: p.fmt,
        chip: p.chip,
        size: p.size,
        batch: p.batch,
        ..d
    };
    // Read shows every part: each renders a task after the one before, so
    // that a deep link's first tasks stay short (the stage shows one part).
    let staged = |after: u32, part: Html| match shown.shows {
        Some(_) => part,
        None => html! { <Later {after}>{part}</Later> },
    };
    html! {
        <div class="panel" lang={ui.tag()} data-testid="precision-panel">
            if shown.has(PrecisionPart::Explorer) {
                <Explorer settings={explorer} ui={ui} on_action={props.on_action.clone()} />
            }
            if shown.any(&[PrecisionPart::Speed, PrecisionPart::Roofline]) {
                {staged(1, html! { <Speed settings={speed} ui={ui} on_action={props.on_action.clone()} /> })}
            }
            if shown.has(PrecisionPart::Quant) {
                {staged(2, html! { <QuantDemo fmt={props.settings.fmt} ui={ui} /> })}
            }
            if shown.has(PrecisionPart::Table) {
                {staged(3, html! { <FormatTable ui={ui} /> })}
            }
        </div>
    }
}

/// Draws the panel as its slide shows it (`ui::panels::draw`).
pub fn draw(v: &PanelInputs) -> Html {
    html! { <PrecisionPanel settings={v.settings.precision.clone()} ui={v.ui} on_action={v.handlers.precision.clone()} /> }
}
