//! The state machine without a database: every action from every status, and the refusals by role.

use super::history::History;
use super::rules::{refusal, transition};
use super::*;
use crate::db::batches::Batch;
use crate::db::items::Item;

fn at() -> chrono::NaiveDateTime {
    chrono::DateTime::from_timestamp(1_790_000_000, 0)
        .map(|t| t.naive_utc())
        .unwrap_or_default()
}

fn item(decision: &str, status: &str) -> Item {
    let proposal = (status == "proposed").then(|| {
        serde_json::json!({"decision": "clear", "entry": null, "justification": "Airsoft replica for training",
            "by": "rita", "at": at()})
        .to_string()
    });
    Item {
        id: 7,
        batch_id: "b".into(),
        position: 1,
        sheet: None,
        row_number: 2,
        line_ref: None,
        description: "Assault rifle".into(),
        quantity: None,
        unit: None,
        unit_price: None,
        currency: None,
        hs_code: None,
        control_code: None,
        supplier: None,
        origin: None,
        end_user: None,
        destination: None,
        decision: decision.into(),
        classification: "{}".into(),
        review_status: status.into(),
        review_note: None,
        reviewed_by: None,
        reviewed_at: None,
        version: 3,
        review_entry: None,
        proposal,
        question: None,
        rescreen: None,
        ever_prohibited: decision == "prohibited",
        lowered_by: None,
        lowering_confirmed_by: None,
        supersedes: None,
    }
}

fn batch() -> Batch {
    Batch {
        id: "b".into(),
        project_id: "p1".into(),
        file_name: "f.csv".into(),
        sha256: String::new(),
        source: "upload".into(),
        created_by: "olga".into(),
        created_at: at(),
        catalog_version: "1".into(),
        status: "complete".into(),
        item_count: 1,
        problem_count: 0,
        summary: "{}".into(),
        layout: None,
        review_state: "open".into(),
    }
}

fn caller(sub: &str, role: Role) -> Caller {
    Caller {
        actor: Actor::new(sub, role.as_str(), "jwt:HS256"),
        role,
        projects: Some(vec!["p1".into()]),
        request_id: None,
        idempotency_key: None,
    }
}

fn actions() -> Vec<Action> {
    let why = "Checked against the licence".to_string();
    vec![
        Action::Approve {
            justification: why.clone(),
        },
        Action::Reject {
            justification: why.clone(),
        },
        Action::Reclassify {
            decision: Decision::Military,
            entry: None,
            justification: why.clone(),
        },
        Action::Confirm {
            justification: why.clone(),
        },
        Action::Decline {
            justification: why.clone(),
        },
        Action::Ask {
            question: "Which frame rate does it have?".into(),
        },
        Action::Answer {
            answer: "Nine frames per second".into(),
        },
    ]
}

#[test]
fn each_action_applies_to_one_status_only() {
    let rene = caller("rene", Role::Reviewer);
    for status in Status::ALL {
        for action in actions() {
            let outcome = transition(&item("review", status.as_str()), &rene, &action, |_| None, at());
            let allowed = action.required_status() == status;
            match outcome {
                Ok(change) => assert!(allowed, "{action:?} from {status:?} gave {change:?}"),
                Err(ReviewError::InvalidState { .. }) => assert!(!allowed, "{action:?} from {status:?}"),
                Err(e) => panic!("{action:?} from {status:?}: {e}"),
            }
        }
    }
}

#[test]
fn refusals_by_role_four_eyes_and_the_no_weapons_rule() {
    let prohibited = item("prohibited", "pending");
    for role in [Role::Officer, Role::Monitor, Role::Erp] {
        for action in actions().into_iter().filter(|a| !matches!(a, Action::Answer { .. })) {
            assert_eq!(
                refusal(&prohibited, &batch(), &History::default(), &caller("x", role), &action),
                Some(Refusal::Role)
            );
        }
    }
    for role in [Role::Reviewer, Role::Admin] {
        let uploader = caller("olga", role);
        for action in actions().into_iter().filter(|a| !matches!(a, Action::Answer { .. })) {
            assert_eq!(
                refusal(&prohibited, &batch(), &History::default(), &uploader, &action),
                Some(Refusal::FourEyes)
            );
        }
        let other = caller("rene", role);
        let approve = &actions()[0];
        assert_eq!(
            refusal(&prohibited, &batch(), &History::default(), &other, approve),
            Some(Refusal::Prohibited)
        );
        assert_eq!(
            refusal(
                &item("military", "pending"),
                &batch(),
                &History::default(),
                &other,
                approve
            ),
            None
        );
    }
    let answer = &actions()[6];
    assert_eq!(
        refusal(
            &prohibited,
            &batch(),
            &History::default(),
            &caller("rene", Role::Reviewer),
            answer
        ),
        Some(Refusal::NotUploader)
    );
    assert_eq!(
        refusal(
            &prohibited,
            &batch(),
            &History::default(),
            &caller("olga", Role::Officer),
            answer
        ),
        None
    );
    let proposed = item("prohibited", "proposed");
    let confirm = &actions()[3];
    assert_eq!(
        refusal(
            &proposed,
            &batch(),
            &History::default(),
            &caller("rita", Role::Reviewer),
            confirm
        ),
        Some(Refusal::SameReviewer)
    );
    assert_eq!(
        refusal(
            &proposed,
            &batch(),
            &History::default(),
            &caller("rene", Role::Admin),
            confirm
        ),
        None
    );
}

