//! Clocks and ids: time since load, wall time, and a random id.

use super::window;

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
