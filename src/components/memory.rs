//! Placeholder: the panel of this slide is being written.

use yew::prelude::*;

use crate::i18n::TextLang;
use crate::memory::MemoryParams;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub params: MemoryParams,
    pub lang: TextLang,
    pub on_change: Callback<MemoryParams>,
}

#[function_component]
pub fn MemoryPanel(props: &Props) -> Html {
    let _ = (&props.params, &props.on_change);
    html! { <div class="panel" lang={props.lang.tag()}></div> }
}
