//! Test and benchmark support: a deterministic generator of random *valid* guides, and of
//! *mutants* that break exactly one validation rule.
//!
//! Test-only: it lives in the dev-only `veiviser-testkit` crate, never in the library the
//! apps ship. Everything is derived from a seed with a small SplitMix64 generator, so a
//! failing property test can be replayed exactly and the generator needs no extra dependency.
//!
//! A generated guide has the shape of a real one: the first step asks whether the child is in
//! acute danger (one option leads to the urgent acute step, which names contacts), the rest is
//! a branching graph with several end steps, merges, a few urgent steps, sector-specific legal
//! references, and at least one deliberate loop (an action step marked `loop_back` whose
//! `next` returns to an earlier question). All text is marked as example data.

use chrono::NaiveDate;
use std::collections::{HashMap, HashSet, VecDeque};
use veiviser_core::guide::{AnswerOption, Guide, Review, Step, StepKind, SCHEMA_VERSION};
use veiviser_core::{ContactRole, LegalRef, LocalizedText, Sector};

/// The smallest size [`generate_guide`] accepts; smaller sizes are raised to it.
pub const MIN_SIZE: usize = 8;

/// Maximum number of tree children a step gets (more only when nothing else fits).
const MAX_CHILDREN: usize = 4;

/// How far back a step's parent may be: keeps paths long, like a real guide.
const PARENT_WINDOW: usize = 6;

/// SplitMix64: tiny, fast, and good enough to drive test data.
#[derive(Debug, Clone)]
pub struct Rng(u64);

impl Rng {
    /// A generator seeded with `seed`.
    pub fn new(seed: u64) -> Self {
        Rng(seed)
    }

    /// The next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..n` (`n` > 0).
    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n as u64) as usize
    }

    /// A number in `lo..hi` (`lo` < `hi`).
    pub fn range(&mut self, lo: usize, hi: usize) -> usize {
        lo + self.below(hi - lo)
    }

    /// True with probability `percent`/100.
    pub fn chance(&mut self, percent: u64) -> bool {
        self.next_u64() % 100 < percent
    }
}

/// Id of the generated start question.
pub const START_ID: &str = "start";

/// Id of the generated acute step.
pub const ACUTE_ID: &str = "akutt-fare";

/// Option id on the start question that leads to the acute step.
pub const ACUTE_OPTION: &str = "ja-akutt";

/// Id of the guaranteed loop-back step (its only way in is from one question, its `next` returns there).
pub const LOOP_ID: &str = "vurder-igjen";

fn step_id(i: usize) -> String {
    match i {
        0 => START_ID.to_owned(),
        1 => ACUTE_ID.to_owned(),
        _ => format!("steg-{i}"),
    }
}

const PHRASES: [&str; 6] = [
    "Noter det du har sett og hørt, med dato",
    "Snakk med en kollega eller leder",
    "Vurder om bekymringen er konkret",
    "Ta kontakt med barneverntjenesten",
    "Følg med over tid",
    "Spør åpent og lytt",
];

fn example_text(rng: &mut Rng, with_translations: bool) -> LocalizedText {
    let phrase = PHRASES[rng.below(PHRASES.len())];
    LocalizedText {
        nb: format!("{phrase} (eksempeldata, syntetisk veileder)."),
        nn: (with_translations && rng.chance(50))
            .then(|| format!("{phrase} (eksempeldata, nynorsk).")),
        en: (with_translations && rng.chance(60))
            .then(|| "Example data: a synthetic guide step.".to_owned()),
    }
}

