//! Token verification and issuing. The algorithm comes from the configuration only; the token header may name
//! a `kid` to pick among the configured JWKS keys, never a key or a key URL (`jwk`, `jku`, `x5u` are ignored).

use super::{Claims, Identity, Role};
use crate::config::{JwtAlgorithm, JwtSettings};
use jsonwebtoken::jwk::JwkSet;
use jsonwebtoken::{Algorithm, DecodingKey, EncodingKey, Header, Validation};
use std::collections::HashMap;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

#[derive(Debug, thiserror::Error)]
pub enum KeyError {
    #[error("cannot read {path}: {source}")]
    Read {
        path: String,
        #[source]
        source: std::io::Error,
    },
    #[error("invalid key material: {0}")]
    Invalid(String),
    #[error("{0}")]
    Config(String),
}

#[derive(Debug, thiserror::Error)]
pub enum TokenError {
    #[error("the token is not valid: {0}")]
    Invalid(String),
    #[error("this server cannot issue tokens: no signing key is configured for {0:?}")]
    NoSigningKey(JwtAlgorithm),
}

enum Verifier {
    Single(DecodingKey),
    Jwks(HashMap<String, DecodingKey>),
}

pub struct JwtKeys {
    algorithm: JwtAlgorithm,
    verifier: Verifier,
    signer: Option<EncodingKey>,
    validation: Validation,
    pub issuer: String,
    pub audience: String,
    pub login_ttl: Duration,
}

impl std::fmt::Debug for JwtKeys {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("JwtKeys").field("algorithm", &self.algorithm).finish()
    }
}

fn read(path: &std::path::Path) -> Result<Vec<u8>, KeyError> {
    std::fs::read(path).map_err(|source| KeyError::Read {
        path: path.display().to_string(),
        source,
    })
}

fn algorithm(alg: JwtAlgorithm) -> Algorithm {
    match alg {
        JwtAlgorithm::Hs256 => Algorithm::HS256,
        JwtAlgorithm::Rs256 => Algorithm::RS256,
        JwtAlgorithm::EdDsa => Algorithm::EdDSA,
    }
}

impl JwtKeys {
    /// Keys from the settings; `stored_secret` is the HS256 secret kept in the database, used when none is set.
    pub fn from_settings(settings: &JwtSettings, stored_secret: Option<&str>) -> Result<JwtKeys, KeyError> {
        let inv = |e: jsonwebtoken::errors::Error| KeyError::Invalid(e.to_string());
        let (verifier, signer) = match settings.algorithm {
            JwtAlgorithm::Hs256 => {
                let secret = match (&settings.secret, &settings.secret_file) {
                    (Some(s), _) => s.as_bytes().to_vec(),
                    (None, Some(path)) => {
                        let mut bytes = read(path)?;
                        while bytes.last().is_some_and(|b| b.is_ascii_whitespace()) {
                            bytes.pop();
                        }
                        bytes
                    }
                    (None, None) => stored_secret
                        .ok_or_else(|| KeyError::Config("no HS256 secret configured".into()))?
                        .as_bytes()
                        .to_vec(),
                };
                if secret.len() < 32 {
                    return Err(KeyError::Config(
                        "the HS256 secret must be at least 32 bytes long".into(),
                    ));
                }
                (
                    Verifier::Single(DecodingKey::from_secret(&secret)),
                    Some(EncodingKey::from_secret(&secret)),
                )
            }
            alg @ (JwtAlgorithm::Rs256 | JwtAlgorithm::EdDsa) => {
                let verifier = match (&settings.public_key_file, &settings.jwks_file) {
                    (Some(path), _) => {
                        let pem = read(path)?;
                        Verifier::Single(if alg == JwtAlgorithm::Rs256 {
                            DecodingKey::from_rsa_pem(&pem).map_err(inv)?
                        } else {
                            DecodingKey::from_ed_pem(&pem).map_err(inv)?
                        })
                    }
                    (None, Some(path)) => {
                        let set: JwkSet = serde_json::from_slice(&read(path)?)
                            .map_err(|e| KeyError::Invalid(format!("JWKS: {e}")))?;
                        let mut keys = HashMap::new();
                        for jwk in &set.keys {
                            let Some(kid) = jwk.common.key_id.clone() else { continue };
                            keys.insert(kid, DecodingKey::from_jwk(jwk).map_err(inv)?);
                        }
                        if keys.is_empty() {
                            return Err(KeyError::Config("the JWKS file has no key with a kid".into()));
                        }
                        Verifier::Jwks(keys)
                    }
                    (None, None) => {
                        return Err(KeyError::Config(
                            "RS256/EdDSA need EQUIPCHECK_JWT_PUBLIC_KEY_FILE or EQUIPCHECK_JWT_JWKS_FILE".into(),
                        ))
                    }
                };
                let signer = match &settings.private_key_file {
                    Some(path) => {
                        let pem = read(path)?;
                        Some(if alg == JwtAlgorithm::Rs256 {
                            EncodingKey::from_rsa_pem(&pem).map_err(inv)?
                        } else {
                            EncodingKey::from_ed_pem(&pem).map_err(inv)?
                        })
                    }
                    None => None,
                };
                (verifier, signer)
            }
        };
        let mut validation = Validation::new(algorithm(settings.algorithm));
        validation.algorithms = vec![algorithm(settings.algorithm)];
        validation.set_required_spec_claims(&["exp", "iss", "aud", "sub"]);
        validation.set_issuer(&[&settings.issuer]);
        validation.set_audience(&[&settings.audience]);
        validation.validate_exp = true;
        validation.validate_nbf = true;
        validation.leeway = settings.leeway_secs;
        Ok(JwtKeys {
            algorithm: settings.algorithm,
            verifier,
            signer,
            validation,
            issuer: settings.issuer.clone(),
            audience: settings.audience.clone(),
            login_ttl: settings.login_ttl,
        })
    }

