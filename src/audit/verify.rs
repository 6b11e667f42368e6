//! Walking the chain: the first record that was altered, removed or inserted.

use super::{record_hash, GENESIS_HASH};
use crate::db::audit as store;
use crate::db::{DbConnection, DbError};
use serde::Serialize;
use std::fmt;

const PAGE: i64 = 2_000;

/// A record an operator noted earlier (`equipcheck audit verify` prints the head): removing records from the end
/// of the chain leaves a valid shorter chain, which only a remembered head can reveal.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Anchor {
    pub seq: i64,
    pub hash: String,
}

impl std::str::FromStr for Anchor {
    type Err = String;
    fn from_str(s: &str) -> Result<Anchor, String> {
        let (seq, hash) = s
            .split_once(':')
            .ok_or_else(|| format!("{s:?}: write the anchor as SEQ:HASH, as `audit verify` prints it"))?;
        let seq = seq
            .trim()
            .parse::<i64>()
            .map_err(|_| format!("{seq:?}: the sequence number must be a whole number"))?;
        let hash = hash.trim().to_ascii_lowercase();
        if hash.len() != 64 || !hash.bytes().all(|b| b.is_ascii_hexdigit()) {
            return Err(format!("{hash:?}: the hash must be 64 hexadecimal digits"));
        }
        Ok(Anchor { seq, hash })
    }
}

/// Where and how the chain is broken.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum ChainBreak {
    /// The record's content no longer matches its own hash: it was edited.
    Altered { seq: i64 },
    /// Sequence numbers jump: records `from..=to` were removed.
    Removed { from: i64, to: i64 },
    /// The record does not link to the one before it: it was inserted, or the one before was edited and re-hashed,
    /// or records were removed and the rest renumbered.
    Relinked { seq: i64, previous: i64 },
    /// A sequence number appears out of order (a record inserted with a duplicate or earlier number).
    OutOfOrder { seq: i64, expected: i64 },
    /// The anchor's record is gone or has another hash: the end of the chain was cut or rewritten.
    AnchorMismatch { seq: i64 },
}

impl fmt::Display for ChainBreak {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ChainBreak::Altered { seq } => {
                write!(f, "record {seq} was altered: its content does not match its hash")
            }
            ChainBreak::Removed { from, to } if from == to => write!(f, "record {from} was removed"),
            ChainBreak::Removed { from, to } => write!(f, "records {from} to {to} were removed"),
            ChainBreak::Relinked { seq, previous } => write!(
                f,
                "record {seq} does not follow record {previous}: a record was inserted, or record {previous} was \
                 altered and re-hashed, or records were removed and renumbered"
            ),
            ChainBreak::OutOfOrder { seq, expected } => {
                write!(
                    f,
                    "record {seq} is out of order (expected {expected}): a record was inserted"
                )
            }
            ChainBreak::AnchorMismatch { seq } => write!(
                f,
                "record {seq} no longer has the hash noted as the anchor: the end of the chain was removed or rewritten"
            ),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Verification {
    /// Records read.
    pub records: u64,
    /// The last record (sequence and hash): note it to detect a cut end later.
    pub head: Option<Anchor>,
    /// `None`: the chain is intact.
    pub first_break: Option<ChainBreak>,
}

impl Verification {
    pub fn is_intact(&self) -> bool {
        self.first_break.is_none()
    }
}

/// Reads the whole chain in order (in pages, so memory stays flat) and stops at the first break.
pub fn verify(conn: &mut DbConnection, anchor: Option<&Anchor>) -> Result<Verification, DbError> {
    let mut records = 0u64;
    let mut expected_seq = 1i64;
    let mut expected_prev = GENESIS_HASH.to_string();
    let mut head: Option<Anchor> = None;
    let mut anchor_seen = false;
    let mut after = i64::MIN;
    loop {
        let page = store::chain_page(conn, after, PAGE)?;
        let Some(last) = page.last() else { break };
        after = last.seq;
        for row in page {
            records += 1;
            let broken = if record_hash(&row) != row.hash {
                Some(ChainBreak::Altered { seq: row.seq })
            } else if row.seq > expected_seq {
                Some(ChainBreak::Removed {
                    from: expected_seq,
                    to: row.seq - 1,
                })
            } else if row.seq < expected_seq {
                Some(ChainBreak::OutOfOrder {
                    seq: row.seq,
                    expected: expected_seq,
                })
            } else if row.prev_hash != expected_prev {
                Some(ChainBreak::Relinked {
                    seq: row.seq,
                    previous: row.seq - 1,
                })
            } else {
                None
            };
            if let Some(first_break) = broken {
                return Ok(Verification {
                    records,
                    head: Some(Anchor {
                        seq: row.seq,
                        hash: row.hash,
                    }),
                    first_break: Some(first_break),
                });
            }
            if let Some(anchor) = anchor {
                if anchor.seq == row.seq {
                    anchor_seen = true;
                    if anchor.hash != row.hash {
                        return Ok(Verification {
                            records,
                            head: Some(Anchor {
                                seq: row.seq,
                                hash: row.hash,
                            }),
                            first_break: Some(ChainBreak::AnchorMismatch { seq: row.seq }),
                        });
                    }
                }
            }
            expected_seq = row.seq + 1;
            expected_prev = row.hash.clone();
            head = Some(Anchor {
                seq: row.seq,
                hash: row.hash,
            });
        }
    }
    let first_break = match anchor {
        Some(anchor) if !anchor_seen => Some(ChainBreak::AnchorMismatch { seq: anchor.seq }),
        _ => None,
    };
    Ok(Verification {
        records,
        head,
        first_break,
    })
}
