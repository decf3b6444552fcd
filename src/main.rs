//! Mounts the app. Everything else lives in the library.
fn main() {
    #[cfg(target_arch = "wasm32")]
    llm_notes_explainer::ui::app::start();
}
