//! The monitoring forms' fields: read from a posted form with reasons collected per field, and drawn again with
//! what was typed and the reason next to each field when the form is refused (never a cleared form).

use crate::api::error::ApiError;
use crate::i18n::Lang;
use crate::service::monitoring::MonitoringError;
use actix_web::http::StatusCode;
use chrono::NaiveDate;
use maud::{html, Markup};

/// A posted form's fields, and the reasons found while reading them.
pub struct Fields {
    pairs: Vec<(String, String)>,
    pub errors: Vec<(String, String)>,
    lang: Lang,
}

impl Fields {
    pub fn new(pairs: Vec<(String, String)>, lang: Lang) -> Fields {
        Fields {
            pairs,
            errors: Vec::new(),
            lang,
        }
    }

    /// The field's value, trimmed; None when absent or blank.
    pub fn get(&self, name: &str) -> Option<String> {
        self.pairs
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.trim().to_string())
            .filter(|v| !v.is_empty())
    }

    /// Every value of a repeated field (check boxes), trimmed, blanks left out.
    pub fn all(&self, name: &str) -> Vec<String> {
        self.pairs
            .iter()
            .filter(|(k, _)| k == name)
            .map(|(_, v)| v.trim().to_string())
            .filter(|v| !v.is_empty())
            .collect()
    }

    pub fn lang(&self) -> Lang {
        self.lang
    }

    pub fn csrf(&self) -> String {
        self.get("csrf").unwrap_or_default()
    }

    pub fn fail(&mut self, name: &str, message: impl Into<String>) {
        self.errors.push((name.to_string(), message.into()));
    }

    /// A required text.
    pub fn text(&mut self, name: &str) -> String {
        let value = self.get(name);
        if value.is_none() {
            let message = self.lang.tr("mon-error-required");
            self.fail(name, message);
        }
        value.unwrap_or_default()
    }

    /// An optional date (YYYY-MM-DD, as date inputs send it).
    pub fn opt_date(&mut self, name: &str) -> Option<NaiveDate> {
        let value = self.get(name)?;
        let date = NaiveDate::parse_from_str(&value, "%Y-%m-%d").ok();
        if date.is_none() {
            let message = self.lang.tr("mon-error-date");
            self.fail(name, message);
        }
        date
    }

    /// A required date.
    pub fn date(&mut self, name: &str) -> Option<NaiveDate> {
        if self.get(name).is_none() {
            let message = self.lang.tr("mon-error-required");
            self.fail(name, message);
            return None;
        }
        self.opt_date(name)
    }

    /// A required whole number of at least 1.
    pub fn count(&mut self, name: &str) -> Option<i64> {
        let value = self.text(name);
        let number = value.parse::<i64>().ok().filter(|n| *n >= 1);
        if number.is_none() && !value.is_empty() {
            let message = self.lang.tr("mon-error-count");
            self.fail(name, message);
        }
        number
    }

    pub fn ok(&self) -> bool {
        self.errors.is_empty()
    }
}

/// A form refused, to draw again: what was typed, the reasons by field, reasons about the whole form.
#[derive(Debug, Clone)]
pub struct Filled {
    pub form: &'static str,
    /// The record the form was about (an obligation, an incident, a consent request), when the page has several.
    pub target: Option<String>,
    pub values: Vec<(String, String)>,
    pub errors: Vec<(String, String)>,
    pub general: Vec<String>,
    pub status: StatusCode,
}

impl Filled {
    /// The form with the reasons its fields were refused for (422).
    pub fn invalid(form: &'static str, fields: &Fields) -> Filled {
        Filled {
            form,
            target: fields.get("target"),
            values: fields.pairs.iter().filter(|(k, _)| k != "csrf").cloned().collect(),
            errors: fields.errors.clone(),
            general: Vec::new(),
            status: StatusCode::UNPROCESSABLE_ENTITY,
        }
    }

    /// The form with the service's reason; storage failures stay errors.
    pub fn refused(form: &'static str, fields: &Fields, lang: Lang, e: MonitoringError) -> Result<Filled, ApiError> {
        let mut filled = Filled::invalid(form, fields);
        match e {
            MonitoringError::Invalid(errors) => filled.errors.extend(errors),
            MonitoringError::Refused(refusal) => {
                filled.status = StatusCode::CONFLICT;
                filled.general.push(crate::web::messages::refusal_with_detail(
                    lang,
                    refusal.code,
                    &refusal.detail,
                ));
            }
            MonitoringError::NotFound(what) => {
                filled.status = StatusCode::NOT_FOUND;
                filled
                    .general
                    .push(lang.tr_args("mon-error-not-found", &[("what", what.into())]));
            }
            MonitoringError::Duplicate(field, message) => {
                filled.status = StatusCode::CONFLICT;
                filled.errors.push((field, message));
            }
            MonitoringError::Import(e) => filled.general.push(crate::web::messages::import_error_text(lang, &e)),
            e @ MonitoringError::Db(_) => return Err(ApiError::from(e)),
        }
        Ok(filled)
    }
}

