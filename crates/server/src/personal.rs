//! Personal data at rest: ID numbers, phones and names sealed with AES-256-GCM, found again by
//! keyed hashes (HMAC-SHA-256), all from one server key that never enters the repository.

use aes_gcm::aead::{Aead, KeyInit};
use aes_gcm::{Aes256Gcm, Nonce};
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use hmac::{Hmac, Mac};
use sha2::Sha256;
use std::path::Path;
use swg_model::InvalidValue;

/// The prefix of every sealed value; a stored value without it was never sealed.
const SEALED: &str = "v1:";
const NONCE_LEN: usize = 12;

/// A value as stored: sealed, so it can be read back only with the server key.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Sealed(String);

impl Sealed {
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl TryFrom<String> for Sealed {
    type Error = InvalidValue;
    fn try_from(text: String) -> Result<Sealed, InvalidValue> {
        if text.starts_with(SEALED) {
            Ok(Sealed(text))
        } else {
            Err(InvalidValue("a personal-data column holds a value that is not sealed".into()))
        }
    }
}

/// What a keyed hash is for; each purpose has its own key, so hashes never match across them.
#[derive(Clone, Copy, Debug)]
pub enum Purpose {
    /// Finding a booking or feedback by phone, ID number or look-up secret.
    Lookup,
    /// The idempotency key of a plain form post.
    FormKey,
    /// The fingerprint of a request stored with its idempotency key.
    Request,
    /// Signing proof-of-work challenges and waiting tickets.
    Challenge,
}

impl Purpose {
    fn label(self) -> &'static [u8] {
        match self {
            Purpose::Lookup => b"swg lookup v1",
            Purpose::FormKey => b"swg form key v1",
            Purpose::Request => b"swg request v1",
            Purpose::Challenge => b"swg challenge v1",
        }
    }
}

/// The server's keys, derived from one 32-byte secret.
#[derive(Clone)]
pub struct Keys {
    secret: [u8; 32],
    cipher: Aes256Gcm,
}

impl std::fmt::Debug for Keys {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Keys(..)")
    }
}

fn hmac(key: &[u8], parts: &[&[u8]]) -> [u8; 32] {
    // HMAC takes a key of any length, so this cannot fail.
    let mut mac = <Hmac<Sha256> as Mac>::new_from_slice(key).unwrap_or_else(|_| unreachable!());
    for part in parts {
        mac.update(&u64::try_from(part.len()).unwrap_or(u64::MAX).to_be_bytes());
        mac.update(part);
    }
    mac.finalize().into_bytes().into()
}

fn random<const N: usize>() -> Result<[u8; N], String> {
    let mut bytes = [0u8; N];
    getrandom::fill(&mut bytes).map_err(|e| format!("no randomness available: {e}"))?;
    Ok(bytes)
}

impl Keys {
    pub fn from_secret(secret: [u8; 32]) -> Keys {
        let key = hmac(&secret, &[b"swg seal v1"]);
        Keys { secret, cipher: Aes256Gcm::new(&key.into()) }
    }

    /// The key from `SWG_SECRET_KEY` (64 hex digits) if set, else from `file`; a missing file
    /// is created with a new random key (readable by its owner only), and the log says so.
    pub fn load(env: Option<String>, file: &Path) -> Result<Keys, String> {
        if let Some(hex) = env {
            return parse_hex(hex.trim()).map(Keys::from_secret).map_err(|e| format!("SWG_SECRET_KEY: {e}"));
        }
        match std::fs::read_to_string(file) {
            Ok(text) => {
                parse_hex(text.trim()).map(Keys::from_secret).map_err(|e| format!("{}: {e}", file.display()))
            }
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                let secret = random::<32>()?;
                write_new_key(file, &secret).map_err(|e| format!("cannot create {}: {e}", file.display()))?;
                tracing::warn!(
                    file = %file.display(),
                    "created a new key for personal data; keep a copy: without it the stored ID numbers and phones cannot be read"
                );
                Ok(Keys::from_secret(secret))
            }
            Err(e) => Err(format!("{}: {e}", file.display())),
        }
    }

    /// Seals `plain` with a fresh random nonce.
    pub fn seal(&self, plain: &str) -> Result<Sealed, String> {
        let nonce = random::<NONCE_LEN>()?;
        let sealed = self
            .cipher
            .encrypt(Nonce::from_slice(&nonce), plain.as_bytes())
            .map_err(|_| "encryption failed".to_owned())?;
        let mut bytes = nonce.to_vec();
        bytes.extend_from_slice(&sealed);
        Ok(Sealed(format!("{SEALED}{}", URL_SAFE_NO_PAD.encode(bytes))))
    }

    /// Opens a sealed value; an error (never the value) if it was sealed with another key or
    /// changed since.
    pub fn open(&self, sealed: &Sealed) -> Result<String, String> {
        let bad = || "a sealed value does not open with this server's key".to_owned();
        let bytes = URL_SAFE_NO_PAD.decode(&sealed.0[SEALED.len()..]).map_err(|_| bad())?;
        if bytes.len() < NONCE_LEN {
            return Err(bad());
        }
        let (nonce, body) = bytes.split_at(NONCE_LEN);
        let plain = self.cipher.decrypt(Nonce::from_slice(nonce), body).map_err(|_| bad())?;
        String::from_utf8(plain).map_err(|_| bad())
    }

    /// A keyed hash of `parts` for one purpose, as text for a column or a key.
    pub fn hash(&self, purpose: Purpose, parts: &[&str]) -> String {
        let key = hmac(&self.secret, &[purpose.label()]);
        let parts: Vec<&[u8]> = parts.iter().map(|p| p.as_bytes()).collect();
        URL_SAFE_NO_PAD.encode(hmac(&key, &parts))
    }

    /// A secret of `len` letters and digits (no look-alikes) that only this server can derive
    /// from `parts`: given to a citizen, it proves they were given it.
    pub fn code(&self, purpose: Purpose, parts: &[&str], len: usize) -> String {
        let key = hmac(&self.secret, &[purpose.label()]);
        let parts: Vec<&[u8]> = parts.iter().map(|p| p.as_bytes()).collect();
        hmac(&key, &parts).iter().take(len).map(|b| crate::db::code_char(*b)).collect()
    }
}

