//! Party screening of one line: its supplier/manufacturer and end user/consignee against the loaded lists. A
//! possible match adds a `review` finding that names the list and its version, the listed entity, the name that
//! matched, its programmes, the score and why; it never lowers a decision. A match a reviewer settled as "not the
//! same entity" stays settled (a `clear` finding saying by whom and why) until the listed entity's record changes.

use super::names::name_keys;
use super::{formats, ListError, PartyIndex, PartyList, PartyMatch, DEFAULT_THRESHOLD};
use crate::classify::{Classification, Evidence, EvidenceKind, Field, Finding};
use crate::decision::Decision;
use crate::memo::Memo;
use rustc_hash::FxHashMap;
use serde::Serialize;
use sha2::{Digest, Sha256};
use std::path::{Path, PathBuf};
use std::sync::RwLock;

/// A reviewer's "not the same entity" for one party name and one listed entity, as it was when settled.
#[derive(Debug, Clone, PartialEq, Serialize, utoipa::ToSchema)]
pub struct Settlement {
    /// [`settlement_name`] of the party.
    pub name_key: String,
    /// `LIST:entity id` (`US-OFAC-SDN:36050`).
    pub entity: String,
    /// The entity's digest when settled: a changed record is raised again.
    pub entity_digest: String,
    pub settled_by: String,
    pub justification: String,
    pub settled_at: String,
}

/// One loaded list, for reports and the API.
#[derive(Debug, Clone, PartialEq, Serialize, utoipa::ToSchema)]
pub struct ListVersion {
    /// `UN-SC`, `EU-FSF`, `US-OFAC-SDN`, `UK-OFSI`.
    pub list: String,
    /// The list's own date, or `sha256:...` of the file when the format carries none (OFAC `sdn.csv`).
    pub version: String,
    pub entities: usize,
}

impl ListVersion {
    pub fn label(&self) -> String {
        format!("{} {}", self.list, self.version)
    }
}

#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    #[error("{path}: {source}")]
    List {
        path: String,
        #[source]
        source: ListError,
    },
    #[error("{path}: {source}")]
    Io {
        path: String,
        #[source]
        source: std::io::Error,
    },
}

/// Which role a party plays on the line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    Supplier,
    EndUser,
}

impl Role {
    fn field(self) -> Field {
        match self {
            Role::Supplier => Field::Supplier,
            Role::EndUser => Field::EndUser,
        }
    }

    fn label(self) -> &'static str {
        match self {
            Role::Supplier => "supplier",
            Role::EndUser => "end user",
        }
    }
}

/// The loaded lists, their index, the threshold, and the reviewers' settled matches.
pub struct PartyScreening {
    index: PartyIndex,
    threshold: f64,
    versions: Vec<ListVersion>,
    /// (name key, entity) -> settlement.
    settled: RwLock<FxHashMap<(String, String), Settlement>>,
    /// Names already screened, with their matches (the index never changes).
    memo: Memo<Vec<PartyMatch>>,
}

impl std::fmt::Debug for PartyScreening {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PartyScreening").field("lists", &self.versions).finish()
    }
}

/// The key a settlement is stored under: the name's spelling keys, sorted (case, accents, legal forms and word
/// order do not make a new name).
pub fn settlement_name(name: &str) -> String {
    let mut keys = name_keys(name);
    keys.sort_unstable();
    keys.dedup();
    keys.join(" ")
}

/// Reads one list file, or every file of a folder (sorted by name; `SOURCES.md` and other notes skipped).
pub fn read_lists(path: &Path) -> Result<Vec<PartyList>, LoadError> {
    let io = |p: &Path, source| LoadError::Io {
        path: p.display().to_string(),
        source,
    };
    let files: Vec<PathBuf> = if path.is_dir() {
        let mut files: Vec<PathBuf> = std::fs::read_dir(path)
            .map_err(|e| io(path, e))?
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| {
                p.is_file()
                    && p.extension()
                        .and_then(|e| e.to_str())
                        .is_some_and(|e| e.eq_ignore_ascii_case("xml") || e.eq_ignore_ascii_case("csv"))
            })
            .collect();
        files.sort();
        files
    } else {
        vec![path.to_path_buf()]
    };
    files.iter().map(|file| read_list(file)).collect()
}

/// Reads one official list file; a format without a date gets the file's SHA-256 as its version.
pub fn read_list(file: &Path) -> Result<PartyList, LoadError> {
    let path = file.display().to_string();
    let meta = std::fs::metadata(file).map_err(|source| LoadError::Io {
        path: path.clone(),
        source,
    })?;
    if meta.len() > formats::MAX_LIST_BYTES as u64 {
        return Err(LoadError::List {
            path,
            source: ListError::TooLarge {
                bytes: usize::try_from(meta.len()).unwrap_or(usize::MAX),
                max: formats::MAX_LIST_BYTES,
            },
        });
    }
    let bytes = std::fs::read(file).map_err(|source| LoadError::Io {
        path: path.clone(),
        source,
    })?;
    parse_list(&path, &bytes).map_err(|source| LoadError::List { path, source })
}

