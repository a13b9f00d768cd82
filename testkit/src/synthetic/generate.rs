//! The generator of random valid guides with the shape of a real one.

use super::rng::Rng;
use chrono::NaiveDate;
use std::collections::VecDeque;
use veiviser_core::guide::{AnswerOption, Guide, Review, Step, StepKind, SCHEMA_VERSION};
use veiviser_core::{ContactRole, LegalRef, LocalizedText, Sector};

/// The smallest size [`generate_guide`] accepts; smaller sizes are raised to it.
pub const MIN_SIZE: usize = 8;

/// Maximum number of tree children a step gets (more only when nothing else fits).
const MAX_CHILDREN: usize = 4;

/// How far back a step's parent may be: keeps paths long, like a real guide.
const PARENT_WINDOW: usize = 6;

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
