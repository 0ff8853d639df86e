//! Attachments over real HTTP on both engines: stored once under the hash of
//! their bytes, served back identical with headers that keep them inert,
//! refused with the core's words when too large or of a type a browser could
//! run, never readable from another collective.

#[macro_use]
mod support;

use archipel_core::files::MAX_BYTES;
use serde_json::Value as Json;
use support::{Engine, Server};

const PNG: &[u8] =
    b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x01\0\0\0\x01\x08\x06\0\0\0\x1f\x15\xc4\x89";

/// Posts `bytes` to `/api/files` as `name`; returns (status, JSON body).
async fn upload(server: &Server, token: &str, bytes: Vec<u8>, name: &str) -> (u16, Json) {
    let response = server
        .http
        .post(server.url("/api/files"))
        .bearer_auth(token)
        .header("X-File-Name", name)
        .body(bytes)
        .send()
        .await
        .expect("answered");
    let status = response.status().as_u16();
    (status, response.json().await.unwrap_or(Json::Null))
}

async fn stored_files(server: &Server, collective: archipel_core::Id) -> usize {
    server
        .state
        .hub
        .storage()
        .files(collective)
        .await
        .expect("listed")
        .len()
}

async fn a_file_comes_back_byte_for_byte_with_inert_headers(engine: Engine) {
    let server = Server::start(engine).await;
    let admin = server.admin().await;
    let (status, file) = upload(
        &server,
        &admin.token,
        PNG.to_vec(),
        "affiche%20%C3%A9t%C3%A9.png",
    )
    .await;
    assert_eq!(status, 201, "{file}");
    assert_eq!(file["content_type"], "image/png");
    assert_eq!(file["size"], PNG.len());
    assert_eq!(file["name"], "affiche été.png");
    let hash = file["hash"].as_str().expect("hash");
    assert!(archipel_core::files::is_hash(hash), "{hash}");

    // A guest reads it too: kits are readable by guests.
    let guest = server.member(&admin, "guest", "Invité").await;
    let response = server
        .http
        .get(server.url(&format!("/api/files/{hash}")))
        .bearer_auth(&guest.token)
        .send()
        .await
        .expect("answered");
    assert_eq!(response.status().as_u16(), 200);
    let header = |name: &str| {
        response
            .headers()
            .get(name)
            .and_then(|value| value.to_str().ok())
            .unwrap_or("")
            .to_owned()
    };
    assert_eq!(header("content-type"), "image/png");
    assert_eq!(header("x-content-type-options"), "nosniff");
    assert_eq!(
        header("cache-control"),
        "private, max-age=31536000, immutable"
    );
    assert_eq!(header("content-security-policy"), "sandbox");
    assert_eq!(header("content-disposition"), "inline");
    assert_eq!(response.bytes().await.expect("bytes").as_ref(), PNG);

    // Text is served as UTF-8.
    let (status, text) = upload(&server, &admin.token, "Liste du matériel\n".into(), "").await;
    assert_eq!((status, text["name"].as_str()), (201, Some("fichier")));
    let response = server
        .http
        .get(server.url(&format!(
            "/api/files/{}",
            text["hash"].as_str().expect("hash")
        )))
        .bearer_auth(&admin.token)
        .send()
        .await
        .expect("answered");
    assert_eq!(
        response.headers().get("content-type").map(|v| v.as_bytes()),
        Some(&b"text/plain; charset=utf-8"[..])
    );
    assert_eq!(response.text().await.expect("text"), "Liste du matériel\n");
    server.stop().await;
}

async fn the_same_bytes_twice_are_one_file(engine: Engine) {
    let server = Server::start(engine).await;
    let admin = server.admin().await;
    let member = server.member(&admin, "member", "Marie").await;
    let (first, one) = upload(&server, &admin.token, PNG.to_vec(), "a.png").await;
    let (second, two) = upload(&server, &member.token, PNG.to_vec(), "b.png").await;
    assert_eq!((first, second), (201, 200));
    assert_eq!(one["hash"], two["hash"]);
    assert_eq!(two["name"], "b.png", "the name is the uploader's");
    assert_eq!(stored_files(&server, admin.collective).await, 1);
    server.stop().await;
}

