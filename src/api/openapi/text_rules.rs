//! The control-character rule of `input_text`, stated in the document: every free string the server reads
//! refuses C0/C1 controls and DEL (422), so every such string is declared with a pattern that excludes them;
//! generated clients and contract testers then send only what the server accepts. Paths, queries and headers also
//! refuse tab, line feed and carriage return; request bodies allow them (justifications span lines).

use serde_json::{json, Value};

/// No control character at all: parameters (paths, queries, headers).
pub const NO_CONTROLS: &str = "^[^\\u0000-\\u001F\\u007F-\\u009F]*$";
/// No control character but tab, line feed and carriage return: strings in bodies.
pub const NO_CONTROLS_BUT_LAYOUT: &str = "^[^\\u0000-\\u0008\\u000B\\u000C\\u000E-\\u001F\\u007F-\\u009F]*$";

/// A project id, as `auth::valid_project_id` accepts it.
pub const PROJECT_ID: &str = "^[A-Za-z0-9._-]{1,64}$";
/// An item's version in `If-Match`: `"3"`, `W/"3"` or `3`.
const IF_MATCH: &str = "^(W/\"[0-9]{1,18}\"|\"[0-9]{1,18}\"|[0-9]{1,18})$";
/// An event's cursor (`webhooks::cursor_of`).
const CURSOR: &str = "^[0-9]{1,18}$";
/// Obligation states, one or several separated by commas.
const OBLIGATION_STATES: &str =
    "^((upcoming|due_soon|overdue|fulfilled|waived)(,(upcoming|due_soon|overdue|fulfilled|waived))*)?$";

/// Adds the patterns to every parameter and every schema of the document: first the exact rules of the fields
/// the server checks by name, then the control-character rule on every other free string.
pub fn apply(doc: &mut Value) {
    exact_rules(doc);
    if let Some(paths) = doc.get_mut("paths").and_then(Value::as_object_mut) {
        for item in paths.values_mut() {
            let Some(item) = item.as_object_mut() else { continue };
            for operation in item.values_mut() {
                if let Some(params) = operation.get_mut("parameters").and_then(Value::as_array_mut) {
                    for p in params.iter_mut() {
                        if let Some(schema) = p.get_mut("schema") {
                            constrain(schema, NO_CONTROLS);
                        }
                    }
                }
                if let Some(content) = operation
                    .pointer_mut("/requestBody/content")
                    .and_then(Value::as_object_mut)
                {
                    for media in content.values_mut() {
                        if let Some(schema) = media.get_mut("schema") {
                            constrain(schema, NO_CONTROLS_BUT_LAYOUT);
                        }
                    }
                }
            }
        }
    }
    // Only what requests send: answers may quote what was refused (a problem names the bad field as sent).
    let sent = request_components(doc);
    if let Some(schemas) = doc.pointer_mut("/components/schemas").and_then(Value::as_object_mut) {
        for (name, schema) in schemas.iter_mut() {
            if sent.contains(name) {
                constrain(schema, NO_CONTROLS_BUT_LAYOUT);
            }
        }
    }
}

/// The component schemas a request body can carry, following `$ref`s from every request body.
fn request_components(doc: &Value) -> std::collections::BTreeSet<String> {
    fn refs(value: &Value, out: &mut Vec<String>) {
        match value {
            Value::Object(map) => {
                if let Some(name) = map
                    .get("$ref")
                    .and_then(Value::as_str)
                    .and_then(|r| r.strip_prefix("#/components/schemas/"))
                {
                    out.push(name.to_string());
                }
                map.values().for_each(|v| refs(v, out));
            }
            Value::Array(items) => items.iter().for_each(|v| refs(v, out)),
            _ => {}
        }
    }
    let mut pending = Vec::new();
    if let Some(paths) = doc.get("paths").and_then(Value::as_object) {
        for operation in paths
            .values()
            .filter_map(Value::as_object)
            .flat_map(|item| item.values())
        {
            if let Some(body) = operation.get("requestBody") {
                refs(body, &mut pending);
            }
        }
    }
    let mut seen = std::collections::BTreeSet::new();
    while let Some(name) = pending.pop() {
        if seen.insert(name.clone()) {
            if let Some(schema) = doc.pointer(&format!("/components/schemas/{name}")) {
                refs(schema, &mut pending);
            }
        }
    }
    seen
}

/// The fields whose values the server checks beyond "no control characters": the schema says exactly what.
fn exact_rules(doc: &mut Value) {
    if let Some(paths) = doc.get_mut("paths").and_then(Value::as_object_mut) {
        for (path, item) in paths.iter_mut() {
            let Some(item) = item.as_object_mut() else { continue };
            for (method, operation) in item.iter_mut() {
                let Some(params) = operation.get_mut("parameters").and_then(Value::as_array_mut) else {
                    continue;
                };
                for p in params.iter_mut() {
                    let name = p["name"].as_str().unwrap_or("").to_string();
                    let place = p["in"].as_str().unwrap_or("").to_string();
                    let rule = match (method.as_str(), path.as_str(), place.as_str(), name.as_str()) {
                        (_, _, "path", "project") | ("post", "/api/v1/batches", "query", "project") => {
                            json!({"pattern": PROJECT_ID})
                        }
                        (_, _, "header", "If-Match") => json!({"pattern": IF_MATCH}),
                        (_, "/api/v1/events", "query", "after") => json!({"pattern": CURSOR}),
                        (_, "/api/v1/audit", "query", "outcome") => json!({"enum": ["done", "refused"]}),
                        (_, "/api/v1/obligations", "query", "state") => json!({"pattern": OBLIGATION_STATES}),
                        _ => continue,
                    };
                    merge(&mut p["schema"], rule);
                }
            }
        }
    }
    let Some(schemas) = doc.pointer_mut("/components/schemas").and_then(Value::as_object_mut) else {
        return;
    };
    let inspection_kinds = json!({"enum": crate::service::monitoring::inspections::INSPECTION_KINDS});
    for (schema, property, rule) in [
        ("UploadForm", "project", json!({"pattern": PROJECT_ID})),
        ("PlanRequest", "kind", inspection_kinds.clone()),
        ("RecordRequest", "kind", inspection_kinds),
    ] {
        if let Some(target) = schemas
            .get_mut(schema)
            .and_then(|s| s.pointer_mut(&format!("/properties/{property}")))
        {
            let nullable = target["type"].as_array().is_some_and(|t| t.iter().any(|t| t == "null"));
            merge(target, rule);
            if nullable {
                if let Some(values) = target.get_mut("enum").and_then(Value::as_array_mut) {
                    values.push(Value::Null);
                }
            }
        }
    }
    // Multipart forms: the server reads the fields it names and refuses a form it cannot parse.
    for form in ["UploadForm", "PackingListForm"] {
        if let Some(form) = schemas.get_mut(form).and_then(Value::as_object_mut) {
            form.insert("additionalProperties".into(), json!(false));
        }
    }
}

