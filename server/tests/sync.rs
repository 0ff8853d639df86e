//! Sync over real HTTP, each test on SQLite and on PostgreSQL: joining, pushing, pulling,
//! conflicts, live pokes, guard rails, restarts.

#[macro_use]
mod support;

use std::time::Duration;

use archipel_core::{Change, Id, Kind, Value};
use serde_json::{Value as Json, json};
use support::{Engine, Server, code, outcome};

fn place(id: Id, name: &str) -> Change {
    Change::create(
        Kind::Place,
        id,
        [
            ("name", Value::text(name)),
            ("lat", Value::degrees(45.75)),
            ("lon", Value::degrees(4.85)),
        ],
    )
}

fn new_id() -> Id {
    archipel_server::secrets::new_id()
}

/// The id of the demo pôle called `name`.
async fn pole_named(server: &Server, client: &support::Client, name: &str) -> Id {
    let (records, _, _) = client.pull_all(server, 0, 2_000).await;
    records
        .iter()
        .find(|record| record["kind"] == "pole" && record["values"][0]["text"] == name)
        .and_then(|record| record["id"].as_str())
        .and_then(|id| id.parse().ok())
        .unwrap_or_else(|| panic!("no pôle {name}"))
}

async fn first_start_creates_the_demo_and_a_single_use_admin_invite(engine: Engine) {
    let server = Server::start(engine).await;
    assert!(
        server.admin_join.starts_with("/rejoindre#"),
        "{}",
        server.admin_join
    );
    let (status, info) = server
        .post(
            "/api/invites/inspect",
            json!({"token": server.admin_token()}),
            None,
        )
        .await;
    assert_eq!(status, 200);
    assert_eq!(info["access"], "admin");
    assert_eq!(info["uses_left"], 1);
    let admin = server.admin().await;
    let (status, me) = server.get("/api/me", Some(&admin.token)).await;
    assert_eq!(status, 200);
    assert_eq!(me["access"], "admin");
    assert_eq!(me["display_name"], "Hugues");
    let (records, _, _) = admin.pull_all(&server, 0, 2_000).await;
    assert!(
        records
            .iter()
            .filter(|record| record["kind"] == "pole")
            .count()
            >= 20
    );
    // The invitation is used up now.
    let (status, body) = server
        .post(
            "/api/join",
            json!({"token": server.admin_token(), "display_name": "Autre", "client_id": new_id()}),
            None,
        )
        .await;
    assert_eq!(
        (status, body["code"].as_str()),
        (410, Some("invite_used_up"))
    );
    server.stop().await;
}

async fn invites_that_are_unknown_expired_or_beyond_ones_rights_are_refused_clearly(
    engine: Engine,
) {
    let server = Server::start(engine).await;
    let admin = server.admin().await;
    let (status, body) = server
        .post("/api/invites/inspect", json!({"token": "nope"}), None)
        .await;
    assert_eq!(
        (status, body["code"].as_str()),
        (404, Some("invite_unknown"))
    );

    // An invitation that expired an hour ago.
    let token = archipel_server::secrets::new_token();
    let hash = archipel_server::secrets::hash(&token);
    let expired = archipel_server::storage::rows::InviteRow {
        id: new_id(),
        collective: admin.collective,
        access: archipel_core::Access::Member,
        expires_at: archipel_server::secrets::now_millis() - 3_600_000,
        max_uses: 5,
        uses: 0,
        revoked: false,
    };
    server
        .state
        .hub
        .storage()
        .insert_invite(expired, hash, None, "2026-01-01".to_owned())
        .await
        .expect("stored");
    let (status, body) = server
        .post(
            "/api/join",
            json!({"token": token, "display_name": "Léa", "client_id": new_id()}),
            None,
        )
        .await;
    assert_eq!(
        (status, body["code"].as_str()),
        (410, Some("invite_expired"))
    );

    let facilitator = server.member(&admin, "facilitator", "Marie").await;
    let (status, body) = server
        .post(
            "/api/invites",
            json!({"access": "admin"}),
            Some(&facilitator.token),
        )
        .await;
    assert_eq!((status, body["code"].as_str()), (403, Some("forbidden")));
    let member = server.member(&admin, "member", "Julia").await;
    let (status, _) = server
        .post(
            "/api/invites",
            json!({"access": "guest"}),
            Some(&member.token),
        )
        .await;
    assert_eq!(status, 403);
    let (status, body) = server
        .post(
            "/api/invites",
            json!({"access": "guest", "max_uses": 0}),
            Some(&facilitator.token),
        )
        .await;
    assert_eq!(
        (status, body["code"].as_str()),
        (422, Some("invalid_max_uses"))
    );
    // A mapping-party invitation for 30 guests.
    let party = server.invite(&facilitator, "guest", 30).await;
    let guest = server.join(&party, "Invité·e").await;
    assert_eq!(guest.person, None, "guests get no directory entry");
    server.stop().await;
}