fn legal_refs() -> Vec<LegalRef> {
    vec![
        LegalRef {
            id: "bvl-13-2".into(),
            law: "barnevernsloven".into(),
            section: Some("§ 13-2".into()),
            title: LocalizedText::nb("Opplysningsplikt til barneverntjenesten"),
            url: "https://lovdata.no/lov/2021-06-18-97/§13-2".into(),
            sectors: Vec::new(),
        },
        LegalRef {
            id: "bhl-46".into(),
            law: "barnehageloven".into(),
            section: Some("§ 46".into()),
            title: LocalizedText::nb("Opplysningsplikt for barnehagepersonalet"),
            url: "https://lovdata.no/lov/2005-06-17-64/§46".into(),
            sectors: vec![Sector::Barnehage],
        },
        LegalRef {
            id: "hpl-33".into(),
            law: "helsepersonelloven".into(),
            section: Some("§ 33".into()),
            title: LocalizedText::nb("Opplysningsplikt for helsepersonell"),
            url: "https://lovdata.no/lov/1999-07-02-64/§33".into(),
            sectors: vec![Sector::Helsestasjon, Sector::Tannhelse, Sector::Fastlege],
        },
    ]
}

/// A random valid guide with about `size` steps (at least [`MIN_SIZE`]), fully determined by `seed`.
pub fn generate_guide(seed: u64, size: usize) -> Guide {
    let mut rng = Rng::new(seed);
    // One step is reserved for the guaranteed loop, appended at the end.
    let n = size.max(MIN_SIZE) - 1;
    let ends = (n / 15).max(2);
    let first_end = n - ends;

    // 1. A spanning tree over 0..n: every step except the first gets one earlier parent, so
    //    every step is reachable. Ends and the acute step are never parents.
    let mut children: Vec<Vec<usize>> = vec![Vec::new(); n];
    let mut parent = vec![usize::MAX; n];
    for (j, parent_of_j) in parent.iter_mut().enumerate().skip(2) {
        let hi = j.min(first_end);
        let lo = hi.saturating_sub(PARENT_WINDOW);
        let candidates: Vec<usize> = (lo..hi).filter(|&i| i != 1).collect();
        let mut p = candidates[rng.below(candidates.len())];
        for _ in 0..8 {
            if children[p].len() < MAX_CHILDREN {
                break;
            }
            p = candidates[rng.below(candidates.len())];
        }
        children[p].push(j);
        *parent_of_j = p;
    }
    parent[1] = 0;

    // 2. Kinds and edges. All edges point forward (to a higher index), so the graph is acyclic
    //    and every non-end step reaches an end.
    let forward = |rng: &mut Rng, i: usize, avoid: &[usize]| -> usize {
        for _ in 0..16 {
            let j = rng.range((i + 1).max(2), n);
            if !avoid.contains(&j) {
                return j;
            }
        }
        rng.range((i + 1).max(2), n)
    };
    let mut targets: Vec<Vec<usize>> = vec![Vec::new(); n];
    let mut is_question = vec![false; n];
    for i in 0..first_end {
        let mut t = children[i].clone();
        if i == 0 {
            t.insert(0, 1);
            is_question[i] = true;
        } else if i == 1 {
            t = vec![forward(&mut rng, 1, &[])];
        } else if t.len() >= 2 {
            is_question[i] = true;
            if rng.chance(20) {
                let extra = forward(&mut rng, i, &t);
                if !t.contains(&extra) {
                    t.push(extra);
                }
            }
        } else if t.len() == 1 {
            if rng.chance(50) {
                is_question[i] = true;
                let extra = forward(&mut rng, i, &t);
                if !t.contains(&extra) {
                    t.push(extra);
                } else {
                    is_question[i] = false;
                }
            }
        } else {
            t.push(forward(&mut rng, i, &[]));
        }
        if i == 0 && t.len() < 2 {
            t.push(forward(&mut rng, 0, &t));
        }
        targets[i] = t;
    }

    // 3. Deliberate loops: some leaf action steps (whose `next` is not a tree edge) are turned
    //    into loop-backs to a question among their ancestors, if every step still reaches an end.
    let mut loop_back = vec![false; n];
    let wanted_loops = n / 40;
    let leaves: Vec<usize> = (2..first_end)
        .filter(|&i| !is_question[i] && children[i].is_empty())
        .collect();
    let mut made = 0;
    for &leaf in &leaves {
        if made >= wanted_loops {
            break;
        }
        if !rng.chance(50) {
            continue;
        }
        let mut ancestors = Vec::new();
        let mut a = parent[leaf];
        while a != usize::MAX {
            if is_question[a] {
                ancestors.push(a);
            }
            a = parent[a];
        }
        if ancestors.is_empty() {
            continue;
        }
        let target = ancestors[rng.below(ancestors.len().min(4))];
        let old = std::mem::replace(&mut targets[leaf], vec![target]);
        if all_reach_an_end(&targets, first_end) {
            loop_back[leaf] = true;
            made += 1;
        } else {
            targets[leaf] = old;
        }
    }

    // 4. Build the steps.
    let mut steps: Vec<Step> = Vec::with_capacity(n + 1);
    for i in 0..n {
        let kind = if i >= first_end {
            StepKind::End
        } else if is_question[i] {
            StepKind::Question {
                options: targets[i]
                    .iter()
                    .enumerate()
                    .map(|(k, &t)| AnswerOption {
                        id: if i == 0 && t == 1 {
                            ACUTE_OPTION.to_owned()
                        } else {
                            format!("valg-{}", k + 1)
                        },
                        label: if i == 0 && t == 1 {
                            LocalizedText {
                                nb: "Ja, barnet er i akutt fare".into(),
                                nn: None,
                                en: Some("Yes, the child is in acute danger".into()),
                            }
                        } else {
                            example_text(&mut rng, true)
                        },
                        next: step_id(t),
                    })
                    .collect(),
            }
        } else {
            StepKind::Action {
                next: step_id(targets[i][0]),
            }
        };
        let acute = i == 1;
        let urgent = acute || (i >= 2 && rng.chance(5));
        let mut contacts = Vec::new();
        if acute {
            contacts = vec![
                ContactRole::Barnevernvakt,
                ContactRole::Nodnummer,
                ContactRole::Alarmtelefon,
            ];
        } else if urgent || rng.chance(30) {
            let k = 1 + rng.below(2);
            for _ in 0..k {
                let role = ContactRole::ALL[rng.below(ContactRole::ALL.len())];
                if !contacts.contains(&role) {
                    contacts.push(role);
                }
            }
        }
        let refs = legal_refs();
        let legal = if rng.chance(15) {
            refs.iter()
                .filter(|_| rng.chance(60))
                .map(|l| l.id.clone())
                .collect()
        } else {
            Vec::new()
        };
        let checklist = if rng.chance(30) {
            (0..1 + rng.below(3))
                .map(|_| example_text(&mut rng, false))
                .collect()
        } else {
            Vec::new()
        };
        steps.push(Step {
            id: step_id(i),
            title: rng.chance(50).then(|| example_text(&mut rng, true)),
            text: example_text(&mut rng, true),
            kind,
            urgent,
            loop_back: loop_back[i],
            checklist,
            contacts,
            legal,
            links: Vec::new(),
            branch_on: None,
        });
    }

    // 5. The guaranteed loop: a question gets an extra option "vurder igjen" that leads to a
    //    loop-back action step whose `next` returns to the question.
    let questions: Vec<usize> = (2..first_end).filter(|&i| is_question[i]).collect();
    let q = if questions.is_empty() {
        0
    } else {
        questions[rng.below(questions.len())]
    };
    let loop_id = LOOP_ID.to_owned();
    if let StepKind::Question { options } = &mut steps[q].kind {
        options.push(AnswerOption {
            id: "vurder-igjen".into(),
            label: LocalizedText::nb("Jeg vil vurdere dette på nytt (eksempeldata)"),
            next: loop_id.clone(),
        });
    }
    steps.push(Step {
        id: loop_id,
        title: None,
        text: LocalizedText::nb("Se på observasjonene igjen og svar på nytt (eksempeldata)."),
        kind: StepKind::Action {
            next: steps[q].id.clone(),
        },
        urgent: false,
        loop_back: true,
        checklist: Vec::new(),
        contacts: Vec::new(),
        legal: Vec::new(),
        links: Vec::new(),
        branch_on: None,
    });

    // Authored order is not graph order: shuffle everything after the start step a little.
    for i in (2..steps.len()).rev() {
        if rng.chance(30) {
            let j = rng.range(1, i + 1);
            steps.swap(i, j);
        }
    }

    Guide {
        id: format!("syntetisk-{seed}"),
        revision: 1,
        schema_version: SCHEMA_VERSION,
        min_client_version: 1,
        title: LocalizedText {
            nb: "Syntetisk veileder (eksempeldata)".into(),
            nn: None,
            en: Some("Synthetic guide (example data)".into()),
        },
        summary: LocalizedText::nb("Generert for tester og ytelsesmålinger. Ikke faglig innhold."),
        audience: vec![
            Sector::Barnehage,
            Sector::Skole,
            Sector::Helsestasjon,
            Sector::Tannhelse,
            Sector::Fastlege,
        ],
        review: Review {
            reviewed_by: "Generert testdata".into(),
            reviewed_on: NaiveDate::from_ymd_opt(2025, 1, 1).expect("valid date"),
            next_review: None,
        },
        start: START_ID.into(),
        acute_step: ACUTE_ID.into(),
        legal: legal_refs(),
        steps,
    }
}

