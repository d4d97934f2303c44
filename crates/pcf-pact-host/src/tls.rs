//! The TLS configuration: the operator's certificate chain and key (PEM), or a self-signed
//! certificate for `localhost` made at start (rcgen), for trying the host out. rustls with
//! the `ring` provider, TLS 1.2 and 1.3, HTTP/1.1 by ALPN.

use std::path::Path;
use std::sync::Arc;

use rustls::ServerConfig;
use rustls_pki_types::pem::PemObject;
use rustls_pki_types::{CertificateDer, PrivateKeyDer};
use sha2::{Digest, Sha256};

use crate::HostError;

fn config(
    chain: Vec<CertificateDer<'static>>,
    key: PrivateKeyDer<'static>,
    path: &str,
) -> Result<ServerConfig, HostError> {
    // rustls 0.23.48 deprecates the ring provider because it has no post-quantum key
    // exchange (X25519MLKEM768 is aws-lc-rs only, a C library built with CMake). Classical
    // X25519/P-256 key exchange is what PACT clients speak today; moving to aws-lc-rs is one
    // line here and the feature in Cargo.toml.
    #[allow(deprecated)]
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let mut c = ServerConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .map_err(|e| HostError::Internal(format!("TLS versions: {e}")))?
        .with_no_client_auth()
        .with_single_cert(chain, key)
        .map_err(|e| {
            HostError::input(
                "invalid_value",
                path,
                format!("the certificate and key do not make a TLS identity: {e}"),
            )
        })?;
    c.alpn_protocols = vec![b"http/1.1".to_vec()];
    Ok(c)
}

/// The configuration from PEM files: `cert` a chain (the server's certificate first),
/// `key` its private key (PKCS#8, PKCS#1 or SEC1). Errors at `cert` or `key`.
pub fn from_files(cert: &Path, key: &Path) -> Result<ServerConfig, HostError> {
    let read = |p: &Path, option: &str| {
        std::fs::read(p).map_err(|e| {
            HostError::input(
                "cannot_read",
                option,
                format!("cannot read {}: {e}", p.display()),
            )
        })
    };
    let cert_pem = read(cert, "cert")?;
    let key_pem = read(key, "key")?;
    let chain: Vec<CertificateDer<'static>> = CertificateDer::pem_slice_iter(&cert_pem)
        .collect::<Result<_, _>>()
        .map_err(|e| {
            HostError::input(
                "invalid_value",
                "cert",
                format!("{}: not a PEM certificate chain: {e}", cert.display()),
            )
        })?;
    if chain.is_empty() {
        return Err(HostError::input(
            "invalid_value",
            "cert",
            format!("{} holds no PEM certificate", cert.display()),
        ));
    }
    let key_der = PrivateKeyDer::from_pem_slice(&key_pem).map_err(|e| {
        HostError::input(
            "invalid_value",
            "key",
            format!("{}: not a PEM private key: {e}", key.display()),
        )
    })?;
    config(chain, key_der, "key")
}

/// A self-signed certificate for `localhost`, `127.0.0.1` and `::1`: the configuration and
/// the certificate's SHA-256 fingerprint (colon-separated hex), which the host says on
/// stderr.
pub fn self_signed() -> Result<(ServerConfig, String), HostError> {
    let names = vec!["localhost".into(), "127.0.0.1".into(), "::1".into()];
    let made = rcgen::generate_simple_self_signed(names)
        .map_err(|e| HostError::Internal(format!("making a self-signed certificate: {e}")))?;
    let der = made.cert.der().clone();
    let fingerprint = Sha256::digest(der.as_ref())
        .iter()
        .map(|b| format!("{b:02X}"))
        .collect::<Vec<_>>()
        .join(":");
    let key = PrivateKeyDer::try_from(made.key_pair.serialize_der())
        .map_err(|e| HostError::Internal(format!("the self-signed key: {e}")))?;
    Ok((config(vec![der], key, "key")?, fingerprint))
}