#[test]
fn lowering_a_prohibited_decision_only_proposes() {
    let rita = caller("rita", Role::Reviewer);
    let lower = Action::Reclassify {
        decision: Decision::Clear,
        entry: None,
        justification: "Nail gun for building".into(),
    };
    let change = transition(&item("prohibited", "pending"), &rita, &lower, |_| None, at()).unwrap();
    assert_eq!(
        (change.decision.as_str(), change.review_status.as_str()),
        ("prohibited", "proposed")
    );
    let confirmed = transition(
        &item("prohibited", "proposed"),
        &caller("rene", Role::Reviewer),
        &actions()[3],
        |_| None,
        at(),
    )
    .unwrap();
    assert_eq!(
        (confirmed.decision.as_str(), confirmed.review_status.as_str()),
        ("clear", "pending")
    );
    assert_eq!(confirmed.proposal, None);
    // Raising to prohibited is immediate; an unknown entry and a no-op are refused.
    let raise = Action::Reclassify {
        decision: Decision::Prohibited,
        entry: Some("ML1".into()),
        justification: "A weapon sight in fact".into(),
    };
    let change = transition(
        &item("military", "pending"),
        &rita,
        &raise,
        |c| Some(c.to_uppercase()),
        at(),
    )
    .unwrap();
    assert_eq!(
        (change.decision.as_str(), change.review_entry.as_deref()),
        ("prohibited", Some("ML1"))
    );
    assert!(matches!(
        transition(&item("military", "pending"), &rita, &raise, |_| None, at()),
        Err(ReviewError::Invalid(_))
    ));
    let same = Action::Reclassify {
        decision: Decision::Military,
        entry: None,
        justification: "Still military equipment".into(),
    };
    assert!(matches!(
        transition(&item("military", "pending"), &rita, &same, |_| None, at()),
        Err(ReviewError::Invalid(_))
    ));
}

/// A proposal from an edit, a re-submission or a rescreen: `confirmations` reviewers confirmed so far.
fn held(origin: history::Origin, confirmations: &[&str]) -> Item {
    let mut it = item("prohibited", "proposed");
    let proposal = Proposal {
        decision: Decision::Clear,
        entry: None,
        justification: "edited by olga: screens clear".into(),
        by: "olga".into(),
        at: at(),
        origin,
        confirmations: confirmations
            .iter()
            .map(|by| history::Signoff {
                by: by.to_string(),
                at: at(),
                justification: "Checked".into(),
            })
            .collect(),
    };
    it.proposal = serde_json::to_string(&proposal).ok();
    it
}

#[test]
fn a_proposal_from_an_edit_rescreen_or_resubmission_takes_two_distinct_reviewers() {
    use history::Origin;
    for origin in [Origin::Edit, Origin::Resubmission, Origin::Rescreen] {
        let confirm = &actions()[3];
        let first = transition(
            &held(origin, &[]),
            &caller("rita", Role::Reviewer),
            confirm,
            |_| None,
            at(),
        )
        .unwrap();
        assert_eq!(
            (first.decision.as_str(), first.review_status.as_str()),
            ("prohibited", "proposed")
        );
        assert!(first.lowered_by.is_none());
        let rita_again = refusal(
            &held(origin, &["rita"]),
            &batch(),
            &History::default(),
            &caller("rita", Role::Admin),
            confirm,
        );
        assert_eq!(rita_again, Some(Refusal::SameReviewer), "{origin:?}");
        let second = transition(
            &held(origin, &["rita"]),
            &caller("rene", Role::Reviewer),
            confirm,
            |_| None,
            at(),
        )
        .unwrap();
        assert_eq!(
            (second.decision.as_str(), second.review_status.as_str()),
            ("clear", "pending")
        );
        assert_eq!(
            (second.lowered_by.as_deref(), second.lowering_confirmed_by.as_deref()),
            (Some("rita"), Some("rene"))
        );
    }
    // A reviewer's own reclassification is the first of the two.
    let reclassified = transition(
        &held(history::Origin::Reclassify, &[]),
        &caller("rene", Role::Reviewer),
        &actions()[3],
        |_| None,
        at(),
    )
    .unwrap();
    assert_eq!(
        (
            reclassified.lowered_by.as_deref(),
            reclassified.lowering_confirmed_by.as_deref()
        ),
        (Some("olga"), Some("rene"))
    );
}

