//! The page's address: the location hash (written by `ui::link`), the address
//! without it, and its path.

use super::window;

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
