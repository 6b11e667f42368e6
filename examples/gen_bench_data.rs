//! Generates realistic procurement sheets for benchmarks: `cargo run --release --example gen_bench_data -- DIR ROWS`
//! writes DIR/items-ROWS.csv and DIR/items-ROWS.xlsx (12 columns, a title row, a header, a totals row).
//! Deterministic: the same ROWS always gives the same files.

use rust_xlsxwriter::Workbook;
use std::io::Write;
use std::path::PathBuf;

const CIVILIAN: &[&str] = &[
    "Toyota Land Cruiser 79 pick-up, double cab",
    "Tente modulaire 6 x 6 m",
    "Groupe électrogène 15 kVA insonorisé",
    "Laptop Dell Latitude 7450, 16 GB RAM",
    "Office furniture set (desk, chair, cabinet)",
    "Einsatzstiefel, Größe gemischt",
    "First aid kit, vehicle, EN 13164",
    "Handheld GPS receiver Garmin eTrex 32x",
    "Printer toner cartridge HP 410A",
    "Nail gun, pneumatic, 90 mm",
    "Caulking gun, 310 ml",
    "Solar panel 400 W monocrystalline",
    "Water tank 5000 l, polyethylene",
    "Walkie-talkie PMR446, 8 channels",
    "Riot shield, polycarbonate, transparent",
    "Fire extinguisher 6 kg ABC powder",
    "Mattress, foam, 190 x 90 cm",
    "Diesel generator exhaust silencer",
    "Magazine rack, wall mounted",
    "Binoculars 8x42, waterproof",
];

const FLAGGED: &[&str] = &[
    "Assault rifle 5.56x45 NATO",
    "Pistolet mitrailleur Uzi 9 mm",
    "Cartouches 9 mm Parabellum (boîte de 50)",
    "Thermal camera, cooled MWIR, 30 Hz",
    "Night vision goggles Gen 3",
    "Body armour vest NIJ IIIA, soft",
    "Handcuffs, hinged, steel",
    "Pepper spray 50 ml",
    "Explosives trace detector, desktop",
    "Drone quadcopter, 45 min endurance",
];

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let dir = PathBuf::from(args.next().unwrap_or_else(|| "bench-data".into()));
    let rows: usize = args.next().map(|r| r.parse()).transpose()?.unwrap_or(100_000);
    std::fs::create_dir_all(&dir)?;
    let mut seed: u64 = 0x9e37_79b9_7f4a_7c15;
    let mut next = move || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed
    };
    let header = [
        "N°",
        "Désignation",
        "Quantité",
        "Unité",
        "Prix unitaire (EUR)",
        "Code SH",
        "Fournisseur",
        "Pays d'origine",
        "Bénéficiaire",
        "Pays de destination",
        "Lot",
        "Observations",
    ];
    let lines: Vec<[String; 12]> = (0..rows)
        .map(|i| {
            let r = next();
            // About one line in ten is something a reviewer must see.
            let description = if r % 10 == 0 {
                FLAGGED[(r / 10) as usize % FLAGGED.len()]
            } else {
                CIVILIAN[(r / 10) as usize % CIVILIAN.len()]
            };
            let price = (r % 100_000) as f64 / 100.0;
            [
                (i + 1).to_string(),
                format!("{description} (lot {})", i % 97),
                ((r >> 8) % 500 + 1).to_string(),
                "u".into(),
                format!("{price:.2}").replace('.', ","),
                format!("{:04}.{:02}", 8400 + (r >> 16) % 500, (r >> 24) % 100),
                "Sahel Equipements SARL".into(),
                "FR".into(),
                "Police nationale".into(),
                "NE".into(),
                format!("Lot {}", i % 7 + 1),
                String::new(),
            ]
        })
        .collect();

    let csv_path = dir.join(format!("items-{rows}.csv"));
    let mut csv = csv::WriterBuilder::new().delimiter(b';').from_path(&csv_path)?;
    csv.write_record(header)?;
    for line in &lines {
        csv.write_record(line)?;
    }
    csv.write_record(["", "TOTAL GÉNÉRAL", "", "", "", "", "", "", "", "", "", ""])?;
    csv.flush()?;

    let xlsx_path = dir.join(format!("items-{rows}.xlsx"));
    let mut workbook = Workbook::new();
    let sheet = workbook.add_worksheet();
    sheet.set_name("Lot 1")?;
    sheet.write_string(0, 0, "Plan de passation des marchés (généré pour les mesures)")?;
    for (c, h) in header.iter().enumerate() {
        sheet.write_string(2, c as u16, *h)?;
    }
    for (r, line) in lines.iter().enumerate() {
        let row = r as u32 + 3;
        for (c, cell) in line.iter().enumerate() {
            match (c, cell.parse::<f64>()) {
                (0 | 2, Ok(number)) => sheet.write_number(row, c as u16, number)?,
                _ => sheet.write_string(row, c as u16, cell)?,
            };
        }
    }
    sheet.write_string(rows as u32 + 3, 1, "TOTAL GÉNÉRAL")?;
    workbook.save(&xlsx_path)?;
    let mut out = std::io::stdout().lock();
    writeln!(out, "{}\n{}", csv_path.display(), xlsx_path.display())?;
    Ok(())
}
