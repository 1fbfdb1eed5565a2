//! The wasm entry point of the life-event pages: islands (the merged checklist included) and
//! navigation.

#[cfg(target_arch = "wasm32")]
#[wasm_bindgen::prelude::wasm_bindgen(start)]
pub fn start() {
    swg_app::start();
}