    pub fn verify(&self, token: &str) -> Result<Identity, TokenError> {
        self.verify_until(token).map(|(identity, _)| identity)
    }

    /// The identity and the token's expiry (seconds since the epoch), e.g. to end a browser session with it.
    pub fn verify_until(&self, token: &str) -> Result<(Identity, u64), TokenError> {
        let invalid = |e: jsonwebtoken::errors::Error| TokenError::Invalid(e.to_string());
        let key = match &self.verifier {
            Verifier::Single(key) => key,
            Verifier::Jwks(keys) => {
                let header = jsonwebtoken::decode_header(token).map_err(invalid)?;
                let kid = header
                    .kid
                    .ok_or_else(|| TokenError::Invalid("no kid in the header".into()))?;
                keys.get(&kid)
                    .ok_or_else(|| TokenError::Invalid("unknown kid".into()))?
            }
        };
        let data = jsonwebtoken::decode::<Claims>(token, key, &self.validation).map_err(invalid)?;
        let claims = data.claims;
        if claims.sub.trim().is_empty() {
            return Err(TokenError::Invalid("empty sub".into()));
        }
        // The subject and project ids are stored and compared in the database (PostgreSQL refuses NUL).
        if std::iter::once(&claims.sub)
            .chain(&claims.projects)
            .any(|text| crate::input_text::find_control(text, crate::input_text::Layout::Refused).is_some())
        {
            return Err(TokenError::Invalid("a control character in sub or projects".into()));
        }
        let auth_method = if claims.amr.iter().any(|m| m == "pwd") {
            "password".to_string()
        } else {
            format!("jwt:{:?}", algorithm(self.algorithm))
        };
        let identity = Identity {
            sub: claims.sub,
            role: claims.role,
            projects: claims.projects,
            auth_method,
        };
        Ok((identity, claims.exp))
    }

    /// Signs a token for `sub` valid for `ttl`.
    pub fn issue(&self, sub: &str, role: Role, projects: &[String], ttl: Duration) -> Result<String, TokenError> {
        self.sign(sub, role, projects, ttl, Vec::new())
    }

    /// Same, for a user who just gave their password (`amr: ["pwd"]`, so the audit trail says so).
    pub fn issue_after_password(
        &self,
        sub: &str,
        role: Role,
        projects: &[String],
        ttl: Duration,
    ) -> Result<String, TokenError> {
        self.sign(sub, role, projects, ttl, vec!["pwd".to_string()])
    }

    fn sign(
        &self,
        sub: &str,
        role: Role,
        projects: &[String],
        ttl: Duration,
        amr: Vec<String>,
    ) -> Result<String, TokenError> {
        let signer = self.signer.as_ref().ok_or(TokenError::NoSigningKey(self.algorithm))?;
        let now = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .unwrap_or_default()
            .as_secs();
        let claims = Claims {
            sub: sub.to_string(),
            role,
            projects: projects.to_vec(),
            exp: now.saturating_add(ttl.as_secs()),
            iat: now,
            iss: self.issuer.clone(),
            aud: self.audience.clone(),
            amr,
        };
        jsonwebtoken::encode(&Header::new(algorithm(self.algorithm)), &claims, signer)
            .map_err(|e| TokenError::Invalid(e.to_string()))
    }
}

/// A fresh random HS256 secret (two v4 UUIDs: 244 random bits) for installations that set none.
pub fn generate_secret() -> String {
    format!("{}{}", uuid::Uuid::new_v4().simple(), uuid::Uuid::new_v4().simple())
}
