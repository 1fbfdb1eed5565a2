//! The wasm entry point: takes over the pre-rendered page (islands, client-side navigation).

#[cfg(target_arch = "wasm32")]
#[wasm_bindgen::prelude::wasm_bindgen(start)]
pub fn start() {
    swg_app::start();
}
