//! The shipped guides in `server/content/guides/`: every user-visible text in nb, nn and en;
//! the set's links all resolve; each guide walked in each sector and language reaches an end
//! with no missing text; the main guide quotes barnevernsloven § 13-2 as in force.

use std::collections::{BTreeSet, HashSet};
use std::path::{Path, PathBuf};
use veiviser_core::guide::validate::validate_labelled_guide_set;
use veiviser_core::guide::{load_guide_file, Guide, Step, StepKind};
use veiviser_core::{Lang, LocalizedText, Sector};

fn guides_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../server/content/guides")
}

/// Every shipped guide with its file name, sorted by file name.
fn shipped() -> Vec<(String, Guide)> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(guides_dir())
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "toml"))
        .collect();
    files.sort();
    files
        .into_iter()
        .map(|path| {
            let name = path.file_name().unwrap().to_string_lossy().into_owned();
            let parsed = load_guide_file(&path).unwrap_or_else(|e| panic!("{name}: {e}"));
            assert!(
                parsed.warnings.is_empty(),
                "{name}: warnings: {:?}",
                parsed.warnings
            );
            (name, parsed.guide)
        })
        .collect()
}

/// Every user-visible text of a step, with its field path.
fn step_texts(step: &Step) -> Vec<(String, &LocalizedText)> {
    let mut out = Vec::new();
    if let Some(t) = &step.title {
        out.push(("title".to_string(), t));
    }
    out.push(("text".to_string(), &step.text));
    if let StepKind::Question { options } = &step.kind {
        for (k, o) in options.iter().enumerate() {
            out.push((format!("options[{k}].label"), &o.label));
        }
    }
    for (k, c) in step.checklist.iter().enumerate() {
        out.push((format!("checklist[{k}]"), c));
    }
    for (k, l) in step.links.iter().enumerate() {
        out.push((format!("links[{k}].label"), &l.label));
    }
    out
}

/// Every user-visible text of a guide, with its field path.
fn guide_texts(g: &Guide) -> Vec<(String, &LocalizedText)> {
    let mut out = vec![
        ("title".to_string(), &g.title),
        ("summary".to_string(), &g.summary),
    ];
    for (k, l) in g.legal.iter().enumerate() {
        out.push((format!("legal[{k}].title"), &l.title));
    }
    for s in &g.steps {
        for (field, t) in step_texts(s) {
            out.push((format!("step {}: {field}", s.id), t));
        }
    }
    out
}

#[test]
fn there_are_five_guides() {
    let ids: BTreeSet<String> = shipped().into_iter().map(|(_, g)| g.id).collect();
    assert_eq!(
        ids,
        [
            "den-nodvendige-samtalen",
            "fra-bekymring-til-handling",
            "mistanke-om-vold-og-overgrep",
            "skrive-bekymringsmelding",
            "snakke-med-barnet",
        ]
        .map(String::from)
        .into_iter()
        .collect()
    );
}

#[test]
fn every_user_visible_text_of_every_shipped_guide_has_nb_nn_and_en() {
    let mut missing = Vec::new();
    for (name, g) in shipped() {
        for (field, text) in guide_texts(&g) {
            for lang in Lang::ALL {
                if text.exact(lang).is_none() {
                    missing.push(format!("{name}: {field}: no {lang}"));
                }
            }
        }
    }
    assert!(
        missing.is_empty(),
        "missing translations:\n{}",
        missing.join("\n")
    );
}

#[test]
fn the_shipped_set_validates_together_and_every_guide_is_linked() {
    let guides = shipped();
    let labelled: Vec<(&str, &Guide)> = guides.iter().map(|(n, g)| (n.as_str(), g)).collect();
    assert_eq!(validate_labelled_guide_set(&labelled), Vec::new());
    let targets: HashSet<&str> = guides
        .iter()
        .flat_map(|(_, g)| g.steps.iter())
        .flat_map(|s| s.links.iter().map(|l| l.guide.as_str()))
        .collect();
    for (name, g) in &guides {
        assert!(
            targets.contains(g.id.as_str()),
            "{name}: no guide links to it"
        );
        assert!(
            g.steps.iter().any(|s| !s.links.is_empty()),
            "{name}: links to no other guide"
        );
    }
}

#[test]
fn every_guide_has_a_sector_branch_a_review_due_date_and_an_urgent_acute_step() {
    for (name, g) in shipped() {
        assert!(
            g.steps.iter().any(|s| s.branch_on.is_some()),
            "{name}: no sector branch"
        );
        let due = g
            .review
            .next_review
            .unwrap_or_else(|| panic!("{name}: no next_review"));
        assert!(due > g.review.reviewed_on, "{name}");
        let acute = g.step(&g.acute_step).unwrap();
        assert!(acute.urgent && !acute.contacts.is_empty(), "{name}");
        assert!(g.audience.len() == Sector::ALL.len(), "{name}: audience");
    }
}

