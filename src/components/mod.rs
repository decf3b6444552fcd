//! Yew components. Each takes data and `on_*` callbacks as props; none owns
//! app state (that is `app::App`'s reducer). Text comes from `i18n`.

pub mod alternatives;
pub mod axes;
pub mod bandwidth;
pub mod controls;
pub mod deck;
pub mod depreciation;
pub mod explorer;
pub mod ladder;
pub mod lessons;
pub mod memory;
pub mod models;
pub mod overlays;
pub mod power;
pub mod precision;
pub mod quant_demo;
pub mod rentbuy;
pub mod rich;
pub mod sources;
pub mod speed;
pub mod toolbar;