async fn pushes_are_exactly_once_whatever_the_replays(engine: Engine) {
    let server = Server::start(engine).await;
    let mut admin = server.admin().await;
    let ops: Vec<_> = (0..5)
        .map(|n| admin.op(place(new_id(), &format!("Lieu {n}"))))
        .collect();
    let (status, first) = admin.push_ops(&server, &ops).await;
    assert_eq!(status, 200);
    let first: Vec<Json> = first["results"].as_array().cloned().unwrap_or_default();
    assert!(
        first.iter().all(|result| outcome(result) == "applied"),
        "{first:?}"
    );
    let (before, _, version) = admin.pull_all(&server, 0, 2_000).await;
    // The same batch again, then in reverse, then a prefix: nothing new happens.
    for replay in [
        ops.clone(),
        ops.iter().rev().cloned().collect(),
        ops[..2].to_vec(),
    ] {
        let (status, body) = admin.push_ops(&server, &replay).await;
        assert_eq!(status, 200);
        for result in body["results"].as_array().into_iter().flatten() {
            assert_eq!(
                outcome(result),
                "applied",
                "a replay answers the first outcome"
            );
        }
    }
    let (after, _, again) = admin.pull_all(&server, 0, 2_000).await;
    assert_eq!((before.len(), version), (after.len(), again));
    server.stop().await;
}

async fn a_gap_is_reported_and_filled_by_resending(engine: Engine) {
    let server = Server::start(engine).await;
    let mut admin = server.admin().await;
    let first = admin.op(place(new_id(), "Ressourcerie"));
    let second = admin.op(place(new_id(), "Repair café"));
    let (_, body) = admin.push_ops(&server, std::slice::from_ref(&second)).await;
    assert_eq!(body["results"][0]["outcome"], "out_of_order");
    assert_eq!(body["results"][0]["expected"], first.seq);
    let (_, body) = admin.push_ops(&server, &[first, second]).await;
    let results = body["results"].as_array().cloned().unwrap_or_default();
    assert_eq!(
        results.iter().map(outcome).collect::<Vec<_>>(),
        ["applied", "applied"]
    );
    server.stop().await;
}

async fn each_role_is_judged_over_the_wire_and_refusals_carry_code_and_messages(engine: Engine) {
    let server = Server::start(engine).await;
    let admin = server.admin().await;
    let lumiere = pole_named(&server, &admin, "LUMIÈRE").await;
    let collective = admin.collective;
    let mut guest = server.member(&admin, "guest", "Invité").await;
    let mut member = server.member(&admin, "member", "Julia").await;
    let mut facilitator = server.member(&admin, "facilitator", "Marie").await;
    let mut admin = admin;

    let task = |title: &str| Change::create(Kind::Task, new_id(), [("title", Value::text(title))]);
    let rename = |name: &str| Change::set(lumiere, "name", Value::text(name), 0);
    let charter = |text: &str| Change::set(collective, "charter", Value::text(text), 0);

    let results = guest
        .push(
            &server,
            vec![place(new_id(), "Jardin"), task("Affiches"), rename("X")],
        )
        .await;
    assert_eq!(
        results.iter().map(outcome).collect::<Vec<_>>(),
        ["applied", "refused", "refused"]
    );
    assert_eq!(code(&results[1]), "forbidden");
    assert!(
        results[1]["message_fr"]
            .as_str()
            .unwrap_or("")
            .contains("rôle")
    );
    assert!(
        results[1]["message_en"]
            .as_str()
            .unwrap_or("")
            .contains("role")
    );

    let results = member
        .push(&server, vec![task("Affiches"), rename("X")])
        .await;
    assert_eq!(
        results.iter().map(outcome).collect::<Vec<_>>(),
        ["applied", "refused"]
    );

    let results = facilitator
        .push(
            &server,
            vec![rename("LUMIÈRE · comm"), charter("Nouvelle charte")],
        )
        .await;
    assert_eq!(
        results.iter().map(outcome).collect::<Vec<_>>(),
        ["applied", "refused"]
    );

    let results = admin
        .push(&server, vec![charter("# Charte\n\nNon-violence.")])
        .await;
    assert_eq!(outcome(&results[0]), "applied");

    // A refused operation still advances the sequence: the next one goes through.
    let results = guest.push(&server, vec![place(new_id(), "Verger")]).await;
    assert_eq!(outcome(&results[0]), "applied");
    server.stop().await;
}