/// The steps a user in `sector` can reach: branch steps follow the sector's option, other
/// questions every option, and the acute exit is offered from every step.
fn reachable(g: &Guide, sector: Sector) -> Vec<&Step> {
    let mut seen = HashSet::new();
    let mut order = Vec::new();
    let mut queue = vec![g.start.as_str(), g.acute_step.as_str()];
    while let Some(id) = queue.pop() {
        if !seen.insert(id) {
            continue;
        }
        let step = g
            .step(id)
            .unwrap_or_else(|| panic!("{}: no step {id}", g.id));
        order.push(step);
        queue.extend(successors(step, sector));
    }
    order
}

fn successors(step: &Step, sector: Sector) -> Vec<&str> {
    if step.branch_on.is_some() {
        let o = step
            .branch_option(sector)
            .unwrap_or_else(|| panic!("step {}: no option for {sector}", step.id));
        return vec![o.next.as_str()];
    }
    step.successors()
}

fn can_reach_end(g: &Guide, from: &str, sector: Sector) -> bool {
    let mut seen = HashSet::new();
    let mut queue = vec![from];
    while let Some(id) = queue.pop() {
        if !seen.insert(id) {
            continue;
        }
        let step = g.step(id).unwrap();
        if matches!(step.kind, StepKind::End) {
            return true;
        }
        queue.extend(successors(step, sector));
    }
    false
}

#[test]
fn each_guide_walked_in_each_sector_and_language_has_all_text_and_no_dead_end() {
    for (name, g) in shipped() {
        for sector in Sector::ALL {
            let steps = reachable(&g, sector);
            for step in &steps {
                assert!(
                    can_reach_end(&g, &step.id, sector),
                    "{name} ({sector}): dead end at {}",
                    step.id
                );
                for lang in Lang::ALL {
                    for (field, t) in step_texts(step) {
                        assert!(
                            t.exact(lang).is_some(),
                            "{name} ({sector}, {lang}): step {}: {field} missing",
                            step.id
                        );
                    }
                    for l in g.legal_for_step(step, Some(sector)) {
                        assert!(
                            l.title.exact(lang).is_some(),
                            "{name} ({sector}, {lang}): {} title missing",
                            l.id
                        );
                    }
                }
            }
            assert!(
                steps.iter().any(|s| matches!(s.kind, StepKind::End)),
                "{name} ({sector}): no end reachable"
            );
        }
    }
}

#[test]
fn the_threshold_question_quotes_the_law_in_force_with_letters_a_to_d() {
    let g = shipped()
        .into_iter()
        .map(|(_, g)| g)
        .find(|g| g.id == "fra-bekymring-til-handling")
        .unwrap();
    let q4 = g.step("Q4").unwrap();
    assert!(
        q4.text.nb.contains(
            "blir eller vil bli mishandlet, utsatt for alvorlige mangler ved den daglige omsorgen"
        ),
        "{}",
        q4.text.nb
    );
    assert!(!q4.text.nb.contains("mishandlet i hjemmet"));
    let items: Vec<&str> = q4.checklist.iter().map(|c| c.nb.as_str()).collect();
    for letter in ["a) ", "b) ", "c) ", "d) "] {
        assert!(
            items.iter().any(|i| i.starts_with(letter)),
            "letter {letter}: {items:?}"
        );
    }
    let all: String = items.join(" ");
    assert!(all.contains("ikke i seg selv"), "hard cooperation: {all}");
    assert!(all.contains("Rutinemessige meldinger"), "routine: {all}");
    assert!(g
        .step("A7")
        .unwrap()
        .text
        .nb
        .contains("samtykke fra foreldrene, og fra barnet hvis det er over 15 år"));
    assert!(g.step("A6").unwrap().text.nb.contains("personlige plikt"));
}

#[test]
fn the_acute_route_of_the_main_guide_does_not_claim_the_report_was_sent() {
    let g = shipped()
        .into_iter()
        .map(|(_, g)| g)
        .find(|g| g.id == "fra-bekymring-til-handling")
        .unwrap();
    // A1 -> A6 -> Q5: only the answer "sendt" leads on to the end that says it was sent.
    assert_eq!(g.step("A1").unwrap().successors(), ["A6"]);
    assert_eq!(g.step("A6").unwrap().successors(), ["Q5"]);
    assert_eq!(g.step("Q5").unwrap().successors(), ["A8", "E5"]);
    // The acute step does not promise a local barnevernvakt outside Oslo.
    let a1 = &g.step("A1").unwrap().text.nb;
    assert!(a1.contains("I Oslo svarer barnevernvakten"), "{a1}");
}

