//! Country names as people write them in five languages (ISO 3166-1 names, their translations and common
//! variants), resolved to ISO codes. A name that means two countries ("Congo") or no country is reported as such,
//! never guessed.

use crate::memo::Memo;
use crate::text::normalize;
use serde::Deserialize;
use std::collections::{BTreeMap, HashMap};

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct CountriesFile {
    #[serde(default)]
    pub country: Vec<CountryNames>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct CountryNames {
    pub code: String,
    pub alpha3: String,
    #[serde(default)]
    pub en: Vec<String>,
    #[serde(default)]
    pub fr: Vec<String>,
    #[serde(default)]
    pub de: Vec<String>,
    #[serde(default)]
    pub es: Vec<String>,
    #[serde(default)]
    pub pt: Vec<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct VariantsFile {
    #[serde(default)]
    pub variants: BTreeMap<String, Vec<String>>,
    #[serde(default)]
    pub ambiguous: BTreeMap<String, Vec<String>>,
    /// Capitals and large cities of the countries under measures, per ISO code: an address that names only the
    /// city ("Ministry of Interior, Damascus") resolves to its country, and one that names a city and another
    /// country ("Attn. Chad Miller, …, Damascus") is ambiguous rather than the other country.
    #[serde(default)]
    pub places: BTreeMap<String, Vec<String>>,
}

/// What a written name stands for.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Target {
    Country(u16),
    /// A region of a country under its own regime (index of the regime).
    Region {
        country: u16,
        regime: u16,
    },
    Ambiguous(Vec<u16>),
}

/// How a destination as written was understood.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Resolved {
    Country {
        code: String,
        name: String,
        /// The regime whose region the text named (Crimea, Donetsk ...).
        region_regime: Option<usize>,
    },
    /// Several countries fit (the codes).
    Ambiguous(Vec<String>),
    Unknown,
}

#[derive(Debug, Default)]
pub struct Countries {
    codes: Vec<String>,
    names: Vec<String>,
    by_code: HashMap<String, u16>,
    by_name: HashMap<String, Target>,
    longest: usize,
    /// Destinations already resolved (a sheet names the same few countries on every line).
    resolved: Memo<Resolved>,
}

impl Countries {
    pub(super) fn build(
        file: CountriesFile,
        variants: VariantsFile,
        regions: &[(usize, &str, &[String])],
    ) -> (Countries, Vec<String>) {
        let mut problems = Vec::new();
        let mut c = Countries::default();
        for (i, country) in file.country.iter().enumerate() {
            let index = i as u16;
            c.codes.push(country.code.clone());
            c.names
                .push(country.en.first().cloned().unwrap_or_else(|| country.code.clone()));
            c.by_code.insert(country.code.to_ascii_uppercase(), index);
            c.by_code.insert(country.alpha3.to_ascii_uppercase(), index);
        }
        for (i, country) in file.country.iter().enumerate() {
            let all = [&country.en, &country.fr, &country.de, &country.es, &country.pt];
            for name in all.into_iter().flatten() {
                c.add_name(name, Target::Country(i as u16), &mut problems);
            }
        }
        for (code, names) in variants.variants.iter().chain(&variants.places) {
            match c.by_code.get(code.as_str()).copied() {
                Some(index) => {
                    for name in names {
                        c.add_name(name, Target::Country(index), &mut problems);
                    }
                }
                None => problems.push(format!("country_variants.toml: '{code}' is not an ISO code")),
            }
        }
        for (name, codes) in &variants.ambiguous {
            let mut indexes = Vec::new();
            for code in codes {
                match c.by_code.get(code.as_str()) {
                    Some(&i) => indexes.push(i),
                    None => problems.push(format!(
                        "country_variants.toml: ambiguous '{name}': unknown code '{code}'"
                    )),
                }
            }
            // An ambiguous name overrides the ISO short name it shares ("Congo").
            c.insert(normalize(name), Target::Ambiguous(indexes));
        }
        for (regime, code, names) in regions {
            let Some(&country) = c.by_code.get(*code) else {
                problems.push(format!(
                    "regimes.toml: regime with regions names unknown country '{code}'"
                ));
                continue;
            };
            for name in names.iter() {
                c.insert(
                    normalize(name),
                    Target::Region {
                        country,
                        regime: *regime as u16,
                    },
                );
            }
        }
        (c, problems)
    }

