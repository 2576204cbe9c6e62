//! The workspace's hashing secret and the keyed hashes made with it.
//!
//! Erased contacts leave only hashes behind: the suppression list's erased entries, the
//! key hashes of exported recipients and the audit log's erasure records. A plain
//! SHA-256 of a phone number is reversed by trying every number (seconds on a laptop),
//! and the same address hashes alike in every workspace, so these hashes are keyed:
//! HMAC-SHA-256 (RFC 2104) of `kind:value` with a 32-byte secret drawn from the
//! operating system's random source (`getrandom`) when the workspace is created
//! (migration 0009) and stored in it, table `workspace_secret`. Without the secret no
//! hash can be tested or precomputed, and two workspaces hash one address differently.
//! With it (anyone holding the workspace file) a guessed address can still be tested
//! against the list: keyed hashing protects the hashes when they travel without the
//! secret, not the file.
//!
//! Entries that held only a plain SHA-256 before migration 0009 (the value is gone, so
//! they cannot be hashed again) are *wrapped*: their hash becomes
//! HMAC(secret, `sha256:` + the old hex digest), which still matches the address it was
//! made from ([`HashKey::wrapped`]) and is as hard to test without the secret.
//!
//! Owns the `workspace_secret` table. Called by `import::suppress::entry_hash` (the one
//! hash every feature module uses) and by the storage modules that check hashes.

use std::fmt;

use hmac::digest::KeyInit;
use hmac::{Hmac, Mac};
use rusqlite::{Connection, OptionalExtension};
use sha2::{Digest, Sha256};

use super::WorkspaceError;

/// Length of the workspace secret in bytes (256 bits, SHA-256's output size, as
/// RFC 2104 §3 recommends for an HMAC key).
pub const SECRET_LEN: usize = 32;

/// The workspace's HMAC-SHA-256 key, ready to hash with.
///
/// Its `Debug` output never shows the secret.
#[derive(Clone)]
pub struct HashKey {
    mac: Hmac<Sha256>,
}

impl fmt::Debug for HashKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("HashKey(secret hidden)")
    }
}

impl HashKey {
    /// The key for `secret`.
    pub fn from_secret(secret: &[u8; SECRET_LEN]) -> Self {
        // HMAC pads a key shorter than the hash's 64-byte block with zeros (RFC 2104 §2);
        // padding it here makes construction infallible.
        let mut block = [0u8; 64];
        block[..SECRET_LEN].copy_from_slice(secret);
        HashKey {
            mac: <Hmac<Sha256> as KeyInit>::new(&block.into()),
        }
    }

    /// The key of the workspace behind `conn`.
    ///
    /// Errors: [`WorkspaceError::Invalid`] when the workspace has no secret or a damaged
    /// one; SQLite errors.
    pub fn load(conn: &Connection) -> Result<Self, WorkspaceError> {
        let stored: Option<Vec<u8>> = conn
            .query_row(
                "SELECT hash_key FROM workspace_secret WHERE id = 1",
                [],
                |r| r.get(0),
            )
            .optional()?;
        let secret: [u8; SECRET_LEN] = stored
            .as_deref()
            .and_then(|s| s.try_into().ok())
            .ok_or_else(|| {
                WorkspaceError::Invalid(
                    "the workspace's hashing secret is missing or damaged".to_string(),
                )
            })?;
        Ok(Self::from_secret(&secret))
    }

    /// Lower-case hex HMAC-SHA-256 of `kind:value`: the stored hash of an address or
    /// contact key (`kind` is `email`, `phone` or `key`; `value` in its normal form).
    pub fn hash(&self, kind: &str, value: &str) -> String {
        self.mac_hex(&[kind.as_bytes(), b":", value.as_bytes()])
    }

