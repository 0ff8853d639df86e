//! The attachments' cache (Cache Storage) in headless Chromium: files come
//! back with their bytes and type, are counted, and can be forgotten.
#![cfg(target_arch = "wasm32")]

use archipel_app::storage::files;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};

wasm_bindgen_test_configure!(run_in_browser);

const PNG: &[u8] =
    b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x01\0\0\0\x01\x08\x06\0\0\0\x1f\x15\xc4\x89";

async fn bytes_of(blob: &web_sys::Blob) -> Vec<u8> {
    let buffer = JsFuture::from(blob.array_buffer()).await.expect("readable");
    js_sys::Uint8Array::new(buffer.unchecked_ref()).to_vec()
}

#[wasm_bindgen_test]
async fn a_kept_file_comes_back_with_its_bytes_and_type() {
    let hash = "1".repeat(64);
    files::put(&hash, "image/png", PNG).await.expect("kept");
    assert!(files::has(&hash).await.expect("answers"));
    let blob = files::get(&hash).await.expect("reads").expect("kept");
    assert_eq!(blob.type_(), "image/png");
    assert_eq!(bytes_of(&blob).await, PNG);
    assert!(files::get(&"2".repeat(64)).await.expect("reads").is_none());
    files::remove(&hash).await.expect("removed");
}

#[wasm_bindgen_test]
async fn stored_counts_each_kept_file_once_and_remove_forgets() {
    let (a, b, missing) = ("a".repeat(64), "b".repeat(64), "c".repeat(64));
    let text = "Liste du matériel\n".as_bytes();
    files::put(&a, "image/png", PNG).await.expect("kept");
    files::put(&b, "text/plain; charset=utf-8", text)
        .await
        .expect("kept");
    let (count, bytes) = files::stored(&[&a, &b, &missing, &a])
        .await
        .expect("counted");
    assert_eq!((count, bytes), (2, (PNG.len() + text.len()) as u64));

    assert!(files::remove(&a).await.expect("removed"));
    assert!(!files::remove(&a).await.expect("answers"), "already gone");
    assert!(!files::has(&a).await.expect("answers"));
    assert_eq!(
        files::stored(&[&a, &b]).await.expect("counted"),
        (1, text.len() as u64)
    );
    let blob = files::get(&b).await.expect("reads").expect("kept");
    assert!(blob.type_().starts_with("text/plain"), "{}", blob.type_());
    files::remove(&b).await.expect("removed");
}
