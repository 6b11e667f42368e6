//! The CSV long-field guard: the run-counting scan against the same state machine fed a byte at a time.

use super::{FieldScan, LongFieldGuard};

/// The guard fed the whole text at once.
fn first_long_field(bytes: &[u8], delimiter: u8, max_chars: usize) -> Option<(u64, u64)> {
    LongFieldGuard::new(delimiter, max_chars).feed(bytes)
}

/// The same state machine fed one byte at a time (a continuation byte counts for nothing): the oracle the
/// run-counting scan must agree with.
fn byte_by_byte(bytes: &[u8], delimiter: u8, max_chars: usize) -> Option<(u64, u64)> {
    let special = FieldScan::table(delimiter);
    let mut scan = FieldScan::new(delimiter);
    for &b in bytes {
        if special[usize::from(b)] {
            scan.special(b);
        } else {
            scan.ordinary(usize::from(b & 0xC0 != 0x80));
        }
        if let Some(found) = scan.too_long(max_chars) {
            return Some(found);
        }
    }
    None
}

#[test]
fn a_quoted_line_break_stays_in_its_field() {
    assert_eq!(first_long_field(b"a;\"bb\nbb\";c\nd", b';', 4), Some((2, 1)));
    assert_eq!(first_long_field(b"a;\"bb\nb\";c\nd", b';', 6), None);
    assert_eq!(first_long_field("é;ééé".as_bytes(), b';', 3), None);
    assert_eq!(first_long_field("é;éééé".as_bytes(), b';', 3), Some((2, 1)));
}

proptest::proptest! {
    #[test]
    fn the_scan_agrees_with_a_byte_walk(text in "[ab\";,\né]{0,40}", max_chars in 0usize..8, comma in proptest::bool::ANY) {
        let delimiter = if comma { b',' } else { b';' };
        proptest::prop_assert_eq!(
            first_long_field(text.as_bytes(), delimiter, max_chars),
            byte_by_byte(text.as_bytes(), delimiter, max_chars)
        );
    }

    /// The file is read a chunk at a time: wherever the chunks are cut, the guard finds the same field.
    #[test]
    fn the_scan_does_not_depend_on_where_reads_are_cut(text in "[ab\";,\né]{0,40}", max_chars in 0usize..8, cut in 1usize..6) {
        let mut guard = LongFieldGuard::new(b';', max_chars);
        let found = text.as_bytes().chunks(cut).find_map(|chunk| guard.feed(chunk));
        proptest::prop_assert_eq!(found, first_long_field(text.as_bytes(), b';', max_chars));
    }
}
