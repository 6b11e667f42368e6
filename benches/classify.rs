//! Classification throughput on one core, on the real catalogue: descriptions per second.
//! `cargo bench --bench classify`

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use equipcheck::catalog::Catalog;
use equipcheck::classify::Classifier;
use std::sync::Arc;

/// The same allocator as the `equipcheck` binary.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

const DESCRIPTIONS: &[&str] = &[
    "Toyota Land Cruiser 79 pick-up, double cab (lot 12)",
    "Tente modulaire 6 x 6 m",
    "Groupe électrogène 15 kVA insonorisé",
    "Laptop Dell Latitude 7450, 16 GB RAM",
    "Office furniture set (desk, chair, cabinet)",
    "Einsatzstiefel, Größe gemischt",
    "First aid kit, vehicle, EN 13164",
    "Printer toner cartridge HP 410A",
    "Nail gun, pneumatic, 90 mm",
    "Solar panel 400 W monocrystalline",
    "Water tank 5000 l, polyethylene",
    "Walkie-talkie PMR446, 8 channels",
    "Fire extinguisher 6 kg ABC powder",
    "Mattress, foam, 190 x 90 cm",
    "Binoculars 8x42, waterproof",
    "Handheld GPS receiver Garmin eTrex 32x",
    "Riot shield, polycarbonate, transparent",
    "Diesel generator exhaust silencer",
    "Assault rifle 5.56x45 NATO",
    "Thermal camera, cooled MWIR, 30 Hz",
];

fn bench(c: &mut Criterion) {
    // EQUIPCHECK_CATALOG=DIR measures another catalogue (e.g. the previous one, for a before/after figure).
    let dir = std::env::var_os("EQUIPCHECK_CATALOG")
        .map(std::path::PathBuf::from)
        .unwrap_or_else(|| std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("catalog"));
    let catalog = Arc::new(Catalog::load(&dir).expect("the bundled catalogue loads"));
    let classifier = Classifier::new(catalog).expect("the bundled catalogue compiles");
    let mut group = c.benchmark_group("classify");
    group.throughput(Throughput::Elements(DESCRIPTIONS.len() as u64));
    // Every description new to the classifier, as in a sheet without repeated lines: the descriptions above with a
    // line number, far more of them than the classifier remembers, so each one is screened in full.
    let distinct: Vec<Vec<String>> = (0..5_000)
        .map(|round| DESCRIPTIONS.iter().map(|d| format!("{d} (line {round})")).collect())
        .collect();
    let mut round = distinct.iter().cycle();
    group.bench_function("distinct descriptions", |b| {
        b.iter(|| {
            let Some(descriptions) = round.next() else { return };
            for d in descriptions {
                std::hint::black_box(classifier.classify_description(std::hint::black_box(d)));
            }
        })
    });
    // The same twenty again and again, as in a sheet that repeats its lines: their text evidence is remembered.
    group.bench_function("repeated descriptions", |b| {
        b.iter(|| {
            for d in DESCRIPTIONS {
                std::hint::black_box(classifier.classify_description(std::hint::black_box(d)));
            }
        })
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
