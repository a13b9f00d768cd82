//! The directory entry editor: one service (or area) of a directory draft as a form: names
//! in nb, nn and en, the role, the areas covered, the channels with their hours, the source
//! and the last-verified date. Ticking "verified today" needs a source.
//!
//! The form edits the draft's TOML tree directly, so fields it does not show (notes, closed
//! dates, the address) are kept as they are.

use super::form::{field_id, FieldError, Pairs, PlacedErrors};
use super::step::{attach_row, text, text_row, CheckField, InputField, SelectField, TextRow};
use crate::admin_web::messages::Ui;
use chrono::NaiveDate;
use toml::{Table, Value};
use veiviser_core::error::ContentIssue;
use veiviser_core::i18n::{Lang, LocalizedText};
use veiviser_core::roles::ContactRole;

/// Channel kinds, as written in files.
const CHANNEL_KINDS: [&str; 4] = ["phone", "chat", "email", "web"];

/// Which entry of the draft the form edits: the first service, else the first area.
fn entry_key(tree: &Table) -> Option<&'static str> {
    ["service", "area"].into_iter().find(|k| {
        tree.get(*k)
            .and_then(Value::as_array)
            .is_some_and(|a| !a.is_empty())
    })
}

fn entry(tree: &Table) -> Option<(&'static str, &Table)> {
    let key = entry_key(tree)?;
    tree.get(key)?
        .as_array()?
        .first()?
        .as_table()
        .map(|t| (key, t))
}

fn entry_mut(tree: &mut Table) -> Option<&mut Table> {
    let key = entry_key(tree)?;
    tree.get_mut(key)?
        .as_array_mut()?
        .first_mut()?
        .as_table_mut()
}

fn localized(v: Option<&Value>) -> LocalizedText {
    match v {
        Some(Value::String(s)) => LocalizedText::nb(s.clone()),
        Some(Value::Table(t)) => {
            let get = |l: &str| t.get(l).and_then(Value::as_str).map(str::to_string);
            LocalizedText {
                nb: get("nb").unwrap_or_default(),
                nn: get("nn"),
                en: get("en"),
            }
        }
        _ => LocalizedText::default(),
    }
}

fn text_value(t: &LocalizedText) -> Value {
    let mut table = Table::new();
    for lang in Lang::ALL {
        if let Some(s) = t.exact(lang) {
            table.insert(lang.code().into(), Value::String(s.to_string()));
        }
    }
    Value::Table(table)
}

fn str_of(t: &Table, k: &str) -> String {
    match t.get(k) {
        Some(Value::String(s)) => s.clone(),
        Some(Value::Datetime(d)) => d.to_string(),
        Some(Value::Array(a)) => a
            .iter()
            .filter_map(Value::as_str)
            .collect::<Vec<_>>()
            .join("\n"),
        _ => String::new(),
    }
}

/// One channel of the entry.
#[derive(Debug, Clone)]
pub struct ChannelRow {
    /// "Kanal 1", or the blank row's legend.
    pub legend: String,
    /// Phone, chat, e-mail or web.
    pub kind: SelectField,
    /// The number or address.
    pub value: InputField,
    /// The hours, one rule per line.
    pub hours: InputField,
    /// The hours are an estimate.
    pub estimated: CheckField,
    /// Open on public holidays.
    pub holidays: CheckField,
    /// Remove it (absent on the blank row).
    pub remove: Option<CheckField>,
}

/// The entry editor's form.
#[derive(Debug, Clone)]
pub struct EntryForm {
    /// `service` or `area`.
    pub kind: &'static str,
    /// The entry id.
    pub id: String,
    /// Its name.
    pub name: TextRow,
    /// The role (services).
    pub role: Option<SelectField>,
    /// The areas covered, comma-separated (services).
    pub covers: Option<InputField>,
    /// The channels plus a blank row (services).
    pub channels: Vec<ChannelRow>,
    /// Where the facts come from.
    pub source: InputField,
    /// When it was last verified, and how and by whom, in words.
    pub last_verified: String,
    /// The "verified today" checkbox.
    pub verified_today: CheckField,
    /// Errors placed on the fields.
    pub errors: PlacedErrors,
    /// The error summary.
    pub summary: Vec<FieldError>,
}