/// Seals the personal data of rows stored before it was sealed (they have no look-up hash yet).
/// Runs at every start; does nothing once every row is sealed.
pub async fn seal_plain_rows(pool: &crate::db::Pool, keys: &Keys) -> Result<u64, String> {
    let fail = |e: sqlx::Error| format!("sealing stored personal data failed: {e}");
    let seal = |value: &str| keys.seal(value).map(|s| s.0);
    let bookings: Vec<(String, String, String, String)> =
        sqlx::query_as("SELECT code, name, phone, id_number FROM bookings WHERE phone_hash = ''")
            .fetch_all(pool)
            .await
            .map_err(fail)?;
    let mut sealed = 0;
    for (code, name, phone, id_number) in bookings {
        sqlx::query("UPDATE bookings SET name = $1, phone = $2, id_number = $3, phone_hash = $4, id_hash = $5 WHERE code = $6")
            .bind(seal(&name)?)
            .bind(seal(&phone)?)
            .bind(seal(&id_number)?)
            .bind(keys.hash(Purpose::Lookup, &[&phone]))
            .bind(keys.hash(Purpose::Lookup, &[&id_number]))
            .bind(code)
            .execute(pool)
            .await
            .map_err(fail)?;
        sealed += 1;
    }
    let feedback: Vec<(String, String)> =
        sqlx::query_as("SELECT tracking, phone FROM feedback WHERE phone_hash = '' AND phone <> ''")
            .fetch_all(pool)
            .await
            .map_err(fail)?;
    for (tracking, phone) in feedback {
        sqlx::query("UPDATE feedback SET phone = $1, phone_hash = $2 WHERE tracking = $3")
            .bind(seal(&phone)?)
            .bind(keys.hash(Purpose::Lookup, &[&phone]))
            .bind(tracking)
            .execute(pool)
            .await
            .map_err(fail)?;
        sealed += 1;
    }
    Ok(sealed)
}

fn parse_hex(hex: &str) -> Result<[u8; 32], String> {
    let wrong = || "the key must be 64 hexadecimal digits (32 bytes)".to_owned();
    if hex.len() != 64 || !hex.is_ascii() {
        return Err(wrong());
    }
    let mut secret = [0u8; 32];
    for (i, byte) in secret.iter_mut().enumerate() {
        *byte = u8::from_str_radix(&hex[2 * i..2 * i + 2], 16).map_err(|_| wrong())?;
    }
    Ok(secret)
}

fn write_new_key(file: &Path, secret: &[u8; 32]) -> std::io::Result<()> {
    use std::io::Write;
    if let Some(parent) = file.parent() {
        std::fs::create_dir_all(parent)?;
    }
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    let hex: String = secret.iter().map(|b| format!("{b:02x}")).collect();
    options.open(file)?.write_all(format!("{hex}\n").as_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_sealed_value_opens_with_its_key_and_not_with_another() {
        let keys = Keys::from_secret([7; 32]);
        let sealed = keys.seal("11010519491231002X").expect("seal");
        assert!(!sealed.as_str().contains("1101051949"));
        assert_eq!(keys.open(&sealed), Ok("11010519491231002X".to_owned()));
        assert!(Keys::from_secret([8; 32]).open(&sealed).is_err());
        assert_ne!(keys.seal("x").expect("seal"), keys.seal("x").expect("seal"), "a fresh nonce each time");
    }

    #[test]
    fn hashes_are_stable_per_purpose_and_differ_between_purposes() {
        let keys = Keys::from_secret([7; 32]);
        assert_eq!(
            keys.hash(Purpose::Lookup, &["13900000001"]),
            keys.hash(Purpose::Lookup, &["13900000001"])
        );
        assert_ne!(
            keys.hash(Purpose::Lookup, &["13900000001"]),
            keys.hash(Purpose::FormKey, &["13900000001"])
        );
        assert_ne!(keys.hash(Purpose::Lookup, &["ab", "c"]), keys.hash(Purpose::Lookup, &["a", "bc"]));
    }

    #[test]
    fn a_key_file_is_created_once_and_read_back() {
        let dir = tempfile::tempdir().expect("temp dir");
        let file = dir.path().join("keys/secret.key");
        let first = Keys::load(None, &file).expect("created");
        let second = Keys::load(None, &file).expect("read");
        let sealed = first.seal("13900000001").expect("seal");
        assert_eq!(second.open(&sealed), Ok("13900000001".to_owned()));
        assert!(Keys::load(Some("not hex".into()), &file).is_err());
        std::fs::write(&file, "short").expect("write");
        assert!(Keys::load(None, &file).unwrap_err().contains("64 hexadecimal digits"));
    }
}