fn merge(schema: &mut Value, rule: Value) {
    if let (Some(schema), Value::Object(rule)) = (schema.as_object_mut(), rule) {
        schema.extend(rule);
    }
}

fn is_free_string(schema: &serde_json::Map<String, Value>) -> bool {
    let string_type = match schema.get("type") {
        Some(Value::String(t)) => t == "string",
        Some(Value::Array(types)) => types.iter().any(|t| t == "string"),
        _ => false,
    };
    string_type
        && !schema.contains_key("pattern")
        && !schema.contains_key("enum")
        && !schema.contains_key("const")
        && !schema.contains_key("format")
        && !schema.contains_key("contentMediaType")
}

/// Walks a schema and its sub-schemas (properties, items, combinators), adding `pattern` to free strings.
fn constrain(schema: &mut Value, pattern: &str) {
    let Some(object) = schema.as_object_mut() else {
        return;
    };
    if is_free_string(object) {
        object.insert("pattern".into(), json!(pattern));
    }
    for key in ["items", "additionalProperties", "not"] {
        if let Some(sub) = object.get_mut(key) {
            constrain(sub, pattern);
        }
    }
    if let Some(properties) = object.get_mut("properties").and_then(Value::as_object_mut) {
        for sub in properties.values_mut() {
            constrain(sub, pattern);
        }
    }
    for key in ["oneOf", "anyOf", "allOf", "prefixItems"] {
        if let Some(list) = object.get_mut(key).and_then(Value::as_array_mut) {
            for sub in list.iter_mut() {
                constrain(sub, pattern);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::input_text::{find_control, Layout};

    fn regex(pattern: &str) -> regex::Regex {
        // The document's escapes are JSON Schema's (\uXXXX); Rust's regex writes them \x{XXXX}.
        let escapes = regex::Regex::new(r"\\u([0-9A-F]{4})").expect("escape pattern");
        regex::Regex::new(&escapes.replace_all(pattern, r"\x{$1}")).expect("pattern")
    }

    #[test]
    fn the_patterns_refuse_exactly_what_the_server_refuses() {
        let params = regex(NO_CONTROLS);
        let bodies = regex(NO_CONTROLS_BUT_LAYOUT);
        for code in (0u32..0x250).chain([0xFFFD, 0x1F600]) {
            let Some(c) = char::from_u32(code) else { continue };
            let text = format!("a{c}b");
            assert_eq!(
                params.is_match(&text),
                find_control(&text, Layout::Refused).is_none(),
                "U+{code:04X}"
            );
            assert_eq!(
                bodies.is_match(&text),
                find_control(&text, Layout::Allowed).is_none(),
                "U+{code:04X}"
            );
        }
    }

    #[test]
    fn free_strings_get_the_pattern_and_typed_ones_keep_theirs() {
        let mut doc = json!({
            "paths": {"/a/{id}": {"post": {"requestBody": {"content": {"application/json": {"schema":
                {"$ref": "#/components/schemas/X"}}}}, "parameters": [
                {"name": "id", "in": "path", "schema": {"type": "string"}},
                {"name": "when", "in": "query", "schema": {"type": "string", "format": "date-time"}}]}}},
            "components": {"schemas": {"X": {"type": "object", "properties": {
                "note": {"type": ["string", "null"]},
                "kind": {"type": "string", "enum": ["a"]},
                "code": {"type": "string", "pattern": "^[a-z]+$"},
                "tags": {"type": "array", "items": {"type": "string"}}}},
                "Answer": {"type": "object", "properties": {"message": {"type": "string"}}}}}
        });
        apply(&mut doc);
        let params = &doc["paths"]["/a/{id}"]["post"]["parameters"];
        assert_eq!(params[0]["schema"]["pattern"], NO_CONTROLS);
        assert!(params[1]["schema"].get("pattern").is_none());
        let x = &doc["components"]["schemas"]["X"]["properties"];
        assert_eq!(x["note"]["pattern"], NO_CONTROLS_BUT_LAYOUT);
        assert!(x["kind"].get("pattern").is_none());
        assert_eq!(x["code"]["pattern"], "^[a-z]+$");
        assert_eq!(x["tags"]["items"]["pattern"], NO_CONTROLS_BUT_LAYOUT);
        let answer = &doc["components"]["schemas"]["Answer"]["properties"]["message"];
        assert!(answer.get("pattern").is_none(), "answers may quote what was refused");
    }
}
