//! Screening beyond the control lists: where a line goes (restrictive measures per destination) and who is
//! involved (sanctioned parties). Pure rules and data; the catalogue loads [`Measures`] from `catalog/measures/`,
//! the classifier applies them to every line ([`destination`]), storage lives in `src/db/`, HTTP in `src/api/`.

mod countries;
pub mod destination;
mod measures;
pub mod notices;
pub mod parties;

pub use countries::{Countries, Resolved};
pub use destination::Place;
pub use measures::{Authority, Goods, LegalAct, Measure, MeasureKind, Regime};

use crate::catalog::{CatalogError, CatalogProblem};
use std::path::Path;

/// The restrictive measures of `catalog/measures/`: regimes and the country names they are found by.
#[derive(Debug, Default)]
pub struct Measures {
    /// `version` of regimes.toml; empty when the catalogue has no measures folder.
    pub version: String,
    /// The day the data was last checked against its sources.
    pub taken: String,
    pub regimes: Vec<Regime>,
    pub countries: Countries,
}

impl Measures {
    /// Loads `dir` (`catalog/measures`); a catalogue without that folder screens no destination.
    pub fn load(dir: &Path) -> Result<(Measures, Vec<CatalogProblem>), CatalogError> {
        if !dir.join("regimes.toml").exists() {
            return Ok((Measures::default(), Vec::new()));
        }
        let file: measures::RegimesFile = crate::catalog::read_toml(&dir.join("regimes.toml"))?;
        let names: countries::CountriesFile = crate::catalog::read_toml(&dir.join("countries.toml"))?;
        let variants: countries::VariantsFile = crate::catalog::read_toml(&dir.join("country_variants.toml"))?;
        let regions: Vec<(usize, &str, &[String])> = file
            .regime
            .iter()
            .enumerate()
            .filter(|(_, r)| !r.regions.is_empty())
            .map(|(i, r)| {
                (
                    i,
                    r.countries.first().map(String::as_str).unwrap_or_default(),
                    r.regions.as_slice(),
                )
            })
            .collect();
        let (countries, country_problems) = Countries::build(names, variants, &regions);
        let mut problems: Vec<CatalogProblem> = country_problems
            .into_iter()
            .map(|message| problem("measures/countries.toml", message))
            .collect();
        if countries.is_empty() {
            problems.push(problem("measures/countries.toml", "no country is listed".into()));
        }
        problems.extend(
            measures::check(&file, &|code| countries.is_code(code))
                .into_iter()
                .map(|message| problem("measures/regimes.toml", message)),
        );
        let loaded = Measures {
            version: file.version,
            taken: file.taken,
            regimes: file.regime,
            countries,
        };
        Ok((loaded, problems))
    }

    /// Whether destination screening has data to work with.
    pub fn is_loaded(&self) -> bool {
        !self.version.is_empty()
    }

    /// The regimes that apply to a destination: those of its country, and of the region the text named.
    pub fn regimes_for(&self, code: &str, region_regime: Option<usize>) -> Vec<&Regime> {
        self.regimes
            .iter()
            .enumerate()
            .filter(|(i, r)| {
                if r.regions.is_empty() {
                    r.countries.iter().any(|c| c == code)
                } else {
                    region_regime == Some(*i)
                }
            })
            .map(|(_, r)| r)
            .collect()
    }

    /// `"2026.12.1 (taken 2026-12-02)"`, for findings and reports.
    pub fn label(&self) -> String {
        format!("restrictive measures {} (taken {})", self.version, self.taken)
    }
}

fn problem(file: &str, message: String) -> CatalogProblem {
    CatalogProblem {
        file: file.to_string(),
        code: None,
        message,
    }
}

#[cfg(test)]
mod tests;
