//! The panic banner, written with plain DOM calls so it works after the
//! app has died, and the hook that shows it.

use super::document;
use crate::deck::i18n::TextLang;

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
