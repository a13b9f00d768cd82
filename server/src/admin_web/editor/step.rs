//! The step editor: one step of a guide draft as a form (nb, nn and en side by side, options
//! with a choice of target step, contact roles, legal references) and back.
//!
//! What the form does not edit (cross-guide links, sector branches) is kept from the step as
//! it was; the step id is fixed (renaming would break the steps that lead to it).

use super::form::{field_id, FieldError, Pairs, PlacedErrors};
use crate::admin_web::messages::Ui;
use veiviser_core::error::ContentIssue;
use veiviser_core::guide::{AnswerOption, Guide, Step, StepKind};
use veiviser_core::i18n::{Lang, LocalizedText};
use veiviser_core::roles::ContactRole;

/// Reads a posted step form over `base` (the step as it was).
pub fn step_from_form(base: &Step, form: &Pairs) -> Step {
    let kind = match form.get("kind").unwrap_or(base.kind.name()) {
        "question" => StepKind::Question {
            options: form
                .indexes("options")
                .into_iter()
                .filter(|i| !form.checked(&format!("options[{i}].remove")))
                .filter_map(|i| {
                    let p = format!("options[{i}]");
                    let id = form.text(&format!("{p}.id"));
                    let label = text(form, &format!("{p}.label"));
                    let next = form.text(&format!("{p}.next"));
                    let blank = id.is_empty() && label.is_none() && next.is_empty();
                    (!blank).then(|| AnswerOption {
                        id,
                        label: label.unwrap_or_default(),
                        next,
                    })
                })
                .collect(),
        },
        "end" => StepKind::End,
        _ => StepKind::Action {
            next: form.text("next"),
        },
    };
    // Posted in page order, which lists the step's own choices first, in their order.
    let mut contacts = Vec::new();
    for id in form.all("contacts") {
        if let Some(r) = ContactRole::ALL.into_iter().find(|r| r.id() == id) {
            if !contacts.contains(&r) {
                contacts.push(r);
            }
        }
    }
    Step {
        id: base.id.clone(),
        title: text(form, "title"),
        text: text(form, "text").unwrap_or_default(),
        kind,
        urgent: form.checked("urgent"),
        loop_back: form.checked("loop_back"),
        checklist: form
            .indexes("checklist")
            .into_iter()
            .filter_map(|i| text(form, &format!("checklist[{i}]")))
            .collect(),
        contacts,
        legal: form.all("legal").into_iter().map(str::to_string).collect(),
        links: base.links.clone(),
        branch_on: base.branch_on,
    }
}

/// The localized text posted as `{prefix}.nb`, `.nn`, `.en`; `None` when all are empty.
pub fn text(form: &Pairs, prefix: &str) -> Option<LocalizedText> {
    let get = |lang: &str| Some(form.text(&format!("{prefix}.{lang}"))).filter(|s| !s.is_empty());
    let (nb, nn, en) = (get("nb"), get("nn"), get("en"));
    if nb.is_none() && nn.is_none() && en.is_none() {
        return None;
    }
    Some(LocalizedText {
        nb: nb.unwrap_or_default(),
        nn,
        en,
    })
}

/// One language's input of a localized text.
#[derive(Debug, Clone)]
pub struct TextCell {
    /// The field path, e.g. `text.nn`.
    pub name: String,
    /// The HTML id.
    pub id: String,
    /// The language code (`lang` attribute of the input).
    pub lang: &'static str,
    /// The language's name, the input's label.
    pub lang_label: &'static str,
    /// The current value.
    pub value: String,
    /// Errors at this input.
    pub errors: Vec<String>,
    /// Whether this language is required (bokmål).
    pub required: bool,
    /// "(må fylles ut)" on a required input, else empty.
    pub note: &'static str,
}

/// A localized text as one row of three inputs (nb, nn, en side by side).
#[derive(Debug, Clone)]
pub struct TextRow {
    /// The row's label ("Tekst").
    pub label: String,
    /// The three inputs.
    pub cells: Vec<TextCell>,
    /// A textarea rather than a one-line input.
    pub multiline: bool,
}

/// A choice of one value.
#[derive(Debug, Clone)]
pub struct SelectField {
    /// The field path.
    pub name: String,
    /// The HTML id.
    pub id: String,
    /// The label.
    pub label: String,
    /// (value, label, selected).
    pub choices: Vec<(String, String, bool)>,
    /// Errors at this field.
    pub errors: Vec<String>,
}

/// A one-line text input.
#[derive(Debug, Clone)]
pub struct InputField {
    /// The field path.
    pub name: String,
    /// The HTML id.
    pub id: String,
    /// The label.
    pub label: String,
    /// The current value.
    pub value: String,
    /// Errors at this field.
    pub errors: Vec<String>,
}

/// One checkbox of a group.
#[derive(Debug, Clone)]
pub struct CheckField {
    /// The field name (shared by the group).
    pub name: String,
    /// The HTML id.
    pub id: String,
    /// The value posted when ticked.
    pub value: String,
    /// The label.
    pub label: String,
    /// Whether it is ticked.
    pub checked: bool,
}

