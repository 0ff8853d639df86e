//! Widgets shared by the views.

mod download;
mod empty_view;
mod fold;
mod network;
mod number;
mod sync_badge;

pub use download::{download_blob, download_text};
pub use empty_view::EmptyView;
pub use fold::{browser_decompose, install_browser_decomposition};
pub use network::{NetworkStatus, use_online};
pub use number::{fixed, shortest};
pub use sync_badge::{SyncBadge, clock};
