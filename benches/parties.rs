//! Party screening throughput on one core: names screened per second against lists the size of the official
//! ones together and more (50,000 entities, 150,000 names and aliases). The lists are generated (the official files
//! are not shipped in the repository): person and company names built from syllables, with legal forms,
//! transliterated aliases and word-order variants, so the index has the real shape: many rare words, a few
//! very common ones ("al", "bin", "trading").
//! `cargo bench --bench parties`

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use equipcheck::screening::parties::{ListSource, ListedEntity, PartyIndex, PartyList, DEFAULT_THRESHOLD};

#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

const SYLLABLES: &[&str] = &[
    "ka", "ri", "mo", "sha", "lev", "an", "dro", "vik", "to", "ra", "nov", "ez", "bek", "ul", "far", "hu", "sein",
    "ab", "dal", "lah", "ser", "gei", "tem", "ir", "kho", "zan", "pet", "ros", "bor", "ex", "gaz", "prom", "neft",
];
const FORMS: &[&str] = &[
    "LLC",
    "OOO",
    "JSC",
    "GmbH",
    "SARL",
    "Ltd",
    "Trading Co.",
    "Group",
    "FZE",
];

struct Rng(u64);
impl Rng {
    fn next(&mut self) -> usize {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        (self.0 >> 11) as usize
    }
    fn word(&mut self, syllables: &[&str]) -> String {
        let n = 2 + self.next() % 3;
        let mut w: String = (0..n).map(|_| syllables[self.next() % syllables.len()]).collect();
        if let Some(first) = w.get_mut(0..1) {
            first.make_ascii_uppercase();
        }
        w
    }
}

fn lists(entities: usize) -> Vec<PartyList> {
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    let list = (0..entities)
        .map(|i| {
            let person = i % 2 == 0;
            let main = if person {
                format!(
                    "{} {} al-{}",
                    rng.word(SYLLABLES),
                    rng.word(SYLLABLES),
                    rng.word(SYLLABLES)
                )
            } else {
                format!(
                    "{} {} {}",
                    rng.word(SYLLABLES),
                    rng.word(SYLLABLES),
                    FORMS[rng.next() % FORMS.len()]
                )
            };
            let words: Vec<&str> = main.split(' ').collect();
            let reordered = words.iter().rev().copied().collect::<Vec<_>>().join(" ");
            let alias = main.replace('x', "ks").replace("kh", "h").to_uppercase();
            ListedEntity {
                id: i.to_string(),
                kind: if person { "person" } else { "entity" }.into(),
                names: vec![main, reordered, alias],
                programmes: vec!["BENCH".into()],
                ..ListedEntity::default()
            }
        })
        .collect();
    vec![PartyList {
        source: ListSource::OfacSdn,
        version: "bench".into(),
        entities: list,
    }]
}

/// Supplier names as a procurement sheet has them: mostly ordinary companies, one in fifty a listed name.
fn parties(index: &PartyIndex, n: usize) -> Vec<String> {
    let mut rng = Rng(42);
    let ordinary = [
        "Nord", "Süd", "Tech", "Solar", "Auto", "Medi", "Bau", "Sécu", "Info", "Agro", "Logi", "Tex",
    ];
    (0..n)
        .map(|i| {
            if i % 50 == 0 {
                let list = &index.lists()[0].entities;
                list[rng.next() % list.len()].names[0].clone()
            } else {
                format!(
                    "{} {} {}",
                    rng.word(&ordinary),
                    rng.word(SYLLABLES),
                    FORMS[rng.next() % FORMS.len()]
                )
            }
        })
        .collect()
}

fn bench(c: &mut Criterion) {
    // The size the issue asks for: ~50,000 entities (150,000 names and aliases), 100,000 parties screened.
    let index = PartyIndex::build(lists(50_000));
    let names = parties(&index, 100_000);
    let mut group = c.benchmark_group("parties");
    group.sample_size(10);
    group.throughput(Throughput::Elements(names.len() as u64));
    group.bench_function(
        format!("screen 100,000 names against {} listed names", index.len()),
        |b| {
            b.iter(|| {
                names
                    .iter()
                    .map(|n| index.screen(n, DEFAULT_THRESHOLD).len())
                    .sum::<usize>()
            })
        },
    );
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
