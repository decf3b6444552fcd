//! Browser glue: the location hash (written by `ui::link`), storage, theme and language
//! attributes on `<html>`, full screen, and the panic banner. Every call
//! tolerates a missing window, document or storage: it does nothing and
//! returns a default, never panics. The one Yew call is the panic hook.

use wasm_bindgen::{JsCast, JsValue};
use web_sys::{Document, Element, Storage, Window};

use crate::deck::i18n::TextLang;

fn window() -> Option<Window> {
    web_sys::window()
}

fn document() -> Option<Document> {
    window()?.document()
}

/// The location hash including its `#`, or "" when there is none.
pub fn location_hash() -> String {
    window()
        .and_then(|w| w.location().hash().ok())
        .unwrap_or_default()
}

/// The page's address without its hash (origin and path, with any query).
pub fn page_address() -> String {
    window()
        .and_then(|w| {
            let l = w.location();
            Some(format!(
                "{}{}{}",
                l.origin().ok()?,
                l.pathname().ok()?,
                l.search().ok()?
            ))
        })
        .unwrap_or_default()
}

/// The page's path (`/` or a host's sub-path): names the deck's channel.
pub fn page_path() -> String {
    window()
        .and_then(|w| w.location().pathname().ok())
        .unwrap_or_default()
}

/// A random id of 10 base-36 digits, for this window's sync messages.
pub fn random_id() -> String {
    let mut n = (js_sys::Math::random() * 36f64.powi(10)) as u64;
    let mut id = String::new();
    for _ in 0..10 {
        id.push(char::from_digit((n % 36) as u32, 36).unwrap_or('0'));
        n /= 36;
    }
    id
}

/// Milliseconds since the page loaded (for throttling and timers).
pub fn now_ms() -> f64 {
    window()
        .and_then(|w| w.performance())
        .map_or(0.0, |p| p.now())
}

/// Milliseconds since 1970 (wall clock, for the presenter's timer and clock).
pub fn wall_ms() -> f64 {
    js_sys::Date::now()
}

/// Opens `url` in the presenter window (named, so a second `p` reuses it).
/// Must run inside a key or click handler, or the browser refuses; returns
/// whether a window opened.
pub fn open_presenter(url: &str) -> bool {
    window()
        .and_then(|w| {
            w.open_with_url_and_target_and_features(
                url,
                "llm-notes-presenter",
                "popup,width=1280,height=800",
            )
            .ok()
            .flatten()
        })
        .is_some()
}

/// Whether the browser's first language is Chinese (`navigator.languages`,
/// else `navigator.language`).
pub fn browser_prefers_chinese() -> bool {
    let Some(nav) = window().map(|w| w.navigator()) else {
        return false;
    };
    let first = nav
        .languages()
        .get(0)
        .as_string()
        .or_else(|| nav.language())
        .unwrap_or_default();
    crate::deck::i18n::is_chinese_tag(&first)
}

/// Asks the browser to keep the screen on while presenting (the Screen Wake
/// Lock API, where it exists; elsewhere nothing happens). The browser lets
/// the lock go when the page is hidden; the caller asks again on return.
pub fn keep_awake() {
    let Some(nav) = window().map(|w| w.navigator()) else {
        return;
    };
    let Ok(lock) = js_sys::Reflect::get(&nav, &JsValue::from_str("wakeLock")) else {
        return;
    };
    if lock.is_undefined() || lock.is_null() {
        return;
    }
    let Ok(request) = js_sys::Reflect::get(&lock, &JsValue::from_str("request")) else {
        return;
    };
    if let Ok(request) = request.dyn_into::<js_sys::Function>() {
        if let Ok(promise) = request.call1(&lock, &JsValue::from_str("screen")) {
            // A refusal (no user gesture yet, a hidden page) is not an error
            // the reader can act on: swallow it.
            if let Ok(p) = promise.dyn_into::<js_sys::Promise>() {
                let ignore = wasm_bindgen::closure::Closure::<dyn FnMut(JsValue)>::new(|_| {});
                let _ = p.catch(&ignore);
                ignore.forget();
            }
        }
    }
}