async fn concurrent_edits_are_recorded_as_conflicts_and_pulled(engine: Engine) {
    let server = Server::start(engine).await;
    let admin = server.admin().await;
    let lumiere = pole_named(&server, &admin, "LUMIÈRE").await;
    let (records, _, cursor) = admin.pull_all(&server, 0, 2_000).await;
    let base = records
        .iter()
        .find(|record| record["id"] == lumiere.to_string())
        .and_then(|record| record["versions"][0].as_u64())
        .expect("version");
    let mut phone = server.member(&admin, "facilitator", "Maximilien").await;
    let mut laptop = server.member(&admin, "facilitator", "Stéphane").await;
    phone
        .push(
            &server,
            vec![Change::set(lumiere, "name", Value::text("Lumière"), base)],
        )
        .await;
    let results = laptop
        .push(
            &server,
            vec![Change::set(lumiere, "name", Value::text("LUMIÈRES"), base)],
        )
        .await;
    assert_eq!(results[0]["conflicts"].as_array().map(Vec::len), Some(1));
    let (_, conflicts, _) = admin.pull_all(&server, cursor, 500).await;
    assert_eq!(conflicts.len(), 1);
    assert_eq!(conflicts[0]["lost"]["text"], "Lumière");
    assert_eq!(conflicts[0]["won"]["text"], "LUMIÈRES");
    server.stop().await;
}

async fn pulls_page_through_everything_and_then_only_what_changed(engine: Engine) {
    let server = Server::start(engine).await;
    let mut admin = server.admin().await;
    let (all, _, cursor) = admin.pull_all(&server, 0, 2_000).await;
    let (paged, _, paged_cursor) = admin.pull_all(&server, 0, 7).await;
    assert_eq!(all.len(), paged.len(), "pages cover everything once");
    assert_eq!(cursor, paged_cursor);
    let mut ids: Vec<&str> = paged
        .iter()
        .filter_map(|record| record["id"].as_str())
        .collect();
    ids.sort_unstable();
    ids.dedup();
    assert_eq!(ids.len(), all.len(), "no record twice");

    admin
        .push(&server, vec![place(new_id(), "Épicerie solidaire")])
        .await;
    let (changed, _, _) = admin.pull_all(&server, cursor, 500).await;
    assert_eq!(changed.len(), 1);
    assert_eq!(changed[0]["kind"], "place");
    let (status, body) = server
        .get("/api/sync/pull?since=0&limit=0", Some(&admin.token))
        .await;
    assert_eq!(
        (status, body["code"].as_str()),
        (400, Some("invalid_limit"))
    );
    server.stop().await;
}

