//! Placeholder: the panel of this slide is being written.

use yew::prelude::*;

use crate::economics::CostParams;
use crate::i18n::TextLang;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub params: CostParams,
    pub lang: TextLang,
    pub on_change: Callback<CostParams>,
}

#[function_component]
pub fn PowerPanel(props: &Props) -> Html {
    let _ = (&props.params, &props.on_change);
    html! { <div class="panel" lang={props.lang.tag()}></div> }
}