/// Sets or clears a boolean attribute on `<html>` (`data-idle`: the
/// cursor hides while presenting).
pub fn root_flag(name: &str, on: bool) {
    if let Some(root) = root() {
        let _ = if on {
            root.set_attribute(name, "")
        } else {
            root.remove_attribute(name)
        };
    }
}

fn storage() -> Option<Storage> {
    window()?.local_storage().ok().flatten()
}

/// Key prefix of everything the page stores.
const STORE_PREFIX: &str = "llm-notes.";

/// A stored setting, as saved.
pub fn stored(key: &str) -> Option<String> {
    storage()?
        .get_item(&format!("{STORE_PREFIX}{key}"))
        .ok()
        .flatten()
}

fn session_storage() -> Option<Storage> {
    window()?.session_storage().ok().flatten()
}

/// A value kept for this tab only (`sessionStorage`: it survives a reload,
/// not a new window).
pub fn session(key: &str) -> Option<String> {
    session_storage()?
        .get_item(&format!("{STORE_PREFIX}{key}"))
        .ok()
        .flatten()
}

/// Keeps a value for this tab only; storage that is blocked is ignored.
pub fn set_session(key: &str, value: &str) {
    if let Some(s) = session_storage() {
        let _ = s.set_item(&format!("{STORE_PREFIX}{key}"), value);
    }
}

/// Saves a setting; storage that is full or blocked is ignored.
pub fn store(key: &str, value: &str) {
    if let Some(s) = storage() {
        let _ = s.set_item(&format!("{STORE_PREFIX}{key}"), value);
    }
}

/// Forgets a setting (used when a saved value was not understood).
pub fn unstore(key: &str) {
    if let Some(s) = storage() {
        let _ = s.remove_item(&format!("{STORE_PREFIX}{key}"));
    }
}

/// The media query the theme follows when set to "system".
pub const DARK_QUERY: &str = "(prefers-color-scheme: dark)";

/// Screens on which Present is the default view.
pub const WIDE_QUERY: &str = "(min-width: 900px) and (orientation: landscape)";

/// Whether the screen is wide and landscape.
pub fn is_wide() -> bool {
    web_sys::window()
        .and_then(|w| w.match_media(WIDE_QUERY).ok().flatten())
        .is_some_and(|m| m.matches())
}

/// Whether the system prefers a dark colour scheme.
pub fn prefers_dark() -> bool {
    window()
        .and_then(|w| w.match_media(DARK_QUERY).ok().flatten())
        .is_some_and(|m| m.matches())
}

fn root() -> Option<Element> {
    document()?.document_element()
}

/// Sets `data-theme` and `lang` on `<html>`, and the document title.
pub fn apply_page(theme: &str, view: &str, lang: TextLang, title: &str) {
    if let Some(r) = root() {
        let _ = r.set_attribute("data-theme", theme);
        let _ = r.set_attribute("data-view", view);
        let _ = r.set_attribute("lang", lang.tag());
    }
    if let Some(d) = document() {
        d.set_title(title);
    }
}

/// Opens the browser's print dialog.
pub fn print() {
    if let Some(w) = window() {
        let _ = w.print();
    }
}

/// Enters full screen, or leaves it when already there.
pub fn toggle_fullscreen() {
    let Some(d) = document() else { return };
    if d.fullscreen_element().is_some() {
        d.exit_fullscreen();
    } else if let Some(r) = d.document_element() {
        let _ = r.request_fullscreen();
    }
}

/// Focuses the element with this id, if it exists and can take focus.
pub fn focus_id(id: &str) {
    use wasm_bindgen::JsCast;
    if let Some(el) = document()
        .and_then(|d| d.get_element_by_id(id))
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
    {
        let _ = el.focus();
    }
}

