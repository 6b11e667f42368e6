//! Where deliveries may go: http or https, no credentials in the URL, and (unless the installation allows it,
//! as tests do) no loopback, private, link-local or otherwise internal address, so that a subscription cannot
//! make the server call into its own network. Checked at creation on the URL and again at each delivery on the
//! addresses its name resolves to (a name may point inward later).

use std::net::IpAddr;

/// Longest accepted delivery URL.
pub const MAX_URL_LEN: usize = 2000;

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum UrlError {
    #[error("url: not a valid absolute URL")]
    Invalid,
    #[error("url: at most {MAX_URL_LEN} characters")]
    TooLong,
    #[error("url: only http and https are delivered to")]
    Scheme,
    #[error("url: must not hold a user name or password (the signature authenticates deliveries)")]
    Credentials,
    #[error("url: must not hold a fragment")]
    Fragment,
    #[error("url: names a loopback, private or internal address; deliveries go to public addresses only")]
    Private,
}

/// The URL as it will be stored, or why it is refused.
pub fn check_url(url: &str, allow_private: bool) -> Result<String, UrlError> {
    if url.len() > MAX_URL_LEN {
        return Err(UrlError::TooLong);
    }
    let parsed = url::Url::parse(url).map_err(|_| UrlError::Invalid)?;
    if !matches!(parsed.scheme(), "http" | "https") {
        return Err(UrlError::Scheme);
    }
    if !parsed.username().is_empty() || parsed.password().is_some() {
        return Err(UrlError::Credentials);
    }
    if parsed.fragment().is_some() {
        return Err(UrlError::Fragment);
    }
    let internal = match parsed.host() {
        None => return Err(UrlError::Invalid),
        Some(url::Host::Ipv4(ip)) => is_private(IpAddr::V4(ip)),
        Some(url::Host::Ipv6(ip)) => is_private(IpAddr::V6(ip)),
        Some(url::Host::Domain(name)) => {
            let name = name.trim_end_matches('.').to_ascii_lowercase();
            name == "localhost" || name.ends_with(".localhost") || name.ends_with(".internal") || !name.contains('.')
        }
    };
    if internal && !allow_private {
        return Err(UrlError::Private);
    }
    Ok(parsed.to_string())
}

/// Whether `ip` is not a public internet address.
pub fn is_private(ip: IpAddr) -> bool {
    match ip {
        IpAddr::V4(v4) => {
            let [a, b, ..] = v4.octets();
            v4.is_loopback()
                || v4.is_private()
                || v4.is_link_local()
                || v4.is_unspecified()
                || v4.is_broadcast()
                || v4.is_multicast()
                || v4.is_documentation()
                || a == 0
                || (a == 100 && (64..128).contains(&b)) // carrier-grade NAT
                || (a == 198 && (18..20).contains(&b)) // benchmarking
                || a >= 240
        }
        IpAddr::V6(v6) => {
            if let Some(v4) = v6.to_ipv4_mapped() {
                return is_private(IpAddr::V4(v4));
            }
            let first = v6.segments()[0];
            v6.is_loopback()
                || v6.is_unspecified()
                || v6.is_multicast()
                || (first & 0xfe00) == 0xfc00 // unique local
                || (first & 0xffc0) == 0xfe80 // link-local
                || first == 0x2001 && v6.segments()[1] == 0x0db8 // documentation
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_public_http_urls_without_credentials_pass() {
        assert!(check_url("https://erp.example.org/hooks/equipcheck", false).is_ok());
        assert_eq!(check_url("ftp://erp.example.org/x", false), Err(UrlError::Scheme));
        assert_eq!(
            check_url("https://u:p@erp.example.org/x", false),
            Err(UrlError::Credentials)
        );
        assert_eq!(
            check_url("https://u@erp.example.org/x", false),
            Err(UrlError::Credentials)
        );
        assert_eq!(check_url("not a url", false), Err(UrlError::Invalid));
        assert_eq!(check_url("http://127.0.0.1:9/x", false), Err(UrlError::Private));
        assert_eq!(check_url("http://[::1]:9/x", false), Err(UrlError::Private));
        assert_eq!(check_url("http://10.1.2.3/x", false), Err(UrlError::Private));
        assert_eq!(
            check_url("http://169.254.169.254/latest", false),
            Err(UrlError::Private)
        );
        assert_eq!(check_url("http://localhost:8080/x", false), Err(UrlError::Private));
        assert_eq!(
            check_url("http://[::ffff:192.168.0.1]/x", false),
            Err(UrlError::Private)
        );
        assert!(check_url("http://127.0.0.1:9/x", true).is_ok());
        assert_eq!(check_url("https://erp.example.org/x#f", false), Err(UrlError::Fragment));
    }
}
