//! Bad input: a corpus of malformed requests — truncated or invalid JSON,
//! wrong types, numbers out of range, unknown operations, bad ids, oversized
//! bodies and batches, invalid UTF-8, missing or broken authentication — sent
//! to a real server on each engine. Every one gets a typed 4xx JSON error (a
//! `code` from `docs/api.md` and a message), never a 5xx; well-formed
//! operations with nonsense content get a typed per-operation result; and the
//! server keeps serving, its collective unharmed.

#[macro_use]
mod support;

use archipel_core::{Change, Id, Kind, Operation, Value};
use serde_json::{Value as Json, json};
use support::{Engine, Server, code, outcome};

fn new_id() -> Id {
    archipel_server::secrets::new_id()
}

fn place(id: Id) -> Change {
    Change::create(
        Kind::Place,
        id,
        [
            ("name", Value::text("Jardin partagé")),
            ("lat", Value::degrees(45.75)),
            ("lon", Value::degrees(4.85)),
        ],
    )
}

/// One malformed request and the error it must get.
struct Case {
    what: &'static str,
    method: &'static str,
    path: String,
    /// `None`: no `Authorization` header; `Some(value)`: that header's value.
    auth: Option<Vec<u8>>,
    content_type: Option<&'static str>,
    body: Vec<u8>,
    status: u16,
    code: &'static str,
}

impl Case {
    fn push(
        what: &'static str,
        token: &str,
        body: impl Into<Vec<u8>>,
        status: u16,
        code: &'static str,
    ) -> Case {
        Case {
            what,
            method: "POST",
            path: "/api/sync/push".to_owned(),
            auth: Some(format!("Bearer {token}").into_bytes()),
            content_type: Some("application/json"),
            body: body.into(),
            status,
            code,
        }
    }

    /// A push of one operation: a valid one with `edit` applied to its JSON.
    fn op(
        what: &'static str,
        token: &str,
        valid: &Json,
        edit: impl FnOnce(&mut Json),
        status: u16,
        code: &'static str,
    ) -> Case {
        let mut op = valid.clone();
        edit(&mut op);
        let body = json!({ "operations": [op] }).to_string();
        Case::push(what, token, body, status, code)
    }

    fn get(
        what: &'static str,
        token: Option<&str>,
        path: String,
        status: u16,
        code: &'static str,
    ) -> Case {
        Case {
            what,
            method: "GET",
            path,
            auth: token.map(|token| format!("Bearer {token}").into_bytes()),
            content_type: None,
            body: Vec::new(),
            status,
            code,
        }
    }
}

/// Codes `docs/api.md` documents for errors.
const CODES: &[&str] = &[
    "malformed_json",
    "unreadable_body",
    "invalid_request",
    "invalid_query",
    "invalid_limit",
    "invalid_seq",
    "wrong_client",
    "invalid_id",
    "unauthorized",
    "access_revoked",
    "forbidden",
    "not_found",
    "invite_unknown",
    "unknown_device",
    "unknown_member",
    "unknown_collective",
    "client_taken",
    "invite_expired",
    "invite_used_up",
    "invite_revoked",
    "payload_too_large",
    "batch_too_large",
    "unsupported_media_type",
    "invalid_display_name",
    "invalid_expiry",
    "invalid_max_uses",
    "rate_limited",
    "method_not_allowed",
];

