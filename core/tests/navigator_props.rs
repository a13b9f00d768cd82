//! Property tests of the navigator over randomly generated valid guides (branches, deliberate
//! loops, several ends): every reachable state is on a real step, `back` undoes exactly,
//! sessions survive JSON, the acute exit works from everywhere, and resume is safe.

use proptest::prelude::*;
use veiviser_core::guide::navigator::{Move, ResumeOutcome, Session, StepViewKind};
use veiviser_core::guide::{Guide, StepKind};
use veiviser_core::{Lang, Sector};
use veiviser_testkit::synthetic::generate_guide;

/// One random user action, decoded against the current step so it is always a valid one.
#[derive(Debug, Clone, Copy)]
enum Op {
    Choose(usize),
    Back,
    Acute,
    Restart,
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        12 => any::<usize>().prop_map(Op::Choose),
        3 => Just(Op::Back),
        2 => Just(Op::Acute),
        1 => Just(Op::Restart),
    ]
}

fn guide_and_ops() -> impl Strategy<Value = (Guide, Vec<Op>)> {
    (
        any::<u64>(),
        8usize..160,
        prop::collection::vec(op(), 0..80),
    )
        .prop_map(|(seed, size, ops)| (generate_guide(seed, size), ops))
}

/// Applies `op`, which is always valid for the current state; returns whether it was a move
/// that `back` can undo.
fn apply(g: &Guide, s: &mut Session, op: Op) -> bool {
    let step = g.step(s.current_step_id()).expect("on a real step");
    match op {
        Op::Choose(k) => match &step.kind {
            StepKind::Question { options } => {
                let id = options[k % options.len()].id.clone();
                s.answer(g, &id).expect("valid option");
                true
            }
            StepKind::Action { .. } => {
                s.next(g).expect("action continues");
                true
            }
            StepKind::End => false,
        },
        Op::Back => {
            if s.can_go_back() {
                s.back().expect("history");
            }
            false
        }
        Op::Acute => {
            let moved = s.current_step_id() != g.acute_step;
            s.acute_exit(g).expect("acute exit");
            moved
        }
        Op::Restart => {
            s.restart(g).expect("restart");
            false
        }
    }
}

