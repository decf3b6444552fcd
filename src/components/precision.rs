//! The precision panel of the `#/precision` slide: the bit explorer, the
//! format table, precision vs speed, and the quantization demo.

use yew::prelude::*;

use crate::components::explorer::{Explorer, FormatTable};
use crate::components::quant_demo::QuantDemo;
use crate::components::speed::Speed;
use crate::i18n::TextLang;
use crate::precision::{PrecisionAction, PrecisionParams};

/// Props of the precision panel and of its parts that change settings.
#[derive(Properties, PartialEq)]
pub struct PrecisionProps {
    pub params: PrecisionParams,
    pub lang: TextLang,
    pub on_action: Callback<PrecisionAction>,
}

#[function_component]
pub fn PrecisionPanel(props: &PrecisionProps) -> Html {
    let ui = props.lang;
    html! {
        <div class="panel" lang={ui.tag()} data-testid="precision-panel">
            <Explorer params={props.params.clone()} lang={ui} on_action={props.on_action.clone()} />
            <Speed params={props.params.clone()} lang={ui} on_action={props.on_action.clone()} />
            <QuantDemo fmt={props.params.fmt} lang={ui} />
            <FormatTable lang={ui} />
        </div>
    }
}
