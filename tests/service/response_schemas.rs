//! What the server sends is what the document says: a response's media type is one its operation documents, and
//! its body matches the documented schema. Schemathesis found both broken in CI (a `Delivery` schema of the
//! webhooks had replaced the equipment delivery's; a JSON count documented as `text/plain`); these tests check the
//! rule on real answers, and that no two Rust types publish a schema under one name, which is how the first broke.

use crate::helpers::*;
use crate::monitoring::{serials, setup, PROJECT};
use serde_json::{json, Value};
use std::collections::BTreeMap;
use std::path::Path;

/// Where `value` breaks `schema` (resolved against `spec`), as JSON pointers with the reason.
fn violations(spec: &Value, schema: &Value, value: &Value, at: &str, out: &mut Vec<String>) {
    if let Some(reference) = schema["$ref"].as_str() {
        let target = reference.strip_prefix('#').and_then(|pointer| spec.pointer(pointer));
        match target {
            Some(target) => violations(spec, target, value, at, out),
            None => out.push(format!("{at}: dangling {reference}")),
        }
        return;
    }
    for part in schema["allOf"].as_array().into_iter().flatten() {
        violations(spec, part, value, at, out);
    }
    for key in ["oneOf", "anyOf"] {
        if let Some(choices) = schema[key].as_array() {
            let fits = choices.iter().any(|choice| {
                let mut found = Vec::new();
                violations(spec, choice, value, at, &mut found);
                found.is_empty()
            });
            if !fits {
                out.push(format!("{at}: matches none of {key}: {value}"));
            }
        }
    }
    if let Some(allowed) = schema["enum"].as_array() {
        if !allowed.contains(value) {
            out.push(format!("{at}: {value} is not one of {allowed:?}"));
        }
    }
    let types: Vec<&str> = match &schema["type"] {
        Value::String(t) => vec![t.as_str()],
        Value::Array(ts) => ts.iter().filter_map(Value::as_str).collect(),
        _ => Vec::new(),
    };
    let type_of = match value {
        Value::Null => "null",
        Value::Bool(_) => "boolean",
        Value::Number(n) if n.is_i64() || n.is_u64() => "integer",
        Value::Number(_) => "number",
        Value::String(_) => "string",
        Value::Array(_) => "array",
        Value::Object(_) => "object",
    };
    let typed = types.is_empty() || types.contains(&type_of) || (type_of == "integer" && types.contains(&"number"));
    if !typed {
        out.push(format!("{at}: a {type_of}, documented as {types:?}"));
        return;
    }
    if let Value::Object(fields) = value {
        for name in schema["required"]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(Value::as_str)
        {
            if !fields.contains_key(name) {
                out.push(format!("{at}: required {name:?} is missing"));
            }
        }
        let properties = schema["properties"].as_object();
        for (name, field) in fields {
            match properties.and_then(|p| p.get(name)) {
                Some(property) => violations(spec, property, field, &format!("{at}/{name}"), out),
                None if schema["additionalProperties"] == false => {
                    out.push(format!("{at}: {name:?} is not documented"))
                }
                None => {}
            }
        }
    }
    if let Value::Array(elements) = value {
        for (n, element) in elements.iter().enumerate() {
            violations(spec, &schema["items"], element, &format!("{at}/{n}"), out);
        }
    }
}

/// Checks one real answer of `method path_template` against the document: its media type and its body.
async fn conforms(spec: &Value, method: &str, template: &str, expected: u16, response: reqwest::Response) -> Value {
    let status = response.status().as_u16().to_string();
    let media = response
        .headers()
        .get("content-type")
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.split(';').next())
        .unwrap_or("")
        .to_string();
    let body: Value = response.json().await.expect("a JSON body");
    assert_eq!(status, expected.to_string(), "{method} {template}: {body}");
    let documented = &spec["paths"][template][method]["responses"][&status]["content"];
    let schema = &documented[&media]["schema"];
    assert!(
        schema.is_object(),
        "{method} {template} {status}: sent {media}, documented {:?}",
        documented.as_object().map(|c| c.keys().collect::<Vec<_>>())
    );
    let mut found = Vec::new();
    violations(spec, schema, &body, "", &mut found);
    assert!(found.is_empty(), "{method} {template} {status}:\n{}", found.join("\n"));
    body
}