/// Parses a list's bytes, dating an undated one by its content hash.
pub fn parse_list(name: &str, bytes: &[u8]) -> Result<PartyList, ListError> {
    let mut list = formats::parse(name, bytes)?;
    if list.version.is_empty() {
        list.version = format!("sha256:{}", content_hash(bytes));
    }
    Ok(list)
}

/// SHA-256 of a list file, hex (the first 16 bytes: enough to tell versions apart).
pub fn content_hash(bytes: &[u8]) -> String {
    hex::encode(&Sha256::digest(bytes)[..16])
}

impl PartyScreening {
    pub fn new(lists: Vec<PartyList>, threshold: f64) -> PartyScreening {
        let versions = lists
            .iter()
            .map(|l| ListVersion {
                list: l.source.id().to_string(),
                version: l.version.clone(),
                entities: l.entities.len(),
            })
            .collect();
        PartyScreening {
            index: PartyIndex::build(lists),
            threshold: if threshold.is_finite() && threshold > 0.0 {
                threshold.min(1.0)
            } else {
                DEFAULT_THRESHOLD
            },
            versions,
            settled: RwLock::default(),
            memo: Memo::default(),
        }
    }

    pub fn versions(&self) -> &[ListVersion] {
        &self.versions
    }

    pub fn threshold(&self) -> f64 {
        self.threshold
    }

    /// Names and aliases indexed.
    pub fn names(&self) -> usize {
        self.index.len()
    }

    /// Remembers a reviewer's "not the same entity" (replacing an earlier one for the same name and entity).
    pub fn settle(&self, settlement: Settlement) {
        if let Ok(mut settled) = self.settled.write() {
            settled.insert((settlement.name_key.clone(), settlement.entity.clone()), settlement);
        }
    }

    /// The settlement that still holds for this name and match (same entity record), if any.
    pub fn settlement(&self, name: &str, found: &PartyMatch) -> Option<Settlement> {
        let settled = self.settled.read().ok()?;
        settled
            .get(&(settlement_name(name), entity_key(found)))
            .filter(|s| s.entity_digest == found.entity_digest)
            .cloned()
    }

    /// The listed entities a name may be, best first.
    /// The cell is screened whole and in its parts: a name followed by its address, acronym or a second party
    /// ("Green Pine Associated Corporation, Pyongyang", "… Corp. (KOMID)", "c/o …", "A; B") matches as the name
    /// alone would.
    pub fn screen(&self, name: &str) -> Vec<PartyMatch> {
        self.memo.get_or_compute(name, || {
            let mut found = self.index.screen(name, self.threshold);
            for part in name_parts(name) {
                for candidate in self.index.screen(part, self.threshold) {
                    match found
                        .iter_mut()
                        .find(|f| f.list == candidate.list && f.entity_id == candidate.entity_id)
                    {
                        Some(known) if known.score >= candidate.score => {}
                        Some(known) => *known = candidate,
                        None => found.push(candidate),
                    }
                }
            }
            found.sort_by(|a, b| b.score.total_cmp(&a.score));
            found
        })
    }

    /// Screens the line's parties and adds a finding per possible match (never lowering the decision), and the
    /// list versions used.
    pub fn apply(&self, classification: &mut Classification, supplier: Option<&str>, end_user: Option<&str>) {
        let parties = [(Role::Supplier, supplier), (Role::EndUser, end_user)];
        let parties: Vec<(Role, &str)> = parties
            .into_iter()
            .filter_map(|(role, name)| name.map(str::trim).filter(|n| !n.is_empty()).map(|n| (role, n)))
            .collect();
        if parties.is_empty() || self.versions.is_empty() {
            return;
        }
        classification.party_lists = self.versions.iter().map(ListVersion::label).collect();
        for (role, name) in parties {
            for found in self.screen(name) {
                let finding = self.finding(role, name, &found);
                classification.decision = classification.decision.max(finding.decision);
                if let Some(question) = finding
                    .question
                    .clone()
                    .filter(|_| finding.decision == Decision::Review)
                {
                    if !classification.questions.contains(&question) {
                        classification.questions.push(question);
                    }
                }
                classification.findings.push(finding);
            }
        }
        classification
            .findings
            .sort_by_key(|f| std::cmp::Reverse(f.decision.severity()));
    }