async fn bad_requests_get_typed_errors_and_the_server_keeps_serving(engine: Engine) {
    let server = Server::start(engine).await;
    let mut admin = server.admin().await;
    let url = server.url("/api/sync/push");
    let raw = |body: &'static str, content_type: &'static str| {
        server
            .http
            .post(url.clone())
            .bearer_auth(&admin.token)
            .header("content-type", content_type)
            .body(body)
            .send()
    };
    let cases = [
        (
            raw("{not json", "application/json").await,
            400,
            "malformed_json",
        ),
        (
            raw("{\"operations\": 3}", "application/json").await,
            422,
            "invalid_request",
        ),
        (
            raw("{\"operations\": []}", "text/plain").await,
            415,
            "unsupported_media_type",
        ),
    ];
    for (response, status, expected) in cases {
        let response = response.expect("answered");
        assert_eq!(response.status().as_u16(), status);
        let body: Json = response.json().await.expect("json error");
        assert_eq!(body["code"], expected);
        assert!(
            body["message"]
                .as_str()
                .is_some_and(|message| !message.is_empty())
        );
    }
    let huge = "x".repeat(archipel_server::api::BODY_LIMIT + 10);
    let response = server
        .http
        .post(url.clone())
        .bearer_auth(&admin.token)
        .json(&json!({ "operations": [], "padding": huge }))
        .send()
        .await
        .expect("answered");
    assert_eq!(response.status().as_u16(), 413);

    let many: Vec<_> = (0..=archipel_server::api::BATCH_LIMIT)
        .map(|_| admin.op(place(new_id(), "x")))
        .collect();
    let (status, body) = admin.push_ops(&server, &many).await;
    assert_eq!(
        (status, body["code"].as_str()),
        (413, Some("batch_too_large"))
    );

    let mut other = admin.op(place(new_id(), "x"));
    other.client = new_id();
    let (status, body) = admin.push_ops(&server, &[other]).await;
    assert_eq!((status, body["code"].as_str()), (400, Some("wrong_client")));

    let (status, body) = server.get("/api/me", None).await;
    assert_eq!((status, body["code"].as_str()), (401, Some("unauthorized")));
    let (status, body) = server.get("/api/me", Some("not-a-token")).await;
    assert_eq!((status, body["code"].as_str()), (401, Some("unauthorized")));

    // Still serving.
    let (status, _) = server.get("/api/me", Some(&admin.token)).await;
    assert_eq!(status, 200);
    server.stop().await;
}

async fn a_revoked_device_is_told_so_and_others_carry_on(engine: Engine) {
    let server = Server::start(engine).await;
    let admin = server.admin().await;
    let mut phone = server.member(&admin, "member", "Florence").await;
    let (_, me) = server.get("/api/me", Some(&phone.token)).await;
    let device = me["device_id"].as_str().expect("device").to_owned();
    let response = server
        .http
        .delete(server.url(&format!("/api/devices/{device}")))
        .bearer_auth(&admin.token)
        .send()
        .await
        .expect("answered");
    assert_eq!(response.status().as_u16(), 204);
    let op = phone.op(place(new_id(), "x"));
    let (status, body) = phone.push_ops(&server, &[op]).await;
    assert_eq!(
        (status, body["code"].as_str()),
        (403, Some("access_revoked"))
    );
    let (status, _) = server.get("/api/me", Some(&admin.token)).await;
    assert_eq!(status, 200);
    server.stop().await;
}

async fn the_event_stream_pokes_other_devices_within_a_second(engine: Engine) {
    let server = Server::start(engine).await;
    let mut admin = server.admin().await;
    let watcher = server.member(&admin, "member", "Projecteur").await;
    let mut stream = server
        .http
        .get(server.url(&format!("/api/sync/events?access_token={}", watcher.token)))
        .send()
        .await
        .expect("stream opens");
    assert_eq!(stream.status().as_u16(), 200);
    let first = tokio::time::timeout(Duration::from_secs(2), stream.chunk())
        .await
        .expect("ready in time");
    assert!(String::from_utf8_lossy(&first.expect("chunk").expect("data")).contains("ready"));
    admin
        .push(&server, vec![place(new_id(), "Tiers-lieu")])
        .await;
    let poke = tokio::time::timeout(Duration::from_secs(1), stream.chunk())
        .await
        .expect("poked within a second")
        .expect("chunk")
        .expect("data");
    assert!(String::from_utf8_lossy(&poke).contains("event: changed"));
    server.stop().await;
}

async fn everything_acknowledged_survives_a_restart(engine: Engine) {
    let server = Server::start(engine).await;
    let mut admin = server.admin().await;
    for n in 0..3 {
        admin
            .push(&server, vec![place(new_id(), &format!("Lieu {n}"))])
            .await;
    }
    let (before, conflicts_before, version) = admin.pull_all(&server, 0, 2_000).await;
    let location = server.location.clone();
    let kept = server.stop().await;
    let server = Server::start_at(location).await;
    assert_eq!(server.admin_join, "", "no second demo on restart");
    let (after, conflicts_after, again) = admin.pull_all(&server, 0, 2_000).await;
    assert_eq!(version, again);
    assert_eq!(before, after);
    assert_eq!(conflicts_before, conflicts_after);
    // The sequence continues where it was: a replay is still a replay.
    let results = admin
        .push(&server, vec![place(new_id(), "Après redémarrage")])
        .await;
    assert_eq!(outcome(&results[0]), "applied");
    server.stop().await;
    drop(kept);
}

