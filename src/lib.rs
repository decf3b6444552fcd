//! An interactive, bilingual explainer of a set of notes on large language
//! models (August 2024), rendered by Yew.
//!
//! Pure modules (no web dependencies, tested natively): `text_format`, `i18n`,
//! `markup`, `slides`, `takeaways`, `route`, `state`, and the models. Browser glue: `web`. Components:
//! `app` (the root, owner of the state) and `components`. See ARCHITECTURE.md.

pub mod chart;
pub mod chips;
pub mod depreciation;
pub mod economics;
pub mod formats;
pub mod i18n;
pub mod interconnect;
pub mod ladder;
pub mod markup;
pub mod memory;
pub mod perf;
pub mod precision;
pub mod quant;
pub mod route;
pub mod slides;
pub mod sort;
pub mod state;
pub mod takeaways;
pub mod text_format;

#[cfg(target_arch = "wasm32")]
pub mod app;
#[cfg(target_arch = "wasm32")]
pub mod components;
#[cfg(target_arch = "wasm32")]
pub mod numfmt;
#[cfg(target_arch = "wasm32")]
pub mod web;