    fn finding(&self, role: Role, name: &str, found: &PartyMatch) -> Finding {
        let programmes = if found.programmes.is_empty() {
            "no programme given".to_string()
        } else {
            found.programmes.join(", ")
        };
        let listed = format!(
            "{} {} '{}' ({}; {programmes})",
            found.list, found.entity_id, found.entity_name, found.entity_kind
        );
        let settled = self.settlement(name, found);
        let (decision, reason, question) = match &settled {
            Some(s) => (
                Decision::Clear,
                format!(
                    "{} '{name}' resembles {listed}, settled as not the same entity by {} on {}: {}",
                    role.label(),
                    s.settled_by,
                    s.settled_at,
                    s.justification
                ),
                None,
            ),
            None => (
                Decision::Review,
                format!("{} '{name}' may be {listed}: {}", role.label(), found.why),
                Some(format!(
                    "Is the {} '{name}' the listed {} '{}' ({} {}, {programmes})? If it is, the line may not go ahead; if it is not, settle the match as 'not the same entity' with your justification.",
                    role.label(),
                    found.entity_kind,
                    found.entity_name,
                    found.list,
                    found.entity_id
                )),
            ),
        };
        Finding {
            entry: entity_key(found),
            title: format!("Listed party: {}", found.entity_name),
            list: found.list.clone(),
            act: format!("{} list, version {}", found.list, found.list_version),
            decision,
            reason,
            question,
            evidence: vec![Evidence {
                field: role.field(),
                column: None,
                kind: EvidenceKind::ListedParty,
                text: name.to_string(),
                span: [0, name.chars().count()],
                matched: found.matched_name.clone(),
                strength: None,
                fuzzy: found.score < 1.0,
            }],
        }
    }
}

/// The parts of a party cell that may each be a name: split at commas, brackets, semicolons, slashes and line
/// breaks, with "c/o", "attn" and "care of" taken as separators. Empty when the cell is one part.
fn name_parts(name: &str) -> Vec<&str> {
    if !name.contains([',', '(', ')', ';', '/', '|', '\n']) && !name.to_ascii_lowercase().contains("attn") {
        return Vec::new();
    }
    let mut parts: Vec<&str> = Vec::new();
    for part in name.split([',', '(', ')', ';', '/', '|', '\n']) {
        let mut part = part.trim();
        for prefix in ["c/o", "attn.", "attn:", "attn ", "care of "] {
            if part.len() > prefix.len()
                && part.is_char_boundary(prefix.len())
                && part[..prefix.len()].eq_ignore_ascii_case(prefix)
            {
                part = part[prefix.len()..].trim();
            }
        }
        // "c/o" splits into "c" and "o Name": drop the "o ".
        if let Some(rest) = part.strip_prefix("o ").or_else(|| part.strip_prefix("O ")) {
            part = rest.trim();
        }
        if is_name_like(part) && part != name.trim() && !parts.contains(&part) {
            parts.push(part);
        }
    }
    parts
}

/// A part that can stand for a party on its own: two words of three letters or more ("Green Pine Associated
/// Corporation"), or an acronym in capitals ("KOMID"). A city, a country, a first name or a title alone ("Niamey",
/// "Kenya", "Ahmed", "Major") would match listed people by a word they share with it.
fn is_name_like(part: &str) -> bool {
    let words: Vec<&str> = part
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| w.chars().filter(|c| c.is_alphabetic()).count() >= 3)
        .collect();
    words.len() >= 2
        || matches!(words.as_slice(), [one] if one.chars().all(|c| c.is_ascii_uppercase()) && one.len() <= 8 && part.trim() == *one)
}

/// `LIST:entity id`, the finding's entry and a settlement's entity.
pub fn entity_key(found: &PartyMatch) -> String {
    format!("{}:{}", found.list, found.entity_id)
}

#[cfg(test)]
mod parts_tests {
    use super::name_parts;

    #[test]
    fn a_city_a_country_a_first_name_or_a_title_alone_is_no_part() {
        assert_eq!(
            name_parts("Sahel Equipements SARL, BP 123, Niamey"),
            vec!["Sahel Equipements SARL"]
        );
        assert_eq!(name_parts("Motorola Solutions (Kenya)"), vec!["Motorola Solutions"]);
        assert_eq!(name_parts("Police nationale, attn: Ahmed"), vec!["Police nationale"]);
        assert_eq!(
            name_parts("Gendarmerie nationale / Major"),
            vec!["Gendarmerie nationale"]
        );
        assert_eq!(
            name_parts("Korea Mining Development Trading Corp. (KOMID)"),
            vec!["Korea Mining Development Trading Corp.", "KOMID"]
        );
        assert_eq!(
            name_parts("c/o Green Pine Associated Corporation"),
            vec!["Green Pine Associated Corporation"]
        );
    }
}