    /// The wrapped form of a plain hex SHA-256 kept from before keyed hashing:
    /// lower-case hex HMAC-SHA-256 of `sha256:` + `plain_hex`.
    pub fn wrap(&self, plain_hex: &str) -> String {
        self.mac_hex(&[b"sha256:", plain_hex.as_bytes()])
    }

    /// The wrapped hash an entry made before keyed hashing holds for `kind:value`
    /// ([`HashKey::wrap`] of its plain SHA-256).
    pub fn wrapped(&self, kind: &str, value: &str) -> String {
        self.wrap(&plain_sha256_hex(&format!("{kind}:{value}")))
    }

    fn mac_hex(&self, parts: &[&[u8]]) -> String {
        let mut mac = self.mac.clone();
        for part in parts {
            mac.update(part);
        }
        hex(&mac.finalize().into_bytes())
    }
}

/// Draw a new secret from the operating system's random source.
///
/// Errors: [`WorkspaceError::Invalid`] when the system has no random source to give.
pub fn new_secret() -> Result<[u8; SECRET_LEN], WorkspaceError> {
    let mut secret = [0u8; SECRET_LEN];
    getrandom::fill(&mut secret).map_err(|e| {
        WorkspaceError::Invalid(format!(
            "the system's random source failed, so no workspace secret could be made: {e}"
        ))
    })?;
    Ok(secret)
}

/// Store `secret` as the workspace's secret, unless it already has one; returns the
/// workspace's key either way.
pub fn store_secret(
    conn: &Connection,
    secret: &[u8; SECRET_LEN],
) -> Result<HashKey, WorkspaceError> {
    conn.execute(
        "INSERT OR IGNORE INTO workspace_secret (id, hash_key) VALUES (1, ?1)",
        [&secret[..]],
    )?;
    HashKey::load(conn)
}

/// Lower-case hex SHA-256 of `text`, the unkeyed form hashes had before migration 0009.
pub fn plain_sha256_hex(text: &str) -> String {
    hex(&Sha256::digest(text.as_bytes()))
}

fn hex(bytes: &[u8]) -> String {
    use std::fmt::Write;
    bytes
        .iter()
        .fold(String::with_capacity(bytes.len() * 2), |mut s, b| {
            let _ = write!(s, "{b:02x}");
            s
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The secret 0x00, 0x01, …, 0x1f.
    fn counting_key() -> HashKey {
        let secret: [u8; SECRET_LEN] = std::array::from_fn(|i| i as u8);
        HashKey::from_secret(&secret)
    }

    #[test]
    fn keyed_hash_is_hmac_sha256_of_kind_and_value() {
        // printf 'phone:+447700900123' | openssl dgst -sha256 -mac HMAC \
        //   -macopt hexkey:000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f
        assert_eq!(
            counting_key().hash("phone", "+447700900123"),
            "7ae62fb79d78aa3002aba55c92eecb1b7ddeeb974b639e25e6631b31a9a14348"
        );
    }

    #[test]
    fn wrapped_hash_is_hmac_of_the_old_plain_hash() {
        // `printf 'email:a@b.c' | sha256sum` is 3e04b973…011d; the wrapped form is
        // printf 'sha256:3e04…011d' | openssl dgst -sha256 -mac HMAC -macopt hexkey:0001…1f
        let key = counting_key();
        let expected = "206d8e04bfaba0cbc4dda9c3fe7a38dddf15b2bcf2bd084d6e2991971dca26af";
        assert_eq!(
            key.wrap("3e04b973266d1246679f532b731c9f235b1a21894f25c248c7ee81b219df011d"),
            expected
        );
        assert_eq!(key.wrapped("email", "a@b.c"), expected);
    }

    #[test]
    fn debug_output_hides_the_secret() {
        assert_eq!(format!("{:?}", counting_key()), "HashKey(secret hidden)");
    }

    #[test]
    fn new_secrets_differ() {
        // Two draws of 256 random bits are equal with probability 2^-256.
        assert_ne!(new_secret().unwrap(), new_secret().unwrap());
    }
}
