//! Destination screening of one line: the item's control-list findings against the restrictive measures of
//! where it goes. Adds findings that name the regime, the act and what it means for this line; never lowers a
//! decision. Also keeps the Article 5 (human-rights) question of cyber-surveillance items, for any destination.

use super::{Goods, Measure, MeasureKind, Measures, Regime, Resolved};
use crate::classify::{Classification, Evidence, EvidenceKind, Field, Finding};
use crate::decision::Decision;

/// Catalogue lists that mark internal-repression equipment and cyber-surveillance items.
pub const INTERNAL_REPRESSION_LIST: &str = "EU-IR";
pub const CYBER_SURVEILLANCE_LIST: &str = "EU-ART5";
/// The `list` of destination findings: restrictive measures, then the regime's id in `entry`.
pub const MEASURES_LIST: &str = "MEASURES";

/// Where a line goes, as written: the destination column, else the end user's country, else the project's
/// partner country.
#[derive(Debug, Clone, Copy, Default)]
pub struct Place<'a> {
    pub destination: Option<&'a str>,
    pub end_user_country: Option<&'a str>,
    pub partner_country: Option<&'a str>,
}

impl<'a> Place<'a> {
    /// The first place given, with the name of where it was read.
    pub fn chosen(&self) -> Option<(&'static str, &'a str)> {
        [
            ("destination", self.destination),
            ("end-user country", self.end_user_country),
            ("project partner country", self.partner_country),
        ]
        .into_iter()
        .find_map(|(what, v)| v.filter(|v| !v.trim().is_empty()).map(|v| (what, v)))
    }
}

const ARTICLE_4_QUESTION: &str = "Article 4 of Regulation (EU) 2021/821 (catch-all): the destination is under an arms embargo. Is the item or could it be intended, in whole or in part, for a military end use there? If so, an authorisation is required and the item may not be supplied without it.";

/// What the item is, for the measures: which goods classes its findings put it in, and how surely.
#[derive(Debug, Default)]
struct ItemGoods {
    /// (class, certain): certain when a finding decided it; not certain when it only asks a reviewer.
    classes: Vec<(Goods, bool)>,
}

impl ItemGoods {
    fn of(findings: &[Finding]) -> ItemGoods {
        let mut goods = ItemGoods::default();
        for f in findings.iter().filter(|f| f.list != MEASURES_LIST) {
            let certain = f.decision != Decision::Review;
            let listed = f.decision != Decision::Clear;
            if (f.list == "EU-CML" && listed)
                || f.decision == Decision::Military
                || (f.decision == Decision::Prohibited && f.list != "EU-AT")
                || (f.list == "HS" && f.decision == Decision::Review && f.entry.starts_with("93"))
            {
                goods.add(Goods::Military, certain);
            }
            if ((f.list == "EU-DU" || f.list == "US-CCL") && listed) || f.decision == Decision::DualUse {
                goods.add(Goods::DualUse, certain);
            }
            if f.list == INTERNAL_REPRESSION_LIST {
                goods.add(Goods::InternalRepression, true);
            }
            if f.list == CYBER_SURVEILLANCE_LIST {
                goods.add(Goods::CyberSurveillance, true);
            }
            if listed && f.list != CYBER_SURVEILLANCE_LIST {
                goods.add(Goods::Listed, certain);
            }
        }
        goods.add(Goods::All, true);
        goods
    }

    fn add(&mut self, class: Goods, certain: bool) {
        match self.classes.iter_mut().find(|(c, _)| *c == class) {
            Some((_, sure)) => *sure |= certain,
            None => self.classes.push((class, certain)),
        }
    }

    /// Whether the item is in one of `classes`, and whether surely.
    fn covers(&self, classes: &[Goods]) -> Option<bool> {
        self.classes
            .iter()
            .filter(|(c, _)| classes.contains(c))
            .map(|(_, sure)| *sure)
            .reduce(|a, b| a || b)
    }
}