fn assert_consistent(g: &Guide, s: &Session) {
    assert!(g.step(s.current_step_id()).is_some(), "current step exists");
    let path = s.path();
    assert_eq!(path.len(), s.history().len() + 1);
    assert_eq!(path.last().map(String::as_str), Some(s.current_step_id()));
    assert_eq!(path[0], g.start, "every path begins at the start step");
    for (k, mv) in s.history().iter().enumerate() {
        let from = g.step(mv.from()).expect("history step exists");
        let to = &path[k + 1];
        match mv {
            Move::Answer { option, .. } | Move::Sector { option, .. } => match &from.kind {
                StepKind::Question { options } => {
                    let o = options.iter().find(|o| &o.id == option).expect("option");
                    assert_eq!(&o.next, to);
                }
                other => panic!("answer on {other:?}"),
            },
            Move::Next { .. } => {
                assert_eq!(&StepKind::Action { next: to.clone() }, &from.kind);
            }
            Move::Acute { .. } => assert_eq!(to, &g.acute_step),
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    #[test]
    fn any_sequence_of_valid_moves_stays_on_a_valid_step((g, ops) in guide_and_ops()) {
        let mut s = Session::start(&g).unwrap();
        assert_consistent(&g, &s);
        for op in ops {
            apply(&g, &mut s, op);
            assert_consistent(&g, &s);
            let v = s.view(&g, Lang::En, Some(Sector::Barnehage)).unwrap();
            prop_assert_eq!(&v.id, s.current_step_id());
            prop_assert!(!v.text.is_empty());
            if v.kind == StepViewKind::Question {
                prop_assert!(!v.options.is_empty());
            }
            if v.urgent {
                prop_assert!(!v.contacts.is_empty());
            }
            prop_assert_eq!(s.summary(&g, Lang::Nb, None).unwrap().len(), s.path().len());
        }
    }

    #[test]
    fn back_after_a_move_restores_the_exact_previous_state((g, ops) in guide_and_ops()) {
        let mut s = Session::start(&g).unwrap();
        for op in ops {
            let before = s.clone();
            if apply(&g, &mut s, op) {
                let after = s.clone();
                s.back().unwrap();
                prop_assert_eq!(&s, &before);
                s = after;
            }
        }
    }

    #[test]
    fn sessions_survive_json_losslessly((g, ops) in guide_and_ops()) {
        let mut s = Session::start(&g).unwrap();
        for op in ops {
            apply(&g, &mut s, op);
            let json = serde_json::to_string(&s).unwrap();
            let restored: Session = serde_json::from_str(&json).unwrap();
            prop_assert_eq!(&restored, &s);
            prop_assert_eq!(
                restored.view(&g, Lang::Nb, None).unwrap(),
                s.view(&g, Lang::Nb, None).unwrap()
            );
            let (resumed, outcome) = Session::resume(&g, restored).unwrap();
            prop_assert_eq!(outcome, ResumeOutcome::Exact);
            prop_assert_eq!(&resumed, &s);
        }
    }

    #[test]
    fn the_acute_exit_lands_on_the_acute_step_from_every_state((g, ops) in guide_and_ops()) {
        let mut s = Session::start(&g).unwrap();
        for op in ops {
            apply(&g, &mut s, op);
            let mut t = s.clone();
            t.acute_exit(&g).unwrap();
            prop_assert_eq!(t.current_step_id(), g.acute_step.as_str());
            let v = t.view(&g, Lang::Nb, None).unwrap();
            prop_assert!(v.urgent && v.is_acute_step && !v.contacts.is_empty());
            if s.current_step_id() != g.acute_step {
                t.back().unwrap();
                prop_assert_eq!(&t, &s);
            } else {
                prop_assert_eq!(&t, &s);
            }
        }
    }

    #[test]
    fn resume_on_a_new_revision_replays_or_restarts_but_never_lands_nowhere(
        (g, ops) in guide_and_ops(),
        drop_pick in any::<usize>(),
    ) {
        let mut s = Session::start(&g).unwrap();
        for op in ops {
            apply(&g, &mut s, op);
        }
        // Unchanged content, new revision: the same walk, replayed.
        let mut g2 = g.clone();
        g2.revision += 1;
        let (r, outcome) = Session::resume(&g2, s.clone()).unwrap();
        prop_assert_eq!(outcome, ResumeOutcome::Replayed { from_revision: 1, to_revision: 2 });
        prop_assert_eq!(r.path(), s.path());
        prop_assert_eq!(r.history(), s.history());

        // A step removed (and every edge to it re-pointed at the start): the session either
        // replays on a path that avoids it or restarts; it is never on the removed step.
        let removable: Vec<String> = g
            .steps
            .iter()
            .map(|st| st.id.clone())
            .filter(|id| id != &g.start && id != &g.acute_step)
            .collect();
        let gone = removable[drop_pick % removable.len()].clone();
        let mut g3 = g.clone();
        g3.revision = 3;
        g3.steps.retain(|st| st.id != gone);
        for st in &mut g3.steps {
            match &mut st.kind {
                StepKind::Question { options } => {
                    for o in options.iter_mut().filter(|o| o.next == gone) {
                        o.next = g.start.clone();
                    }
                }
                StepKind::Action { next } if *next == gone => *next = g.start.clone(),
                _ => {}
            }
        }
        let (r, outcome) = Session::resume(&g3, s.clone()).unwrap();
        prop_assert!(g3.step(r.current_step_id()).is_some());
        prop_assert!(!r.path().contains(&gone));
        // Moves made *on* the removed step cannot be replayed; a last move that led *to* it
        // now leads to the start, which is where the session lands.
        let left_from_gone = s.history().iter().any(|m| m.from() == gone);
        match outcome {
            ResumeOutcome::Restarted { reason, .. } => {
                prop_assert!(left_from_gone, "restarted although no move was made on `{}`: {}", gone, reason);
                prop_assert!(reason.contains(&format!("`{gone}`")), "{}", reason);
                prop_assert_eq!(r, Session::start(&g3).unwrap());
            }
            ResumeOutcome::Replayed { .. } => {
                prop_assert!(!left_from_gone);
                prop_assert_eq!(r.history(), s.history());
                if s.current_step_id() == gone {
                    prop_assert_eq!(r.current_step_id(), g.start.as_str());
                } else {
                    prop_assert_eq!(r.current_step_id(), s.current_step_id());
                }
            }
            ResumeOutcome::Exact => prop_assert!(false, "revision changed, cannot be exact"),
        }
    }
}
