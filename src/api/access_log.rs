//! The access log line. It never holds a secret: the calendar-feed token in `/api/v1/feeds/{token}/...` (a
//! bearer credential in a URL, since calendar apps cannot send headers) and query values whose name says they are
//! secret are replaced by `[redacted]`. Headers (Authorization, Cookie) are never logged.

use actix_web::dev::ServiceRequest;
use actix_web::middleware::Logger;

const REDACTED: &str = "[redacted]";
/// Query parameters that would carry a credential if a client put one in a URL.
const SECRET_PARAMETERS: &[&str] = &["token", "access_token", "password", "secret", "key", "api_key"];

/// The Logger of every instance: client, request line (redacted), status, size, duration, request id.
pub fn logger() -> Logger {
    Logger::new("%a \"%{request}xi\" %s %b %Dms %{x-request-id}o").custom_request_replace("request", request_line)
}

fn request_line(req: &ServiceRequest) -> String {
    format!(
        "{} {} {:?}",
        req.method(),
        redact(req.path(), req.query_string()),
        req.version()
    )
}

/// The path and query as they may be logged.
pub fn redact(path: &str, query: &str) -> String {
    let mut out = match path.strip_prefix("/api/v1/feeds/") {
        Some(rest) => match rest.split_once('/') {
            Some((_, tail)) => format!("/api/v1/feeds/{REDACTED}/{tail}"),
            None => format!("/api/v1/feeds/{REDACTED}"),
        },
        None => path.to_string(),
    };
    if !query.is_empty() {
        out.push('?');
        let pairs: Vec<String> = query
            .split('&')
            .map(|pair| {
                let name = pair.split_once('=').map_or(pair, |(name, _)| name);
                if SECRET_PARAMETERS.iter().any(|s| name.eq_ignore_ascii_case(s)) {
                    format!("{name}={REDACTED}")
                } else {
                    pair.to_string()
                }
            })
            .collect();
        out.push_str(&pairs.join("&"));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::redact;

    #[test]
    fn feed_tokens_and_secret_parameters_are_never_logged() {
        let token = "a".repeat(64);
        let line = redact(&format!("/api/v1/feeds/{token}/inspections.ics"), "");
        assert_eq!(line, "/api/v1/feeds/[redacted]/inspections.ics");
        assert!(!line.contains(&token));
        assert_eq!(
            redact(&format!("/api/v1/feeds/{token}"), ""),
            "/api/v1/feeds/[redacted]"
        );
        assert_eq!(
            redact("/api/v1/batches", "project=p1&access_token=abc&Token=x"),
            "/api/v1/batches?project=p1&access_token=[redacted]&Token=[redacted]"
        );
        assert_eq!(redact("/batches/x", "decision=clear"), "/batches/x?decision=clear");
    }
}