fn input(name: &str, label: &str, value: String) -> InputField {
    InputField {
        name: name.into(),
        id: field_id(name),
        label: label.into(),
        value,
        errors: Vec::new(),
    }
}

fn check(name: &str, label: &str, checked: bool) -> CheckField {
    CheckField {
        name: name.into(),
        id: field_id(name),
        value: "on".into(),
        label: label.into(),
        checked,
    }
}

/// The form for the draft's entry; `None` when the draft has no service or area.
pub fn entry_form(
    ui: Ui,
    tree: &Table,
    issues: &[ContentIssue],
    extra: Option<(String, String)>,
) -> Option<EntryForm> {
    let (kind, e) = entry(tree)?;
    let id = str_of(e, "id");
    let mut name = text_row(
        ui,
        ui.entry_name(),
        "name",
        Some(&localized(e.get("name"))),
        false,
        true,
    );
    let mut paths: Vec<String> = name.cells.iter().map(|c| c.name.clone()).collect();
    let (mut role, mut covers, mut channels) = (None, None, Vec::new());
    if kind == "service" {
        let current = str_of(e, "role");
        role = Some(SelectField {
            name: "role".into(),
            id: field_id("role"),
            label: ui.entry_role().into(),
            choices: ContactRole::ALL
                .into_iter()
                .map(|r| {
                    (
                        r.id().to_string(),
                        r.label(ui.lang.content_lang()).to_string(),
                        r.id() == current,
                    )
                })
                .collect(),
            errors: Vec::new(),
        });
        let list = e.get("covers").and_then(Value::as_array).map(|a| {
            a.iter()
                .filter_map(Value::as_str)
                .collect::<Vec<_>>()
                .join(", ")
        });
        covers = Some(input("covers", ui.entry_covers(), list.unwrap_or_default()));
        paths.extend(["role".into(), "covers".into()]);
        let existing = e
            .get("channel")
            .or_else(|| e.get("channels"))
            .and_then(Value::as_array)
            .cloned()
            .unwrap_or_default();
        let blank = Value::Table(Table::new());
        for (i, c) in existing.iter().chain(std::iter::once(&blank)).enumerate() {
            let c = c.as_table().cloned().unwrap_or_default();
            let p = format!("channel[{i}]");
            let is_blank = i == existing.len();
            let k = str_of(&c, "kind");
            let flag = |f: &str| c.get(f).and_then(Value::as_bool).unwrap_or(false);
            let row = ChannelRow {
                legend: if is_blank {
                    ui.channel_new().into()
                } else {
                    Ui::fill(ui.channel_legend(), &[("n", &(i + 1).to_string())])
                },
                kind: SelectField {
                    name: format!("{p}.kind"),
                    id: field_id(&format!("{p}.kind")),
                    label: ui.channel_kind().into(),
                    choices: CHANNEL_KINDS
                        .iter()
                        .map(|v| {
                            (
                                v.to_string(),
                                v.to_string(),
                                *v == k || (k.is_empty() && *v == "phone"),
                            )
                        })
                        .collect(),
                    errors: Vec::new(),
                },
                value: input(
                    &format!("{p}.value"),
                    ui.channel_value(),
                    str_of(&c, "value"),
                ),
                hours: input(
                    &format!("{p}.hours"),
                    ui.channel_hours(),
                    str_of(&c, "hours"),
                ),
                estimated: check(
                    &format!("{p}.hours_estimated"),
                    ui.channel_estimated(),
                    flag("hours_estimated"),
                ),
                holidays: check(
                    &format!("{p}.open_on_public_holidays"),
                    ui.channel_holidays(),
                    flag("open_on_public_holidays"),
                ),
                remove: (!is_blank)
                    .then(|| check(&format!("{p}.remove"), ui.channel_remove(), false)),
            };
            for f in [
                "kind",
                "value",
                "hours",
                "hours_estimated",
                "open_on_public_holidays",
            ] {
                paths.push(format!("{p}.{f}"));
            }
            channels.push(row);
        }
    }
    let mut source = input("source", ui.entry_source(), str_of(e, "source"));
    paths.push("source".into());
    let verified = e.get("verified").and_then(Value::as_table);
    let on = verified
        .map(|v| str_of(v, "on"))
        .filter(|s| !s.is_empty())
        .unwrap_or_else(|| str_of(e, "last_verified"));
    let how = verified
        .map(|v| format!(" ({}, {})", str_of(v, "how"), str_of(v, "by")))
        .unwrap_or_default();
    paths.extend(["last_verified".into(), "verified".into()]);
    // Findings name the entry as `ID` or `service:ID`.
    let issues: Vec<ContentIssue> = issues
        .iter()
        .cloned()
        .map(|mut i| {
            if i.step
                .as_deref()
                .is_some_and(|s| s.split_once(':').is_some_and(|(_, rest)| rest == id))
            {
                i.step = Some(id.clone());
            }
            i
        })
        .collect();
    let mut errors = PlacedErrors::place(&issues, Some(&id), &paths);
    if let Some((field, message)) = extra {
        errors.at_fields.insert(
            0,
            FieldError {
                field_id: Some(field_id(&field)),
                path: field,
                message,
            },
        );
    }
    attach_row(&mut name, &errors);
    if let Some(r) = role.as_mut() {
        r.errors = errors.for_id(&r.id);
    }
    if let Some(c) = covers.as_mut() {
        c.errors = errors.for_id(&c.id);
    }
    for ch in &mut channels {
        ch.kind.errors = errors.for_id(&ch.kind.id);
        for f in [&mut ch.value, &mut ch.hours] {
            f.errors = errors.for_id(&f.id);
        }
        let est = errors.for_id(&ch.estimated.id);
        ch.hours.errors.extend(est);
    }
    source.errors = errors.for_id(&source.id);
    let verified_errors = errors.for_id("f-verified");
    source.errors.extend(verified_errors);
    Some(EntryForm {
        kind,
        id,
        name,
        role,
        covers,
        channels,
        source,
        last_verified: format!("{on}{how}"),
        verified_today: check("verified_today", ui.entry_verified_today(), false),
        summary: errors.at_fields.clone(),
        errors,
    })
}

