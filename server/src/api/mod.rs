//! The HTTP API under `/api`: joining with an invite, pushing and pulling
//! operations, the live event stream, devices and invites, attachments
//! ([`files`]). Documented in `docs/api.md`.
//!
//! Handlers are small: they check the request's shape and the caller's
//! rights, then hand over to the [`crate::hub`] (decisions) and the storage.

pub mod auth;
pub mod error;
pub mod files;

use std::convert::Infallible;
use std::time::Duration;

use archipel_core::wire::{
    CollectiveInfo, HistoryPage, InviteInfo, InviteToken, JoinRequest, Joined, Me, Pulled,
    PushRequest, Pushed,
};
use archipel_core::{Access, Change, Date, Id, Kind, Record, Value};
use axum::Router;
use axum::extract::{DefaultBodyLimit, Query, State};
use axum::http::StatusCode;
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::routing::{delete, get, post};
use serde::{Deserialize, Serialize};
use tokio_stream::StreamExt;
use tokio_stream::wrappers::BroadcastStream;

use self::auth::Device;
use self::error::{ApiError, ApiJson, ApiPath};
use crate::secrets;
use crate::storage::rows::{self, InviteRow, NewMember};
use crate::web::AppState;

/// Largest request body accepted (a batch of operations).
pub const BODY_LIMIT: usize = 2 * 1024 * 1024;
/// Most operations in one push.
pub const BATCH_LIMIT: usize = 500;
/// Most records in one pull page.
pub const PAGE_LIMIT: usize = 2_000;
/// Longest invite validity, in hours (one year).
pub const INVITE_HOURS_MAX: u32 = 24 * 366;
/// Most devices one invite may join.
pub const INVITE_USES_MAX: u32 = 1_000;

/// The `/api` routes.
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/join", post(join))
        .route("/invites/inspect", post(inspect_invite))
        .route("/invites", post(create_invite))
        .route("/invites/{id}", delete(revoke_invite))
        .route("/me", get(me))
        .route("/devices", get(list_devices))
        .route("/devices/{id}", delete(revoke_device))
        .route("/members/{id}/access", axum::routing::put(set_access))
        .route("/sync/push", post(push))
        .route("/sync/pull", get(pull))
        .route("/sync/events", get(events))
        .route("/history", get(history))
        .layer(DefaultBodyLimit::max(BODY_LIMIT))
        // Attachments have their own, larger body limit.
        .merge(files::router())
}

fn require(device: &Device, least: Access, what: &str) -> Result<(), ApiError> {
    if device.0.access >= least {
        Ok(())
    } else {
        Err(ApiError::forbidden(format!(
            "Only a {} or above may {what}.",
            least.name()
        )))
    }
}

// ── Invites and joining ─────────────────────────────────────────────────

/// Finds a usable invite by its token, or says precisely why it cannot be used.
async fn usable_invite(
    state: &AppState,
    token: &str,
) -> Result<(InviteRow, rows::CollectiveRow), ApiError> {
    let hash = secrets::hash(token.trim());
    let storage = state.hub.storage();
    let found = match storage.invite_by_token(hash).await? {
        Some(invite) => storage
            .collective(invite.collective)
            .await?
            .map(|collective| (invite, collective)),
        None => None,
    };
    let (invite, collective) = found.ok_or_else(|| {
        ApiError::not_found("invite_unknown", "This invitation link is not valid.")
    })?;
    if invite.revoked {
        return Err(ApiError::new(
            StatusCode::GONE,
            "invite_revoked",
            "This invitation was withdrawn.",
        ));
    }
    if invite.expires_at <= secrets::now_millis() {
        return Err(ApiError::new(
            StatusCode::GONE,
            "invite_expired",
            "This invitation has expired; ask for a new one.",
        ));
    }
    if invite.uses >= invite.max_uses {
        return Err(ApiError::new(
            StatusCode::GONE,
            "invite_used_up",
            "This invitation has already been used as many times as allowed.",
        ));
    }
    Ok((invite, collective))
}

async fn inspect_invite(
    State(state): State<AppState>,
    ApiJson(body): ApiJson<InviteToken>,
) -> Result<ApiJson<InviteInfo>, ApiError> {
    let (invite, collective) = usable_invite(&state, &body.token).await?;
    Ok(ApiJson(InviteInfo {
        collective: collective.name,
        access: invite.access,
        expires_at: invite.expires_at,
        uses_left: invite.max_uses - invite.uses,
    }))
}

