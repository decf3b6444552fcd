//! Widgets the panels share: chart axes, controls (slider, number field,
//! reset button) and rich text from the markup.

pub mod axes;
pub mod controls;
pub mod rich;