fn edited_by(subject: &str) -> History {
    History {
        screenings: vec![crate::db::screenings::Screening {
            id: 1,
            item_id: 7,
            decision: "clear".into(),
            catalog_version: "1".into(),
            evidence: String::new(),
            cause: "edit".into(),
            screened_by: subject.into(),
            screened_at: at(),
            from_item_id: None,
        }],
        uploader: "olga".into(),
    }
}

#[test]
fn whoever_edited_an_item_takes_no_step_on_it_whatever_the_role() {
    let clear = item("clear", "pending");
    for role in [Role::Reviewer, Role::Admin] {
        for action in actions().into_iter().filter(|a| !matches!(a, Action::Answer { .. })) {
            assert_eq!(
                refusal(&clear, &batch(), &edited_by("adam"), &caller("adam", role), &action),
                Some(Refusal::Party),
                "{action:?}"
            );
        }
    }
    let rescreened = History {
        screenings: vec![crate::db::screenings::Screening {
            cause: "rescreen".into(),
            ..edited_by("adam").screenings[0].clone()
        }],
        uploader: "olga".into(),
    };
    assert_eq!(
        refusal(
            &clear,
            &batch(),
            &rescreened,
            &caller("adam", Role::Admin),
            &actions()[0]
        ),
        None,
        "running a rescreen makes nobody a party"
    );
}

#[test]
fn an_item_ever_prohibited_is_approved_only_after_two_distinct_reviewers() {
    let mut lowered = item("clear", "pending");
    lowered.ever_prohibited = true;
    let approve = &actions()[0];
    let rosa = caller("rosa", Role::Reviewer);
    let no = History::default();
    assert_eq!(
        refusal(&lowered, &batch(), &no, &rosa, approve),
        Some(Refusal::TwoReviewers)
    );
    lowered.lowered_by = Some("rita".into());
    lowered.lowering_confirmed_by = Some("rita".into());
    assert_eq!(
        refusal(&lowered, &batch(), &no, &rosa, approve),
        Some(Refusal::TwoReviewers)
    );
    lowered.lowering_confirmed_by = Some("rene".into());
    assert_eq!(refusal(&lowered, &batch(), &no, &rosa, approve), None);
}

#[test]
fn an_audited_snapshot_reads_as_the_map_it_replaced() {
    let mut held = item("prohibited", "proposed");
    held.classification = r#"{"decision":"prohibited","catalog_version":"2026.4","party_lists":["UN 2026-11"],"findings":[{"entry":"ML1"}]}"#.into();
    held.review_entry = Some("ML1.a".into());
    held.lowered_by = Some("rita".into());
    let map = serde_json::json!({
        "screened_with": {"catalog_version": "2026.4", "party_lists": ["UN 2026-11"]},
        "decision": held.decision,
        "review_status": held.review_status,
        "entry": held.review_entry,
        "version": held.version,
        "proposal": serde_json::from_str::<serde_json::Value>(held.proposal.as_deref().unwrap_or("null")).unwrap(),
        "question": null,
        "ever_prohibited": held.ever_prohibited,
        "lowered_by": held.lowered_by,
        "lowering_confirmed_by": null,
    });
    let text = |s: &decide::Snapshot| serde_json::to_string(s).unwrap();
    assert_eq!(text(&decide::snapshot(&held)), map.to_string());
    let mut with_data = decide::snapshot(&held);
    with_data.data = Some(serde_json::json!({"description": "Assault rifle"}));
    let mut map_with_data = map.clone();
    map_with_data["data"] = serde_json::json!({"description": "Assault rifle"});
    assert_eq!(text(&with_data), map_with_data.to_string());
}
