//! What a whole batch must say at the top, beyond its counts: the restrictive measures its destinations fall
//! under and the listed parties its lines may name, each once with the number of lines concerned.

use crate::classify::{Classification, EvidenceKind};
use crate::decision::Decision;
use std::collections::BTreeMap;

/// One measure or listed party, as the batch page shows it.
#[derive(Debug, Clone, PartialEq)]
pub struct Notice {
    /// The finding's entry (regime code or `LIST:entity id`).
    pub entry: String,
    pub title: String,
    /// The act or list, with its version.
    pub act: String,
    /// The most severe decision it gave a line.
    pub decision: Decision,
    /// Lines it concerns.
    pub lines: usize,
}

/// The measures and the listed parties of a batch's lines, most severe first.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct BatchNotices {
    pub measures: Vec<Notice>,
    pub parties: Vec<Notice>,
}

impl BatchNotices {
    pub fn is_empty(&self) -> bool {
        self.measures.is_empty() && self.parties.is_empty()
    }
}

/// Gathers the destination and party findings of the lines' classifications.
pub fn batch_notices<'a>(classifications: impl IntoIterator<Item = &'a Classification>) -> BatchNotices {
    let mut measures: BTreeMap<String, Notice> = BTreeMap::new();
    let mut parties: BTreeMap<String, Notice> = BTreeMap::new();
    for c in classifications {
        for f in &c.findings {
            let target = if f.evidence.iter().any(|e| e.kind == EvidenceKind::Destination) {
                &mut measures
            } else if f.evidence.iter().any(|e| e.kind == EvidenceKind::ListedParty) && f.decision != Decision::Clear {
                // A settled party match (clear) is not news for the batch.
                &mut parties
            } else {
                continue;
            };
            let notice = target.entry(f.entry.clone()).or_insert_with(|| Notice {
                entry: f.entry.clone(),
                title: f.title.clone(),
                act: f.act.clone(),
                decision: f.decision,
                lines: 0,
            });
            notice.lines += 1;
            if f.decision.severity() > notice.decision.severity() {
                notice.decision = f.decision;
            }
        }
    }
    let sorted = |map: BTreeMap<String, Notice>| {
        let mut list: Vec<Notice> = map.into_values().collect();
        list.sort_by_key(|n| std::cmp::Reverse(n.decision.severity()));
        list
    };
    BatchNotices {
        measures: sorted(measures),
        parties: sorted(parties),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::classify::{Evidence, Finding};

    fn finding(entry: &str, kind: EvidenceKind, decision: Decision) -> Finding {
        let evidence: Evidence = serde_json::from_value(serde_json::json!({
            "field": "destination", "kind": kind, "text": "Russland", "matched": "RU", "span": [0, 8]
        }))
        .unwrap_or_else(|e| panic!("evidence: {e}"));
        Finding {
            entry: entry.into(),
            title: entry.into(),
            list: "MEASURES".into(),
            act: "act".into(),
            decision,
            reason: String::new(),
            question: None,
            evidence: vec![evidence],
        }
    }

    fn classification(findings: Vec<Finding>) -> Classification {
        let mut c: Classification = serde_json::from_value(serde_json::json!({
            "decision": "clear", "catalog_version": "t", "findings": []
        }))
        .unwrap_or_else(|e| panic!("classification: {e}"));
        c.findings = findings;
        c
    }

    #[test]
    fn each_measure_and_party_is_named_once_with_its_lines_and_settled_parties_are_left_out() {
        let lines = [
            classification(vec![finding("EU-RU", EvidenceKind::Destination, Decision::Prohibited)]),
            classification(vec![finding("EU-RU", EvidenceKind::Destination, Decision::Review)]),
            classification(vec![
                finding("UK-OFSI:1", EvidenceKind::ListedParty, Decision::Review),
                finding("US-OFAC-SDN:2", EvidenceKind::ListedParty, Decision::Clear),
            ]),
            classification(vec![finding("ML1.a", EvidenceKind::Phrase, Decision::Prohibited)]),
        ];
        let notices = batch_notices(&lines);
        assert_eq!(notices.measures.len(), 1);
        assert_eq!(notices.measures[0].lines, 2);
        assert_eq!(notices.measures[0].decision, Decision::Prohibited);
        assert_eq!(notices.parties.len(), 1, "a settled (clear) party match is not raised");
        assert_eq!(notices.parties[0].entry, "UK-OFSI:1");
        assert!(batch_notices(&lines[3..]).is_empty());
    }
}
