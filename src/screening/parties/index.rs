//! A token index over every name and alias of the loaded lists: a party's name is looked up by its words, never
//! by scanning the lists. Scoring is explainable: which words matched, how much each weighs (rarer words weigh
//! more), and how much of both names the match covers.

use super::names::name_keys;
use super::{ListedEntity, PartyList};
use rustc_hash::FxHashMap;
use serde::Serialize;

/// Default lowest score reported as a possible match (`EQUIPCHECK_PARTY_THRESHOLD`).
pub const DEFAULT_THRESHOLD: f64 = 0.85;
/// Words in more names than this are too common to find candidates by (still scored).
const COMMON_WORD: usize = 2_000;

struct IndexedName {
    entity: u32,
    name: u32,
    keys: Vec<u32>,
    weight: f64,
}

pub struct PartyIndex {
    lists: Vec<PartyList>,
    /// (list, entity) per entity number.
    entities: Vec<(u32, u32)>,
    names: Vec<IndexedName>,
    key_ids: FxHashMap<String, u32>,
    postings: Vec<Vec<u32>>,
    weights: Vec<f64>,
    /// Weight of a word no list contains.
    unseen_weight: f64,
}

/// One possible match of a party against a listed entity.
#[derive(Debug, Clone, Serialize, PartialEq, utoipa::ToSchema)]
pub struct PartyMatch {
    /// `US-OFAC-SDN`, `UN-SC`, `EU-FSF`, `UK-OFSI`.
    pub list: String,
    pub list_version: String,
    pub entity_id: String,
    pub entity_kind: String,
    /// The entity's main name.
    pub entity_name: String,
    /// The name or alias that matched.
    pub matched_name: String,
    pub programmes: Vec<String>,
    /// 0 to 1.
    pub score: f64,
    /// Why, in one sentence: the words in common and the share of each name they cover.
    pub why: String,
    /// A digest of the entity's record: a reviewer's "not the same entity" holds until it changes.
    pub entity_digest: String,
}

impl PartyIndex {
    pub fn build(lists: Vec<PartyList>) -> PartyIndex {
        let mut index = PartyIndex {
            lists: Vec::new(),
            entities: Vec::new(),
            names: Vec::new(),
            key_ids: FxHashMap::default(),
            postings: Vec::new(),
            weights: Vec::new(),
            unseen_weight: 1.0,
        };
        for (l, list) in lists.iter().enumerate() {
            for (e, entity) in list.entities.iter().enumerate() {
                let entity_no = index.entities.len() as u32;
                index.entities.push((l as u32, e as u32));
                for (n, name) in entity.names.iter().enumerate() {
                    let mut keys: Vec<u32> = name_keys(name).into_iter().map(|k| index.key_id(k)).collect();
                    keys.sort_unstable();
                    keys.dedup();
                    if keys.is_empty() {
                        continue;
                    }
                    let id = index.names.len() as u32;
                    for &k in &keys {
                        index.postings[k as usize].push(id);
                    }
                    index.names.push(IndexedName {
                        entity: entity_no,
                        name: n as u32,
                        keys,
                        weight: 0.0,
                    });
                }
            }
        }
        let total = index.names.len().max(1) as f64;
        index.weights = index
            .postings
            .iter()
            .map(|p| (1.0 + total / p.len().max(1) as f64).ln())
            .collect();
        index.unseen_weight = (1.0 + total).ln();
        for name in &mut index.names {
            name.weight = name.keys.iter().map(|&k| index.weights[k as usize]).sum();
        }
        index.lists = lists;
        index
    }

    fn key_id(&mut self, key: String) -> u32 {
        let next = self.key_ids.len() as u32;
        *self.key_ids.entry(key).or_insert_with(|| {
            self.postings.push(Vec::new());
            next
        })
    }

    pub fn lists(&self) -> &[PartyList] {
        &self.lists
    }

    /// Names and aliases indexed.
    pub fn len(&self) -> usize {
        self.names.len()
    }

    pub fn is_empty(&self) -> bool {
        self.names.is_empty()
    }

    /// The listed entities whose names match `name` with at least `threshold`, best first (one per entity).
    pub fn screen(&self, name: &str, threshold: f64) -> Vec<PartyMatch> {
        let keys = name_keys(name);
        if keys.is_empty() {
            return Vec::new();
        }
        let known: Vec<Option<u32>> = keys.iter().map(|k| self.key_ids.get(k).copied()).collect();
        let query_weight: f64 = known
            .iter()
            .map(|k| k.map_or(self.unseen_weight, |k| self.weights[k as usize]))
            .sum();
        // Candidates from the query's informative words; the rarest one if all are common.
        let mut candidates: Vec<u32> = Vec::new();
        let mut rarest: Option<u32> = None;
        for &k in known.iter().flatten() {
            let posting = &self.postings[k as usize];
            if posting.len() <= COMMON_WORD {
                candidates.extend_from_slice(posting);
            }
            if rarest.is_none_or(|r| self.postings[r as usize].len() > posting.len()) {
                rarest = Some(k);
            }
        }
        if candidates.is_empty() {
            if let Some(r) = rarest {
                candidates.extend_from_slice(&self.postings[r as usize]);
            }
        }
        candidates.sort_unstable();
        candidates.dedup();
        let mut best: Vec<(u32, u32, f64, f64)> = Vec::new(); // (entity, name id, score, common weight)
        for id in candidates {
            let indexed = &self.names[id as usize];
            let common: f64 = known
                .iter()
                .flatten()
                .filter(|k| indexed.keys.binary_search(k).is_ok())
                .map(|&k| self.weights[k as usize])
                .sum();
            // Both ways: a one-word listed name ("EMMA") inside a longer party name ("Emma Daniels") covers only
            // part of the party, and a common first name covers only part of a listed person.
            let score = (common / query_weight).min(common / indexed.weight);
            if score + 1e-9 < threshold {
                continue;
            }
            match best.iter_mut().find(|b| b.0 == indexed.entity) {
                Some(b) if b.2 >= score => {}
                Some(b) => *b = (indexed.entity, id, score, common),
                None => best.push((indexed.entity, id, score, common)),
            }
        }
        best.sort_by(|a, b| b.2.total_cmp(&a.2));
        best.into_iter()
            .map(|(entity, id, score, _)| self.explain(name, &keys, entity, id, score))
            .collect()
    }

    fn explain(&self, party: &str, keys: &[String], entity: u32, id: u32, score: f64) -> PartyMatch {
        let (l, e) = self.entities[entity as usize];
        let list = &self.lists[l as usize];
        let listed: &ListedEntity = &list.entities[e as usize];
        let indexed = &self.names[id as usize];
        let matched_name = listed.names[indexed.name as usize].clone();
        let listed_keys = name_keys(&matched_name);
        let shared: Vec<&str> = keys
            .iter()
            .filter(|k| listed_keys.contains(k))
            .map(String::as_str)
            .collect();
        let why = format!(
            "'{party}' and '{matched_name}' share the words [{}] (spelling keys after removing case, accents, legal forms and word order); score {:.2} = the smaller share of either name's weight they cover",
            shared.join(", "),
            score
        );
        PartyMatch {
            list: list.source.id().to_string(),
            list_version: list.version.clone(),
            entity_id: listed.id.clone(),
            entity_kind: listed.kind.clone(),
            entity_name: listed.names.first().cloned().unwrap_or_default(),
            matched_name,
            programmes: listed.programmes.clone(),
            score: (score * 1000.0).round() / 1000.0,
            why,
            entity_digest: listed.digest(),
        }
    }
}
