//! `localStorage` (the remembered settings, under one prefix) and
//! `sessionStorage`. A browser that refuses storage stores nothing.

use web_sys::Storage;

use super::window;

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