async fn a_file_over_the_limit_is_refused_with_its_size_and_nothing_is_stored(engine: Engine) {
    let server = Server::start(engine).await;
    let admin = server.admin().await;
    let mut big = b"%PDF-1.7\n".to_vec();
    big.resize(12_897_485, b'a');
    let (status, body) = upload(&server, &admin.token, big, "gros.pdf").await;
    assert_eq!(status, 413, "{body}");
    assert_eq!(body["code"], "file_too_large");
    assert_eq!(
        body["message_fr"],
        "Le fichier fait 12,3 Mo ; la limite est de 10,0 Mo."
    );
    assert_eq!(
        body["message_en"],
        "The file is 12.3 MB; the limit is 10.0 MB."
    );
    assert_eq!(body["message"], body["message_fr"]);

    // Just over the limit, and a 50 MB body announced by its Content-Length:
    // the same typed JSON answer, never axum's plain-text one.
    let limit = usize::try_from(MAX_BYTES).expect("fits");
    let (status, body) = upload(&server, &admin.token, vec![b'a'; limit + 1], "x.txt").await;
    assert_eq!(
        (status, body["code"].as_str()),
        (413, Some("file_too_large"))
    );
    let (status, body) = upload(&server, &admin.token, vec![b'a'; 50 * 1024 * 1024], "x.txt").await;
    assert_eq!(
        (status, body["code"].as_str()),
        (413, Some("file_too_large")),
        "{body}"
    );
    assert!(
        body["message_fr"]
            .as_str()
            .unwrap_or("")
            .contains("50,0 Mo"),
        "{body}"
    );

    // Exactly at the limit is accepted.
    let (status, body) = upload(&server, &admin.token, vec![b'a'; limit], "x.txt").await;
    assert_eq!(status, 201, "{body}");
    assert_eq!(stored_files(&server, admin.collective).await, 1);
    server.stop().await;
}

async fn markup_and_empty_files_are_refused(engine: Engine) {
    let server = Server::start(engine).await;
    let admin = server.admin().await;
    for markup in [
        &b"<svg xmlns='http://www.w3.org/2000/svg'><script>alert(1)</script></svg>"[..],
        b"<!DOCTYPE html><html><script>alert(1)</script>",
        b"PK\x03\x04\0\0binary",
    ] {
        let (status, body) = upload(&server, &admin.token, markup.to_vec(), "x.pdf").await;
        assert_eq!(status, 415, "{body}");
        assert_eq!(body["code"], "file_type_unsupported");
        assert!(
            body["message_fr"]
                .as_str()
                .unwrap_or("")
                .contains("PDF, PNG, JPEG, WebP, GIF, texte")
        );
    }
    let (status, body) = upload(&server, &admin.token, Vec::new(), "vide.txt").await;
    assert_eq!((status, body["code"].as_str()), (400, Some("file_empty")));
    assert_eq!(stored_files(&server, admin.collective).await, 0);
    server.stop().await;
}

async fn guests_cannot_upload_and_strangers_cannot_read(engine: Engine) {
    let server = Server::start(engine).await;
    let admin = server.admin().await;
    let guest = server.member(&admin, "guest", "Invité").await;
    let (status, body) = upload(&server, &guest.token, PNG.to_vec(), "a.png").await;
    assert_eq!((status, body["code"].as_str()), (403, Some("forbidden")));
    assert!(body["message_fr"].is_string() && body["message_en"].is_string());
    assert_eq!(stored_files(&server, admin.collective).await, 0);
    let (status, body) = upload(&server, "not-a-token", PNG.to_vec(), "a.png").await;
    assert_eq!((status, body["code"].as_str()), (401, Some("unauthorized")));

    let (_, file) = upload(&server, &admin.token, PNG.to_vec(), "a.png").await;
    let hash = file["hash"].as_str().expect("hash").to_owned();

    // Another collective on the same server: its admin cannot read the file.
    let other = server
        .state
        .hub
        .create_collective(Some("Autre collectif"))
        .await
        .expect("created");
    let (invite, _) = archipel_server::api::create_invite_row(
        &server.state,
        other,
        archipel_core::Access::Admin,
        1,
        1,
        None,
    )
    .await
    .expect("invite");
    let stranger = server.join(&invite, "Autre").await;
    assert_eq!(stranger.collective, other);
    let (status, body) = server
        .get(&format!("/api/files/{hash}"), Some(&stranger.token))
        .await;
    assert_eq!(
        (status, body["code"].as_str()),
        (404, Some("file_not_found"))
    );
    // Uploading the same bytes there stores that collective's own copy.
    let (status, _) = upload(&server, &stranger.token, PNG.to_vec(), "a.png").await;
    assert_eq!(status, 201);

    for bad in ["abc", &hash.to_uppercase(), "..%2F..%2Fetc%2Fpasswd"] {
        let (status, body) = server
            .get(&format!("/api/files/{bad}"), Some(&admin.token))
            .await;
        assert_eq!(
            (status, body["code"].as_str()),
            (400, Some("invalid_hash")),
            "{bad}"
        );
    }
    let (status, body) = server
        .get(
            &format!("/api/files/{}", "0".repeat(64)),
            Some(&admin.token),
        )
        .await;
    assert_eq!(
        (status, body["code"].as_str()),
        (404, Some("file_not_found"))
    );
    let (status, _) = server.get(&format!("/api/files/{hash}"), None).await;
    assert_eq!(status, 401);
    server.stop().await;
}

on_both_engines!(
    a_file_comes_back_byte_for_byte_with_inert_headers,
    the_same_bytes_twice_are_one_file,
    a_file_over_the_limit_is_refused_with_its_size_and_nothing_is_stored,
    markup_and_empty_files_are_refused,
    guests_cannot_upload_and_strangers_cannot_read,
);
