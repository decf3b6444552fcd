//! Yew and the browser (wasm32 only): the root component, its hooks, the web
//! glue, number formatting through JavaScript, the deck's chrome, shared
//! widgets and one module or folder per panel. Components take data and
//! `on_*` callbacks as props; only `app::App` owns state.

pub mod app;
pub mod chrome;
pub mod hooks;
pub mod link;
pub mod live;
pub mod numfmt;
pub mod panels;
pub mod sync;
pub mod web;
pub mod widgets;
