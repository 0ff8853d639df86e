//! Random ids and tokens, and the hashes tokens are stored as.
//!
//! Device and invite tokens are 256-bit random values shown once (in a join
//! URL or to the device) and stored only as SHA-256 hashes, so a copy of the
//! database does not let anyone in.

use std::time::{SystemTime, UNIX_EPOCH};

use archipel_core::Id;
use sha2::{Digest, Sha256};

/// Milliseconds since the Unix epoch, now.
#[must_use]
pub fn now_millis() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |elapsed| {
            i64::try_from(elapsed.as_millis()).unwrap_or(i64::MAX)
        })
}

/// Now, as RFC 3339 text in UTC (for `created_at` columns).
#[must_use]
pub fn now_text() -> String {
    let millis = now_millis();
    let date = archipel_core::Date::from_unix_millis(millis);
    let in_day = millis.rem_euclid(86_400_000);
    let (hours, minutes, seconds, ms) = (
        in_day / 3_600_000,
        (in_day / 60_000) % 60,
        (in_day / 1_000) % 60,
        in_day % 1_000,
    );
    format!("{date}T{hours:02}:{minutes:02}:{seconds:02}.{ms:03}Z")
}

fn random<const N: usize>() -> [u8; N] {
    let mut bytes = [0u8; N];
    // The operating system's generator does not fail on the platforms we ship to;
    // if it ever did, refusing to make a predictable token is the only safe choice.
    if let Err(error) = getrandom::fill(&mut bytes) {
        panic!("the system random number generator failed: {error}");
    }
    bytes
}

/// A fresh UUIDv7 id.
#[must_use]
pub fn new_id() -> Id {
    Id::from_parts(u64::try_from(now_millis()).unwrap_or(0), random())
}

/// A fresh secret token (256 bits, hex).
#[must_use]
pub fn new_token() -> String {
    hex::encode(random::<32>())
}

/// The stored form of a token.
#[must_use]
pub fn hash(token: &str) -> Vec<u8> {
    Sha256::digest(token.as_bytes()).to_vec()
}

/// The SHA-256 of `bytes` in lower-case hexadecimal: an attachment's name.
#[must_use]
pub fn sha256_hex(bytes: &[u8]) -> String {
    hex::encode(Sha256::digest(bytes))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_are_long_random_and_hash_stably() {
        let a = new_token();
        let b = new_token();
        assert_eq!(a.len(), 64);
        assert_ne!(a, b);
        assert_eq!(hash(&a), hash(&a));
        assert_ne!(hash(&a), hash(&b));
    }

    #[test]
    fn now_text_looks_like_rfc3339() {
        let text = now_text();
        assert_eq!(text.len(), 24, "{text}");
        assert!(text.ends_with('Z') && text.as_bytes()[10] == b'T');
    }
}
