//! The guard's fast scan against the plain byte-by-byte walk it replaced: same state, same failures, for any
//! XML-like bytes cut into any chunks.

use super::*;
use proptest::prelude::*;

/// The byte-by-byte walk, kept as the reference.
fn scan_bytewise<R: Read>(guard: &mut TextGuard<R>, bytes: &[u8]) -> io::Result<()> {
    for &b in bytes {
        if guard.in_tag {
            guard.tag_len += 1;
            if guard.tag_len > MAX_TAG_BYTES {
                return Err(guard.fail(true, false));
            }
            match (guard.quote, b) {
                (Some(q), _) if b == q => guard.quote = None,
                (Some(_), _) => {}
                (None, b'"') | (None, b'\'') => guard.quote = Some(b),
                (None, b'>') => {
                    guard.in_tag = false;
                    guard.end_kept_tag();
                    if guard.depth > MAX_DEPTH {
                        return Err(guard.fail(true, false));
                    }
                    continue;
                }
                _ => {}
            }
            if guard.head.len() < TAG_HEAD {
                guard.head.push(b);
            }
            continue;
        }
        if b == b'<' {
            guard.in_tag = true;
            guard.in_entity = false;
            guard.tag_len = 0;
            guard.head.clear();
            continue;
        }
        guard.count_text_byte(b)?;
    }
    Ok(())
}

type State = (
    (bool, Option<u8>, bool, Option<u64>, Option<Vec<u8>>),
    (u32, bool, u64, u64, Vec<u8>, u64, u64, u64),
);

fn state<R>(g: &TextGuard<R>) -> State {
    (
        // The kept head and length of a tag only mean something while inside it.
        (
            g.in_tag,
            g.quote,
            g.in_entity,
            g.in_tag.then_some(g.tag_len),
            g.in_tag.then(|| g.head.clone()),
        ),
        (
            g.counting,
            g.in_cell,
            g.cell_chars,
            g.cells,
            g.cell_ref.clone(),
            g.depth,
            g.row,
            g.total.get(),
        ),
    )
}

fn guard(kind: PartKind) -> TextGuard<io::Empty> {
    let limits = ImportLimits {
        max_cell_chars: 12,
        max_text_bytes: 400,
        ..ImportLimits::default()
    };
    TextGuard::new(
        io::empty(),
        "xl/worksheets/sheet1.xml",
        kind,
        &limits,
        Rc::new(Cell::new(0)),
    )
}

/// Pieces that make XML-like text: tags of the parts the guard knows, quotes, entities, multi-byte text.
fn piece() -> impl Strategy<Value = &'static str> {
    prop::sample::select(vec![
        "<c r=\"B7\" t=\"s\">",
        "</c>",
        "<v>",
        "</v>",
        "<t>",
        "</t>",
        "<si>",
        "</si>",
        "<is>",
        "</is>",
        "<row r='2'>",
        "</row>",
        "<x:c r=\"A1\">",
        "<c/>",
        "<?xml version=\"1.0\"?>",
        "<!-- a > b -->",
        "<table:table-cell>",
        "</table:table-cell>",
        "<table:table table:name=\"S\">",
        "<table:table-row table:number-rows-repeated=\"3\">",
        "&amp;",
        "&#233;",
        "é",
        "Stück",
        "abc",
        " ",
        "\"",
        "'",
        ">",
        "<",
        "&",
        ";",
        "<a b=\">\">",
    ])
}

proptest! {
    #[test]
    fn the_fast_scan_keeps_the_bytewise_state(
        pieces in prop::collection::vec(piece(), 0..80),
        cuts in prop::collection::vec(1usize..17, 1..8),
        kind in prop::sample::select(vec![0u8, 1, 2, 3]),
    ) {
        let kind = || match kind {
            0 => PartKind::Other,
            1 => PartKind::SharedStrings,
            2 => PartKind::Worksheet,
            _ => PartKind::OdsContent,
        };
        let bytes: Vec<u8> = pieces.concat().into_bytes();
        let (mut fast, mut slow) = (guard(kind()), guard(kind()));
        let (mut at, mut cut) = (0, 0);
        loop {
            let end = (at + cuts[cut % cuts.len()]).min(bytes.len());
            let chunk = &bytes[at..end];
            let (a, b) = (fast.scan(chunk), scan_bytewise(&mut slow, chunk));
            prop_assert_eq!(a.is_err(), b.is_err());
            if let (Err(a), Err(b)) = (&a, &b) {
                prop_assert_eq!(a.to_string(), b.to_string());
                break;
            }
            prop_assert_eq!(state(&fast), state(&slow));
            if end == bytes.len() {
                break;
            }
            at = end;
            cut += 1;
        }
    }
}

#[test]
fn a_tag_longer_than_the_limit_fails_even_without_a_closing_bracket() {
    let mut g = guard(PartKind::Worksheet);
    let long = vec![b'a'; (MAX_TAG_BYTES as usize) + 2];
    assert!(g.scan(b"<c r=\"").is_ok());
    let err = g.scan(&long).expect_err("too long");
    assert!(too_long(&err).is_some_and(|t| t.tag), "{err}");
}