/// A TOML document as the JSON the schema describes (dates become `YYYY-MM-DD` strings).
fn toml_to_json(v: &toml::Value) -> serde_json::Value {
    use serde_json::Value as J;
    match v {
        toml::Value::String(s) => J::String(s.clone()),
        toml::Value::Integer(i) => J::from(*i),
        toml::Value::Float(f) => J::from(*f),
        toml::Value::Boolean(b) => J::Bool(*b),
        toml::Value::Datetime(d) => J::String(d.to_string()),
        toml::Value::Array(a) => J::Array(a.iter().map(toml_to_json).collect()),
        toml::Value::Table(t) => J::Object(
            t.iter()
                .map(|(k, v)| (k.clone(), toml_to_json(v)))
                .collect(),
        ),
    }
}

#[test]
fn every_shipped_guide_conforms_to_the_json_schema() {
    let schema: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(guides_dir().join("../../../docs/guide.schema.json")).unwrap(),
    )
    .unwrap();
    let validator = jsonschema::draft202012::new(&schema).expect("the schema itself is valid");
    for entry in std::fs::read_dir(guides_dir()).unwrap() {
        let path = entry.unwrap().path();
        let src = std::fs::read_to_string(&path).unwrap();
        let doc = toml_to_json(&toml::Value::Table(toml::from_str(&src).unwrap()));
        let errors: Vec<String> = validator
            .iter_errors(&doc)
            .map(|e| format!("{}: {e}", e.instance_path()))
            .collect();
        assert!(errors.is_empty(), "{}: {errors:#?}", path.display());
    }
}

/// The navigator itself walks every guide in every sector and language: started with the
/// sector, it never stops on a sector question (it answers it and says so in the summary),
/// every step it shows has its text in the language, `back` undoes exactly the user's move,
/// a saved walk resumes exactly, and an end is reached.
#[test]
fn the_navigator_walks_each_guide_in_each_sector_and_language_answering_sector_branches() {
    use veiviser_core::guide::navigator::{valid_choices, Move, ResumeOutcome, Session, Taken};
    for (name, g) in shipped() {
        let branches = g.steps.iter().filter(|s| s.branch_on.is_some()).count();
        assert!(branches > 0, "{name}: no sector branch");
        for sector in Sector::ALL {
            for lang in Lang::ALL {
                let start = Session::start_in(&g, Some(sector)).unwrap();
                let mut seen = HashSet::new();
                let mut stack = vec![start];
                let mut ended = false;
                let mut auto_answered = 0;
                while let Some(s) = stack.pop() {
                    if !seen.insert(s.current_step_id().to_owned()) {
                        continue;
                    }
                    let step = g.step(s.current_step_id()).unwrap();
                    assert!(
                        step.branch_on.is_none(),
                        "{name} ({sector}): stopped on the sector question {}",
                        step.id
                    );
                    let view = s.view(&g, lang, Some(sector)).unwrap();
                    assert_eq!(
                        Some(view.text.as_str()),
                        step.text.exact(lang),
                        "{name}: {}",
                        step.id
                    );
                    for link in &view.links {
                        assert!(!link.label.is_empty(), "{name}: {}: link label", step.id);
                    }
                    if matches!(step.kind, StepKind::End) {
                        ended = true;
                    }
                    let summary = s.summary(&g, lang, Some(sector)).unwrap();
                    for item in &summary {
                        if let Some(Taken::Sector { note, label, .. }) = &item.taken {
                            assert!(!note.is_empty() && !label.is_empty());
                            auto_answered += 1;
                        }
                    }
                    let saved: Session =
                        serde_json::from_str(&serde_json::to_string(&s).unwrap()).unwrap();
                    let (resumed, outcome) = Session::resume(&g, saved).unwrap();
                    assert_eq!(outcome, ResumeOutcome::Exact, "{name}: {}", step.id);
                    assert_eq!(resumed, s);
                    for choice in valid_choices(step) {
                        let mut next = s.clone();
                        next.choose(&g, &choice).unwrap();
                        if next
                            .history()
                            .last()
                            .is_some_and(|m| matches!(m, Move::Sector { .. }))
                        {
                            let mut undone = next.clone();
                            undone.back().unwrap();
                            assert_eq!(undone, s, "{name}: back over a sector answer");
                        }
                        stack.push(next);
                    }
                }
                assert!(ended, "{name} ({sector}, {lang}): no end reached");
                assert!(
                    auto_answered > 0,
                    "{name} ({sector}): the branch was never answered"
                );
            }
        }
    }
}
