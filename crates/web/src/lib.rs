//! The wasm entry point: hydrates the pre-rendered page into the single-page app.

#[cfg(target_arch = "wasm32")]
#[wasm_bindgen::prelude::wasm_bindgen(start)]
pub fn start() {
    swg_app::hydrate();
}
