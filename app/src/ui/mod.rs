//! Widgets shared by the views.

mod empty_view;
mod network;

pub use empty_view::EmptyView;
pub use network::{NetworkStatus, use_online};
