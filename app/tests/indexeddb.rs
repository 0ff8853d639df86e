//! The local database in a real IndexedDB, in headless Chromium
//! (`cargo xtask test` runs this with `wasm-bindgen-test-runner`).
#![cfg(target_arch = "wasm32")]

use archipel_app::storage::{Collection, LocalDb};
use serde::{Deserialize, Serialize};
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};

wasm_bindgen_test_configure!(run_in_browser);

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
struct Pole {
    name: String,
    purpose: Vec<String>,
    referents: Vec<String>,
}

fn lumiere() -> Pole {
    Pole {
        name: "LUMIÈRE".to_owned(),
        purpose: vec!["Faire connaître les actions du collectif".to_owned()],
        referents: vec!["Claire".to_owned(), "Yann".to_owned()],
    }
}

#[wasm_bindgen_test]
async fn a_record_is_written_read_updated_and_deleted() {
    let db = LocalDb::open_named("archipel-test-crud")
        .await
        .expect("opens");
    let key = "0193a6c2-7f00-7000-8000-000000000001";

    db.put(Collection::Records, key, &lumiere())
        .await
        .expect("writes");
    let read: Option<Pole> = db.get(Collection::Records, key).await.expect("reads");
    assert_eq!(read, Some(lumiere()));

    let mut renamed = lumiere();
    renamed.name = "LUMIÈRE · communication".to_owned();
    db.put(Collection::Records, key, &renamed)
        .await
        .expect("updates");
    let read: Option<Pole> = db.get(Collection::Records, key).await.expect("reads");
    assert_eq!(read, Some(renamed));
    assert_eq!(db.count(Collection::Records).await.expect("counts"), 1);

    db.delete(Collection::Records, key).await.expect("deletes");
    let read: Option<Pole> = db.get(Collection::Records, key).await.expect("reads");
    assert_eq!(read, None);
    assert_eq!(db.count(Collection::Records).await.expect("counts"), 0);
    db.close();
}

#[wasm_bindgen_test]
async fn records_survive_closing_and_reopening_the_database() {
    let name = "archipel-test-reopen";
    let db = LocalDb::open_named(name).await.expect("opens");
    db.put(Collection::Meta, "device", &"téléphone de Claire")
        .await
        .expect("writes");
    db.close();

    let reopened = LocalDb::open_named(name).await.expect("reopens");
    let device: Option<String> = reopened
        .get(Collection::Meta, "device")
        .await
        .expect("reads");
    assert_eq!(device.as_deref(), Some("téléphone de Claire"));
    reopened
        .delete(Collection::Meta, "device")
        .await
        .expect("cleans up");
    reopened.close();
}

#[wasm_bindgen_test]
async fn a_record_of_another_shape_is_a_decode_error_not_a_panic() {
    let db = LocalDb::open_named("archipel-test-decode")
        .await
        .expect("opens");
    db.put(Collection::Records, "odd", &42_u32)
        .await
        .expect("writes");
    let read = db.get::<Pole>(Collection::Records, "odd").await;
    assert!(
        matches!(read, Err(archipel_app::storage::StorageError::Decode(_))),
        "{read:?}"
    );
    db.delete(Collection::Records, "odd")
        .await
        .expect("cleans up");
    db.close();
}
