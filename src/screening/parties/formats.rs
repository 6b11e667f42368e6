//! The official list formats: UN Security Council consolidated list (XML), US OFAC SDN (`sdn.csv`), EU
//! consolidated financial sanctions list (CSV, `;`), UK OFSI consolidated list (`ConList.csv`). Each file is
//! checked whole before anything is replaced: a malformed or hostile file is refused with the reason.

use super::{ListError, ListSource, ListedEntity, PartyList};
use quick_xml::events::Event;
use std::collections::BTreeMap;

/// Largest list file accepted (the official files are a few MB).
pub const MAX_LIST_BYTES: usize = 128 << 20;
/// Most entities and names in one list, and longest name.
const MAX_ENTITIES: usize = 500_000;
const MAX_NAME_CHARS: usize = 1_000;
const MAX_NAMES_PER_ENTITY: usize = 500;
/// Longest text of one XML element (comments included).
const MAX_VALUE_BYTES: usize = 1 << 20;

pub fn parse(file_name: &str, bytes: &[u8]) -> Result<PartyList, ListError> {
    if bytes.len() > MAX_LIST_BYTES {
        return Err(ListError::TooLarge {
            bytes: bytes.len(),
            max: MAX_LIST_BYTES,
        });
    }
    let text = std::str::from_utf8(bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes))
        .map_err(|e| ListError::malformed(format!("not UTF-8 text (byte {})", e.valid_up_to())))?;
    let start = text.trim_start();
    let list = if start.starts_with('<') {
        parse_un(text)?
    } else {
        let first = start.lines().next().unwrap_or_default();
        if first.contains("Entity_LogicalId") || first.contains("fileGenerationDate") {
            parse_eu(text)?
        } else if first.starts_with("Last Updated") || first.contains("Group ID") {
            parse_uk(text)?
        } else if first
            .split(',')
            .next()
            .is_some_and(|f| f.trim().trim_matches('"').parse::<u64>().is_ok())
        {
            parse_sdn(text)?
        } else {
            return Err(ListError::UnknownFormat(file_name.to_string()));
        }
    };
    if list.entities.is_empty() {
        return Err(ListError::malformed("the file lists no entity".into()));
    }
    Ok(list)
}

fn push_name(entity: &mut ListedEntity, name: &str) -> Result<(), ListError> {
    let name = name.split_whitespace().collect::<Vec<_>>().join(" ");
    if name.is_empty() || name == "-0-" || entity.names.contains(&name) {
        return Ok(());
    }
    if name.chars().count() > MAX_NAME_CHARS {
        return Err(ListError::malformed(format!(
            "entity {}: a name is longer than {MAX_NAME_CHARS} characters",
            entity.id
        )));
    }
    if entity.names.len() >= MAX_NAMES_PER_ENTITY {
        return Err(ListError::malformed(format!(
            "entity {}: more than {MAX_NAMES_PER_ENTITY} names",
            entity.id
        )));
    }
    entity.names.push(name);
    Ok(())
}

fn check_count(n: usize) -> Result<(), ListError> {
    if n > MAX_ENTITIES {
        return Err(ListError::malformed(format!("more than {MAX_ENTITIES} entities")));
    }
    Ok(())
}

