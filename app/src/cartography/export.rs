//! The map as files: a standalone SVG sized for A4 or A3 paper, and a PNG of
//! it at 150 dpi. Both are made from the map on screen (today's or the
//! timeline's past one), framed on the whole collective whatever the zoom.

use crate::move_tr;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

use super::{MapCtx, today, use_map};
use crate::ui::{download_blob, download_text, fixed, shortest};

/// The rules the exported file needs to look like the screen (the page's
/// stylesheet does not travel with it).
const EXPORT_CSS: &str = "
.links line{stroke:#5b6770;stroke-width:2;stroke-dasharray:6 4}
.node .disc{stroke:#1d2a30;stroke-width:2}
.node .name{font-family:system-ui,sans-serif;font-weight:700}
.node .referents{font-family:system-ui,sans-serif}
.node .health circle{fill:#fff;stroke:#b00020;stroke-width:2}
.node .health text{fill:#b00020;font-family:system-ui,sans-serif;font-weight:700}
.node .served{font-family:system-ui,sans-serif;fill:#1d2a30}
";

/// Sheet sizes in millimetres, landscape.
fn paper(size: &str) -> (f64, f64) {
    if size == "a3" {
        (420.0, 297.0)
    } else {
        (297.0, 210.0)
    }
}

/// The map as a standalone SVG document for `size` paper.
fn svg_document(map: MapCtx, size: &str) -> Option<String> {
    let live = document().query_selector("svg.map").ok()??;
    let copy = live.clone_node_with_deep(true).ok()?;
    let copy: web_sys::Element = copy.dyn_into().ok()?;
    let bounds = map.model.with_untracked(|model| model.bounds);
    let margin = 40.0;
    let (x, y) = (bounds.min_x - margin, bounds.min_y - margin);
    let (w, h) = (
        bounds.max_x - bounds.min_x + 2.0 * margin,
        bounds.max_y - bounds.min_y + 2.0 * margin,
    );
    let (long, short) = paper(size);
    let (width, height) = if w >= h { (long, short) } else { (short, long) };
    copy.set_attribute("xmlns", "http://www.w3.org/2000/svg")
        .ok()?;
    let view_box = [x, y, w, h].map(|side| fixed(side, 0)).join(" ");
    copy.set_attribute("viewBox", &view_box).ok()?;
    copy.set_attribute("width", &format!("{}mm", shortest(width)))
        .ok()?;
    copy.set_attribute("height", &format!("{}mm", shortest(height)))
        .ok()?;
    copy.set_attribute("class", "map detailed").ok()?;
    if let Some(layer) = copy.query_selector(".map-layer").ok()? {
        layer.remove_attribute("style").ok()?;
    }
    let style = document()
        .create_element_ns(Some("http://www.w3.org/2000/svg"), "style")
        .ok()?;
    style.set_text_content(Some(EXPORT_CSS));
    copy.prepend_with_node_1(&style).ok()?;
    let serializer = web_sys::XmlSerializer::new().ok()?;
    let text = serializer.serialize_to_string(&copy).ok()?;
    Some(format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n{text}\n"
    ))
}

fn file_name(map: MapCtx, extension: &str) -> String {
    let when = if map.past.with_untracked(Option::is_some) {
        "passee".to_owned()
    } else {
        today().to_string()
    };
    format!("archipel-carte-{when}.{extension}")
}

/// Renders the SVG into a canvas at 150 dpi and offers the PNG.
async fn png(map: MapCtx, svg: String, size: &str) -> Option<()> {
    let (long, short) = paper(size);
    let dots = |mm: f64| (mm / 25.4 * 150.0).round() as u32;
    let parts = js_sys::Array::of1(&wasm_bindgen::JsValue::from_str(&svg));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type("image/svg+xml");
    let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options).ok()?;
    let url = web_sys::Url::create_object_url_with_blob(&blob).ok()?;
    let image = web_sys::HtmlImageElement::new().ok()?;
    image.set_src(&url);
    let decoded = wasm_bindgen_futures::JsFuture::from(image.decode()).await;
    let _ = web_sys::Url::revoke_object_url(&url);
    decoded.ok()?;
    let (width, height) = if image.natural_width() >= image.natural_height() {
        (dots(long), dots(short))
    } else {
        (dots(short), dots(long))
    };
    let canvas: web_sys::HtmlCanvasElement =
        document().create_element("canvas").ok()?.dyn_into().ok()?;
    canvas.set_width(width);
    canvas.set_height(height);
    let context: web_sys::CanvasRenderingContext2d =
        canvas.get_context("2d").ok()??.dyn_into().ok()?;
    context.set_fill_style_str("#ffffff");
    context.fill_rect(0.0, 0.0, f64::from(width), f64::from(height));
    context
        .draw_image_with_html_image_element_and_dw_and_dh(
            &image,
            0.0,
            0.0,
            f64::from(width),
            f64::from(height),
        )
        .ok()?;
    let (sender, receiver) = futures::channel::oneshot::channel();
    let callback = wasm_bindgen::closure::Closure::once(move |blob: Option<web_sys::Blob>| {
        let _ = sender.send(blob);
    });
    canvas
        .to_blob_with_type(callback.as_ref().unchecked_ref(), "image/png")
        .ok()?;
    let blob = receiver.await.ok()??;
    download_blob(&file_name(map, "png"), &blob);
    Some(())
}

/// Paper size and the two export buttons.
#[component]
pub fn ExportMenu() -> impl IntoView {
    let map = use_map();
    let size = RwSignal::new("a4".to_owned());
    let failed = RwSignal::new(false);
    let export_svg = move |_| match svg_document(map, &size.get_untracked()) {
        Some(svg) => {
            failed.set(false);
            download_text(&file_name(map, "svg"), "image/svg+xml", &svg);
        }
        None => failed.set(true),
    };
    let export_png = move |_| {
        let paper = size.get_untracked();
        match svg_document(map, &paper) {
            Some(svg) => leptos::task::spawn_local(async move {
                failed.set(png(map, svg, &paper).await.is_none());
            }),
            None => failed.set(true),
        }
    };
    view! {
        <div class="export">
            <label for="export-paper" class="visually-hidden">{move_tr!("export-paper")}</label>
            <select id="export-paper" on:change=move |event| size.set(event_target_value(&event))>
                <option value="a4">"A4"</option>
                <option value="a3">"A3"</option>
            </select>
            <button type="button" on:click=export_svg>{move_tr!("export-svg")}</button>
            <button type="button" on:click=export_png>{move_tr!("export-png")}</button>
            <Show when=move || failed.get()>
                <p class="problem" role="alert">{move_tr!("export-failed")}</p>
            </Show>
        </div>
    }
}
