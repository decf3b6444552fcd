//! An interactive, bilingual explainer of a set of notes on large language
//! models (August 2024), rendered by Yew.
//!
//! Three layers, each a folder (see ARCHITECTURE.md):
//! - [`model`]: everything that computes, pure;
//! - [`deck`]: the pure deck logic (slides, route codec, state, text);
//! - `ui` (wasm32 only): Yew components and the browser glue.
//!
//! The web crates (yew, web-sys, js-sys, gloo) are wasm32-only dependencies,
//! so `model` and `deck` cannot import them: the native build would fail.

pub mod deck;
pub mod model;

#[cfg(target_arch = "wasm32")]
pub mod ui;