/// Whether every step in `0..first_end` can reach an end step (`first_end..`).
fn all_reach_an_end(targets: &[Vec<usize>], first_end: usize) -> bool {
    let n = targets.len();
    let mut preds: Vec<Vec<usize>> = vec![Vec::new(); n];
    for (i, t) in targets.iter().enumerate() {
        for &j in t {
            preds[j].push(i);
        }
    }
    let mut seen = vec![false; n];
    let mut queue: VecDeque<usize> = (first_end..n).collect();
    seen[first_end..].fill(true);
    while let Some(j) = queue.pop_front() {
        for &p in &preds[j] {
            if !seen[p] {
                seen[p] = true;
                queue.push_back(p);
            }
        }
    }
    seen.iter().all(|s| *s)
}

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

/// Every (step id, option id) pair a walk can take: handy for benches and tests.
pub fn edges(guide: &Guide) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for s in &guide.steps {
        if let StepKind::Question { options } = &s.kind {
            for o in options {
                out.push((s.id.clone(), o.id.clone()));
            }
        }
    }
    out
}

/// Structural self-check of a generated guide (ids unique, edges resolve, all reachable, every
/// step reaches an end, cycles only through `loop_back` steps). Used to test the generator itself.
pub fn structural_problems(guide: &Guide) -> Vec<String> {
    let mut problems = Vec::new();
    let mut index: HashMap<&str, usize> = HashMap::new();
    for (i, s) in guide.steps.iter().enumerate() {
        if index.insert(s.id.as_str(), i).is_some() {
            problems.push(format!("duplicate id {}", s.id));
        }
    }
    let succ: Vec<Vec<usize>> = guide
        .steps
        .iter()
        .map(|s| {
            s.successors()
                .into_iter()
                .filter_map(|t| {
                    let r = index.get(t).copied();
                    if r.is_none() {
                        problems.push(format!("{} -> missing {t}", s.id));
                    }
                    r
                })
                .collect()
        })
        .collect();
    let Some(&start) = index.get(guide.start.as_str()) else {
        problems.push("no start".into());
        return problems;
    };
    if !index.contains_key(guide.acute_step.as_str()) {
        problems.push("no acute step".into());
    }
    let mut seen = HashSet::new();
    let mut stack = vec![start];
    while let Some(i) = stack.pop() {
        if seen.insert(i) {
            stack.extend(succ[i].iter().copied());
        }
    }
    for (i, s) in guide.steps.iter().enumerate() {
        if !seen.contains(&i) {
            problems.push(format!("unreachable {}", s.id));
        }
        if s.text.nb.is_empty() {
            problems.push(format!("no nb text {}", s.id));
        }
        if s.urgent && s.contacts.is_empty() {
            problems.push(format!("urgent without contact {}", s.id));
        }
        if matches!(&s.kind, StepKind::Question { options } if options.is_empty()) {
            problems.push(format!("empty options {}", s.id));
        }
    }
    // Cycle check ignoring edges out of loop_back steps.
    let n = guide.steps.len();
    let mut state = vec![0u8; n];
    fn dfs(i: usize, succ: &[Vec<usize>], guide: &Guide, state: &mut [u8]) -> bool {
        state[i] = 1;
        if !guide.steps[i].loop_back {
            for &j in &succ[i] {
                if state[j] == 1 || (state[j] == 0 && dfs(j, succ, guide, state)) {
                    return true;
                }
            }
        }
        state[i] = 2;
        false
    }
    for i in 0..n {
        if state[i] == 0 && dfs(i, &succ, guide, &mut state) {
            problems.push("cycle without loop_back".into());
            break;
        }
    }
    // Every step reaches an end.
    let mut preds: Vec<Vec<usize>> = vec![Vec::new(); n];
    for (i, t) in succ.iter().enumerate() {
        for &j in t {
            preds[j].push(i);
        }
    }
    let mut reach = vec![false; n];
    let mut queue: VecDeque<usize> = (0..n)
        .filter(|&i| matches!(guide.steps[i].kind, StepKind::End))
        .collect();
    for &i in &queue {
        reach[i] = true;
    }
    while let Some(j) = queue.pop_front() {
        for &p in &preds[j] {
            if !reach[p] {
                reach[p] = true;
                queue.push_back(p);
            }
        }
    }
    for (i, r) in reach.iter().enumerate() {
        if !r {
            problems.push(format!("no end reachable from {}", guide.steps[i].id));
        }
    }
    problems
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn generated_guides_are_structurally_valid() {
        for seed in 0..200 {
            for size in [MIN_SIZE, 12, 30, 100] {
                let g = generate_guide(seed, size);
                assert_eq!(g.steps.len(), size, "seed {seed}");
                let problems = structural_problems(&g);
                assert!(problems.is_empty(), "seed {seed} size {size}: {problems:?}");
                assert!(g.steps.iter().any(|s| s.loop_back), "seed {seed}: no loop");
                let ends = g
                    .steps
                    .iter()
                    .filter(|s| matches!(s.kind, StepKind::End))
                    .count();
                assert!(ends >= 2, "seed {seed}: {ends} ends");
            }
        }
    }

    #[test]
    fn generation_is_deterministic() {
        assert_eq!(generate_guide(7, 60), generate_guide(7, 60));
        assert_ne!(generate_guide(7, 60), generate_guide(8, 60));
    }

    #[test]
    fn big_guides_branch_and_loop() {
        let g = generate_guide(42, 500);
        assert_eq!(g.steps.len(), 500);
        assert!(structural_problems(&g).is_empty());
        let questions = g
            .steps
            .iter()
            .filter(|s| matches!(s.kind, StepKind::Question { .. }))
            .count();
        assert!(questions > 100, "{questions} questions");
        assert!(g.steps.iter().filter(|s| s.loop_back).count() > 1);
    }

    #[test]
    fn every_mutant_breaks_the_structure_or_a_rule() {
        let g = generate_guide(3, 40);
        for kind in MutantKind::ALL {
            let m = mutate(&g, kind, 1);
            assert_ne!(m.guide, g, "{kind:?} changed nothing");
            let problems = structural_problems(&m.guide);
            assert!(!problems.is_empty(), "{kind:?} still valid");
        }
    }
}
