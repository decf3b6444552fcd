//! Widgets the panels share: chart axes, controls (slider, number field,
//! reset button), rich text from the markup, the QR code of a link and a
//! data table in its scroll region.

pub mod axes;
pub mod controls;
pub mod qr;
pub mod rich;
pub mod table;
