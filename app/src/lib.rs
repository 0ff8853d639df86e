//! Archipel's app: a Leptos client-side app compiled to WebAssembly.
//!
//! Every record lives on the device (IndexedDB) so the app works with no
//! network; the [`sync`] module owns all traffic with the server.
//! The app is grouped by feature:
//!
//! - [`shell`] — the frame around every view: navigation, network status, routes.
//! - [`cartography`], [`governance`], [`kits`], [`territory`], [`settings`] — one module per view.
//! - [`ui`] — widgets shared by the views.
//! - [`i18n`] — the one translation layer (Fluent files in `locales/`).
//! - [`storage`] — the device's database; nothing else touches IndexedDB.
//! - [`sync`] — the server: join, push, pull, live pokes; the device's copy of the collective.

pub mod cartography;
pub mod governance;
pub mod i18n;
pub mod join;
pub mod kits;
pub mod settings;
pub mod shell;
pub mod storage;
pub mod sync;
pub mod territory;
pub mod ui;

/// Mounts the app on the page's `<body>` and registers the service worker
/// that lets it start with no network.
pub fn mount() {
    console_error_panic_hook::set_once();
    register_service_worker();
    leptos::mount::mount_to_body(shell::App);
}

/// Registers `/sw.js` (generated at build time with the exact files of the build).
fn register_service_worker() {
    let Some(window) = web_sys::window() else {
        return;
    };
    let navigator = window.navigator();
    // Browsers without service workers (or insecure origins) simply stay online-only.
    if !js_sys::Reflect::has(
        &navigator,
        &wasm_bindgen::JsValue::from_str("serviceWorker"),
    )
    .unwrap_or(false)
    {
        return;
    }
    let _ = navigator.service_worker().register("/sw.js");
}
