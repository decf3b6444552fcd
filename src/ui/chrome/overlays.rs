//! The overlays: the contents (overview), from which any slide opens by
//! keyboard or click, the go-to box that finds a slide by number, slug or
//! title, and the list of keyboard shortcuts. Each is a modal dialog that
//! takes focus when it opens; Esc and the close button close it.

use wasm_bindgen::JsCast;
use yew::prelude::*;

use crate::deck::i18n::{Lang, TextLang};
use crate::deck::slides::{find, SlideId, SLIDES};
use crate::deck::steps;
use crate::ui::web::focus::focus_id;

#[derive(Properties, PartialEq)]
struct DialogProps {
    id: AttrValue,
    title: AttrValue,
    ui: TextLang,
    on_close: Callback<()>,
    /// Element id to focus when the dialog opens.
    focus: AttrValue,
    children: Html,
}

#[function_component]
fn Dialog(props: &DialogProps) -> Html {
    {
        let focus = props.focus.clone();
        use_effect_with((), move |_| focus_id(&focus));
    }
    let on_backdrop = {
        let close = props.on_close.clone();
        Callback::from(move |e: MouseEvent| {
            if e.target() == e.current_target() {
                close.emit(());
            }
        })
    };
    // Tab and Shift+Tab cycle inside the dialog; the page behind is inert.
    let dialog = use_node_ref();
    let on_keydown = {
        let dialog = dialog.clone();
        Callback::from(move |e: KeyboardEvent| {
            if e.key() != "Tab" {
                return;
            }
            let Some(el) = dialog.cast::<web_sys::Element>() else {
                return;
            };
            let Ok(list) = el.query_selector_all("button, a[href], select, input, [tabindex='0']")
            else {
                return;
            };
            let (Some(first), Some(last)) =
                (list.get(0), list.get(list.length().saturating_sub(1)))
            else {
                return;
            };
            let active = web_sys::window()
                .and_then(|w| w.document())
                .and_then(|d| d.active_element());
            let active: Option<web_sys::Node> = active.map(Into::into);
            let wrap_to = if e.shift_key() && active.as_ref() == Some(&first) {
                Some(last)
            } else if !e.shift_key() && active.as_ref() == Some(&last) {
                Some(first)
            } else {
                None
            };
            if let Some(to) = wrap_to.and_then(|n| n.dyn_into::<web_sys::HtmlElement>().ok()) {
                e.prevent_default();
                let _ = to.focus();
            }
        })
    };
    let title_id = format!("{}-title", props.id);
    html! {
        <div class="backdrop" onclick={on_backdrop}>
            <div class="dialog" role="dialog" aria-modal="true" aria-labelledby={title_id.clone()}
                id={props.id.clone()} data-testid={props.id.clone()} ref={dialog} onkeydown={on_keydown}>
                <div class="dialog-head">
                    <h2 id={title_id}>{props.title.clone()}</h2>
                    <button type="button" class="btn" id={format!("{}-close", props.id)}
                        onclick={props.on_close.reform(|_: MouseEvent| ())}>
                        {props.ui.t("ui.close")}
                    </button>
                </div>
                {props.children.clone()}
            </div>
        </div>
    }
}

#[derive(Properties, PartialEq)]
pub struct OverviewProps {
    pub current: SlideId,
    /// The current step of the current slide.
    pub step: usize,
    pub lang: Lang,
    /// Opens a slide at a step.
    pub on_go: Callback<(SlideId, usize)>,
    pub on_close: Callback<()>,
}

fn item_id(i: usize) -> String {
    format!("overview-item-{i}")
}

/// The table of contents. Up/Down arrows move between entries.
#[function_component]
pub fn Overview(props: &OverviewProps) -> Html {
    let ui = props.lang.ui();
    let last = SLIDES.len() - 1;
    let items: Html = SLIDES
        .iter()
        .enumerate()
        .map(|(i, s)| {
            let go = props.on_go.reform(move |_: MouseEvent| (s.id, 0));
            let onkeydown = Callback::from(move |e: KeyboardEvent| {
                let to = match e.key().as_str() {
                    "ArrowDown" => Some(if i == last { 0 } else { i + 1 }),
                    "ArrowUp" => Some(if i == 0 { last } else { i - 1 }),
                    "Home" => Some(0),
                    "End" => Some(last),
                    _ => None,
                };
                if let Some(to) = to {
                    e.prevent_default();
                    e.stop_propagation();
                    focus_id(&item_id(to));
                }
            });
            let current = (s.id == props.current).then_some("true");
            let titles: Html = props
                .lang
                .langs()
                .iter()
                .map(|&l| html! { <span class="ov-title" lang={l.tag()}>{s.id.title(l)}</span> })
                .collect();
            html! {
                <li>
                    <button type="button" class="ov-item" id={item_id(i)} onclick={go} {onkeydown}
                        aria-current={current}>
                        <span class="ov-num">{(i + 1).to_string()}</span>
                        <span class="ov-titles">{titles}</span>
                    </button>
                    if steps::count(s.id) > 1 {
                        <ol class="ov-steps" aria-label={format!("{} · {}", s.id.title(ui), ui.t("ui.steps"))}>
                            { for steps::of(s.id).iter().enumerate().map(|(k, st)| {
                                let go = props.on_go.reform(move |_: MouseEvent| (s.id, k));
                                let here = (s.id == props.current && k == props.step).then_some("step");
                                html! {
                                    <li><button type="button" class="ov-step" onclick={go} aria-current={here}
                                        data-testid="overview-step">
                                        {format!("{}. {}", k + 1, st.title(ui))}
                                    </button></li>
                                }
                            }) }
                        </ol>
                    }
                </li>
            }
        })
        .collect();
    html! {
        <Dialog id="overview" title={ui.t("ui.overview")} ui={ui} on_close={props.on_close.clone()}
            focus={item_id(props.current.index())}>
            <p class="hint">{ui.t("ui.overview.hint")}</p>
            <ol class="ov-list">{items}</ol>
        </Dialog>
    }
}

