//! The guide's own fields as a form: title, summary, start and acute step, review date.

use super::form::{field_id, Pairs, PlacedErrors};
use super::step::{attach_row, text_row, SelectField, TextRow};
use crate::admin_web::messages::Ui;
use chrono::NaiveDate;
use veiviser_core::error::ContentIssue;
use veiviser_core::guide::Guide;

/// The guide fields form.
#[derive(Debug, Clone)]
pub struct MetaForm {
    /// The title.
    pub title: TextRow,
    /// The summary.
    pub summary: TextRow,
    /// The first step.
    pub start: SelectField,
    /// The acute step.
    pub acute: SelectField,
    /// `review.next_review` as `YYYY-MM-DD` (empty: none).
    pub next_review: String,
    /// Errors at `review.next_review`.
    pub next_review_errors: Vec<String>,
    /// The errors placed on these fields.
    pub errors: PlacedErrors,
}

fn step_select(ui: Ui, guide: &Guide, name: &str, label: &str, current: &str) -> SelectField {
    let mut choices = vec![(
        String::new(),
        ui.choose_step().to_string(),
        current.is_empty(),
    )];
    if !current.is_empty() && guide.step(current).is_none() {
        choices.push((
            current.to_string(),
            format!("{current} ({})", ui.flow_missing_target()),
            true,
        ));
    }
    choices.extend(
        guide
            .steps
            .iter()
            .map(|s| (s.id.clone(), s.id.clone(), s.id == current)),
    );
    SelectField {
        name: name.into(),
        id: field_id(name),
        label: label.into(),
        choices,
        errors: Vec::new(),
    }
}

/// The form for `guide`'s own fields, with the guide-level `issues` placed on them.
pub fn meta_form(ui: Ui, guide: &Guide, issues: &[ContentIssue]) -> MetaForm {
    let mut title = text_row(
        ui,
        ui.meta_title(),
        "title",
        Some(&guide.title),
        false,
        true,
    );
    let mut summary = text_row(
        ui,
        ui.meta_summary(),
        "summary",
        Some(&guide.summary),
        true,
        true,
    );
    let mut start = step_select(ui, guide, "start", ui.meta_start(), &guide.start);
    let mut acute = step_select(ui, guide, "acute_step", ui.meta_acute(), &guide.acute_step);
    let mut paths: Vec<String> = title
        .cells
        .iter()
        .chain(summary.cells.iter())
        .map(|c| c.name.clone())
        .collect();
    paths.extend([
        "start".into(),
        "acute_step".into(),
        "review.next_review".into(),
    ]);
    let errors = PlacedErrors::place(issues, None, &paths);
    attach_row(&mut title, &errors);
    attach_row(&mut summary, &errors);
    start.errors = errors.for_id(&start.id);
    acute.errors = errors.for_id(&acute.id);
    MetaForm {
        title,
        summary,
        start,
        acute,
        next_review: guide
            .review
            .next_review
            .map(|d| d.to_string())
            .unwrap_or_default(),
        next_review_errors: errors.for_id("f-review-next_review"),
        errors,
    }
}

/// Applies a posted guide fields form to `guide`; `Err` names a date that is not a date.
pub fn apply_meta(guide: &mut Guide, form: &Pairs) -> Result<(), (String, String)> {
    if let Some(t) = super::step::text(form, "title") {
        guide.title = t;
    } else {
        guide.title = Default::default();
    }
    guide.summary = super::step::text(form, "summary").unwrap_or_default();
    guide.start = form.text("start");
    guide.acute_step = form.text("acute_step");
    let date = form.text("review.next_review");
    guide.review.next_review = if date.is_empty() {
        None
    } else {
        Some(NaiveDate::parse_from_str(&date, "%Y-%m-%d").map_err(|_| {
            (
                "review.next_review".to_string(),
                format!("`{date}` is not a date: write it as YYYY-MM-DD"),
            )
        })?)
    };
    Ok(())
}
