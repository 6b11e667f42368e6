//! `/docs`: a readable reference of the API rendered on the server from the OpenAPI document. It needs no
//! script, font or style from elsewhere, so it works on a machine without a network.

use serde_json::Value;
use std::fmt::Write;

const METHODS: [&str; 5] = ["get", "post", "put", "patch", "delete"];

/// The page's only style: the endpoint links are stacked, so each gets at least 24 CSS pixels of height (WCAG 2.2
/// target size) instead of a line of small print touching the next.
const STYLE: &str = "nav li{margin:0}nav a{display:inline-block;min-height:24px;padding:2px 0}";

/// The Content-Security-Policy of the page: nothing but its own inline style, allowed by hash.
pub fn content_security_policy() -> String {
    use base64::Engine;
    use sha2::{Digest, Sha256};
    let hash = base64::engine::general_purpose::STANDARD.encode(Sha256::digest(STYLE.as_bytes()));
    format!("default-src 'none'; style-src 'sha256-{hash}'; frame-ancestors 'none'")
}

/// The whole page. Every string from the document is escaped.
pub fn render(spec: &Value) -> String {
    let title = text(&spec["info"]["title"]);
    let mut html = String::with_capacity(32 * 1024);
    let _ = write!(
        html,
        "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <title>{title} API reference</title><style>{STYLE}</style></head><body><main>\
         <h1>{title} API reference</h1><p>{}</p>\
         <p>The machine-readable document is <code>GET /api/v1/openapi.json</code> (send the bearer token). \
         Errors are <code>application/problem+json</code>.</p>",
        text(&spec["info"]["description"])
    );
    html.push_str("<nav aria-label=\"Endpoints\"><ul>");
    let paths = spec["paths"].as_object();
    for (path, item) in paths.into_iter().flatten() {
        for method in METHODS.iter().filter(|m| item.get(**m).is_some()) {
            let _ = write!(
                html,
                "<li><a href=\"#{}\"><code>{} {}</code></a></li>",
                anchor(method, path),
                method.to_ascii_uppercase(),
                escape(path)
            );
        }
    }
    html.push_str("</ul></nav>");
    for (path, item) in paths.into_iter().flatten() {
        for method in METHODS {
            if let Some(operation) = item.get(method) {
                operation_section(&mut html, method, path, operation);
            }
        }
    }
    html.push_str("</main></body></html>");
    html
}

fn operation_section(html: &mut String, method: &str, path: &str, operation: &Value) {
    let _ = write!(
        html,
        "<section id=\"{}\"><h2><code>{} {}</code></h2>",
        anchor(method, path),
        method.to_ascii_uppercase(),
        escape(path)
    );
    for key in ["summary", "description"] {
        if operation.get(key).is_some() {
            let _ = write!(html, "<p>{}</p>", text(&operation[key]));
        }
    }
    if operation.get("security").is_some() {
        html.push_str("<p>Needs a bearer token.</p>");
    }
    if let Some(parameters) = operation["parameters"].as_array().filter(|p| !p.is_empty()) {
        html.push_str(
            "<h3>Parameters</h3><table><thead><tr><th scope=\"col\">Name</th><th scope=\"col\">In</th>\
                       <th scope=\"col\">Required</th><th scope=\"col\">Description</th></tr></thead><tbody>",
        );
        for p in parameters {
            let required = if p["required"].as_bool().unwrap_or(false) {
                "yes"
            } else {
                "no"
            };
            let _ = write!(
                html,
                "<tr><td><code>{}</code></td><td>{}</td><td>{required}</td><td>{}</td></tr>",
                text(&p["name"]),
                text(&p["in"]),
                text(&p["description"])
            );
        }
        html.push_str("</tbody></table>");
    }
    if let Some(content) = operation["requestBody"]["content"].as_object() {
        let types: Vec<String> = content.keys().map(|k| escape(k)).collect();
        let _ = write!(html, "<h3>Request body</h3><p>{}</p>", types.join(", "));
    }
    if let Some(responses) = operation["responses"].as_object() {
        html.push_str("<h3>Responses</h3><dl>");
        for (status, response) in responses {
            let _ = write!(
                html,
                "<dt>{}</dt><dd>{}</dd>",
                escape(status),
                text(&response["description"])
            );
        }
        html.push_str("</dl>");
    }
    html.push_str("</section>");
}

fn anchor(method: &str, path: &str) -> String {
    let slug: String = path
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
        .collect();
    format!("{method}{slug}")
}

fn text(value: &Value) -> String {
    escape(value.as_str().unwrap_or(""))
}

fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn lists_every_operation_and_escapes_the_document() {
        let spec = json!({
            "info": {"title": "equipcheck", "description": "<script>alert(1)</script>"},
            "paths": {
                "/api/v1/items/{item}": {
                    "get": {"summary": "One item", "security": [{"bearer": []}],
                        "parameters": [{"name": "item", "in": "path", "required": true, "description": "Item id"}],
                        "responses": {"200": {"description": "The item"}, "404": {"description": "Not found"}}},
                    "post": {"responses": {"409": {"description": "Version \"3\" is stale"}}}
                }
            }
        });
        let html = render(&spec);
        assert!(html.contains("<code>GET /api/v1/items/{item}</code>"));
        assert!(html.contains("<code>POST /api/v1/items/{item}</code>"));
        assert!(html.contains("id=\"get-api-v1-items--item-\""));
        assert!(html.contains("<td><code>item</code></td><td>path</td><td>yes</td><td>Item id</td>"));
        assert!(html.contains("<dt>404</dt><dd>Not found</dd>"));
        assert!(html.contains("Version &quot;3&quot; is stale"));
        assert!(!html.contains("<script"), "{html}");
        assert!(html.contains("&lt;script&gt;"));
    }
}