/// Whether `el` or an element it is in scrolls sideways (a wide table): a
/// horizontal drag there scrolls it.
pub fn scrolls_sideways(el: &web_sys::Element) -> bool {
    let Some(window) = window() else {
        return false;
    };
    let mut at = Some(el.clone());
    while let Some(e) = at {
        if e.scroll_width() > e.client_width() + 1 {
            let overflow = window
                .get_computed_style(&e)
                .ok()
                .flatten()
                .and_then(|cs| cs.get_property_value("overflow-x").ok())
                .unwrap_or_default();
            if overflow == "auto" || overflow == "scroll" {
                return true;
            }
        }
        at = e.parent_element();
    }
    false
}

/// Gives the focus to the stage (`main`), where the deck's keys act,
/// without scrolling, in a task of its own: the gesture that ends now
/// (a slider's release, its `change`) finishes first.
pub fn focus_stage() {
    use wasm_bindgen::JsCast;
    gloo::timers::callback::Timeout::new(0, || {
        if let Some(el) = document()
            .and_then(|d| d.get_element_by_id("main"))
            .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
        {
            let options = web_sys::FocusOptions::new();
            options.set_prevent_scroll(true);
            let _ = el.focus_with_options(&options);
        }
    })
    .forget();
}

/// Id of the banner a panic shows.
pub const ERROR_BANNER_ID: &str = "error-banner";

/// Shows the error banner with `message`, in both languages, built with
/// plain DOM calls so it works after the app has died.
pub fn show_error_banner(message: &str) {
    let Some(d) = document() else { return };
    let Some(body) = d.body() else { return };
    let banner = match d.get_element_by_id(ERROR_BANNER_ID) {
        Some(b) => b,
        None => {
            let Ok(b) = d.create_element("div") else {
                return;
            };
            b.set_id(ERROR_BANNER_ID);
            let _ = b.set_attribute("role", "alert");
            let _ = b.set_attribute("data-testid", "error-banner");
            let _ = body.prepend_with_node_1(&b);
            b
        }
    };
    let text: Vec<String> = [TextLang::Zh, TextLang::En]
        .iter()
        .map(|l| crate::deck::i18n::fill(l.t("ui.panic"), &[("msg", message)]))
        .collect();
    banner.set_text_content(Some(&text.join(" / ")));
}

/// Routes panics to the console (with a stack) and to the error banner.
/// Goes through Yew, which otherwise replaces the hook when the app mounts.
pub fn install_panic_hook() {
    yew::set_custom_panic_hook(Box::new(|info| {
        console_error_panic_hook::hook(info);
        let payload = info.payload();
        let msg = payload
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| payload.downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "panic".to_string());
        let at = info
            .location()
            .map(|l| format!(" ({}:{})", l.file(), l.line()))
            .unwrap_or_default();
        show_error_banner(&format!("{msg}{at}"));
    }));
}

/// Calls `on_visible` once, when `element` first scrolls into view (at once
/// where IntersectionObserver is missing). Returns a guard that stops
/// watching when dropped.
pub fn when_visible(
    element: &Element,
    on_visible: impl FnOnce() + 'static,
) -> Option<VisibilityGuard> {
    use std::cell::Cell;
    use std::rc::Rc;
    use wasm_bindgen::closure::Closure;
    use wasm_bindgen::JsCast;
    let once = Rc::new(Cell::new(Some(on_visible)));
    let fire = {
        let once = once.clone();
        move || {
            if let Some(f) = once.take() {
                f();
            }
        }
    };
    let callback = Closure::<dyn FnMut(js_sys::Array)>::new(move |entries: js_sys::Array| {
        let seen = entries.iter().any(|e| {
            e.dyn_into::<web_sys::IntersectionObserverEntry>()
                .is_ok_and(|e| e.is_intersecting())
        });
        if seen {
            fire();
        }
    });
    match web_sys::IntersectionObserver::new(callback.as_ref().unchecked_ref()) {
        Ok(observer) => {
            observer.observe(element);
            Some(VisibilityGuard {
                observer,
                _callback: callback,
            })
        }
        Err(_) => {
            if let Some(f) = once.take() {
                f();
            }
            None
        }
    }
}