/// Applies a posted entry form to the draft's tree; `who` and `today` record "verified
/// today". `Err((field, message))`: "verified today" without a source.
pub fn apply_entry(
    tree: &mut Table,
    form: &Pairs,
    who: &str,
    today: NaiveDate,
) -> Result<(), (String, String)> {
    let source = form.text("source");
    if form.checked("verified_today") && source.is_empty() {
        return Err((
            "source".into(),
            "name the source you verified the entry against before marking it verified today"
                .into(),
        ));
    }
    let kind = entry_key(tree);
    let Some(e) = entry_mut(tree) else {
        return Err((
            "content".into(),
            "the draft has no service or area to edit".into(),
        ));
    };
    let name = text(form, "name").unwrap_or_default();
    if kind == Some("area") {
        e.insert("name".into(), Value::String(name.nb.clone()));
    } else {
        e.insert("name".into(), text_value(&name));
        e.insert("role".into(), Value::String(form.text("role")));
        let covers = form
            .text("covers")
            .split(',')
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(|s| Value::String(s.into()))
            .collect();
        e.insert("covers".into(), Value::Array(covers));
        let old = e
            .remove("channel")
            .or_else(|| e.remove("channels"))
            .and_then(|v| v.as_array().cloned())
            .unwrap_or_default();
        let mut channels = Vec::new();
        for i in form.indexes("channel") {
            let p = format!("channel[{i}]");
            if form.checked(&format!("{p}.remove")) {
                continue;
            }
            let value = form.text(&format!("{p}.value"));
            let hours: Vec<Value> = form
                .text(&format!("{p}.hours"))
                .lines()
                .map(str::trim)
                .filter(|l| !l.is_empty())
                .map(|l| Value::String(l.into()))
                .collect();
            if value.is_empty() && hours.is_empty() && i >= old.len() {
                continue; // the blank row, left blank
            }
            let mut c = old
                .get(i)
                .and_then(Value::as_table)
                .cloned()
                .unwrap_or_default();
            c.insert(
                "kind".into(),
                Value::String(form.text(&format!("{p}.kind"))),
            );
            c.insert("value".into(), Value::String(value));
            if hours.is_empty() {
                c.remove("hours");
            } else {
                c.insert("hours".into(), Value::Array(hours));
            }
            for f in ["hours_estimated", "open_on_public_holidays"] {
                if form.checked(&format!("{p}.{f}")) {
                    c.insert(f.into(), Value::Boolean(true));
                } else {
                    c.remove(f);
                }
            }
            channels.push(Value::Table(c));
        }
        e.insert("channel".into(), Value::Array(channels));
    }
    if source.is_empty() {
        e.remove("source");
    } else {
        e.insert("source".into(), Value::String(source));
    }
    if form.checked("verified_today") {
        let date: toml::value::Datetime = today
            .to_string()
            .parse()
            .map_err(|_| ("verified".to_string(), "bad date".to_string()))?;
        e.insert("last_verified".into(), Value::Datetime(date));
        if kind == Some("service") {
            let mut v = Table::new();
            v.insert("how".into(), Value::String("written-source".into()));
            v.insert("by".into(), Value::String(who.into()));
            v.insert("on".into(), Value::Datetime(date));
            e.insert("verified".into(), Value::Table(v));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::admin_web::messages::UiLang;

    const ENTRY: &str = r#"
[[service]]
id = "alarmtelefonen"
name = { nb = "Alarmtelefonen", en = "Helpline" }
role = "alarmtelefon"
covers = ["national"]
verified = { how = "written-source", by = "red", on = 2026-11-22 }
source = "116111.no"
note = { nb = "Gratis." }

[[service.channel]]
kind = "phone"
value = "116 111"
hours = "24/7"

[[service.channel]]
kind = "chat"
value = "116111.no"
hours = "daily 16:15-22:45"
hours_estimated = true
"#;

    fn posted(f: &EntryForm) -> Pairs {
        let mut p: Vec<(String, String)> = f
            .name
            .cells
            .iter()
            .map(|c| (c.name.clone(), c.value.clone()))
            .collect();
        let sel = |s: &SelectField| {
            (
                s.name.clone(),
                s.choices.iter().find(|c| c.2).unwrap().0.clone(),
            )
        };
        p.push(sel(f.role.as_ref().unwrap()));
        let c = f.covers.as_ref().unwrap();
        p.push((c.name.clone(), c.value.clone()));
        for ch in &f.channels {
            p.push(sel(&ch.kind));
            p.push((ch.value.name.clone(), ch.value.value.clone()));
            p.push((ch.hours.name.clone(), ch.hours.value.clone()));
            for c in [&ch.estimated, &ch.holidays]
                .into_iter()
                .filter(|c| c.checked)
            {
                p.push((c.name.clone(), "on".into()));
            }
        }
        p.push((f.source.name.clone(), f.source.value.clone()));
        Pairs(p)
    }

    #[test]
    fn an_entry_survives_the_form_and_verified_today_needs_a_source() {
        let ui = Ui::new(UiLang::Nb);
        let mut tree: Table = toml::from_str(ENTRY).unwrap();
        let before = tree.clone();
        let form = entry_form(ui, &tree, &[], None).unwrap();
        assert_eq!(form.channels.len(), 3, "two channels and a blank row");
        let today = NaiveDate::from_ymd_opt(2026, 12, 1).unwrap();
        apply_entry(&mut tree, &posted(&form), "kari", today).unwrap();
        let norm = |t: &Table| toml::from_str::<Table>(&toml::to_string(t).unwrap()).unwrap();
        let mut b = norm(&before);
        // Hours come back as lists (the form's one-rule-per-line form).
        for c in b["service"].as_array_mut().unwrap()[0]["channel"]
            .as_array_mut()
            .unwrap()
        {
            let h = c["hours"].clone();
            c.as_table_mut()
                .unwrap()
                .insert("hours".into(), Value::Array(vec![h]));
        }
        assert_eq!(norm(&tree), b);
        // Verified today: the date and who.
        let mut p = posted(&form);
        p.0.push(("verified_today".into(), "on".into()));
        apply_entry(&mut tree, &p, "kari", today).unwrap();
        let e = &tree["service"][0];
        assert_eq!(e["verified"]["by"].as_str(), Some("kari"));
        assert_eq!(e["last_verified"].to_string(), "2026-12-01");
        // …but not without a source.
        for (k, v) in &mut p.0 {
            if k == "source" {
                v.clear();
            }
        }
        let err = apply_entry(&mut tree, &p, "kari", today).unwrap_err();
        assert_eq!(err.0, "source");
        let form = entry_form(ui, &tree, &[], Some(err)).unwrap();
        assert_eq!(form.source.errors.len(), 1);
        assert_eq!(form.summary[0].field_id.as_deref(), Some("f-source"));
    }
}
