//! Party screening: suppliers, manufacturers, end users and consignees against the official sanctions lists.
//! [`formats`] reads each official file, [`PartyIndex`] finds and scores candidates through a token index,
//! [`names`] normalises names (case, accents, transliteration, legal forms, word order).

pub mod formats;
mod index;
pub mod names;
mod screen;

pub use index::{PartyIndex, PartyMatch, DEFAULT_THRESHOLD};
pub use screen::{
    content_hash, entity_key, parse_list, read_list, read_lists, settlement_name, ListVersion, LoadError,
    PartyScreening, Role, Settlement,
};

use serde::Serialize;
use sha2::{Digest, Sha256};

/// Which official list a file is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum ListSource {
    /// UN Security Council consolidated list (XML).
    UnSc,
    /// EU consolidated list of persons, groups and entities subject to financial sanctions (CSV).
    EuFsf,
    /// US Treasury OFAC Specially Designated Nationals list (`sdn.csv`).
    OfacSdn,
    /// UK OFSI consolidated list of asset-freeze targets (`ConList.csv`).
    UkOfsi,
}

impl ListSource {
    pub fn id(self) -> &'static str {
        match self {
            ListSource::UnSc => "UN-SC",
            ListSource::EuFsf => "EU-FSF",
            ListSource::OfacSdn => "US-OFAC-SDN",
            ListSource::UkOfsi => "UK-OFSI",
        }
    }
}

/// One listed person, entity, vessel or aircraft with every name it is known by.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct ListedEntity {
    /// The list's own identifier (DATAID, ent_num, Entity_LogicalId, Group ID).
    pub id: String,
    /// person, entity, vessel, aircraft.
    pub kind: String,
    /// Main name first, then aliases.
    pub names: Vec<String>,
    /// Programmes or regimes (`RUSSIA-EO14024`, `Al-Qaida`, `Russia`).
    pub programmes: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reference: Option<String>,
}

impl ListedEntity {
    /// SHA-256 of the record (kind, names, programmes): a reviewer's decision holds until it changes.
    pub fn digest(&self) -> String {
        let mut h = Sha256::new();
        h.update(self.kind.as_bytes());
        for part in self.names.iter().chain(&self.programmes) {
            h.update([0u8]);
            h.update(part.as_bytes());
        }
        hex::encode(&h.finalize()[..16])
    }
}

/// One list as read from its official file.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PartyList {
    pub source: ListSource,
    /// The list's own date or version (`dateGenerated`, `fileGenerationDate`, `Last Updated`); empty when the
    /// format carries none (OFAC `sdn.csv`: the import records the file's SHA-256 and the import date instead).
    pub version: String,
    pub entities: Vec<ListedEntity>,
}

#[derive(Debug, thiserror::Error)]
pub enum ListError {
    #[error("the list file is {bytes} bytes, more than the {max} accepted; is it really a sanctions list?")]
    TooLarge { bytes: usize, max: usize },
    #[error("'{0}' is not a list format equipcheck reads: give the UN consolidated XML, the EU financial sanctions CSV, OFAC sdn.csv or the UK OFSI ConList.csv")]
    UnknownFormat(String),
    #[error("the list file is malformed: {0}; the current list stays in place")]
    Malformed(String),
    #[error("the list file is refused: {0}; the current list stays in place")]
    Hostile(String),
}

impl ListError {
    fn malformed(message: String) -> ListError {
        ListError::Malformed(message)
    }
}

#[cfg(test)]
mod tests;
#[cfg(test)]
mod tests_screen;