/// Screens one classified line against the measures of its destination; `hs_code` as written on the line.
pub fn screen(measures: &Measures, classification: &mut Classification, place: Place<'_>, hs_code: Option<&str>) {
    let mut added: Vec<Finding> = Vec::new();
    // Article 5: asked for every destination, even when another finding decides the item.
    let article_5: Vec<String> = classification
        .findings
        .iter()
        .filter(|f| f.list == CYBER_SURVEILLANCE_LIST)
        .filter_map(|f| f.question.clone())
        .collect();
    if measures.is_loaded() {
        if let Some((field, written)) = place.chosen() {
            screen_place(measures, classification, field, written, hs_code, &mut added);
        }
    }
    if added.is_empty() && article_5.is_empty() {
        return;
    }
    for finding in &added {
        classification.decision = classification.decision.max(finding.decision);
    }
    let questions = added
        .iter()
        .filter(|f| f.decision == Decision::Review)
        .filter_map(|f| f.question.clone())
        .chain(article_5);
    for question in questions {
        if !classification.questions.contains(&question) {
            classification.questions.push(question);
        }
    }
    classification.findings.extend(added);
    classification
        .findings
        .sort_by_key(|f| std::cmp::Reverse(f.decision.severity()));
}

fn screen_place(
    measures: &Measures,
    classification: &Classification,
    field: &'static str,
    written: &str,
    hs_code: Option<&str>,
    added: &mut Vec<Finding>,
) {
    // Built only where a finding needs it: most destinations are under no measure.
    let evidence = || {
        vec![Evidence {
            field: Field::Destination,
            column: None,
            kind: EvidenceKind::Destination,
            text: written.to_string(),
            span: [0, written.chars().count()],
            matched: field.to_string(),
            strength: None,
            fuzzy: false,
        }]
    };
    let (code, name, region) = match measures.countries.resolve(written) {
        Resolved::Country {
            code,
            name,
            region_regime,
        } => (code, name, region_regime),
        Resolved::Ambiguous(codes) => {
            let names: Vec<String> = codes
                .iter()
                .map(|c| format!("{} ({c})", measures.countries.name(c).unwrap_or(c)))
                .collect();
            added.push(unresolved(
                measures,
                format!(
                    "the {field} '{written}' could mean {}: the destination cannot be screened",
                    names.join(" or ")
                ),
                format!(
                    "Which country is the {field} '{written}': {}? Correct the {field} on the line.",
                    names.join(" or ")
                ),
                evidence(),
            ));
            return;
        }
        Resolved::Unknown => {
            added.push(unresolved(
                measures,
                format!("the {field} '{written}' is not a country equipcheck knows: the destination cannot be screened"),
                format!(
                    "Which country is the {field} '{written}'? Write the country's name (English, French, German, Spanish or Portuguese) or its ISO code."
                ),
                evidence(),
            ));
            return;
        }
    };
    let regimes = measures.regimes_for(&code, region);
    if regimes.is_empty() {
        return;
    }
    let goods = ItemGoods::of(&classification.findings);
    // Every code of the cell ("8471.30 / 9301.90" holds two), read as the classifier reads them.
    let hs_codes: Option<Vec<String>> = hs_code.map(crate::classify::hs_codes_in);
    let before = added.len();
    let mut embargo: Option<(&Regime, &Measure)> = None;
    let mut banned_listed = false;
    for regime in &regimes {
        for measure in &regime.measure {
            if measure.kind.is_arms_embargo() && embargo.is_none() {
                embargo = Some((regime, measure));
            }
            let Some(certain) = goods.covers(&measure.goods) else {
                continue;
            };
            if !measure.hs.is_empty() {
                let Some(codes) = &hs_codes else { continue };
                if !measure
                    .hs
                    .iter()
                    .any(|p| codes.iter().any(|hs| hs.starts_with(p.as_str())))
                {
                    continue;
                }
            }
            if measure
                .goods
                .iter()
                .any(|g| matches!(g, Goods::Military | Goods::DualUse))
            {
                banned_listed = true;
            }
            added.push(measure_finding(
                measures,
                regime,
                measure,
                &name,
                written,
                certain,
                &evidence(),
            ));
        }
    }
    // Article 4: other listed items to an arms-embargoed destination.
    if let Some((regime, measure)) = embargo {
        if !banned_listed && goods.covers(&[Goods::Listed]).is_some() {
            added.push(Finding {
                entry: format!("{}.article_4", regime.id),
                title: format!("{}: catch-all for unlisted uses (Article 4 of Regulation (EU) 2021/821)", regime.title),
                list: MEASURES_LIST.to_string(),
                act: act_label(measures, regime, measure),
                decision: Decision::Review,
                reason: format!(
                    "{name} ('{written}') is under an arms embargo ({}) and the item is on a control list: a military end use there must be excluded",
                    measure.kind.as_str()
                ),
                question: Some(ARTICLE_4_QUESTION.to_string()),
                evidence: evidence(),
            });
        }
    }
    if added.len() == before {
        let titles: Vec<&str> = regimes.iter().map(|r| r.id.as_str()).collect();
        let regime = regimes[0];
        added.push(Finding {
            entry: regime.id.clone(),
            title: regime.title.clone(),
            list: MEASURES_LIST.to_string(),
            act: act_label(measures, regime, &regime.measure[0]),
            decision: Decision::Clear,
            reason: format!(
                "{name} ('{written}') is under restrictive measures ({}); none of them covers this item",
                titles.join(", ")
            ),
            question: None,
            evidence: evidence(),
        });
    }
}

