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

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
struct Counter {
    next: u64,
}

#[wasm_bindgen_test]
async fn concurrent_updates_never_hand_out_the_same_number() {
    use archipel_app::storage::{Write, seq_key};
    let db = LocalDb::open_named("archipel-test-update")
        .await
        .expect("opens");
    db.write(vec![
        Write::put(Collection::Meta, "counter", &Counter { next: 1 }).expect("encodes"),
    ])
    .await
    .expect("writes");
    let take = |label: &'static str| {
        let db = &db;
        async move {
            db.update(
                "counter",
                &[Collection::Pending],
                |counter: &mut Counter| {
                    let mine = counter.next;
                    counter.next += 1;
                    Ok(vec![Write::put(
                        Collection::Pending,
                        seq_key(mine),
                        &label,
                    )?])
                },
            )
            .await
            .expect("updates")
            .next
                - 1
        }
    };
    let (a, b, c) = futures::join!(take("a"), take("b"), take("c"));
    let mut numbers = vec![a, b, c];
    numbers.sort_unstable();
    assert_eq!(numbers, vec![1, 2, 3]);
    let stored: Vec<String> = db.get_all(Collection::Pending).await.expect("reads");
    assert_eq!(stored.len(), 3, "each number kept its own write");
    db.write(vec![
        Write::Clear(Collection::Pending),
        Write::Delete(Collection::Meta, "counter".into()),
    ])
    .await
    .expect("cleans up");
    db.close();
}

#[wasm_bindgen_test]
async fn a_batch_is_stored_whole_or_not_at_all() {
    use archipel_app::storage::Write;
    let db = LocalDb::open_named("archipel-test-batch")
        .await
        .expect("opens");
    // A function cannot be stored in IndexedDB: the second write fails, so the first must not stay.
    let function = js_sys::Function::new_no_args("return 1");
    let failed = db
        .write(vec![
            Write::put(Collection::Pending, "00000000000000000001", &lumiere()).expect("encodes"),
            Write::Put(Collection::Meta, "broken".into(), function.into()),
        ])
        .await;
    assert!(failed.is_err());
    assert_eq!(db.count(Collection::Pending).await.expect("counts"), 0);
    db.write(vec![
        Write::put(Collection::Pending, "00000000000000000001", &lumiere()).expect("encodes"),
        Write::put(Collection::Meta, "session", &"s").expect("encodes"),
    ])
    .await
    .expect("writes");
    assert_eq!(db.count(Collection::Pending).await.expect("counts"), 1);
    let all: Vec<Pole> = db.get_all(Collection::Pending).await.expect("reads");
    assert_eq!(all, vec![lumiere()]);
    db.write(vec![
        Write::Clear(Collection::Pending),
        Write::Clear(Collection::Meta),
    ])
    .await
    .expect("cleans up");
    db.close();
}
