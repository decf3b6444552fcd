//! The handout (`print=steps`, `print=speaker`, and whatever the view while
//! the browser prints): every step of every slide, each on its own
//! landscape page in the state the step sets (its keyframe values, as the
//! Present view enters it), with the step's link as short text and, with
//! `print=speaker`, the speaker notes under it. On screen a bar above the
//! pages prints, adds or drops the speaker notes and goes back; the bar is not
//! printed, and the pages are inert (a snapshot, not controls). Each
//! page's ids carry its number (`web::ids::scope_page_ids`), so none repeats.

use yew::prelude::*;

use crate::deck::i18n::{fill, Lang};
use crate::deck::route::Route;
use crate::deck::slides::SLIDES;
use crate::deck::{steps, sync};
use crate::ui::chrome::deck::{Slide, SpeakerNotes};
use crate::ui::hooks::PanelHandlers;
use crate::ui::panels::{self, Shown};
use crate::ui::web;
use crate::ui::widgets::qr::short_link;

#[derive(Properties, PartialEq)]
pub struct HandoutProps {
    pub lang: Lang,
    /// The speaker notes under each step.
    pub speaker_notes: bool,
    /// The page's address without its hash, for each step's link.
    pub address: AttrValue,
    pub panel: PanelHandlers,
    pub on_print: Callback<()>,
    pub on_speaker_notes: Callback<bool>,
    pub on_close: Callback<()>,
}

#[derive(Properties, PartialEq)]
struct PagesProps {
    lang: Lang,
    speaker_notes: bool,
    address: AttrValue,
    panel: PanelHandlers,
}

/// Every step's page: rendered once per language and speaker notes choice.
#[function_component]
fn Pages(props: &PagesProps) -> Html {
    let ui = props.lang.ui();
    SLIDES
        .iter()
        .flat_map(|info| (0..steps::count(info.id)).map(move |k| (info.id, k)))
        .map(|(slide, k)| {
            let (settings, _) = steps::values(slide, k);
            let route = Route {
                slide,
                step: k,
                lang: props.lang,
                settings,
                ..Route::default()
            };
            let link = format!("{}{}", props.address, sync::shared(&route));
            let shows = steps::get(slide, k).map(|s| s.shows());
            html! {
                <section class="handout-page" data-testid="handout-page" data-slide={slide.to_string()}
                    data-step={(k + 1).to_string()}>
                    <div class="stage">
                        <div class="stage-inner">
                            <Slide {slide} lang={props.lang} step={Some(k)}>
                                <ContextProvider<Shown> context={Shown { shows }}>
                                    {panels::draw(&route, &props.panel)}
                                </ContextProvider<Shown>>
                            </Slide>
                        </div>
                    </div>
                    <p class="handout-link" data-testid="handout-link">
                        {ui.t("ui.handout.link")}{ui.colon()}{short_link(&link).to_string()}
                    </p>
                    if props.speaker_notes {
                        <SpeakerNotes {slide} lang={props.lang} step={Some(k)} />
                    }
                </section>
            }
        })
        .collect()
}

#[function_component]
pub fn Handout(props: &HandoutProps) -> Html {
    let ui = props.lang.ui();
    let on_speaker_notes = {
        let cb = props.on_speaker_notes.clone();
        Callback::from(move |e: Event| {
            use wasm_bindgen::JsCast;
            let on = e
                .target()
                .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
                .is_some_and(|i| i.checked());
            cb.emit(on);
        })
    };
    // The pages repeat the slides' ids: each page's become its own, also
    // for parts drawn after the first render (a demo scrolled into view).
    let pages = use_node_ref();
    {
        let pages = pages.clone();
        use_effect_with((), move |_| {
            let guard = pages.cast::<web_sys::Element>().and_then(|el| {
                web::ids::scope_page_ids(&el);
                let root = el.clone();
                web::observe::on_subtree_added(&el, move || web::ids::scope_page_ids(&root))
            });
            move || drop(guard)
        });
    }
    html! {
        <div class={classes!("handout", props.speaker_notes.then_some("with-notes"))} data-testid="handout">
            <div class="handout-bar">
                <h1 id="slide-title">{fill(ui.t("ui.handout.title"), &[("n", &steps::total().to_string())])}</h1>
                <p class="hint">{ui.t("ui.handout.hint")}</p>
                <div class="handout-actions">
                    <button type="button" class="btn" data-testid="handout-print"
                        onclick={props.on_print.reform(|_: MouseEvent| ())}>{ui.t("ui.handout.print")}</button>
                    <label class="radio">
                        <input type="checkbox" checked={props.speaker_notes} onchange={on_speaker_notes} data-testid="handout-notes" />
                        {ui.t("ui.handout.speaker_notes")}
                    </label>
                    <button type="button" class="btn" data-testid="handout-close"
                        onclick={props.on_close.reform(|_: MouseEvent| ())}>{ui.t("ui.handout.back")}</button>
                </div>
            </div>
            <div class="handout-pages" inert={true} ref={pages}>
                <Pages lang={props.lang} speaker_notes={props.speaker_notes} address={props.address.clone()} panel={props.panel.clone()} />
            </div>
        </div>
    }
}
