//! Placeholder: the panel of this slide is being written.

use yew::prelude::*;

use crate::i18n::TextLang;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub lang: TextLang,
}

#[function_component]
pub fn AlternativesPanel(props: &Props) -> Html {
    html! { <div class="panel" lang={props.lang.tag()}></div> }
}