/// Keeps an IntersectionObserver alive; disconnects it when dropped.
pub struct VisibilityGuard {
    observer: web_sys::IntersectionObserver,
    _callback: wasm_bindgen::closure::Closure<dyn FnMut(js_sys::Array)>,
}

impl Drop for VisibilityGuard {
    fn drop(&mut self) {
        self.observer.disconnect();
    }
}

/// The attributes that name other elements by id.
const ID_REFS: [&str; 4] = [
    "for",
    "aria-labelledby",
    "aria-describedby",
    "aria-controls",
];

/// The handout's pages draw the same slides again (88 steps; a slide's
/// parts on several pages), and so repeat their ids. Gives each page's ids
/// the page's number as a suffix (`bw-gb--h12`), and each `for` and `aria-`
/// reference on that page to an id of that page the same, so that every id
/// of the document is unique and a reference names its own page's element.
/// An id or reference already suffixed is left as it is.
pub fn scope_page_ids(container: &Element) {
    let refers = ID_REFS.map(|a| format!("[{a}]")).join(",");
    for (k, page) in elements(container, ".handout-page").iter().enumerate() {
        let suffix = String::from("--h") + &(k + 1).to_string();
        // The page's ids, as the slide has them.
        let mut own: Vec<String> = Vec::new();
        for el in elements(page, "[id]") {
            let id = el.get_attribute("id").unwrap_or_default();
            match id.strip_suffix(&suffix) {
                Some(base) => own.push(base.into()),
                None => {
                    let _ = el.set_attribute("id", &(id.clone() + &suffix));
                    own.push(id);
                }
            }
        }
        for el in elements(page, &refers) {
            for attr in ID_REFS {
                let Some(refs) = el.get_attribute(attr) else {
                    continue;
                };
                let mut scoped = String::new();
                for t in refs.split(' ') {
                    if !scoped.is_empty() {
                        scoped.push(' ');
                    }
                    scoped.push_str(t);
                    if own.iter().any(|o| o == t) {
                        scoped.push_str(&suffix);
                    }
                }
                if scoped != refs {
                    let _ = el.set_attribute(attr, &scoped);
                }
            }
        }
    }
}

/// Calls `f` after each batch of nodes added under `root` (a
/// MutationObserver of its subtree); stops when the guard is dropped.
pub fn on_subtree_added(root: &Element, f: impl Fn() + 'static) -> Option<SubtreeGuard> {
    let callback = wasm_bindgen::closure::Closure::<dyn FnMut()>::new(f);
    let observer = web_sys::MutationObserver::new(callback.as_ref().unchecked_ref()).ok()?;
    let init = web_sys::MutationObserverInit::new();
    init.set_child_list(true);
    init.set_subtree(true);
    observer.observe_with_options(root, &init).ok()?;
    Some(SubtreeGuard {
        observer,
        _callback: callback,
    })
}

/// Keeps a MutationObserver alive; disconnects it when dropped.
pub struct SubtreeGuard {
    observer: web_sys::MutationObserver,
    _callback: wasm_bindgen::closure::Closure<dyn FnMut()>,
}

impl Drop for SubtreeGuard {
    fn drop(&mut self) {
        self.observer.disconnect();
    }
}

/// Whether the reader asks for reduced motion.
pub fn prefers_reduced_motion() -> bool {
    window()
        .and_then(|w| {
            w.match_media("(prefers-reduced-motion: reduce)")
                .ok()
                .flatten()
        })
        .is_some_and(|m| m.matches())
}

