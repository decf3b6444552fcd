//! The ladder's rungs in motion: where each sits, sliding them from where
//! they were to where they are (FLIP, unless the reader prefers reduced
//! motion), the distance between two rungs, and scrolling while a rung is
//! dragged near the window's edge.

use wasm_bindgen::JsCast;
use web_sys::Element;

use crate::ui::web::media::prefers_reduced_motion;
use crate::ui::web::{document, elements};

/// Top of `e` in whole CSS pixels from the top of its offset parent (the
/// list, which CSS positions), ignoring transforms: where layout puts it,
/// not where an animation shows it.
fn layout_top(e: &Element) -> i32 {
    use wasm_bindgen::JsCast;
    e.dyn_ref::<web_sys::HtmlElement>()
        .map_or(0, |h| h.offset_top())
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
