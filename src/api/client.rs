//! Which client a request comes from, for throttles and rate limits: the peer address, or, when the peer is a
//! trusted proxy (`EQUIPCHECK_TRUSTED_PROXIES`), the last address its `X-Forwarded-For` added. A client cannot
//! choose its own address by sending the header directly.

use actix_web::HttpRequest;
use std::net::IpAddr;

pub fn client_ip(req: &HttpRequest, trusted_proxies: &[IpAddr]) -> String {
    let peer = req.peer_addr().map(|a| a.ip());
    if let Some(peer) = peer.filter(|p| trusted_proxies.contains(p)) {
        let forwarded = req
            .headers()
            .get_all("x-forwarded-for")
            .filter_map(|v| v.to_str().ok())
            .flat_map(|v| v.split(','))
            .filter_map(|a| a.trim().parse::<IpAddr>().ok())
            .last();
        return forwarded.unwrap_or(peer).to_string();
    }
    peer.map_or_else(|| "unknown".to_string(), |p| p.to_string())
}

#[cfg(test)]
mod tests {
    use super::client_ip;
    use actix_web::test::TestRequest;

    #[test]
    fn forwarded_addresses_count_only_behind_a_trusted_proxy() {
        let lb: std::net::IpAddr = "10.0.0.1".parse().unwrap();
        let req = TestRequest::default()
            .peer_addr("10.0.0.1:5000".parse().unwrap())
            .insert_header(("x-forwarded-for", "1.2.3.4, 203.0.113.9"))
            .to_http_request();
        assert_eq!(client_ip(&req, &[lb]), "203.0.113.9");
        assert_eq!(client_ip(&req, &[]), "10.0.0.1");
    }
}
