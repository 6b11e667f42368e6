//! Recall of the Annex I catalogue on the list's own words: every heading of Annex I to Regulation (EU) 2021/821
//! (as replaced by Delegated Regulation (EU) 2025/2003) is classified by its own legal title, as a buyer who copies
//! the list would write it. Reports how many come out anything but `clear`, how many with their own entry, and
//! the security-relevant entries of issue 11 one by one (English legal title, and a French title).
//! Not a timed test: `cargo bench --bench annex_recall` (EQUIPCHECK_CATALOG=DIR measures another catalogue).

use equipcheck::catalog::{codes, source, Catalog};
use equipcheck::classify::Classifier;
use equipcheck::decision::Decision;
use std::path::PathBuf;
use std::sync::Arc;

/// Entries a security-sector buyer meets (issue 11), with a French title. The French titles are equipcheck's own
/// rendering of the headings (the official French text was not available to the project); they measure the
/// curated French terms, not the legal text.
const SECURITY: &[(&str, &str)] = &[
    ("6A003", "Caméras, systèmes ou équipements, et leurs composants (caméras d'imagerie thermique)"),
    ("6A002", "Capteurs optiques ou équipements et leurs composants (tubes intensificateurs d'image, jumelles de vision nocturne)"),
    ("5A001.f", "Équipements d'interception ou de brouillage des télécommunications mobiles"),
    ("5A002", "Systèmes, équipements et composants de sécurité de l'information (équipement de chiffrement)"),
    ("5D002", "Logiciel de chiffrement"),
    ("5A004", "Systèmes et équipements pour contourner la sécurité de l'information (extraction forensique de données)"),
    ("5D001.e", "Logiciel de surveillance pour les services répressifs (analyse des données d'interception)"),
    ("1C350", "Produits chimiques pouvant servir de précurseurs d'agents chimiques toxiques: thiodiglycol, oxychlorure de phosphore"),
    ("1C450", "Produits chimiques toxiques et leurs précurseurs: phosgène, chlorure de cyanogène, cyanure d'hydrogène"),
    ("1C351", "Agents pathogènes humains et animaux et toxines: ricine, saxitoxine"),
    ("2B352", "Équipements de fabrication et de manipulation biologiques: fermenteurs, enceintes de biosécurité de classe III"),
    ("7A005", "Équipements de réception de systèmes de navigation par satellite (GNSS) à décryptage ou antenne adaptative"),
    ("6A001", "Systèmes acoustiques sous-marins: sonar, hydrophones"),
    ("7A003", "Systèmes de navigation inertielle et centrales inertielles"),
    ("6A203", "Caméras à haute vitesse et caméras à balayage de fente"),
];

fn main() {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let dir = std::env::var_os("EQUIPCHECK_CATALOG")
        .map(PathBuf::from)
        .unwrap_or_else(|| root.join("catalog"));
    let catalog = Catalog::load(&dir).expect("the catalogue loads");
    let version = catalog.version.clone();
    let classifier = Classifier::new(Arc::new(catalog)).expect("the catalogue compiles");
    let file = root.join("catalog/sources/annex-i-2025.txt");
    let text = std::fs::read_to_string(&file).expect("the Annex I source text");
    let list = source::parse_list("annex-i-2025.txt", &text).expect("the source text parses");

    let headings = list.heading_titles();
    let (mut flagged, mut own) = (0usize, 0usize);
    let mut by_group: std::collections::BTreeMap<char, (usize, usize, usize)> = Default::default();
    let mut misses = Vec::new();
    for (code, title) in &headings {
        let c = classifier.classify_description(title);
        let is_own = c.findings.iter().any(|f| same_heading(&f.entry, code));
        let group = code.chars().nth(1).unwrap_or('?');
        let slot = by_group.entry(group).or_default();
        slot.0 += 1;
        if c.decision != Decision::Clear {
            flagged += 1;
            slot.1 += 1;
        } else {
            misses.push(format!("{code} {title}"));
        }
        if is_own {
            own += 1;
            slot.2 += 1;
        }
    }
    let n = headings.len();
    println!("catalogue {version}: Annex I headings classified by their own English legal title");
    println!("  headings: {n}");
    println!("  not clear:          {flagged:>4} ({:.1} %)", pct(flagged, n));
    println!("  with its own entry: {own:>4} ({:.1} %)", pct(own, n));
    for (group, (total, not_clear, own)) in &by_group {
        println!(
            "    group {group}: {total:>3} headings, not clear {:.1} %, own entry {:.1} %",
            pct(*not_clear, *total),
            pct(*own, *total)
        );
    }

    println!("  security-relevant entries of issue 11 (English legal title / French title):");
    let mut ok = 0;
    for (code, french) in SECURITY {
        let entry = list.entries.iter().find(|e| e.code == *code).expect("a listed code");
        let en = classifier.classify_description(&list.title_as_written(entry));
        let fr = classifier.classify_description(french);
        let own = |c: &equipcheck::classify::Classification| c.findings.iter().any(|f| same_heading(&f.entry, code));
        let good = en.decision != Decision::Clear && fr.decision != Decision::Clear;
        ok += usize::from(good);
        println!(
            "    {code:<8} en {:<10} own {:<5} | fr {:<10} own {:<5}",
            en.decision.as_str(),
            own(&en),
            fr.decision.as_str(),
            own(&fr)
        );
    }
    println!(
        "  security-relevant not clear in both languages: {ok}/{}",
        SECURITY.len()
    );
    println!("  headings still clear ({}):", misses.len());
    for miss in &misses {
        println!("    {}", shorten(miss, 150));
    }
}

/// Whether a finding's entry is the heading or one of its sub-items.
fn same_heading(entry: &str, heading: &str) -> bool {
    codes::segments(entry).first() == codes::segments(heading).first()
}

fn pct(part: usize, whole: usize) -> f64 {
    if whole == 0 {
        0.0
    } else {
        100.0 * part as f64 / whole as f64
    }
}

fn shorten(text: &str, max: usize) -> String {
    text.chars().take(max).collect()
}