fn measure_finding(
    measures: &Measures,
    regime: &Regime,
    measure: &Measure,
    country: &str,
    written: &str,
    certain: bool,
    evidence: &[Evidence],
) -> Finding {
    // A ban applies surely only to what a finding decided; an item that only asks a reviewer is asked again.
    let decision = if certain { measure.effect } else { Decision::Review };
    let mut reason = format!("{country} ('{written}'): {}", measure.summary);
    if !measure.exemptions.is_empty() {
        reason.push_str(&format!(" Exemptions: {}.", measure.exemptions.join("; ")));
    }
    if !certain {
        reason.push_str(" Applies if the item is what the other findings ask about.");
    }
    let question = match (decision, &measure.question) {
        (Decision::Review, Some(q)) => Some(q.clone()),
        (Decision::Review, None) => Some(format!(
            "If the item is {}, {} bans it for {country}: is it?",
            goods_words(&measure.goods),
            regime.id
        )),
        _ => None,
    };
    Finding {
        entry: format!("{}.{}", regime.id, measure.kind.as_str()),
        title: format!("{} ({})", regime.title, kind_words(measure.kind)),
        list: MEASURES_LIST.to_string(),
        act: act_label(measures, regime, measure),
        decision,
        reason,
        question,
        evidence: evidence.to_vec(),
    }
}

fn unresolved(measures: &Measures, reason: String, question: String, evidence: Vec<Evidence>) -> Finding {
    Finding {
        entry: "DESTINATION".to_string(),
        title: "Destination not recognised".to_string(),
        list: MEASURES_LIST.to_string(),
        act: measures.label(),
        decision: Decision::Review,
        reason,
        question: Some(question),
        evidence,
    }
}

/// "Council Regulation (EU) No 833/2014 ... of 2014-07-31, Art. 2; restrictive measures 2026.12.1 (taken ...)".
fn act_label(measures: &Measures, regime: &Regime, measure: &Measure) -> String {
    let act = regime.act.iter().find(|a| a.id == measure.act);
    let title = act.map_or(measure.act.clone(), |a| format!("{} of {}", a.title, a.date));
    match &measure.articles {
        Some(articles) => format!("{title}, {articles}; {}", measures.label()),
        None => format!("{title}; {}", measures.label()),
    }
}

fn kind_words(kind: MeasureKind) -> &'static str {
    match kind {
        MeasureKind::ArmsEmbargo => "arms embargo",
        MeasureKind::GovernmentExempt => "arms embargo, government forces exempt",
        MeasureKind::NonStateActors => "arms embargo on non-state actors",
        MeasureKind::InternalRepression => "ban on equipment for internal repression",
        MeasureKind::DualUseBan => "ban on dual-use items",
        MeasureKind::MonitoringEquipment => "ban on monitoring and interception equipment",
        MeasureKind::Sectoral => "sectoral ban on goods",
    }
}

fn goods_words(goods: &[Goods]) -> String {
    goods
        .iter()
        .map(|g| match g {
            Goods::Military => "military",
            Goods::DualUse => "dual-use",
            Goods::InternalRepression => "equipment for internal repression",
            Goods::CyberSurveillance => "cyber-surveillance equipment",
            Goods::Listed => "on a control list",
            Goods::All => "any good",
        })
        .collect::<Vec<_>>()
        .join(" or ")
}