/// Top of `e` in whole CSS pixels from the top of its offset parent (the
/// list, which CSS positions), ignoring transforms: where layout puts it,
/// not where an animation shows it.
fn layout_top(e: &Element) -> i32 {
    use wasm_bindgen::JsCast;
    e.dyn_ref::<web_sys::HtmlElement>()
        .map_or(0, |h| h.offset_top())
}

/// The elements matching `selector` inside `list`, in document order.
fn elements(list: &Element, selector: &str) -> Vec<Element> {
    use wasm_bindgen::JsCast;
    let Ok(nodes) = list.query_selector_all(selector) else {
        return Vec::new();
    };
    (0..nodes.length())
        .filter_map(|i| nodes.item(i)?.dyn_into::<Element>().ok())
        .collect()
}

/// The elements matching `selector` inside `list`, each with its
/// `data-category` and its layout top (`layout_top`).
pub fn offsets(list: &Element, selector: &str) -> Vec<(String, i32)> {
    elements(list, selector)
        .into_iter()
        .map(|e| {
            (
                e.get_attribute("data-category").unwrap_or_default(),
                layout_top(&e),
            )
        })
        .collect()
}

/// Slides each element matching `selector` from where it was (`before`, as
/// written by [`offsets`]) to where it is now ("FLIP"). Nothing moves when
/// the reader prefers reduced motion or nothing changed place.
pub fn flip(list: &Element, selector: &str, before: &[(String, i32)]) {
    if before.is_empty() || prefers_reduced_motion() {
        return;
    }
    let mut moved = Vec::new();
    for e in elements(list, selector) {
        let id = e.get_attribute("data-category").unwrap_or_default();
        let now = layout_top(&e);
        if let Some((_, was)) = before.iter().find(|(k, _)| *k == id) {
            if *was != now {
                set_style(
                    &e,
                    &[
                        ("transform", &format!("translateY({}px)", was - now)),
                        ("transition", "none"),
                    ],
                );
                moved.push(e);
            }
        }
    }
    if moved.is_empty() {
        return;
    }
    // Reading layout makes the start position take effect before the move.
    let _ = list.get_bounding_client_rect();
    for e in moved {
        set_style(
            &e,
            &[
                ("transform", "none"),
                ("transition", "transform 0.35s ease"),
            ],
        );
    }
}

/// Sets inline style properties through the CSSOM, which a
/// Content-Security-Policy without 'unsafe-inline' allows (a `style`
/// attribute written as text it refuses).
fn set_style(e: &Element, props: &[(&str, &str)]) {
    if let Some(h) = e.dyn_ref::<web_sys::HtmlElement>() {
        let style = h.style();
        for (k, v) in props {
            let _ = style.set_property(k, v);
        }
    }
}

/// The distance in CSS pixels between neighbouring elements matching
/// `selector` inside `list` (layout, transforms ignored): the span from the
/// first to the last divided by their count less one; 0 for fewer than two.
pub fn pitch(list: &Element, selector: &str) -> i32 {
    let tops = offsets(list, selector);
    match (tops.first(), tops.last()) {
        (Some(a), Some(b)) if tops.len() > 1 => (a.1 - b.1).abs() / (tops.len() as i32 - 1),
        _ => 0,
    }
}

/// While dragging: when `y` (a pointer's `clientY`) is within 48 px of the
/// top or bottom edge of the scrolling element `id`, scrolls it 16 px that
/// way. Returns how far it scrolled (negative: up), 0 when it did not.
pub fn scroll_near_edge(id: &str, y: i32) -> i32 {
    let Some(el) = document().and_then(|d| d.get_element_by_id(id)) else {
        return 0;
    };
    let r = el.get_bounding_client_rect();
    let y = f64::from(y);
    let step = if y < r.top() + 48.0 {
        -16
    } else if y > r.bottom() - 48.0 {
        16
    } else {
        return 0;
    };
    let before = el.scroll_top();
    el.set_scroll_top(before + step);
    el.scroll_top() - before
}