async fn a_role_lowered_while_offline_is_judged_at_arrival(engine: Engine) {
    let server = Server::start(engine).await;
    let admin = server.admin().await;
    let lumiere = pole_named(&server, &admin, "LUMIÈRE").await;
    let mut marie = server.member(&admin, "facilitator", "Marie").await;
    let (_, me) = server.get("/api/me", Some(&marie.token)).await;
    let member = me["member_id"].as_str().expect("member").to_owned();
    // Made while she was a facilitator, offline…
    let edit = marie.op(Change::set(
        lumiere,
        "name",
        Value::text("LUMIÈRE & COMM"),
        0,
    ));
    // …the admin makes her a member meanwhile.
    let response = server
        .http
        .put(server.url(&format!("/api/members/{member}/access")))
        .bearer_auth(&admin.token)
        .json(&json!({"access": "member"}))
        .send()
        .await
        .expect("answered");
    assert_eq!(response.status().as_u16(), 204);
    let (_, body) = marie.push_ops(&server, &[edit]).await;
    assert_eq!(body["results"][0]["outcome"], "refused");
    assert_eq!(body["results"][0]["refusal"]["code"], "forbidden");
    let (status, _) = server
        .post(
            "/api/invites",
            json!({"access": "guest"}),
            Some(&marie.token),
        )
        .await;
    assert_eq!(status, 403, "she can no longer invite");
    server.stop().await;
}

async fn a_device_flooding_the_server_is_slowed_down_with_a_typed_error(engine: Engine) {
    let server = Server::start(engine).await;
    let admin = server.admin().await;
    let other = server.member(&admin, "member", "Calme").await;
    let mut limited = 0;
    for _ in 0..200 {
        let (status, body) = server.get("/api/me", Some(&admin.token)).await;
        if status == 429 {
            assert_eq!(body["code"], "rate_limited");
            limited += 1;
        }
    }
    assert!(limited > 0, "200 requests at once exceed a burst of 100");
    // Another device is not affected.
    let (status, _) = server.get("/api/me", Some(&other.token)).await;
    assert_eq!(status, 200);
    server.stop().await;
}

async fn a_withdrawn_invitation_no_longer_opens_the_collective(engine: Engine) {
    let server = Server::start(engine).await;
    let admin = server.admin().await;
    let (status, created) = server
        .post(
            "/api/invites",
            json!({"access": "member", "max_uses": 10}),
            Some(&admin.token),
        )
        .await;
    assert_eq!(status, 201);
    let id = created["id"].as_str().expect("id").to_owned();
    let response = server
        .http
        .delete(server.url(&format!("/api/invites/{id}")))
        .bearer_auth(&admin.token)
        .send()
        .await
        .expect("answered");
    assert_eq!(response.status().as_u16(), 204);
    let (status, body) = server
        .post(
            "/api/join",
            json!({"token": created["token"], "display_name": "Trop tard", "client_id": new_id()}),
            None,
        )
        .await;
    assert_eq!(
        (status, body["code"].as_str()),
        (410, Some("invite_revoked"))
    );
    server.stop().await;
}

