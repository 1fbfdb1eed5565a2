//! The wasm entry point of one form page: its form's island (the feature it is built with).

#[cfg(target_arch = "wasm32")]
#[wasm_bindgen::prelude::wasm_bindgen(start)]
pub fn start() {
    swg_app::start();
}