#[tokio::test]
async fn monitoring_answers_match_their_documented_media_types_and_schemas() {
    let s = setup(Db::Sqlite).await;
    let spec = s.app.get_json("/api/v1/openapi.json", &s.monitor).await;
    let send = |path: &str, body: Value| {
        s.app
            .client
            .post(s.app.url(path))
            .bearer_auth(&s.monitor)
            .json(&body)
            .send()
    };

    // Radios: a routine item, whose serials may follow the delivery.
    let delivery = json!({"item_id": s.items["Frequency"], "quantity": 20, "delivered_on": "2026-03-02",
        "receiving_unit": "Groupement mobile", "location": "Niamey, base 3", "certificate_id": s.certificate});
    let response = send("/api/v1/deliveries", delivery).await.unwrap();
    let delivery = conforms(&spec, "post", "/api/v1/deliveries", 201, response).await;
    let id = delivery["id"].as_str().unwrap().to_string();

    let response = send(&format!("/api/v1/deliveries/{id}/serials"), json!(serials("FH", 1..=2)))
        .await
        .unwrap();
    let added = conforms(&spec, "post", "/api/v1/deliveries/{delivery}/serials", 201, response).await;
    assert_eq!(added, 2);
    let response = send(&format!("/api/v1/deliveries/{id}/serials"), json!([]))
        .await
        .unwrap();
    let added = conforms(&spec, "post", "/api/v1/deliveries/{delivery}/serials", 201, response).await;
    assert_eq!(added, 0);

    let reads = [
        (format!("/api/v1/deliveries?project={PROJECT}"), "/api/v1/deliveries"),
        (format!("/api/v1/deliveries/{id}"), "/api/v1/deliveries/{delivery}"),
        (
            format!("/api/v1/certificates/{}", s.certificate),
            "/api/v1/certificates/{certificate}",
        ),
        (format!("/api/v1/serials?project={PROJECT}"), "/api/v1/serials"),
        (format!("/api/v1/obligations?project={PROJECT}"), "/api/v1/obligations"),
    ];
    for (path, template) in reads {
        let response = s.app.get(&path, &s.monitor).await;
        conforms(&spec, "get", template, 200, response).await;
    }
}

/// utoipa keeps one schema per name and lets the last type registered under it win, silently; so two types that
/// publish the same name make one operation document the other's body. Each published name has one type.
#[test]
fn no_two_types_publish_a_schema_under_one_name() {
    fn sources(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
        for entry in std::fs::read_dir(dir).unwrap().flatten() {
            let path = entry.path();
            if path.is_dir() {
                sources(&path, out);
            } else if path.extension().is_some_and(|e| e == "rs") {
                out.push(path);
            }
        }
    }
    let mut files = Vec::new();
    sources(&Path::new(env!("CARGO_MANIFEST_DIR")).join("src"), &mut files);
    let mut names: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for file in files {
        let text = std::fs::read_to_string(&file).unwrap();
        let lines: Vec<&str> = text.lines().collect();
        for (n, line) in lines.iter().enumerate() {
            if !(line.trim_start().starts_with("#[derive(") && line.contains("ToSchema")) {
                continue;
            }
            // The attributes after the derive, up to the item they describe.
            let mut renamed = None;
            for next in &lines[n + 1..] {
                let next = next.trim_start();
                if let Some(rest) = next.strip_prefix("#[schema(as = ") {
                    renamed = rest.split([')', ',']).next().map(str::trim);
                }
                let item = [
                    "pub struct ",
                    "pub enum ",
                    "struct ",
                    "enum ",
                    "pub(crate) struct ",
                    "pub(crate) enum ",
                ]
                .iter()
                .find_map(|kind| next.strip_prefix(kind));
                if let Some(item) = item {
                    let own = item
                        .split(|c: char| !c.is_alphanumeric() && c != '_')
                        .next()
                        .unwrap_or("");
                    let name = renamed.unwrap_or(own).to_string();
                    let place = format!("{}:{}", file.display(), n + 1);
                    names.entry(name).or_default().push(place);
                    break;
                }
            }
        }
    }
    assert!(names.len() > 50, "the scan found the schema types ({})", names.len());
    let shared: Vec<String> = names
        .iter()
        .filter(|(_, places)| places.len() > 1)
        .map(|(name, places)| format!("{name}: {}", places.join(", ")))
        .collect();
    assert!(
        shared.is_empty(),
        "schema names published by more than one type:\n{}",
        shared.join("\n")
    );
}
