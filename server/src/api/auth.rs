//! Who is calling: the device token (`Authorization: Bearer …`, or the
//! `access_token` query parameter for the event stream, which browsers open
//! without headers), checked against its stored hash, and per-device rate limits.

use std::num::NonZeroU32;

use archipel_core::{Actor, Id};
use axum::extract::FromRequestParts;
use axum::http::StatusCode;
use axum::http::request::Parts;
use governor::{DefaultKeyedRateLimiter, Quota, RateLimiter};

use super::error::ApiError;
use crate::secrets;
use crate::storage::rows::DeviceRow;
use crate::web::AppState;

/// Requests per second a device may make on average, and in a burst.
const PER_SECOND: u32 = 20;
const BURST: u32 = 100;

/// A per-device rate limiter.
pub struct Limiter(DefaultKeyedRateLimiter<Id>);

impl Limiter {
    /// The default limits: 20 requests per second, bursts of 100.
    #[must_use]
    pub fn new() -> Limiter {
        let per_second = NonZeroU32::new(PER_SECOND).unwrap_or(NonZeroU32::MIN);
        let burst = NonZeroU32::new(BURST).unwrap_or(NonZeroU32::MIN);
        Limiter(RateLimiter::keyed(
            Quota::per_second(per_second).allow_burst(burst),
        ))
    }

    fn check(&self, device: Id) -> Result<(), ApiError> {
        self.0.check_key(&device).map_err(|_| {
            ApiError::new(
                StatusCode::TOO_MANY_REQUESTS,
                "rate_limited",
                "Too many requests from this device; slow down and retry.",
            )
        })
    }
}

impl Default for Limiter {
    fn default() -> Self {
        Limiter::new()
    }
}

/// An authenticated device and the member behind it, with their access *now*.
#[derive(Debug, Clone)]
pub struct Device(pub DeviceRow);

impl Device {
    /// The actor its operations are judged as.
    #[must_use]
    pub fn actor(&self) -> Actor {
        Actor {
            person: self.0.person,
            access: self.0.access,
        }
    }
}

fn bearer(parts: &Parts) -> Option<String> {
    if let Some(value) = parts.headers.get(axum::http::header::AUTHORIZATION) {
        let text = value.to_str().ok()?;
        return text
            .strip_prefix("Bearer ")
            .map(|token| token.trim().to_owned());
    }
    parts.uri.query().and_then(|query| {
        query
            .split('&')
            .find_map(|pair| pair.strip_prefix("access_token="))
            .map(str::to_owned)
    })
}

impl FromRequestParts<AppState> for Device {
    type Rejection = ApiError;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        let token = bearer(parts)
            .filter(|token| !token.is_empty())
            .ok_or_else(|| {
                ApiError::new(
                    StatusCode::UNAUTHORIZED,
                    "unauthorized",
                    "This request needs a device token: join the collective with an invite first.",
                )
            })?;
        let hash = secrets::hash(&token);
        let device = state
            .hub
            .storage()
            .device_by_token(hash)
            .await?
            .ok_or_else(|| {
                ApiError::new(
                    StatusCode::UNAUTHORIZED,
                    "unauthorized",
                    "Unknown device token.",
                )
            })?;
        if device.revoked {
            return Err(ApiError::new(
                StatusCode::FORBIDDEN,
                "access_revoked",
                "This device's access to the collective was revoked. Unsent changes stay on the device.",
            ));
        }
        state.limiter.check(device.id)?;
        Ok(Device(device))
    }
}