/// UN: `<CONSOLIDATED_LIST dateGenerated=...>` with `INDIVIDUAL` and `ENTITY` records.
fn parse_un(text: &str) -> Result<PartyList, ListError> {
    let mut xml = quick_xml::Reader::from_str(text);
    let mut version = None;
    let mut entities = Vec::new();
    let mut current: Option<ListedEntity> = None;
    let mut parts: Vec<String> = Vec::new();
    let mut aliases: Vec<String> = Vec::new();
    let mut path: Vec<String> = Vec::new();
    let mut value = String::new();
    loop {
        let event = xml
            .read_event()
            .map_err(|e| ListError::malformed(format!("XML error at byte {}: {e}", xml.buffer_position())))?;
        match event {
            Event::DocType(_) => {
                return Err(ListError::Hostile(
                    "the XML declares a DOCTYPE (entity declarations are refused)".into(),
                ))
            }
            Event::Start(e) => {
                let name = e.local_name().as_ref().to_string();
                if path.is_empty() {
                    if name != "CONSOLIDATED_LIST" {
                        return Err(ListError::malformed(format!(
                            "the root element is {name}, not CONSOLIDATED_LIST"
                        )));
                    }
                    for a in e.attributes().flatten() {
                        if a.key.local_name().as_ref() == "dateGenerated" {
                            version = Some(a.value.to_string());
                        }
                    }
                }
                if name == "INDIVIDUAL" || name == "ENTITY" {
                    current = Some(ListedEntity {
                        kind: if name == "INDIVIDUAL" { "person" } else { "entity" }.into(),
                        ..ListedEntity::default()
                    });
                    parts.clear();
                    aliases.clear();
                }
                path.push(name);
                value.clear();
                if path.len() > 16 {
                    return Err(ListError::Hostile("the XML nests deeper than 16 levels".into()));
                }
            }
            Event::Empty(e) if path.is_empty() => {
                return Err(ListError::malformed(format!(
                    "the root element {} is empty",
                    e.local_name().as_ref()
                )))
            }
            Event::Text(t) => {
                value.push_str(&t.xml10_content());
                if value.len() > MAX_VALUE_BYTES {
                    return Err(ListError::Hostile(format!(
                        "an XML text value is longer than {MAX_VALUE_BYTES} bytes"
                    )));
                }
            }
            Event::CData(t) => value.push_str(&t),
            Event::GeneralRef(r) => match r.resolve_char_ref() {
                Ok(Some(c)) => value.push(c),
                _ => value.push_str(match r.as_ref() {
                    "amp" => "&",
                    "lt" => "<",
                    "gt" => ">",
                    "quot" => "\"",
                    "apos" => "'",
                    _ => return Err(ListError::Hostile("the XML uses an undeclared entity".into())),
                }),
            },
            Event::End(_) => {
                let name = path.pop().unwrap_or_default();
                let parent = path.last().map(String::as_str);
                if let Some(entity) = current.as_mut() {
                    let v = value.trim().to_string();
                    match (parent, name.as_str()) {
                        (Some("INDIVIDUAL" | "ENTITY"), "DATAID") => entity.id = v,
                        (
                            Some("INDIVIDUAL" | "ENTITY"),
                            "FIRST_NAME" | "SECOND_NAME" | "THIRD_NAME" | "FOURTH_NAME",
                        ) => parts.push(v),
                        (Some("INDIVIDUAL" | "ENTITY"), "UN_LIST_TYPE") => entity.programmes.push(v),
                        (Some("INDIVIDUAL" | "ENTITY"), "REFERENCE_NUMBER") => entity.reference = Some(v),
                        (Some("INDIVIDUAL" | "ENTITY"), "NAME_ORIGINAL_SCRIPT") => aliases.push(v),
                        (Some("INDIVIDUAL_ALIAS" | "ENTITY_ALIAS"), "ALIAS_NAME") => aliases.push(v),
                        _ => {}
                    }
                }
                value.clear();
                if name == "INDIVIDUAL" || name == "ENTITY" {
                    if let Some(mut entity) = current.take() {
                        let main = parts.join(" ");
                        push_name(&mut entity, &main)?;
                        for alias in std::mem::take(&mut aliases) {
                            push_name(&mut entity, &alias)?;
                        }
                        if entity.id.is_empty() || entity.names.is_empty() {
                            return Err(ListError::malformed(format!(
                                "a record near byte {} has no DATAID or no name",
                                xml.buffer_position()
                            )));
                        }
                        entities.push(entity);
                        check_count(entities.len())?;
                    }
                }
            }
            Event::Eof => {
                if !path.is_empty() {
                    return Err(ListError::malformed(format!(
                        "the file ends inside <{}>",
                        path.join("><")
                    )));
                }
                break;
            }
            _ => {}
        }
    }
    Ok(PartyList {
        source: ListSource::UnSc,
        version: version.ok_or_else(|| ListError::malformed("CONSOLIDATED_LIST has no dateGenerated".into()))?,
        entities,
    })
}