/// One answer of a question step.
#[derive(Debug, Clone)]
pub struct OptionRow {
    /// "Svar 1", …
    pub legend: String,
    /// The option id.
    pub id: InputField,
    /// The visible label in three languages.
    pub label: TextRow,
    /// The step it leads to.
    pub next: SelectField,
    /// The "remove this answer" checkbox (absent on the blank row for a new answer).
    pub remove: Option<CheckField>,
}

/// Everything the step editor page shows.
#[derive(Debug, Clone)]
pub struct StepForm {
    /// The step id.
    pub step_id: String,
    /// Question, action or end.
    pub kind: SelectField,
    /// The optional title.
    pub title: TextRow,
    /// The main text.
    pub text: TextRow,
    /// Urgent (call first).
    pub urgent: CheckField,
    /// Marks a deliberate loop back.
    pub loop_back: CheckField,
    /// Where an action leads.
    pub next: Option<SelectField>,
    /// A question's answers, plus a blank row to add one.
    pub options: Vec<OptionRow>,
    /// The checklist, plus a blank row to add an item.
    pub checklist: Vec<TextRow>,
    /// Contact roles to show.
    pub contacts: Vec<CheckField>,
    /// The guide's legal references cited here.
    pub legal: Vec<CheckField>,
    /// Errors placed on the fields above, plus the ones elsewhere.
    pub errors: PlacedErrors,
    /// Every error of the page in order, for the error summary.
    pub summary: Vec<FieldError>,
}

fn lang_label(ui: Ui, lang: Lang) -> &'static str {
    match lang {
        Lang::Nb => ui.lang_nb(),
        Lang::Nn => ui.lang_nn(),
        Lang::En => ui.lang_en(),
    }
}

/// A localized text as a row of three inputs named `{prefix}.nb`, `.nn`, `.en`; bokmål is
/// marked required when `required`.
pub fn text_row(
    ui: Ui,
    label: &str,
    prefix: &str,
    value: Option<&LocalizedText>,
    multiline: bool,
    required: bool,
) -> TextRow {
    let cells = Lang::ALL
        .into_iter()
        .map(|lang| {
            let name = format!("{prefix}.{}", lang.code());
            let required = required && lang == Lang::Nb;
            TextCell {
                id: field_id(&name),
                value: value.and_then(|t| t.exact(lang)).unwrap_or("").to_string(),
                name,
                lang: lang.code(),
                lang_label: lang_label(ui, lang),
                errors: Vec::new(),
                required,
                note: if required { ui.required_marker() } else { "" },
            }
        })
        .collect();
    TextRow {
        label: label.to_string(),
        cells,
        multiline,
    }
}

/// Copies the placed errors onto the cells of `row`.
pub fn attach_row(row: &mut TextRow, errors: &PlacedErrors) {
    for cell in &mut row.cells {
        cell.errors = errors.for_id(&cell.id);
    }
}

/// Builds rows and fields while collecting every field path in page order.
struct Builder<'a> {
    ui: Ui,
    guide: &'a Guide,
    paths: Vec<String>,
}

impl Builder<'_> {
    fn text_row(
        &mut self,
        label: &str,
        prefix: &str,
        value: Option<&LocalizedText>,
        multiline: bool,
    ) -> TextRow {
        let row = text_row(self.ui, label, prefix, value, multiline, prefix == "text");
        self.paths.extend(row.cells.iter().map(|c| c.name.clone()));
        row
    }

    fn target(&mut self, name: &str, label: &str, current: &str) -> SelectField {
        self.paths.push(name.to_string());
        let mut choices = vec![(
            String::new(),
            self.ui.choose_step().to_string(),
            current.is_empty(),
        )];
        if !current.is_empty() && self.guide.step(current).is_none() {
            let missing = format!("{current} ({})", self.ui.flow_missing_target());
            choices.push((current.to_string(), missing, true));
        }
        for s in &self.guide.steps {
            let title = s
                .title
                .as_ref()
                .map(|t| t.get(self.ui.lang.content_lang()).to_string())
                .unwrap_or_default();
            let label = if title.is_empty() {
                s.id.clone()
            } else {
                format!("{} – {title}", s.id)
            };
            choices.push((s.id.clone(), label, s.id == current));
        }
        SelectField {
            name: name.to_string(),
            id: field_id(name),
            label: label.to_string(),
            choices,
            errors: Vec::new(),
        }
    }

    fn input(&mut self, name: &str, label: &str, value: &str) -> InputField {
        self.paths.push(name.to_string());
        InputField {
            name: name.to_string(),
            id: field_id(name),
            label: label.to_string(),
            value: value.to_string(),
            errors: Vec::new(),
        }
    }

    fn check(&mut self, name: &str, value: &str, label: &str, checked: bool) -> CheckField {
        self.paths.push(name.to_string());
        CheckField {
            name: name.to_string(),
            id: field_id(&format!("{name}-{value}")),
            value: value.to_string(),
            label: label.to_string(),
            checked,
        }
    }
}

