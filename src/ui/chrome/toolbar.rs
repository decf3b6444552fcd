//! The top bar: the page's name, language and theme choices, and buttons for
//! the view, the contents, the shortcuts, the speaker notes, the presenter
//! window, the handout and full screen.

use wasm_bindgen::JsCast;
use web_sys::HtmlSelectElement;
use yew::prelude::*;

use crate::deck::i18n::{Lang, TextLang};
use crate::deck::route::{Theme, View};

#[derive(Properties, PartialEq)]
pub struct ToolbarProps {
    pub lang: Lang,
    pub theme: Theme,
    pub speaker: bool,
    pub view: View,
    pub on_view: Callback<()>,
    pub on_lang: Callback<Lang>,
    pub on_theme: Callback<Theme>,
    pub on_overview: Callback<()>,
    pub on_help: Callback<()>,
    pub on_speaker: Callback<()>,
    pub on_fullscreen: Callback<()>,
    /// Opens the presenter window (called in the click, so the browser
    /// allows the popup).
    pub on_presenter: Callback<()>,
    /// Shows the handout (every step, a page each, for printing).
    pub on_handout: Callback<()>,
}

fn select_value(e: &Event) -> Option<String> {
    e.target()
        .and_then(|t| t.dyn_into::<HtmlSelectElement>().ok())
        .map(|s| s.value())
}

fn lang_label(l: Lang, ui: TextLang) -> &'static str {
    match l {
        // Each choice names itself in its own languages, so a reader finds
        // theirs whatever the page speaks now.
        Lang::Zh => TextLang::Zh.t("ui.lang.zh"),
        Lang::En => TextLang::En.t("ui.lang.en"),
        Lang::ZhEn | Lang::EnZh => ui.t(l.label_key()),
    }
}

#[function_component]
pub fn Toolbar(props: &ToolbarProps) -> Html {
    let ui = props.lang.ui();
    let on_lang = {
        let cb = props.on_lang.clone();
        Callback::from(move |e: Event| {
            if let Some(l) = select_value(&e).and_then(|v| v.parse().ok()) {
                cb.emit(l);
            }
        })
    };
    let on_theme = {
        let cb = props.on_theme.clone();
        Callback::from(move |e: Event| {
            if let Some(t) = select_value(&e).and_then(|v| v.parse().ok()) {
                cb.emit(t);
            }
        })
    };
    let click = |cb: &Callback<()>| cb.reform(|_: MouseEvent| ());
    html! {
        <header class="topbar">
            <p class="brand" lang={ui.tag()}>{ui.t("app.title")}</p>
            <div class="controls" role="group" aria-label={ui.t("ui.toolbar")}>
                <label class="field">
                    <span>{ui.t("ui.lang")}</span>
                    <select data-testid="lang-select" onchange={on_lang}>
                        { for Lang::ALL.iter().map(|&l| html! {
                            <option value={l.id()} selected={l == props.lang}>{lang_label(l, ui)}</option>
                        }) }
                    </select>
                </label>
                <label class="field">
                    <span>{ui.t("ui.theme")}</span>
                    <select data-testid="theme-select" onchange={on_theme}>
                        { for Theme::ALL.iter().map(|&t| html! {
                            <option value={t.id()} selected={t == props.theme}>{ui.t(&format!("ui.theme.{}", t.id()))}</option>
                        }) }
                    </select>
                </label>
                <button type="button" class="btn" onclick={click(&props.on_view)} aria-keyshortcuts="r"
                    data-testid="toggle-view" data-view={props.view.id()}>
                    {ui.t(if props.view == View::Present { "ui.view.read" } else { "ui.view.present" })}
                </button>
                <button type="button" class="btn" onclick={click(&props.on_overview)} aria-keyshortcuts="o" data-testid="open-overview">
                    {ui.t("ui.overview")}
                </button>
                <button type="button" class="btn" onclick={click(&props.on_help)} aria-keyshortcuts="?" data-testid="open-help">
                    {ui.t("ui.help")}
                </button>
                <button type="button" class="btn" onclick={click(&props.on_speaker)} aria-keyshortcuts="s"
                    aria-pressed={props.speaker.to_string()}
                    aria-controls={props.speaker.then_some("speaker-notes")} data-testid="toggle-speaker">
                    {ui.t("ui.speaker")}
                </button>
                <button type="button" class="btn btn-presenter" onclick={click(&props.on_presenter)} aria-keyshortcuts="p" data-testid="open-presenter">
                    {ui.t("ui.presenter.open")}
                </button>
                <button type="button" class="btn" onclick={click(&props.on_handout)} data-testid="open-handout">
                    {ui.t("ui.handout")}
                </button>
                <button type="button" class="btn" onclick={click(&props.on_fullscreen)} aria-keyshortcuts="f" data-testid="fullscreen">
                    {ui.t("ui.fullscreen")}
                </button>
            </div>
        </header>
    }
}
