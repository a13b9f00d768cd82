//! Mutants: a valid guide broken in exactly one way, each caught by a different validation rule.

use super::generate::LOOP_ID;
use super::rng::Rng;
use veiviser_core::guide::{AnswerOption, Guide, Step, StepKind};
use veiviser_core::LocalizedText;

/// One way to break a valid guide, each caught by a different validation rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum MutantKind {
    /// An option's `next` names a step that does not exist.
    DanglingNext,
    /// A step that no path from the start reaches.
    OrphanStep,
    /// Two steps share an id.
    DuplicateId,
    /// A cycle in which no step is marked `loop_back`.
    CycleWithoutLoopBack,
    /// A step without bokmål text.
    MissingNb,
    /// A question with no options.
    EmptyOptions,
    /// An urgent step that names no contact.
    UrgentWithoutContact,
}

impl MutantKind {
    /// Every kind of mutant.
    pub const ALL: [MutantKind; 7] = [
        MutantKind::DanglingNext,
        MutantKind::OrphanStep,
        MutantKind::DuplicateId,
        MutantKind::CycleWithoutLoopBack,
        MutantKind::MissingNb,
        MutantKind::EmptyOptions,
        MutantKind::UrgentWithoutContact,
    ];
}

/// A broken guide, and where the validator should report the break.
#[derive(Debug, Clone)]
pub struct Mutant {
    /// What was broken.
    pub kind: MutantKind,
    /// The broken guide.
    pub guide: Guide,
    /// The step id the error must name.
    pub step: String,
    /// The field the error must name (e.g. `options[2].next`).
    pub field: String,
}

/// Breaks `guide` (a valid, generated guide) in the way `kind` says, choosing where from `seed`.
pub fn mutate(guide: &Guide, kind: MutantKind, seed: u64) -> Mutant {
    let mut rng = Rng::new(seed ^ 0x0005_EED0_FBAD_C0DE);
    let mut g = guide.clone();
    let pick = |rng: &mut Rng, g: &Guide, pred: &dyn Fn(&Step) -> bool| -> usize {
        let idx: Vec<usize> = (0..g.steps.len()).filter(|&i| pred(&g.steps[i])).collect();
        assert!(!idx.is_empty(), "no step fits mutant {kind:?}");
        idx[rng.below(idx.len())]
    };
    let is_question = |s: &Step| matches!(s.kind, StepKind::Question { .. });
    let (step, field) = match kind {
        MutantKind::DanglingNext => {
            let i = pick(&mut rng, &g, &is_question);
            let StepKind::Question { options } = &mut g.steps[i].kind else {
                unreachable!()
            };
            options.push(AnswerOption {
                id: "til-ingensteds".into(),
                label: LocalizedText::nb("Til et steg som ikke finnes"),
                next: "finnes-ikke".into(),
            });
            let field = format!("options[{}].next", options.len() - 1);
            (g.steps[i].id.clone(), field)
        }
        MutantKind::OrphanStep => {
            g.steps.push(Step {
                id: "foreldrelos".into(),
                title: None,
                text: LocalizedText::nb("Ingen steg leder hit."),
                kind: StepKind::End,
                urgent: false,
                loop_back: false,
                checklist: Vec::new(),
                contacts: Vec::new(),
                legal: Vec::new(),
                links: Vec::new(),
                branch_on: None,
            });
            ("foreldrelos".to_owned(), "id".to_owned())
        }
        MutantKind::DuplicateId => {
            let i = pick(&mut rng, &g, &|s| matches!(s.kind, StepKind::End));
            let copy = g.steps[i].clone();
            g.steps.push(copy);
            (g.steps[i].id.clone(), "id".to_owned())
        }
        MutantKind::CycleWithoutLoopBack => {
            // The guaranteed loop: entered only from its question, so a depth-first cycle check
            // always reports the closing edge on this step's `next`.
            let i = pick(&mut rng, &g, &|s| s.id == LOOP_ID);
            g.steps[i].loop_back = false;
            (g.steps[i].id.clone(), "next".to_owned())
        }
        MutantKind::MissingNb => {
            let i = rng.below(g.steps.len());
            g.steps[i].text.nb = String::new();
            g.steps[i].text.en = Some("Only English here.".into());
            (g.steps[i].id.clone(), "text.nb".to_owned())
        }
        MutantKind::EmptyOptions => {
            let i = pick(&mut rng, &g, &is_question);
            g.steps[i].kind = StepKind::Question {
                options: Vec::new(),
            };
            (g.steps[i].id.clone(), "options".to_owned())
        }
        MutantKind::UrgentWithoutContact => {
            let acute = g.acute_step.clone();
            let i = pick(&mut rng, &g, &|s| !s.urgent && s.id != acute);
            g.steps[i].urgent = true;
            g.steps[i].contacts.clear();
            (g.steps[i].id.clone(), "contacts".to_owned())
        }
    };
    Mutant {
        kind,
        guide: g,
        step,
        field,
    }
}
