//! Widgets the panels share: chart axes, controls (slider, number field,
//! reset button), rich text from the markup and the QR code of a link.

pub mod axes;
pub mod controls;
pub mod qr;
pub mod rich;