async fn the_history_pages_through_applied_operations_for_members_only(engine: Engine) {
    let server = Server::start(engine).await;
    let mut admin = server.admin().await;
    let id = new_id();
    admin.push(&server, vec![place(id, "Jardin partagé")]).await;
    let (_, _, created) = admin.pull_all(&server, 0, 2_000).await;
    admin
        .push(
            &server,
            vec![Change::set(
                id,
                "name",
                Value::text("Jardin des Pentes"),
                created,
            )],
        )
        .await;
    // Page through the whole log, two hundred at a time.
    let mut since = 0;
    let mut entries: Vec<Json> = Vec::new();
    loop {
        let (status, page) = server
            .get(
                &format!("/api/history?since={since}&limit=200"),
                Some(&admin.token),
            )
            .await;
        assert_eq!(status, 200, "{page}");
        entries.extend(page["entries"].as_array().cloned().unwrap_or_default());
        since = page["cursor"].as_u64().unwrap_or_default();
        if page["more"] != true {
            break;
        }
    }
    let versions: Vec<u64> = entries
        .iter()
        .filter_map(|entry| entry["version"].as_u64())
        .collect();
    assert_eq!(versions, (1..=versions.len() as u64).collect::<Vec<_>>());
    // The place's creation and its rename are the last two, in order.
    let last: Vec<&str> = entries[entries.len() - 2..]
        .iter()
        .filter_map(|entry| entry["op"]["change"]["op"].as_str())
        .collect();
    assert_eq!(last, ["create", "set"]);
    assert!(
        entries
            .iter()
            .all(|entry| entry["received_at"].as_i64() > Some(0))
    );
    // Guests may not read it; bad limits are typed errors.
    let guest = server.member(&admin, "guest", "Invitée").await;
    let (status, body) = server.get("/api/history", Some(&guest.token)).await;
    assert_eq!(
        (status, body["code"].as_str()),
        (403, Some("forbidden")),
        "{body}"
    );
    let (status, body) = server.get("/api/history?limit=0", Some(&admin.token)).await;
    assert_eq!(
        (status, body["code"].as_str()),
        (400, Some("invalid_limit")),
        "{body}"
    );
    server.stop().await;
}

async fn guests_are_not_sent_the_governance_board_and_learn_of_a_promotion(engine: Engine) {
    let server = Server::start(engine).await;
    let admin = server.admin().await;
    let member = server.member(&admin, "member", "Membre").await;
    let guest = server.member(&admin, "guest", "Invitée").await;
    let kinds = |records: &[Json]| {
        records
            .iter()
            .map(|record| record["kind"].as_str().unwrap_or("?").to_owned())
            .collect::<std::collections::BTreeSet<_>>()
    };
    let (as_member, _, _) = member.pull_all(&server, 0, 1000).await;
    let (as_guest, _, _) = guest.pull_all(&server, 0, 1000).await;
    let (member_kinds, guest_kinds) = (kinds(&as_member), kinds(&as_guest));
    for kind in ["task", "need"] {
        assert!(member_kinds.contains(kind), "members read {kind}s");
        assert!(!guest_kinds.contains(kind), "guests are not sent {kind}s");
    }
    for kind in ["pole", "role_assignment", "kit"] {
        assert!(
            guest_kinds.contains(kind),
            "guests still read the map ({kind})"
        );
    }
    let (_, page) = server
        .get("/api/sync/pull?since=0&limit=10", Some(&guest.token))
        .await;
    assert_eq!(page["access"], "guest");

    // Promoted, the device is told so on its next pull.
    let (_, me) = server.get("/api/me", Some(&guest.token)).await;
    let id = me["member_id"].as_str().expect("member").to_owned();
    let response = server
        .http
        .put(server.url(&format!("/api/members/{id}/access")))
        .bearer_auth(&admin.token)
        .json(&json!({"access": "member"}))
        .send()
        .await
        .expect("answered");
    assert_eq!(response.status().as_u16(), 204);
    let (_, page) = server
        .get("/api/sync/pull?since=0&limit=10", Some(&guest.token))
        .await;
    assert_eq!(page["access"], "member");
    let (again, _, _) = guest.pull_all(&server, 0, 1000).await;
    assert!(kinds(&again).contains("task"));
    server.stop().await;
}

on_both_engines!(
    first_start_creates_the_demo_and_a_single_use_admin_invite,
    invites_that_are_unknown_expired_or_beyond_ones_rights_are_refused_clearly,
    pushes_are_exactly_once_whatever_the_replays,
    a_gap_is_reported_and_filled_by_resending,
    each_role_is_judged_over_the_wire_and_refusals_carry_code_and_messages,
    concurrent_edits_are_recorded_as_conflicts_and_pulled,
    pulls_page_through_everything_and_then_only_what_changed,
    bad_requests_get_typed_errors_and_the_server_keeps_serving,
    a_revoked_device_is_told_so_and_others_carry_on,
    the_event_stream_pokes_other_devices_within_a_second,
    everything_acknowledged_survives_a_restart,
    a_role_lowered_while_offline_is_judged_at_arrival,
    a_device_flooding_the_server_is_slowed_down_with_a_typed_error,
    a_withdrawn_invitation_no_longer_opens_the_collective,
    the_history_pages_through_applied_operations_for_members_only,
    guests_are_not_sent_the_governance_board_and_learn_of_a_promotion,
);
