//! The deck's pure logic: the slide registry, the text tables and their
//! markup, the URL route codec, the steps of each slide, and the one state with its reducer. Pure: may
//! import `model`, never the web crates.

pub mod i18n;
pub mod markup;
pub mod panels;
pub mod route;
pub mod slides;
pub mod state;
pub mod steps;
pub mod text_format;
