//! The stylesheet and the one script, compiled into the binary (no CDN, no web fonts) and served with a
//! content hash in their URL so browsers may cache them for a year.

use actix_web::{web, HttpResponse};
use std::sync::OnceLock;

const CSS: &str = include_str!("static/app.css");
const JS: &str = include_str!("static/app.js");

struct Asset {
    name: &'static str,
    content_type: &'static str,
    body: &'static str,
}

const ASSETS: [Asset; 2] = [
    Asset {
        name: "app.css",
        content_type: "text/css; charset=utf-8",
        body: CSS,
    },
    Asset {
        name: "app.js",
        content_type: "text/javascript; charset=utf-8",
        body: JS,
    },
];

/// `/static/NAME?v=HASH` for a page to link.
pub fn url(name: &str) -> String {
    static VERSION: OnceLock<String> = OnceLock::new();
    let version =
        VERSION.get_or_init(|| crate::service::sha256_hex(&[CSS.as_bytes(), JS.as_bytes()])[..12].to_string());
    format!("/static/{name}?v={version}")
}

pub async fn serve(path: web::Path<String>) -> HttpResponse {
    match ASSETS.iter().find(|a| a.name == path.as_str()) {
        Some(asset) => HttpResponse::Ok()
            .content_type(asset.content_type)
            .insert_header(("Cache-Control", "public, max-age=31536000, immutable"))
            .body(asset.body),
        None => HttpResponse::NotFound().content_type("text/plain").body("not found"),
    }
}
