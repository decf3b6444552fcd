//! The deck's chrome: the slide frame (title, notes, context), the pager,
//! the link notice, speaker notes, the toolbar and the overlays.

pub mod deck;
pub mod overlays;
pub mod toolbar;