    fn add_name(&mut self, name: &str, target: Target, problems: &mut Vec<String>) {
        let key = normalize(name);
        if key.is_empty() {
            problems.push(format!("country name '{name}' has no letters"));
            return;
        }
        match self.by_name.get(&key) {
            Some(existing) if *existing != target => {
                if let (Target::Country(a), Target::Country(b)) = (existing, &target) {
                    problems.push(format!(
                        "country name '{name}' names both {} and {}; list it under [ambiguous]",
                        self.codes[*a as usize], self.codes[*b as usize]
                    ));
                }
            }
            Some(_) => {}
            None => self.insert(key, target),
        }
    }

    fn insert(&mut self, key: String, target: Target) {
        self.longest = self.longest.max(key.split(' ').count());
        self.by_name.insert(key, target);
    }

    pub fn is_code(&self, code: &str) -> bool {
        self.by_code.contains_key(code)
    }

    pub fn len(&self) -> usize {
        self.codes.len()
    }

    pub fn is_empty(&self) -> bool {
        self.codes.is_empty()
    }

    /// The English name of a code.
    pub fn name(&self, code: &str) -> Option<&str> {
        self.by_code.get(code).map(|&i| self.names[i as usize].as_str())
    }

    /// Reads a destination as written: a country name in any of the five languages, an ISO code, or a text
    /// naming one country ("Bamako, Mali", "Kyiv (Ukraine)"). A region under its own regime wins over its country.
    pub fn resolve(&self, written: &str) -> Resolved {
        self.resolved.get_or_compute(written, || self.resolve_text(written))
    }

    fn resolve_text(&self, written: &str) -> Resolved {
        let trimmed = written.trim();
        let key = normalize(trimmed);
        if let Some(target) = self.by_name.get(&key) {
            return self.resolved(target);
        }
        if (2..=3).contains(&trimmed.len()) && trimmed.bytes().all(|b| b.is_ascii_alphabetic()) {
            if let Some(&i) = self.by_code.get(&trimmed.to_ascii_uppercase()) {
                return self.resolved(&Target::Country(i));
            }
        }
        // Look for names inside the text, longest first, each word used once.
        let words: Vec<&str> = key.split(' ').filter(|w| !w.is_empty()).collect();
        let mut used = vec![false; words.len()];
        let mut found: Vec<&Target> = Vec::new();
        for n in (1..=self.longest.min(words.len())).rev() {
            for start in 0..=words.len() - n {
                if used[start..start + n].iter().any(|u| *u) {
                    continue;
                }
                if let Some(target) = self.by_name.get(&words[start..start + n].join(" ")) {
                    used[start..start + n].iter_mut().for_each(|u| *u = true);
                    found.push(target);
                }
            }
        }
        let region = found.iter().find_map(|t| match t {
            Target::Region { country, regime } => Some((*country, *regime)),
            _ => None,
        });
        let mut countries: Vec<u16> = Vec::new();
        for target in &found {
            if let Target::Country(i) | Target::Region { country: i, .. } = target {
                if !countries.contains(i) {
                    countries.push(*i)
                }
            }
        }
        // "Congo" beside "Kinshasa", "Tripoli" beside "Libya" (wherever it stands) is settled by the other name;
        // alone it stays ambiguous.
        for target in &found {
            if let Target::Ambiguous(options) = target {
                if !options.iter().any(|o| countries.contains(o)) {
                    return Resolved::Ambiguous(self.codes_of(options));
                }
            }
        }
        match (countries.as_slice(), region) {
            ([], _) => Resolved::Unknown,
            ([one], _) => self.resolved(&match region {
                Some((country, regime)) => Target::Region { country, regime },
                None => Target::Country(*one),
            }),
            (several, _) => Resolved::Ambiguous(self.codes_of(several)),
        }
    }

    fn codes_of(&self, indexes: &[u16]) -> Vec<String> {
        indexes.iter().map(|&i| self.codes[i as usize].clone()).collect()
    }

    fn resolved(&self, target: &Target) -> Resolved {
        match target {
            Target::Country(i) => Resolved::Country {
                code: self.codes[*i as usize].clone(),
                name: self.names[*i as usize].clone(),
                region_regime: None,
            },
            Target::Region { country, regime } => Resolved::Country {
                code: self.codes[*country as usize].clone(),
                name: self.names[*country as usize].clone(),
                region_regime: Some(*regime as usize),
            },
            Target::Ambiguous(options) => Resolved::Ambiguous(self.codes_of(options)),
        }
    }
}
