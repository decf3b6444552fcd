//! What the browser says of the reader: media queries (dark, wide,
//! reduced motion) and the language it prefers.

use super::window;

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
