//! Placeholder: the panel of this slide is being written.

use yew::prelude::*;

use crate::i18n::TextLang;
use crate::interconnect::BandwidthParams;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub params: BandwidthParams,
    pub lang: TextLang,
    pub on_change: Callback<BandwidthParams>,
}

#[function_component]
pub fn BandwidthPanel(props: &Props) -> Html {
    let _ = (&props.params, &props.on_change);
    html! { <div class="panel" lang={props.lang.tag()}></div> }
}