/// OFAC `sdn.csv`: no header; ent_num, SDN_Name, SDN_Type, Program, Title, ..., Remarks (12 fields). Aliases
/// written in the remarks (`a.k.a. 'NAME'`) are taken too.
fn parse_sdn(text: &str) -> Result<PartyList, ListError> {
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    let mut entities = Vec::new();
    for (i, record) in reader.records().enumerate() {
        let record = record.map_err(|e| ListError::malformed(format!("line {}: {e}", i + 1)))?;
        if record.len() == 1 && record[0].trim().is_empty() || record.get(0).is_some_and(|f| f.starts_with('\u{1a}')) {
            continue; // blank line or the end-of-file mark of the official file
        }
        if record.len() != 12 {
            return Err(ListError::malformed(format!(
                "line {}: {} fields, the SDN format has 12",
                i + 1,
                record.len()
            )));
        }
        let id = record[0].trim();
        if id.parse::<u64>().is_err() {
            return Err(ListError::malformed(format!(
                "line {}: ent_num '{id}' is not a number",
                i + 1
            )));
        }
        let kind = match record[2].trim() {
            "individual" => "person",
            "vessel" => "vessel",
            "aircraft" => "aircraft",
            _ => "entity",
        };
        let mut entity = ListedEntity {
            id: id.to_string(),
            kind: kind.into(),
            programmes: record[3]
                .split(']')
                .map(|p| p.trim().trim_start_matches('[').trim().to_string())
                .filter(|p| !p.is_empty() && p != "-0-")
                .collect(),
            ..ListedEntity::default()
        };
        let name = record[1].trim();
        // Persons are written "LAST, First": keep both orders (word order does not count anyway).
        push_name(&mut entity, name)?;
        for alias in remarks_aliases(&record[11]) {
            push_name(&mut entity, &alias)?;
        }
        if entity.names.is_empty() {
            return Err(ListError::malformed(format!("line {}: no name", i + 1)));
        }
        entities.push(entity);
        check_count(entities.len())?;
    }
    Ok(PartyList {
        source: ListSource::OfacSdn,
        version: String::new(),
        entities,
    })
}

fn remarks_aliases(remarks: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = remarks;
    while let Some(at) = rest.find("a.k.a. '").or_else(|| rest.find("f.k.a. '")) {
        rest = &rest[at + 8..];
        if let Some(end) = rest.find('\'') {
            out.push(rest[..end].to_string());
            rest = &rest[end..];
        } else {
            break;
        }
    }
    out
}

/// Columns of a header row by name (case-insensitive).
fn column(headers: &csv::StringRecord, names: &[&str]) -> Option<usize> {
    headers
        .iter()
        .position(|h| names.iter().any(|n| h.trim().eq_ignore_ascii_case(n)))
}