fn corpus(token: &str, valid: &Json) -> Vec<Case> {
    let big = "9".repeat(40);
    let cases = vec![
        // The body as a whole.
        Case::push("empty body", token, "", 400, "malformed_json"),
        Case::push(
            "truncated JSON",
            token,
            r#"{"operations": [{"id": ""#,
            400,
            "malformed_json",
        ),
        Case::push(
            "trailing garbage",
            token,
            r#"{"operations": []} x"#,
            400,
            "malformed_json",
        ),
        Case::push(
            "single quotes",
            token,
            "{'operations': []}",
            400,
            "malformed_json",
        ),
        Case::push("a bare null", token, "null", 422, "invalid_request"),
        Case::push("an array", token, "[]", 422, "invalid_request"),
        Case::push("no operations field", token, "{}", 422, "invalid_request"),
        Case::push(
            "operations not a list",
            token,
            r#"{"operations": "all"}"#,
            422,
            "invalid_request",
        ),
        Case::push(
            "unknown top-level field",
            token,
            r#"{"operations": [], "x": 1}"#,
            422,
            "invalid_request",
        ),
        Case::push(
            "an operation that is a number",
            token,
            r#"{"operations": [7]}"#,
            422,
            "invalid_request",
        ),
        Case::push(
            "nested 10 000 deep",
            token,
            format!("{}{}", "[".repeat(10_000), "]".repeat(10_000)),
            422,
            "invalid_request",
        ),
        Case::push(
            "lists nested 100 000 deep in a value",
            token,
            {
                let text = json!({ "operations": [valid] }).to_string();
                let nested = format!(
                    "{}{{\"int\":1}}{}",
                    "{\"list\":[".repeat(100_000),
                    "]}".repeat(100_000)
                );
                text.replace("{\"text\":\"Jardin partagé\"}", &nested)
            },
            422,
            "invalid_request",
        ),
        Case::push(
            "invalid UTF-8",
            token,
            b"{\"operations\": [\"\xff\xfe\"]}".to_vec(),
            400,
            "malformed_json",
        ),
        Case::push(
            "a lone surrogate escape",
            token,
            r#"{"operations": ["\udc00"]}"#,
            400,
            "malformed_json",
        ),
        Case::push(
            "invalid UTF-8 in a text value",
            token,
            {
                let mut op = valid.clone();
                op["change"]["fields"]["name"] = json!({"text": "NAME"});
                let text = json!({ "operations": [op] }).to_string();
                let (front, back) = text.split_once("NAME").expect("placeholder");
                [front.as_bytes(), b"\xc3\x28", back.as_bytes()].concat()
            },
            400,
            "malformed_json",
        ),
        // One operation's fields.
        Case::op(
            "seq as a string",
            token,
            valid,
            |op| op["seq"] = json!("1"),
            422,
            "invalid_request",
        ),
        Case::op(
            "negative seq",
            token,
            valid,
            |op| op["seq"] = json!(-1),
            422,
            "invalid_request",
        ),
        Case::op(
            "seq beyond u64",
            token,
            valid,
            |op| op["seq"] = json!(18_446_744_073_709_551_616_f64),
            422,
            "invalid_request",
        ),
        Case::push(
            "seq of 40 digits",
            token,
            json!({ "operations": [valid] })
                .to_string()
                .replace("\"seq\":1", &format!("\"seq\":{big}")),
            422,
            "invalid_request",
        ),
        Case::op(
            "seq 0",
            token,
            valid,
            |op| op["seq"] = json!(0),
            400,
            "invalid_seq",
        ),
        Case::op(
            "fractional seq",
            token,
            valid,
            |op| op["seq"] = json!(1.5),
            422,
            "invalid_request",
        ),
        Case::push(
            "wall_time beyond i64",
            token,
            json!({ "operations": [valid] })
                .to_string()
                .replace("\"wall_time\":0", &format!("\"wall_time\":{big}")),
            422,
            "invalid_request",
        ),
        Case::op(
            "wall_time as a date",
            token,
            valid,
            |op| op["wall_time"] = json!("2026-11-21"),
            422,
            "invalid_request",
        ),
        Case::op(
            "missing change",
            token,
            valid,
            |op| drop(op.as_object_mut().map(|o| o.remove("change"))),
            422,
            "invalid_request",
        ),
        Case::op(
            "missing id",
            token,
            valid,
            |op| drop(op.as_object_mut().map(|o| o.remove("id"))),
            422,
            "invalid_request",
        ),
        Case::op(
            "id not a UUID",
            token,
            valid,
            |op| op["id"] = json!("not-an-id"),
            422,
            "invalid_request",
        ),
        Case::op(
            "empty id",
            token,
            valid,
            |op| op["id"] = json!(""),
            422,
            "invalid_request",
        ),
        Case::op(
            "id as a number",
            token,
            valid,
            |op| op["id"] = json!(42),
            422,
            "invalid_request",
        ),
        Case::op(
            "client not a UUID",
            token,
            valid,
            |op| op["client"] = json!("me"),
            422,
            "invalid_request",
        ),
        Case::op(
            "another device's client",
            token,
            valid,
            |op| op["client"] = json!(new_id().to_string()),
            400,
            "wrong_client",
        ),
        Case::op(
            "unknown op",
            token,
            valid,
            |op| op["change"]["op"] = json!("explode"),
            422,
            "invalid_request",
        ),
        Case::op(
            "op missing",
            token,
            valid,
            |op| drop(op["change"].as_object_mut().map(|o| o.remove("op"))),
            422,
            "invalid_request",
        ),
        Case::op(
            "op not a string",
            token,
            valid,
            |op| op["change"]["op"] = json!(3),
            422,
            "invalid_request",
        ),
        Case::op(
            "change a string",
            token,
            valid,
            |op| op["change"] = json!("create"),
            422,
            "invalid_request",
        ),
        Case::op(
            "unknown kind",
            token,
            valid,
            |op| op["change"]["kind"] = json!("unicorn"),
            422,
            "invalid_request",
        ),
        Case::op(
            "record id not a UUID",
            token,
            valid,
            |op| op["change"]["id"] = json!("place-1"),
            422,
            "invalid_request",
        ),
        Case::op(
            "fields a list",
            token,
            valid,
            |op| op["change"]["fields"] = json!([]),
            422,
            "invalid_request",
        ),
        Case::op(
            "unknown value tag",
            token,
            valid,
            |op| op["change"]["fields"]["name"] = json!({"float": 1.5}),
            422,
            "invalid_request",
        ),
        Case::op(
            "untagged value",
            token,
            valid,
            |op| op["change"]["fields"]["name"] = json!("Jardin"),
            422,
            "invalid_request",
        ),
        Case::op(
            "int beyond i64",
            token,
            valid,
            |op| op["change"]["fields"]["lat"] = json!({"int": 1e300}),
            422,
            "invalid_request",
        ),
        Case::op(
            "bad date",
            token,
            valid,
            |op| op["change"]["fields"]["name"] = json!({"date": "2026-02-31"}),
            422,
            "invalid_request",
        ),
        Case::op(
            "increment by more than i64",
            token,
            valid,
            |op| op["change"] = json!({"op": "increment", "id": new_id().to_string(), "field": "confirmations", "by": 1e19}),
            422,
            "invalid_request",
        ),
        Case::op(
            "set with a negative base",
            token,
            valid,
            |op| op["change"] = json!({"op": "set", "id": new_id().to_string(), "fields": [{"field": "name", "value": {"text": "x"}, "base": -1}]}),
            422,
            "invalid_request",
        ),
        Case::op(
            "archive with a string",
            token,
            valid,
            |op| {
                op["change"] =
                    json!({"op": "archive", "id": new_id().to_string(), "archived": "yes"})
            },
            422,
            "invalid_request",
        ),
        Case::op(
            "resolve a conflict with a bad id",
            token,
            valid,
            |op| {
                op["change"] = json!({"op": "resolve_conflict", "conflict": "c-1", "restore": true})
            },
            422,
            "invalid_request",
        ),
        // Headers.
        Case {
            content_type: None,
            ..Case::push(
                "no content type",
                token,
                r#"{"operations": []}"#,
                415,
                "unsupported_media_type",
            )
        },
        Case {
            content_type: Some("text/plain"),
            ..Case::push(
                "text/plain",
                token,
                r#"{"operations": []}"#,
                415,
                "unsupported_media_type",
            )
        },
        Case {
            auth: None,
            ..Case::push(
                "no token",
                token,
                r#"{"operations": []}"#,
                401,
                "unauthorized",
            )
        },
        Case {
            auth: Some(b"Bearer ".to_vec()),
            ..Case::push(
                "an empty token",
                token,
                r#"{"operations": []}"#,
                401,
                "unauthorized",
            )
        },
        Case {
            auth: Some(format!("Basic {token}").into_bytes()),
            ..Case::push(
                "another scheme",
                token,
                r#"{"operations": []}"#,
                401,
                "unauthorized",
            )
        },
        Case {
            auth: Some(b"Bearer \xe9t\xe9".to_vec()),
            ..Case::push(
                "a token that is not ASCII",
                token,
                r#"{"operations": []}"#,
                401,
                "unauthorized",
            )
        },
        Case {
            auth: Some(format!("Bearer {}", "a".repeat(4_000)).into_bytes()),
            ..Case::push(
                "a 4 000-character token",
                token,
                r#"{"operations": []}"#,
                401,
                "unauthorized",
            )
        },
        // Sizes.
        Case::push(
            "a body over 2 MiB",
            token,
            format!(
                r#"{{"operations": [], "padding": "{}"}}"#,
                "x".repeat(archipel_server::api::BODY_LIMIT + 1)
            ),
            413,
            "payload_too_large",
        ),
        Case::push(
            "501 operations",
            token,
            json!({ "operations": vec![valid.clone(); archipel_server::api::BATCH_LIMIT + 1] })
                .to_string(),
            413,
            "batch_too_large",
        ),
        // Queries and paths.
        Case::get(
            "negative since",
            Some(token),
            "/api/sync/pull?since=-1".into(),
            400,
            "invalid_query",
        ),
        Case::get(
            "since beyond u64",
            Some(token),
            format!("/api/sync/pull?since={big}"),
            400,
            "invalid_query",
        ),
        Case::get(
            "limit 0",
            Some(token),
            "/api/sync/pull?limit=0".into(),
            400,
            "invalid_limit",
        ),
        Case::get(
            "limit too large",
            Some(token),
            "/api/sync/pull?limit=2001".into(),
            400,
            "invalid_limit",
        ),
        Case::get(
            "limit a word",
            Some(token),
            "/api/sync/pull?limit=all".into(),
            400,
            "invalid_query",
        ),
        Case::get(
            "unknown parameter",
            Some(token),
            "/api/sync/pull?sinse=3".into(),
            400,
            "invalid_query",
        ),
        Case::get(
            "pull without a token",
            None,
            "/api/sync/pull".into(),
            401,
            "unauthorized",
        ),
        Case::get(
            "history limit 0",
            Some(token),
            "/api/history?limit=0".into(),
            400,
            "invalid_limit",
        ),
        Case::get(
            "history since a word",
            Some(token),
            "/api/history?since=x".into(),
            400,
            "invalid_query",
        ),
        Case::get(
            "unknown API route",
            Some(token),
            "/api/sync/pusj".into(),
            404,
            "not_found",
        ),
        Case {
            method: "PATCH",
            ..Case::get(
                "a method the route does not have",
                Some(token),
                "/api/sync/push".into(),
                405,
                "method_not_allowed",
            )
        },
        Case {
            method: "DELETE",
            ..Case::get(
                "revoke a device with a bad id",
                Some(token),
                "/api/devices/%FF%FE".into(),
                400,
                "invalid_id",
            )
        },
        Case {
            method: "PUT",
            content_type: Some("application/json"),
            body: br#"{"access": "admin"}"#.to_vec(),
            ..Case::get(
                "access for a bad member id",
                Some(token),
                "/api/members/nobody/access".into(),
                400,
                "invalid_id",
            )
        },
        Case {
            method: "PUT",
            content_type: Some("application/json"),
            body: br#"{"access": "emperor"}"#.to_vec(),
            ..Case::get(
                "an unknown access",
                Some(token),
                format!("/api/members/{}/access", new_id()),
                422,
                "invalid_request",
            )
        },
        // Joining.
        Case {
            auth: None,
            path: "/api/join".into(),
            ..Case::push(
                "join with a bad client id",
                token,
                r#"{"token": "t", "display_name": "A", "client_id": "x"}"#,
                422,
                "invalid_request",
            )
        },
        Case {
            auth: None,
            path: "/api/join".into(),
            ..Case::push(
                "join with a token as a number",
                token,
                r#"{"token": 5, "display_name": "A", "client_id": "x"}"#,
                422,
                "invalid_request",
            )
        },
        Case {
            auth: None,
            path: "/api/invites/inspect".into(),
            ..Case::push(
                "inspect a truncated body",
                token,
                r#"{"token": "#,
                400,
                "malformed_json",
            )
        },
        Case {
            path: "/api/invites".into(),
            ..Case::push(
                "an invite with max_uses beyond u32",
                token,
                format!(r#"{{"access": "guest", "max_uses": {big}}}"#),
                422,
                "invalid_request",
            )
        },
        Case {
            path: "/api/invites".into(),
            ..Case::push(
                "an invite for a thousand years",
                token,
                r#"{"access": "guest", "expires_in_hours": 8766000}"#,
                422,
                "invalid_expiry",
            )
        },
    ];
    // The corpus is sent by one device: stay under its burst of 100 requests.
    assert!(cases.len() < 100, "{} cases", cases.len());
    cases
}

async fn send(server: &Server, case: &Case) -> (u16, Option<Json>) {
    let method = reqwest::Method::from_bytes(case.method.as_bytes()).expect("method");
    let mut request = server
        .http
        .request(method, server.url(&case.path))
        .body(case.body.clone());
    if let Some(auth) = &case.auth {
        request = request.header(
            "authorization",
            reqwest::header::HeaderValue::from_bytes(auth).expect("header value"),
        );
    }
    if let Some(content_type) = case.content_type {
        request = request.header("content-type", content_type);
    }
    let response = request
        .send()
        .await
        .unwrap_or_else(|error| panic!("{}: no answer: {error}", case.what));
    let status = response.status().as_u16();
    let body = response
        .bytes()
        .await
        .ok()
        .and_then(|bytes| serde_json::from_slice(&bytes).ok());
    (status, body)
}

async fn every_malformed_request_gets_a_typed_client_error(engine: Engine) {
    let server = Server::start(engine).await;
    let mut admin = server.admin().await;
    let valid: Operation = admin.op(place(new_id()));
    // `valid` keeps seq 1 free: nothing in the corpus may consume it.
    admin.seq.next_seq = 1;
    let valid = serde_json::to_value(&valid).expect("json");

    let mut wrong = Vec::new();
    for case in corpus(&admin.token, &valid) {
        let (status, body) = send(&server, &case).await;
        let code = body
            .as_ref()
            .and_then(|body| body["code"].as_str())
            .unwrap_or("");
        let message = body
            .as_ref()
            .and_then(|body| body["message"].as_str())
            .unwrap_or("");
        // Status 5xx, an undocumented code or no message: all reported below.
        if message.is_empty() || !CODES.contains(&code) {
            wrong.push(format!(
                "{}: {status} without a documented code and a message: {body:?}",
                case.what
            ));
            continue;
        }
        if (status, code) != (case.status, case.code) {
            wrong.push(format!(
                "{}: {status} {code}, expected {} {}",
                case.what, case.status, case.code
            ));
        }
    }
    assert!(
        wrong.is_empty(),
        "unexpected answers:\n{}",
        wrong.join("\n")
    );

    // Nothing above was stored: the valid operation is still seq 1, and applies.
    let id: Id = valid["change"]["id"]
        .as_str()
        .and_then(|id| id.parse().ok())
        .expect("id");
    let ops: Vec<Operation> = vec![serde_json::from_value(valid).expect("operation")];
    let (status, body) = admin.push_ops(&server, &ops).await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(outcome(&body["results"][0]), "applied", "{body}");
    let (records, _, _) = admin.pull_all(&server, 0, 2_000).await;
    assert_eq!(
        records
            .iter()
            .filter(|record| record["kind"] == "place")
            .count(),
        1,
        "only the valid place is stored"
    );
    assert!(records.iter().any(|record| record["id"] == id.to_string()));
    server.stop().await;
}

/// Operations of a valid shape whose content is nonsense: each gets a typed
/// per-operation result (refused with a code, or out of order), never an error.
async fn nonsense_operations_get_typed_results(engine: Engine) {
    let server = Server::start(engine).await;
    let mut admin = server.admin().await;
    let counted = new_id();
    let results = admin.push(&server, vec![place(counted)]).await;
    assert_eq!(outcome(&results[0]), "applied");

    let long = "x".repeat(1_000_000);
    let cases: Vec<(&str, Change, &str)> = vec![
        (
            "archiving a record that does not exist",
            Change::Archive {
                id: new_id(),
                archived: true,
            },
            "not_found",
        ),
        (
            "a text of a million characters",
            Change::create(
                Kind::Place,
                new_id(),
                [
                    ("name", Value::text(long.clone())),
                    ("lat", Value::degrees(45.0)),
                    ("lon", Value::degrees(5.0)),
                ],
            ),
            "too_long",
        ),
        (
            "a latitude of 1 000 degrees",
            Change::create(
                Kind::Place,
                new_id(),
                [
                    ("name", Value::text("x")),
                    ("lat", Value::degrees(1_000.0)),
                    ("lon", Value::degrees(5.0)),
                ],
            ),
            "out_of_range",
        ),
        (
            "an unknown field",
            Change::create(
                Kind::Place,
                new_id(),
                [
                    ("name", Value::text("x")),
                    ("lat", Value::degrees(45.0)),
                    ("lon", Value::degrees(5.0)),
                    ("colour", Value::text("red")),
                ],
            ),
            "unknown_field",
        ),
        (
            "a counter increment to overflow",
            Change::Increment {
                id: counted,
                field: "confirmations".into(),
                by: i64::MAX,
            },
            "",
        ),
        (
            "and again",
            Change::Increment {
                id: counted,
                field: "confirmations".into(),
                by: i64::MAX,
            },
            "out_of_range",
        ),
        (
            "a counter below 0",
            Change::Increment {
                id: counted,
                field: "confirmations".into(),
                by: i64::MIN,
            },
            "",
        ),
        (
            "an increment of a text",
            Change::Increment {
                id: counted,
                field: "name".into(),
                by: 1,
            },
            "",
        ),
        (
            "an empty order key",
            Change::Move {
                id: counted,
                order: String::new(),
                parent: None,
            },
            "",
        ),
        (
            "a conflict that does not exist",
            Change::ResolveConflict {
                conflict: new_id(),
                restore: true,
            },
            "not_found",
        ),
        ("a create over an existing id", place(counted), ""),
    ];
    let mut answers = Vec::new();
    for (what, change, expected) in cases {
        let op = admin.op(change);
        let (status, body) = admin.push_ops(&server, &[op]).await;
        assert_eq!(status, 200, "{what}: {body}");
        let result = &body["results"][0];
        assert!(
            matches!(outcome(result), "applied" | "refused"),
            "{what}: {result}"
        );
        if outcome(result) == "refused" {
            assert!(
                !code(result).is_empty(),
                "{what}: a refusal without a code: {result}"
            );
        }
        if !expected.is_empty() {
            assert_eq!(code(result), expected, "{what}: {result}");
        }
        answers.push(format!("{what}: {} {}", outcome(result), code(result)));
    }
    eprintln!("{}", answers.join("\n"));

    // A sequence number far ahead is a gap, answered as such.
    let mut ahead = admin.op(place(new_id()));
    ahead.seq = u64::MAX;
    admin.seq.next_seq -= 1;
    let (status, body) = admin.push_ops(&server, &[ahead]).await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(outcome(&body["results"][0]), "out_of_order", "{body}");

    // Still serving, and the place still reads.
    let results = admin.push(&server, vec![place(new_id())]).await;
    assert_eq!(outcome(&results[0]), "applied");
    let (records, _, _) = admin.pull_all(&server, 0, 2_000).await;
    assert!(
        records
            .iter()
            .any(|record| record["id"] == counted.to_string())
    );
    server.stop().await;
}

on_both_engines!(
    every_malformed_request_gets_a_typed_client_error,
    nonsense_operations_get_typed_results
);