/// The step editor's form for `step` of `guide`, with `issues` placed on their fields.
pub fn step_form(ui: Ui, guide: &Guide, step: &Step, issues: &[ContentIssue]) -> StepForm {
    let mut b = Builder {
        ui,
        guide,
        paths: Vec::new(),
    };
    b.paths.push("kind".into());
    let kind_choices = [
        ("question", ui.kind_question()),
        ("action", ui.kind_action()),
        ("end", ui.kind_end()),
    ]
    .into_iter()
    .map(|(v, l)| (v.to_string(), l.to_string(), step.kind.name() == v))
    .collect();
    let kind = SelectField {
        name: "kind".into(),
        id: field_id("kind"),
        label: ui.field_kind().into(),
        choices: kind_choices,
        errors: Vec::new(),
    };
    let title = b.text_row(ui.field_title(), "title", step.title.as_ref(), false);
    let text = b.text_row(ui.field_text(), "text", Some(&step.text), true);
    let urgent = b.check("urgent", "on", ui.field_urgent(), step.urgent);
    let loop_back = b.check("loop_back", "on", ui.field_loop_back(), step.loop_back);
    let mut next = None;
    let mut options = Vec::new();
    match &step.kind {
        StepKind::Action { next: n } => next = Some(b.target("next", ui.field_next(), n)),
        StepKind::Question { options: opts } => {
            let blank = AnswerOption {
                id: String::new(),
                label: LocalizedText::default(),
                next: String::new(),
            };
            for (i, o) in opts.iter().chain(std::iter::once(&blank)).enumerate() {
                let p = format!("options[{i}]");
                let is_blank = i == opts.len();
                let legend = if is_blank {
                    ui.option_new().to_string()
                } else {
                    Ui::fill(ui.option_legend(), &[("n", &(i + 1).to_string())])
                };
                options.push(OptionRow {
                    legend,
                    id: b.input(&format!("{p}.id"), ui.field_option_id(), &o.id),
                    label: b.text_row(
                        ui.field_option_label(),
                        &format!("{p}.label"),
                        Some(&o.label),
                        false,
                    ),
                    next: b.target(&format!("{p}.next"), ui.field_option_next(), &o.next),
                    remove: (!is_blank)
                        .then(|| b.check(&format!("{p}.remove"), "on", ui.option_remove(), false)),
                });
            }
        }
        StepKind::End => {}
    }
    let blank = LocalizedText::default();
    let checklist = step
        .checklist
        .iter()
        .chain(std::iter::once(&blank))
        .enumerate()
        .map(|(i, item)| {
            let label = Ui::fill(ui.checklist_item(), &[("n", &(i + 1).to_string())]);
            b.text_row(&label, &format!("checklist[{i}]"), Some(item), false)
        })
        .collect();
    b.paths.push("contacts".into());
    // The step's own roles first, in their order ("best first"), then the others.
    let roles = step.contacts.iter().copied().chain(
        ContactRole::ALL
            .into_iter()
            .filter(|r| !step.contacts.contains(r)),
    );
    let contacts = roles
        .map(|r| {
            let label = format!("{} ({})", r.label(ui.lang.content_lang()), r.id());
            b.check("contacts", r.id(), &label, step.contacts.contains(&r))
        })
        .collect();
    b.paths.push("legal".into());
    // The step's citations first, in their order (an id the guide does not define stays
    // visible and ticked so its error shows), then the guide's other references.
    let cited = step.legal.iter().map(|id| (id.as_str(), true));
    let others = guide
        .legal
        .iter()
        .filter(|l| !step.legal.contains(&l.id))
        .map(|l| (l.id.as_str(), false));
    let legal: Vec<CheckField> = cited
        .chain(others)
        .map(|(id, checked)| {
            let label = match guide.legal_ref(id) {
                Some(l) => format!("{} – {}", l.citation(), l.title.get(ui.lang.content_lang())),
                None => format!("{id} ({})", ui.flow_missing_target()),
            };
            b.check("legal", id, &label, checked)
        })
        .collect();
    let errors = PlacedErrors::place(issues, Some(&step.id), &b.paths);
    let mut form = StepForm {
        step_id: step.id.clone(),
        kind,
        title,
        text,
        urgent,
        loop_back,
        next,
        options,
        checklist,
        contacts,
        legal,
        summary: errors.at_fields.clone(),
        errors,
    };
    attach(&mut form);
    form
}

/// Copies each placed error onto its field.
fn attach(form: &mut StepForm) {
    let errors = form.errors.clone();
    let rows = [&mut form.title, &mut form.text]
        .into_iter()
        .chain(form.checklist.iter_mut())
        .chain(form.options.iter_mut().map(|o| &mut o.label));
    for row in rows {
        attach_row(row, &errors);
    }
    for select in [&mut form.kind]
        .into_iter()
        .chain(form.next.as_mut())
        .chain(form.options.iter_mut().map(|o| &mut o.next))
    {
        select.errors = errors.for_id(&select.id);
    }
    for o in &mut form.options {
        o.id.errors = errors.for_id(&o.id.id);
    }
}

#[cfg(test)]
mod tests;
