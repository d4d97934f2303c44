//! Client credentials and access tokens (OAuth 2.0 client credentials grant, RFC 6749 §4.4,
//! as PACT v3 asks).
//!
//! - The clients file (`--clients FILE`): one `id:secret` per line, or `id:` followed by an
//!   Argon2 password hash (`$argon2id$v=19$…`, what `argon2` tools print); blank lines and
//!   lines starting with `#` are skipped. A plain secret is hashed with Argon2id as the file
//!   is read and only the hash is kept in memory.
//! - Tokens: `<payload>.<mac>`, both base64url; the payload is `client id` NUL `expiry`
//!   (seconds since the epoch), the MAC its HMAC-SHA-256 under a key drawn from the operating
//!   system at start. A restart invalidates every token; they live [`TOKEN_SECONDS`].

use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::Argon2;
use base64::engine::general_purpose::{STANDARD, URL_SAFE_NO_PAD};
use base64::Engine;
use hmac::{Hmac, Mac};
use rand_core::{OsRng, RngCore};
use sha2::Sha256;

use crate::HostError;

/// How long a token is valid, in seconds.
pub const TOKEN_SECONDS: i64 = 900;

/// The most clients a file may hold (each costs an Argon2 hash at start).
pub const MAX_CLIENTS: usize = 1000;

/// The clients and their hashed secrets.
pub struct Clients {
    clients: Vec<(String, String)>,
    /// A hash no secret matches, verified for an unknown id so that its answer takes as long
    /// as a wrong secret's.
    decoy: String,
}

fn hash(secret: &str) -> Result<String, HostError> {
    let salt = SaltString::generate(&mut OsRng);
    Argon2::default()
        .hash_password(secret.as_bytes(), &salt)
        .map(|h| h.to_string())
        .map_err(|e| HostError::Internal(format!("hashing a client secret: {e}")))
}

impl Clients {
    /// Reads a clients file's text (`name` is its path, for errors: `clients:LINE`).
    pub fn parse(name: &str, text: &str) -> Result<Clients, HostError> {
        let mut clients: Vec<(String, String)> = Vec::new();
        for (i, line) in text.lines().enumerate() {
            let line = line.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let path = format!("clients:{}", i + 1);
            let bad = |m: &str| {
                HostError::input(
                    "invalid_value",
                    path.clone(),
                    format!("{name} line {}: {m}", i + 1),
                )
            };
            let Some((id, secret)) = line.split_once(':') else {
                return Err(bad("expected `id:secret` or `id:$argon2id$…`"));
            };
            if id.is_empty() || !id.chars().all(|c| c.is_ascii_graphic()) {
                return Err(bad(
                    "the client id is empty or has a character other than printable ASCII",
                ));
            }
            if secret.is_empty() {
                return Err(bad("the secret is empty"));
            }
            if clients.iter().any(|(c, _)| c == id) {
                return Err(bad(&format!("the client id `{id}` is given twice")));
            }
            if clients.len() == MAX_CLIENTS {
                return Err(bad(&format!("more than {MAX_CLIENTS} clients")));
            }
            let stored = match secret.starts_with("$argon2") {
                true => {
                    let h = PasswordHash::new(secret)
                        .map_err(|e| bad(&format!("not an Argon2 hash: {e}")))?;
                    if h.salt.is_none() || h.hash.is_none() {
                        return Err(bad("an Argon2 hash needs its salt and its output"));
                    }
                    secret.to_owned()
                }
                false => hash(secret)?,
            };
            clients.push((id.to_owned(), stored));
        }
        if clients.is_empty() {
            return Err(HostError::input(
                "invalid_value",
                "clients",
                format!("{name} names no client (one `id:secret` per line)"),
            ));
        }
        Ok(Clients {
            clients,
            decoy: hash("\u{0}decoy")?,
        })
    }

    /// One client with a random secret, for a run without `--clients`: the id and the secret.
    pub fn random(id: &str) -> Result<(Clients, String), HostError> {
        let mut bytes = [0u8; 24];
        OsRng.fill_bytes(&mut bytes);
        let secret = URL_SAFE_NO_PAD.encode(bytes);
        let clients = Clients::parse("(generated)", &format!("{id}:{secret}"))?;
        Ok((clients, secret))
    }

    /// Whether `id` and `secret` are a client's credentials (one Argon2 verification either
    /// way).
    pub fn check(&self, id: &str, secret: &str) -> bool {
        let (known, stored) = match self.clients.iter().find(|(c, _)| c == id) {
            Some((_, h)) => (true, h.as_str()),
            None => (false, self.decoy.as_str()),
        };
        let Ok(parsed) = PasswordHash::new(stored) else {
            return false;
        };
        let ok = Argon2::default()
            .verify_password(secret.as_bytes(), &parsed)
            .is_ok();
        known && ok
    }
}

/// The `Authorization: Basic …` credentials: client id and secret.
pub fn basic_credentials(header: &str) -> Option<(String, String)> {
    let (scheme, rest) = header.trim().split_once(' ')?;
    if !scheme.eq_ignore_ascii_case("basic") {
        return None;
    }
    let bytes = STANDARD.decode(rest.trim()).ok()?;
    let text = String::from_utf8(bytes).ok()?;
    let (id, secret) = text.split_once(':')?;
    Some((id.to_owned(), secret.to_owned()))
}