#[derive(Properties, PartialEq)]
pub struct GoToProps {
    pub lang: Lang,
    pub on_go: Callback<SlideId>,
    pub on_close: Callback<()>,
}

/// The go-to box (`g`): type a slide's number, slug or title in either
/// language; Enter opens the first match, Down moves into the list.
#[function_component]
pub fn GoTo(props: &GoToProps) -> Html {
    let ui = props.lang.ui();
    let query = use_state(String::new);
    let found = find(&query);
    let first = found.first().copied();
    let oninput = {
        let query = query.clone();
        Callback::from(move |e: InputEvent| {
            if let Some(input) = e.target_dyn_into::<web_sys::HtmlInputElement>() {
                query.set(input.value());
            }
        })
    };
    let onkeydown = {
        let go = props.on_go.clone();
        let close = props.on_close.clone();
        Callback::from(move |e: KeyboardEvent| match e.key().as_str() {
            // A search field would only clear itself: Esc closes the box.
            "Escape" | "Esc" => {
                e.prevent_default();
                close.emit(());
            }
            "Enter" => {
                e.prevent_default();
                // The field's text now, not as last rendered: Enter typed
                // right after the text goes to what the text finds.
                let typed = e
                    .target_dyn_into::<web_sys::HtmlInputElement>()
                    .map(|i| find(&i.value()).first().copied());
                if let Some(id) = typed.unwrap_or(first) {
                    go.emit(id);
                }
            }
            "ArrowDown" if first.is_some() => {
                e.prevent_default();
                focus_id("goto-item-0");
            }
            _ => {}
        })
    };
    let count = found.len();
    let items: Html = found
        .iter()
        .enumerate()
        .map(|(i, &id)| {
            let onclick = props.on_go.reform(move |_: MouseEvent| id);
            let onkeydown = Callback::from(move |e: KeyboardEvent| {
                let to = match e.key().as_str() {
                    "ArrowDown" if i + 1 < count => format!("goto-item-{}", i + 1),
                    "ArrowUp" if i == 0 => "goto-input".to_string(),
                    "ArrowUp" => format!("goto-item-{}", i - 1),
                    _ => return,
                };
                e.prevent_default();
                e.stop_propagation();
                focus_id(&to);
            });
            let titles: Html = props
                .lang
                .langs()
                .iter()
                .map(|&l| html! { <span class="ov-title" lang={l.tag()}>{id.title(l)}</span> })
                .collect();
            html! {
                <li><button type="button" class="ov-item" id={format!("goto-item-{i}")} {onclick} {onkeydown}
                    data-testid="goto-item" data-slide={id.info().slug}>
                    <span class="ov-num">{(id.index() + 1).to_string()}</span>
                    <span class="ov-titles">{titles}</span>
                </button></li>
            }
        })
        .collect();
    let status = if count == 0 {
        ui.t("ui.goto.none").to_string()
    } else {
        crate::deck::i18n::fill(ui.t("ui.goto.count"), &[("n", &count.to_string())])
    };
    html! {
        <Dialog id="goto" title={ui.t("ui.goto")} ui={ui} on_close={props.on_close.clone()} focus="goto-input">
            <label class="goto-label" for="goto-input">{ui.t("ui.goto.label")}</label>
            <input id="goto-input" class="goto-input" type="search" autocomplete="off" data-testid="goto-input"
                value={(*query).clone()} {oninput} {onkeydown} aria-describedby="goto-status" />
            <p id="goto-status" class="hint" role="status">{status}</p>
            <ol class="ov-list goto-list">{items}</ol>
        </Dialog>
    }
}

#[derive(Properties, PartialEq)]
pub struct HelpProps {
    pub lang: Lang,
    pub on_close: Callback<()>,
}

/// Text keys of the shortcut list, in the order shown.
pub const HELP_KEYS: [&str; 22] = [
    "ui.help.next",
    "ui.help.prev",
    "ui.help.controls",
    "ui.help.skip",
    "ui.help.first_last",
    "ui.help.goto",
    "ui.help.digits",
    "ui.help.presenter",
    "ui.help.blank",
    "ui.help.pointer",
    "ui.help.resume",
    "ui.help.rejoin",
    "ui.help.view",
    "ui.help.restore",
    "ui.help.overview",
    "ui.help.speaker",
    "ui.help.fullscreen",
    "ui.help.theme",
    "ui.help.lang",
    "ui.help.help",
    "ui.help.escape",
    "ui.help.swipe",
];

/// Every keyboard shortcut.
#[function_component]
pub fn Help(props: &HelpProps) -> Html {
    let ui = props.lang.ui();
    html! {
        <Dialog id="help" title={ui.t("ui.help.title")} ui={ui} on_close={props.on_close.clone()} focus="help-close">
            <ul class="help-list">
                { for HELP_KEYS.iter().map(|k| html! { <li>{ui.t(k)}</li> }) }
            </ul>
        </Dialog>
    }
}
