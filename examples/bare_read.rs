//! The baseline for `check`'s benchmark: only reads a sheet, with the same libraries and no classification.
//! `cargo run --release --example bare_read -- FILE` prints the number of rows and the bytes of text read.

use calamine::{DataType, Reader};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let path = std::env::args().nth(1).ok_or("usage: bare_read FILE")?;
    let (mut rows, mut bytes) = (0usize, 0usize);
    if path.ends_with(".csv") {
        let mut reader = csv::ReaderBuilder::new()
            .delimiter(b';')
            .flexible(true)
            .from_path(&path)?;
        for record in reader.records() {
            let record = record?;
            rows += 1;
            bytes += record.iter().map(str::len).sum::<usize>();
        }
    } else {
        let mut workbook: calamine::Xlsx<_> = calamine::open_workbook(&path)?;
        let name = workbook.sheet_names().first().cloned().ok_or("no sheet")?;
        let mut cells = workbook.worksheet_cells_reader(&name)?;
        let mut last_row = u32::MAX;
        while let Some(cell) = cells.next_cell()? {
            if cell.get_position().0 != last_row {
                rows += 1;
                last_row = cell.get_position().0;
            }
            bytes += cell.get_value().get_string().map_or(8, str::len);
        }
    }
    println!("{rows} rows, {bytes} bytes of cell text");
    Ok(())
}