/// Why a token was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokenError {
    /// Not a token of this host (malformed, or a signature that does not match).
    Invalid,
    /// A token of this host, past its expiry.
    Expired,
}

/// Issues and checks tokens under a key of this process.
pub struct Tokens {
    key: [u8; 32],
}

impl Tokens {
    /// A new random key.
    pub fn new() -> Tokens {
        let mut key = [0u8; 32];
        OsRng.fill_bytes(&mut key);
        Tokens { key }
    }

    fn mac(&self) -> Hmac<Sha256> {
        // HMAC takes a key of any length: this cannot fail.
        match Hmac::<Sha256>::new_from_slice(&self.key) {
            Ok(m) => m,
            Err(_) => Hmac::<Sha256>::new(&Default::default()),
        }
    }

    /// A token for `client` valid from `now` for [`TOKEN_SECONDS`].
    pub fn issue(&self, client: &str, now: i64) -> String {
        let payload = format!("{client}\u{0}{}", now + TOKEN_SECONDS);
        let mut mac = self.mac();
        mac.update(payload.as_bytes());
        let tag = mac.finalize().into_bytes();
        format!(
            "{}.{}",
            URL_SAFE_NO_PAD.encode(payload.as_bytes()),
            URL_SAFE_NO_PAD.encode(tag)
        )
    }

    /// The client a token was issued to, if it is this host's and unexpired at `now`.
    pub fn check(&self, token: &str, now: i64) -> Result<String, TokenError> {
        let (payload, tag) = token.split_once('.').ok_or(TokenError::Invalid)?;
        let payload = URL_SAFE_NO_PAD
            .decode(payload)
            .map_err(|_| TokenError::Invalid)?;
        let tag = URL_SAFE_NO_PAD
            .decode(tag)
            .map_err(|_| TokenError::Invalid)?;
        let mut mac = self.mac();
        mac.update(&payload);
        mac.verify_slice(&tag).map_err(|_| TokenError::Invalid)?;
        let text = String::from_utf8(payload).map_err(|_| TokenError::Invalid)?;
        let (client, expiry) = text.split_once('\u{0}').ok_or(TokenError::Invalid)?;
        let expiry: i64 = expiry.parse().map_err(|_| TokenError::Invalid)?;
        if now >= expiry {
            return Err(TokenError::Expired);
        }
        Ok(client.to_owned())
    }
}

impl Default for Tokens {
    fn default() -> Tokens {
        Tokens::new()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_token_names_its_client_until_it_expires() {
        let t = Tokens::new();
        let tok = t.issue("acme", 1000);
        assert_eq!(t.check(&tok, 1000), Ok("acme".to_owned()));
        assert_eq!(
            t.check(&tok, 1000 + TOKEN_SECONDS),
            Err(TokenError::Expired)
        );
        // Another process's key: not ours.
        assert_eq!(Tokens::new().check(&tok, 1000), Err(TokenError::Invalid));
        // A changed payload (another client) breaks the signature.
        let (_, tag) = tok.split_once('.').unwrap();
        let forged = format!("{}.{tag}", URL_SAFE_NO_PAD.encode("root\u{0}99999999999"));
        assert_eq!(t.check(&forged, 1000), Err(TokenError::Invalid));
        assert_eq!(
            t.check("very-invalid-access-token", 1000),
            Err(TokenError::Invalid)
        );
    }

    #[test]
    fn the_clients_file_keeps_hashes_and_names_bad_lines() {
        let c = Clients::parse("c.txt", "# comment\n\nacme:s3cret\n").unwrap();
        assert!(c.check("acme", "s3cret"));
        assert!(!c.check("acme", "wrong"));
        assert!(!c.check("other", "s3cret"));
        assert!(c.clients.iter().all(|(_, h)| h.starts_with("$argon2id$")));
        let hashed = format!(
            "beta:{}",
            c.clients.first().map(|(_, h)| h.as_str()).unwrap_or("")
        );
        let d = Clients::parse("d.txt", &hashed).unwrap();
        assert!(d.check("beta", "s3cret"));
        for (text, path) in [
            ("acme", "clients:1"),
            ("ok:x\n:secret", "clients:2"),
            ("acme:", "clients:1"),
            ("a:x\na:y", "clients:2"),
            ("a:$argon2id$nonsense", "clients:1"),
            ("# nothing", "clients"),
        ] {
            match Clients::parse("f", text) {
                Err(HostError::Input(r)) => assert_eq!(r.path, path, "{text}"),
                _ => panic!("{text}: expected an error at {path}"),
            }
        }
    }

    #[test]
    fn basic_credentials_are_read() {
        let h = format!("Basic {}", STANDARD.encode("id:se:cret"));
        assert_eq!(
            basic_credentials(&h),
            Some(("id".to_owned(), "se:cret".to_owned()))
        );
        assert_eq!(basic_credentials("Bearer x"), None);
        assert_eq!(basic_credentials("Basic !!!"), None);
    }
}
