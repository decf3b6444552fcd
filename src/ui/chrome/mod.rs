//! The deck's chrome: the slide frame (title, notes, context), the pager,
//! the link notice, speaker notes, the toolbar, the overlays and the
//! presenter window.

pub mod deck;
pub mod handout;
pub mod overlays;
pub mod presenter;
pub mod toolbar;
