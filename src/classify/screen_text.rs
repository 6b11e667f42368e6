//! A text's screening: the evidence of its words and of the codes written in it, remembered for a text that
//! comes again, then the line's own HS and declared codes and the decision per catalogue entry.

use super::model::{Finding, Ignored};
use super::{codes, decide, text_hits, Classifier};
use crate::memo;
use crate::text::Normalized;
use std::cell::RefCell;
use std::sync::Arc;

thread_local! {
    /// The normalised text of a line seen once is built here, so that its buffers are reused.
    static SCRATCH: RefCell<Normalized> = RefCell::default();
}

/// What a text's words and the control codes written in it give, before a line's HS and declared codes join
/// them: it depends on the text alone, so every line that repeats the text shares it.
pub(super) struct TextEvidence {
    normalized: Normalized,
    collected: decide::Collected,
    findings: Vec<Finding>,
    ignored: Vec<Ignored>,
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
        // Sheets repeat their lines (one item in many lots, sites or sheets), and a text's evidence is most of what
        // classifying a line costs: it is remembered from a text's second sighting. The line's own codes and the
        // decision are worked out every time.
        let remembered = match self.texts.lookup(text) {
            memo::Lookup::Known(evidence) => evidence,
            memo::Lookup::Repeated => {
                let evidence = Arc::new(self.text_evidence(text, Normalized::default()));
                self.texts.remember(text, evidence.clone());
                evidence
            }
            memo::Lookup::New => {
                // Seen once: screened in the thread's scratch buffer, and nothing is kept or copied.
                let scratch = SCRATCH.with(|s| s.try_borrow_mut().map(|mut n| std::mem::take(&mut *n)));
                let evidence = self.text_evidence(text, scratch.unwrap_or_default());
                findings.extend(evidence.findings);
                ignored.extend(evidence.ignored);
                self.decide_line(
                    evidence.collected,
                    &evidence.normalized,
                    text,
                    hs_code,
                    control_code,
                    findings,
                );
                SCRATCH
                    .with(|s| s.try_borrow_mut().map(|mut n| *n = evidence.normalized))
                    .ok();
                return;
            }
        };
        findings.extend(remembered.findings.iter().cloned());
        ignored.extend(remembered.ignored.iter().cloned());
        let collected = remembered.collected.clone();
        self.decide_line(collected, &remembered.normalized, text, hs_code, control_code, findings);
    }

    /// The evidence of a text's words and of the control codes written in it (`normalized`: a buffer to reuse).
    fn text_evidence(&self, text: &str, mut normalized: Normalized) -> TextEvidence {
        let (mut collected, mut findings, mut ignored) = Default::default();
        text_hits::collect(self, text, &mut normalized, &mut collected, &mut ignored);
        codes::collect_in_text(self, text, &mut collected, &mut findings);
        TextEvidence {
            normalized,
            collected,
            findings,
            ignored,
        }
    }

    /// Adds the line's HS and declared codes to its text's evidence and decides each entry.
    fn decide_line(
        &self,
        mut collected: decide::Collected,
        normalized: &Normalized,
        text: &str,
        hs_code: Option<&str>,
        control_code: Option<&str>,
        findings: &mut Vec<Finding>,
    ) {
        if let Some(hs) = hs_code {
            codes::collect_hs(self, hs, &mut collected);
        }
        if let Some(declared) = control_code {
            codes::collect_declared(self, declared, &mut collected, findings);
        }
        decide::decide(self, collected, normalized, text, findings);
    }
}
