//! The deck's pure logic: the slide registry, the text tables and their
//! markup, the URL route codec, the steps of each slide, the one state with
//! its reducer, and the protocol by which two windows of a deck stay in
//! step. Pure: may import `model`, never the web crates.

pub mod history;
pub mod i18n;
pub mod live;
pub mod markup;
pub mod panels;
pub mod qr;
pub mod route;
pub mod slides;
pub mod state;
pub mod steps;
pub mod sync;
pub mod text_format;
