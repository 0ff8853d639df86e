//! Archipel's app: a Leptos client-side app compiled to WebAssembly.
//!
//! Every record lives on the device (IndexedDB) so the app works with no
//! network; the [`sync`] module owns all traffic with the server.
//! The app is grouped by feature:
//!
//! - [`shell`] — the frame around every view: navigation, network status, routes.
//! - [`cartography`], [`governance`], [`kits`], [`territory`], [`settings`] — one module per view.
//! - [`search`] — the global search box (Ctrl/Cmd+K) over every record.
//! - [`ui`] — widgets shared by the views.
//! - [`i18n`] — the one translation layer (Fluent files in `locales/`).
//! - [`storage`] — the device's database; nothing else touches IndexedDB.
//! - [`pwa`] — service worker, updates, persistent storage, install prompt.
//! - [`sync`] — the server: join, push, pull, live pokes; the device's copy of the collective.

pub mod cartography;
pub mod governance;
pub mod i18n;
pub mod join;
pub mod kits;
pub mod pwa;
pub mod search;
pub mod settings;
pub mod shell;
pub mod storage;
pub mod sync;
pub mod territory;
pub mod ui;

/// Mounts the app on the page's `<body>`.
pub fn mount() {
    console_error_panic_hook::set_once();
    ui::install_browser_decomposition();
    leptos::mount::mount_to_body(shell::App);
}
