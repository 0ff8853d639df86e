//! Presentation mode, for the projector: full screen, large type, high
//! contrast, no chrome; arrow keys, PageUp/PageDown (what clickers send) step
//! through the pôles, each enlarged with its panel. The map keeps following
//! the synced collective, so edits made on phones during the meeting appear.

use leptos::prelude::*;

use super::MapCtx;

/// Enters presentation mode on the centre.
pub fn start(map: MapCtx) {
    map.presenting.set(true);
    map.focused.set(None);
    if let Some(root) = document().document_element() {
        // Refused outside a user gesture or in some browsers: the mode still
        // works in the window.
        let _ = root.request_fullscreen();
    }
    request_animation_frame(move || map.step(0));
}

/// Leaves presentation mode.
pub fn stop(map: MapCtx) {
    map.presenting.set(false);
    map.selected.set(None);
    if document().fullscreen_element().is_some() {
        document().exit_fullscreen();
    }
    request_animation_frame(move || map.fit());
}

/// Leaving full screen with the browser's own Escape ends the mode too (the
/// event is fired at the document and bubbles to the window).
pub fn watch_fullscreen(map: MapCtx) {
    let handle = window_event_listener_untyped("fullscreenchange", move |_| {
        if document().fullscreen_element().is_none() && map.presenting.get_untracked() {
            stop(map);
        }
    });
    on_cleanup(move || handle.remove());
}