/// EU: one row per name, `;`-separated, grouped by `Entity_LogicalId`.
fn parse_eu(text: &str) -> Result<PartyList, ListError> {
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(b';')
        .flexible(true)
        .from_reader(text.as_bytes());
    let headers = reader
        .headers()
        .map_err(|e| ListError::malformed(format!("header: {e}")))?
        .clone();
    let need = |names: &[&str]| {
        column(&headers, names).ok_or_else(|| ListError::malformed(format!("the EU file has no column {}", names[0])))
    };
    let id_col = need(&["Entity_LogicalId"])?;
    let name_col = need(&["NameAlias_WholeName"])?;
    let kind_col = column(&headers, &["Entity_SubjectType", "Subject_type"]);
    let programme_col = column(&headers, &["Entity_Regulation_Programme", "Regulation_Programme"]);
    let date_col = column(&headers, &["fileGenerationDate"]);
    let mut version = None;
    let mut by_id: BTreeMap<String, ListedEntity> = BTreeMap::new();
    for (i, record) in reader.records().enumerate() {
        let record = record.map_err(|e| ListError::malformed(format!("line {}: {e}", i + 2)))?;
        let id = record.get(id_col).unwrap_or_default().trim().to_string();
        if id.is_empty() {
            return Err(ListError::malformed(format!("line {}: no Entity_LogicalId", i + 2)));
        }
        if version.is_none() {
            version = date_col.and_then(|c| record.get(c)).map(|d| d.trim().to_string());
        }
        let entity = by_id.entry(id.clone()).or_insert_with(|| ListedEntity {
            id,
            kind: match kind_col.and_then(|c| record.get(c)).unwrap_or_default().trim() {
                "P" | "person" => "person",
                _ => "entity",
            }
            .into(),
            ..ListedEntity::default()
        });
        add_programme(entity, programme_col.and_then(|c| record.get(c)));
        push_name(entity, record.get(name_col).unwrap_or_default())?;
        check_count(by_id.len())?;
    }
    Ok(PartyList {
        source: ListSource::EuFsf,
        version: version.unwrap_or_default(),
        entities: by_id.into_values().filter(|e| !e.names.is_empty()).collect(),
    })
}

/// UK OFSI `ConList.csv`: `Last Updated,DD/MM/YYYY`, then one row per name grouped by `Group ID`.
fn parse_uk(text: &str) -> Result<PartyList, ListError> {
    let (version, body) = match text.split_once('\n') {
        Some((first, rest)) if first.starts_with("Last Updated") => {
            (first.split(',').nth(1).unwrap_or_default().trim().to_string(), rest)
        }
        _ => (String::new(), text),
    };
    let mut reader = csv::ReaderBuilder::new().flexible(true).from_reader(body.as_bytes());
    let headers = reader
        .headers()
        .map_err(|e| ListError::malformed(format!("header: {e}")))?
        .clone();
    let group_col = column(&headers, &["Group ID"])
        .ok_or_else(|| ListError::malformed("the UK file has no column Group ID".into()))?;
    let name_cols: Vec<usize> = ["Name 1", "Name 2", "Name 3", "Name 4", "Name 5", "Name 6"]
        .iter()
        .filter_map(|n| column(&headers, &[n]))
        .collect();
    if name_cols.is_empty() {
        return Err(ListError::malformed("the UK file has no Name columns".into()));
    }
    let kind_col = column(&headers, &["Group Type"]);
    let regime_col = column(&headers, &["Regime"]);
    let mut by_id: BTreeMap<String, ListedEntity> = BTreeMap::new();
    for (i, record) in reader.records().enumerate() {
        let record = record.map_err(|e| ListError::malformed(format!("line {}: {e}", i + 3)))?;
        let id = record.get(group_col).unwrap_or_default().trim().to_string();
        if id.is_empty() {
            return Err(ListError::malformed(format!("line {}: no Group ID", i + 3)));
        }
        let entity = by_id.entry(id.clone()).or_insert_with(|| ListedEntity {
            id,
            kind: match kind_col.and_then(|c| record.get(c)).unwrap_or_default().trim() {
                "Individual" => "person",
                "Ship" => "vessel",
                _ => "entity",
            }
            .into(),
            ..ListedEntity::default()
        });
        add_programme(entity, regime_col.and_then(|c| record.get(c)));
        let name: Vec<&str> = name_cols
            .iter()
            .filter_map(|&c| record.get(c))
            .map(str::trim)
            .filter(|p| !p.is_empty())
            .collect();
        push_name(entity, &name.join(" "))?;
        check_count(by_id.len())?;
    }
    Ok(PartyList {
        source: ListSource::UkOfsi,
        version,
        entities: by_id.into_values().filter(|e| !e.names.is_empty()).collect(),
    })
}

/// Adds a programme or regime to an entity once.
fn add_programme(entity: &mut ListedEntity, programme: Option<&str>) {
    if let Some(p) = programme.map(str::trim).filter(|p| !p.is_empty()) {
        if !entity.programmes.iter().any(|x| x == p) {
            entity.programmes.push(p.to_string());
        }
    }
}