/// Draws a form's fields, filled again when it is the one refused.
pub struct FormView<'a> {
    pub form: &'static str,
    /// Prefix of the fields' ids: the form's name, and the record's id when the page repeats the form.
    key: String,
    filled: Option<&'a Filled>,
    lang: Lang,
    /// Fields drawn with their own reason; other reasons go to the summary above the form.
    names: &'a [&'a str],
}

impl<'a> FormView<'a> {
    pub fn new(lang: Lang, form: &'static str, filled: Option<&'a Filled>, names: &'a [&'a str]) -> FormView<'a> {
        FormView {
            form,
            key: form.to_string(),
            filled: filled.filter(|f| f.form == form),
            lang,
            names,
        }
    }

    /// The same form for one record of several on the page (each obligation's waiver, each incident's report).
    pub fn for_target(mut self, target: &str) -> FormView<'a> {
        self.filled = self.filled.filter(|f| f.target.as_deref() == Some(target));
        self.key = format!("{}-{target}", self.form);
        self
    }

    /// Whether this form was refused (its `<details>` opens).
    pub fn refused(&self) -> bool {
        self.filled.is_some()
    }

    pub fn id(&self, name: &str) -> String {
        format!("{}-{name}", self.key)
    }

    pub fn value(&self, name: &str, default: &str) -> String {
        match self.filled {
            Some(f) => f
                .values
                .iter()
                .find(|(k, _)| k == name)
                .map(|(_, v)| v.clone())
                .unwrap_or_default(),
            None => default.to_string(),
        }
    }

    pub fn checked(&self, name: &str, value: &str) -> bool {
        self.filled
            .is_some_and(|f| f.values.iter().any(|(k, v)| k == name && v == value))
    }

    fn errors(&self, name: &str) -> Vec<&'a str> {
        self.filled
            .map(|f| {
                f.errors
                    .iter()
                    .filter(|(k, _)| k == name)
                    .map(|(_, m)| m.as_str())
                    .collect()
            })
            .unwrap_or_default()
    }

    /// The reasons about the whole form, and those of fields it does not draw (a file's rows, a list of serials).
    pub fn summary(&self) -> Markup {
        let Some(f) = self.filled else { return html! {} };
        let others: Vec<String> = f
            .errors
            .iter()
            .filter(|(k, _)| !self.names.contains(&k.as_str()))
            .map(|(k, m)| format!("{k}: {m}"))
            .collect();
        html! {
            div.error-detail role="alert" {
                p { strong { (self.lang.tr("mon-not-saved")) } }
                @if !f.general.is_empty() || !others.is_empty() {
                    ul { @for m in f.general.iter().chain(&others) { li { (m) } } }
                }
            }
        }
    }

    fn reason(&self, name: &str) -> Markup {
        let errors = self.errors(name);
        html! {
            @if !errors.is_empty() {
                p.error-detail id={ (self.id(name)) "-error" } { @for e in &errors { (e) " " } }
            }
        }
    }

    fn described(&self, name: &str) -> Option<String> {
        (!self.errors(name).is_empty()).then(|| format!("{}-error", self.id(name)))
    }

    /// A text, number or date input with its label and reason. `max` bounds dates and numbers.
    pub fn input(
        &self,
        name: &str,
        label: &str,
        kind: &str,
        required: bool,
        default: &str,
        max: Option<&str>,
    ) -> Markup {
        let invalid = self.described(name);
        html! {
            label for=(self.id(name)) { (self.lang.tr(label)) }
            input id=(self.id(name)) type=(kind) name=(name) value=(self.value(name, default)) required[required]
                max=[max] maxlength=[(kind == "text").then_some("300")]
                aria-invalid=[invalid.is_some().then_some("true")] aria-describedby=[invalid];
            (self.reason(name))
        }
    }

    pub fn textarea(&self, name: &str, label: &str, required: bool, rows: u32) -> Markup {
        let invalid = self.described(name);
        html! {
            label for=(self.id(name)) { (self.lang.tr(label)) }
            textarea id=(self.id(name)) name=(name) rows=(rows) required[required] maxlength="8000"
                aria-invalid=[invalid.is_some().then_some("true")] aria-describedby=[invalid] { (self.value(name, "")) }
            (self.reason(name))
        }
    }

    /// A drop-down of (value, words); `default` preselected unless the form came back.
    pub fn select(&self, name: &str, label: &str, options: &[(String, String)], default: &str) -> Markup {
        let chosen = self.value(name, default);
        let invalid = self.described(name);
        html! {
            label for=(self.id(name)) { (self.lang.tr(label)) }
            // A drop-down with an empty choice ("none", "choose…") is optional; the others are required.
            select id=(self.id(name)) name=(name) required[!options.iter().any(|(v, _)| v.is_empty())]
                aria-invalid=[invalid.is_some().then_some("true")] aria-describedby=[invalid] {
                @for (value, words) in options { option value=(value) selected[*value == chosen] { (words) } }
            }
            (self.reason(name))
        }
    }
}