async fn join(
    State(state): State<AppState>,
    ApiJson(body): ApiJson<JoinRequest>,
) -> Result<(StatusCode, ApiJson<Joined>), ApiError> {
    let display_name = body.display_name.trim().to_owned();
    let length = display_name.chars().count();
    if length == 0 || length > 80 || display_name.chars().any(char::is_control) {
        return Err(ApiError::new(
            StatusCode::UNPROCESSABLE_ENTITY,
            "invalid_display_name",
            "Give a display name of 1 to 80 characters, on one line.",
        ));
    }
    let (invite, collective) = usable_invite(&state, &body.token).await?;
    let client = body.client_id;
    let taken = state.hub.storage().device_exists(client).await?;
    if taken {
        return Err(ApiError::new(
            StatusCode::CONFLICT,
            "client_taken",
            "This device id is already registered; make a new one.",
        ));
    }
    let invite_id = invite.id;
    let counted = state.hub.storage().use_invite(invite_id).await?;
    if !counted {
        return Err(ApiError::new(
            StatusCode::GONE,
            "invite_used_up",
            "This invitation has already been used as many times as allowed.",
        ));
    }
    // Guests map places at a party: they get no person record in the directory.
    let person = if invite.access == Access::Guest {
        None
    } else {
        let person = secrets::new_id();
        let today = Date::from_unix_millis(secrets::now_millis());
        state
            .hub
            .apply_as_server(
                collective.id,
                vec![Change::create(
                    Kind::Person,
                    person,
                    [
                        ("display_name", Value::text(display_name.clone())),
                        ("joined_on", Value::Date(today)),
                        ("status", Value::text("active")),
                    ],
                )],
            )
            .await?;
        Some(person)
    };
    let token = secrets::new_token();
    let hash = secrets::hash(&token);
    let member = secrets::new_id();
    let name = display_name.clone();
    let access = invite.access;
    let collective_id = collective.id;
    state
        .hub
        .storage()
        .insert_member(NewMember {
            collective: collective_id,
            member,
            person,
            display_name: name,
            access,
            device: client,
            token_hash: hash,
            now: secrets::now_text(),
        })
        .await?;
    tracing::info!(collective = %collective.id, access = access.name(), "a device joined");
    let version = state.hub.snapshot(collective.id).await?.version;
    Ok((
        StatusCode::CREATED,
        ApiJson(Joined {
            device_token: token,
            client_id: client,
            member_id: member,
            person_id: person,
            display_name,
            access,
            collective: CollectiveInfo {
                id: collective.id,
                name: collective.name,
                version,
            },
        }),
    ))
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct NewInvite {
    access: Access,
    #[serde(default = "week")]
    expires_in_hours: u32,
    #[serde(default = "one")]
    max_uses: u32,
}

const fn week() -> u32 {
    24 * 7
}

const fn one() -> u32 {
    1
}

#[derive(Debug, Serialize)]
struct InviteCreated {
    /// The invite's id (to withdraw it).
    id: Id,
    token: String,
    /// The app path that joins with it (the token travels in the fragment, never in server logs).
    path: String,
    access: Access,
    expires_at: i64,
    max_uses: u32,
}

async fn create_invite(
    State(state): State<AppState>,
    device: Device,
    ApiJson(body): ApiJson<NewInvite>,
) -> Result<(StatusCode, ApiJson<InviteCreated>), ApiError> {
    require(&device, Access::Facilitator, "invite people")?;
    if body.access > device.0.access {
        return Err(ApiError::forbidden(
            "You cannot invite someone with more rights than yours.",
        ));
    }
    if !(1..=INVITE_HOURS_MAX).contains(&body.expires_in_hours) {
        return Err(ApiError::new(
            StatusCode::UNPROCESSABLE_ENTITY,
            "invalid_expiry",
            format!("An invitation lasts from 1 to {INVITE_HOURS_MAX} hours."),
        ));
    }
    if !(1..=INVITE_USES_MAX).contains(&body.max_uses) {
        return Err(ApiError::new(
            StatusCode::UNPROCESSABLE_ENTITY,
            "invalid_max_uses",
            format!("An invitation may be used 1 to {INVITE_USES_MAX} times."),
        ));
    }
    let (token, invite) = create_invite_row(
        &state,
        device.0.collective,
        body.access,
        body.expires_in_hours,
        body.max_uses,
        Some(device.0.member),
    )
    .await?;
    Ok((
        StatusCode::CREATED,
        ApiJson(InviteCreated {
            id: invite.id,
            path: join_path(&token),
            token,
            access: invite.access,
            expires_at: invite.expires_at,
            max_uses: invite.max_uses,
        }),
    ))
}

/// Withdraws an invitation: links not used yet stop working.
async fn revoke_invite(
    State(state): State<AppState>,
    device: Device,
    ApiPath(invite): ApiPath<String>,
) -> Result<StatusCode, ApiError> {
    require(&device, Access::Facilitator, "withdraw invitations")?;
    let invite: Id = invite
        .parse()
        .map_err(|_| ApiError::bad_request("invalid_id", "Not an invitation id."))?;
    let collective = device.0.collective;
    let found = state
        .hub
        .storage()
        .revoke_invite(collective, invite, secrets::now_text())
        .await?;
    if found {
        Ok(StatusCode::NO_CONTENT)
    } else {
        Err(ApiError::not_found(
            "unknown_invite",
            "No such invitation in this collective.",
        ))
    }
}

/// The app path that joins with `token`.
#[must_use]
pub fn join_path(token: &str) -> String {
    format!("/rejoindre#{token}")
}

/// Creates an invite and returns its token (shown once) and row.
///
/// # Errors
/// [`ApiError`] when the database fails.
pub async fn create_invite_row(
    state: &AppState,
    collective: Id,
    access: Access,
    hours: u32,
    max_uses: u32,
    created_by: Option<Id>,
) -> Result<(String, InviteRow), ApiError> {
    let token = secrets::new_token();
    let hash = secrets::hash(&token);
    let invite = InviteRow {
        id: secrets::new_id(),
        collective,
        access,
        expires_at: secrets::now_millis() + i64::from(hours) * 3_600_000,
        max_uses,
        uses: 0,
        revoked: false,
    };
    let row = invite.clone();
    state
        .hub
        .storage()
        .insert_invite(row, hash, created_by, secrets::now_text())
        .await?;
    Ok((token, invite))
}

// ── Who am I, devices ───────────────────────────────────────────────────

async fn me(State(state): State<AppState>, device: Device) -> Result<ApiJson<Me>, ApiError> {
    let collective_id = device.0.collective;
    let collective = state
        .hub
        .storage()
        .collective(collective_id)
        .await?
        .ok_or_else(|| {
            ApiError::not_found("unknown_collective", "This collective does not exist.")
        })?;
    Ok(ApiJson(Me {
        device_id: device.0.id,
        member_id: device.0.member,
        person_id: device.0.person,
        display_name: device.0.display_name.clone(),
        access: device.0.access,
        collective: CollectiveInfo {
            id: collective.id,
            name: collective.name,
            version: collective.version,
        },
    }))
}

#[derive(Debug, Serialize)]
struct DeviceInfo {
    id: Id,
    member_id: Id,
    display_name: String,
    access: Access,
    revoked: bool,
}

async fn list_devices(
    State(state): State<AppState>,
    device: Device,
) -> Result<ApiJson<Vec<DeviceInfo>>, ApiError> {
    require(&device, Access::Admin, "list devices")?;
    let collective = device.0.collective;
    let devices = state.hub.storage().devices(collective).await?;
    Ok(ApiJson(
        devices
            .into_iter()
            .map(|device| DeviceInfo {
                id: device.id,
                member_id: device.member,
                display_name: device.display_name,
                access: device.access,
                revoked: device.revoked,
            })
            .collect(),
    ))
}

async fn revoke_device(
    State(state): State<AppState>,
    device: Device,
    ApiPath(target): ApiPath<String>,
) -> Result<StatusCode, ApiError> {
    let target: Id = target
        .parse()
        .map_err(|_| ApiError::bad_request("invalid_id", "Not a device id."))?;
    if target != device.0.id {
        require(&device, Access::Admin, "revoke other devices")?;
    }
    let collective = device.0.collective;
    let found = state
        .hub
        .storage()
        .revoke_device(collective, target, secrets::now_text())
        .await?;
    if found {
        Ok(StatusCode::NO_CONTENT)
    } else {
        Err(ApiError::not_found(
            "unknown_device",
            "No such device in this collective.",
        ))
    }
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct AccessBody {
    access: Access,
}

/// An admin changes a member's access; it applies to their next request,
/// including operations they made offline under their former role.
async fn set_access(
    State(state): State<AppState>,
    device: Device,
    ApiPath(member): ApiPath<String>,
    ApiJson(body): ApiJson<AccessBody>,
) -> Result<StatusCode, ApiError> {
    require(&device, Access::Admin, "change someone's access")?;
    let member: Id = member
        .parse()
        .map_err(|_| ApiError::bad_request("invalid_id", "Not a member id."))?;
    let collective = device.0.collective;
    let found = state
        .hub
        .storage()
        .set_member_access(collective, member, body.access)
        .await?;
    if found {
        Ok(StatusCode::NO_CONTENT)
    } else {
        Err(ApiError::not_found(
            "unknown_member",
            "No such member in this collective.",
        ))
    }
}

// ── Sync ────────────────────────────────────────────────────────────────

async fn push(
    State(state): State<AppState>,
    device: Device,
    ApiJson(body): ApiJson<PushRequest>,
) -> Result<ApiJson<Pushed>, ApiError> {
    if body.operations.len() > BATCH_LIMIT {
        return Err(ApiError::new(
            StatusCode::PAYLOAD_TOO_LARGE,
            "batch_too_large",
            format!("Send at most {BATCH_LIMIT} operations per push."),
        ));
    }
    for op in &body.operations {
        if op.client != device.0.id {
            return Err(ApiError::bad_request(
                "wrong_client",
                "Every operation must carry this device's client id.",
            ));
        }
        if op.seq == 0 {
            return Err(ApiError::bad_request(
                "invalid_seq",
                "Sequence numbers start at 1.",
            ));
        }
    }
    let results = state
        .hub
        .receive(device.0.collective, device.actor(), body.operations)
        .await?;
    Ok(ApiJson(Pushed { results }))
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct PullQuery {
    #[serde(default)]
    since: u64,
    #[serde(default = "default_page")]
    limit: usize,
    /// Results of this device's operations with a sequence above this are included.
    #[serde(default)]
    acked: u64,
}

const fn default_page() -> usize {
    500
}

/// A paged query's parameters, or a typed error: unreadable (`invalid_query`)
/// or asking for a page size outside 1..=[`PAGE_LIMIT`] (`invalid_limit`).
fn page_query<Q>(
    query: Result<Query<Q>, axum::extract::rejection::QueryRejection>,
    limit: impl Fn(&Q) -> usize,
) -> Result<Q, ApiError> {
    let Query(query) =
        query.map_err(|rejection| ApiError::bad_request("invalid_query", rejection.body_text()))?;
    if !(1..=PAGE_LIMIT).contains(&limit(&query)) {
        return Err(ApiError::bad_request(
            "invalid_limit",
            format!("`limit` goes from 1 to {PAGE_LIMIT}."),
        ));
    }
    Ok(query)
}

async fn pull(
    State(state): State<AppState>,
    device: Device,
    query: Result<Query<PullQuery>, axum::extract::rejection::QueryRejection>,
) -> Result<ApiJson<Pulled>, ApiError> {
    let query = page_query(query, |query| query.limit)?;
    let collective = device.0.collective;
    let client = device.0.id;
    let guest = device.0.access == Access::Guest;
    let (changes, results) = state
        .hub
        .storage()
        .pull(
            collective,
            query.since,
            query.limit,
            (client, query.acked, BATCH_LIMIT),
        )
        .await?;
    let mut records = changes.records;
    let mut conflicts = changes.conflicts;
    if guest {
        // Contacts are visible only to members; the governance board not at all.
        records.retain(archipel_core::authz::guest_may_read);
        conflicts.retain(|conflict| archipel_core::authz::guest_may_read_kind(conflict.kind));
        for record in &mut records {
            redact_contact(record);
        }
    }
    Ok(ApiJson(Pulled {
        records,
        conflicts,
        results,
        version: changes.version,
        cursor: changes.cursor,
        more: changes.more,
        access: Some(device.0.access),
    }))
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct HistoryQuery {
    #[serde(default)]
    since: u64,
    #[serde(default = "default_page")]
    limit: usize,
}

/// The log of applied operations, for time travel. Members and above: the
/// log holds every value ever written, contacts included.
async fn history(
    State(state): State<AppState>,
    device: Device,
    query: Result<Query<HistoryQuery>, axum::extract::rejection::QueryRejection>,
) -> Result<ApiJson<HistoryPage>, ApiError> {
    require(&device, Access::Member, "read the history")?;
    let query = page_query(query, |query| query.limit)?;
    let collective = device.0.collective;
    let page = state
        .hub
        .storage()
        .history(collective, query.since, query.limit)
        .await?;
    Ok(ApiJson(page))
}

fn redact_contact(record: &mut Record) {
    if record.kind == Kind::Person
        && let Some(index) = Kind::Person.field_index("contact")
    {
        record.values[index] = Value::Null;
    }
}

async fn events(
    State(state): State<AppState>,
    device: Device,
) -> Sse<impl tokio_stream::Stream<Item = Result<Event, Infallible>>> {
    let receiver = state.hub.subscribe(device.0.collective);
    let stream = BroadcastStream::new(receiver).filter_map(|poke| match poke {
        Ok(version) => Some(Ok(Event::default().event("changed").data(
            version
                .map(|version| version.to_string())
                .unwrap_or_default(),
        ))),
        // A slow client missed some pokes: one poke is enough to make it pull.
        Err(tokio_stream::wrappers::errors::BroadcastStreamRecvError::Lagged(_)) => {
            Some(Ok(Event::default().event("changed").data("")))
        }
    });
    let hello = tokio_stream::once(Ok(Event::default().event("ready").data("")));
    Sse::new(hello.chain(stream)).keep_alive(KeepAlive::new().interval(Duration::from_secs(15)))
}
