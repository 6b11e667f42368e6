//! A text's screening: the evidence of its words and of the codes written in it (remembered for a text that comes
//! again and points at nothing), then the line's own HS and declared codes, and the decision per catalogue entry.

use super::model::{Finding, Ignored};
use super::{codes, decide, text_hits, Classifier};
use crate::memo;
use crate::text::Normalized;
use std::cell::RefCell;
use std::sync::Arc;

thread_local! {
    /// The normalised text of the line being screened is built here, so that its buffers are reused.
    static SCRATCH: RefCell<Normalized> = RefCell::default();
}

impl Classifier {
    /// The findings of one text (with the line's codes when it is the description).
    pub(super) fn screen_text(
        &self,
        text: &str,
        hs_code: Option<&str>,
        control_code: Option<&str>,
        findings: &mut Vec<Finding>,
        ignored: &mut Vec<Ignored>,
    ) {
        let mut normalized = SCRATCH
            .with(|s| s.try_borrow_mut().map(|mut n| std::mem::take(&mut *n)))
            .unwrap_or_default();
        let mut collected = decide::Collected::default();
        // Sheets repeat their lines (one item in many lots, sites or sheets), and screening a description's words
        // is most of what classifying a line costs. A text whose words point at no catalogue entry (most lines) is
        // remembered from its second sighting with what it cancelled; the line's own codes are screened every time.
        // A text with evidence is screened anew each time, so that what is kept stays small.
        match self.texts.lookup(text) {
            memo::Lookup::Known(known) => {
                findings.extend(known.0.iter().cloned());
                ignored.extend(known.1.iter().cloned());
                self.collect_codes(hs_code, control_code, &mut collected, findings);
                if !collected.is_empty() {
                    normalized.reset(text);
                }
            }
            lookup => {
                let (mut own_findings, mut own_ignored) = (Vec::new(), Vec::new());
                text_hits::collect(self, text, &mut normalized, &mut collected, &mut own_ignored);
                codes::collect_in_text(self, text, &mut collected, &mut own_findings);
                codes::collect_hs_in_text(self, text, &mut collected);
                if matches!(lookup, memo::Lookup::Repeated) && collected.is_empty() {
                    self.texts
                        .remember(text, Arc::new((own_findings.clone(), own_ignored.clone())));
                }
                findings.append(&mut own_findings);
                ignored.append(&mut own_ignored);
                self.collect_codes(hs_code, control_code, &mut collected, findings);
            }
        }
        decide::decide(self, collected, &normalized, text, findings);
        SCRATCH.with(|s| s.try_borrow_mut().map(|mut n| *n = normalized)).ok();
    }

    /// The evidence of the line's HS and declared codes.
    fn collect_codes(
        &self,
        hs_code: Option<&str>,
        control_code: Option<&str>,
        collected: &mut decide::Collected,
        findings: &mut Vec<Finding>,
    ) {
        if let Some(hs) = hs_code {
            codes::collect_hs(self, hs, collected, findings);
        }
        if let Some(declared) = control_code {
            codes::collect_declared(self, declared, collected, findings);
        }
    }
}
