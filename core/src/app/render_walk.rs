//! The walk, contacts and area screens of [`AppView`](super::AppView).

use super::event::{Action, AreaChoice, AreaPurpose};
use super::numbers::{action, number_list, NumbersRequest};
use super::render::{area_place, sector_label};
use super::screens::*;
use super::update::{location_of, needs_area};
use super::App;
use crate::directory::SearchHitKind;
use crate::guide::model::StepKind;
use crate::i18n::catalog as msg;
use crate::roles::ContactRole;
use crate::sector::Sector;
use chrono::{DateTime, Utc};

/// The step screen of the walk in progress, with its title; `None` without a walk.
pub(super) fn guide_step(app: &App, now: DateTime<Utc>) -> Option<(String, GuideStepView)> {
    let lang = app.state.lang;
    let guide = app.walk_guide()?;
    let walk = app.state.walk.as_ref()?;
    let session = &walk.session;
    let sector = app.state.sector;
    let mut step = session.view(guide, lang, sector).ok()?;
    step.mark_available(|id| app.content.card(id).is_some());
    let raw = guide.step(session.current_step_id())?;
    let guide_title = guide.title.get(lang).to_string();
    let area = app.state.area_for_numbers();
    let numbers = number_list(
        &app.content.book,
        &NumbersRequest {
            roles: &step.contacts,
            area,
            purpose: AreaPurpose::Walk,
            urgent: step.urgent,
            offer_skip: needs_area(&step.contacts) && !walk.area_skipped,
            safety_net: false,
            at: now,
            lang,
        },
    );
    let sector_prompt = (sector.is_none() && !app.state.sector_skipped).then(|| ChoicePromptView {
        question: msg::APP_SECTOR_QUESTION.get(lang).to_string(),
        explanation: msg::APP_SECTOR_WHY.get(lang).to_string(),
        choices: Sector::ALL
            .into_iter()
            .map(|s| {
                action(
                    sector_label(s, lang),
                    sector_label(s, lang),
                    Action::SetSector { sector: Some(s) },
                )
            })
            .collect(),
        skip: action(
            msg::APP_SKIP.get(lang),
            msg::APP_SKIP_SECTOR_A11Y.get(lang),
            Action::SkipSector,
        ),
    });
    let options = step
        .options
        .iter()
        .map(|o| ActionView {
            label: o.label.clone(),
            accessibility_label: o.label.clone(),
            action: Action::Answer {
                option_id: o.id.clone(),
            },
            selected: false,
            style: ActionStyle::Primary,
        })
        .collect();
    let continue_action = matches!(raw.kind, StepKind::Action { .. }).then(|| ActionView {
        label: msg::WALK_CONTINUE.get(lang).to_string(),
        accessibility_label: msg::WALK_CONTINUE.get(lang).to_string(),
        action: Action::Next,
        selected: false,
        style: ActionStyle::Primary,
    });
    let acute_action = (!step.is_acute_step).then(|| ActionView {
        label: msg::WALK_ACUTE.get(lang).to_string(),
        accessibility_label: msg::APP_ACUTE_EXIT_A11Y.get(lang).to_string(),
        action: Action::AcuteExit,
        selected: false,
        style: ActionStyle::Danger,
    });
    let back_action = step.can_go_back.then(|| {
        action(
            msg::APP_BACK.get(lang),
            msg::APP_BACK_A11Y.get(lang),
            Action::Back,
        )
    });
    let links = step
        .links
        .iter()
        .filter(|l| l.available == Some(true))
        .map(|l| {
            action(
                &l.label,
                &msg::APP_OPEN_GUIDE_A11Y.fill(lang, &[("title", &l.label)]),
                Action::FollowLink {
                    guide_id: l.guide.clone(),
                },
            )
        })
        .collect();
    let is_end = matches!(raw.kind, StepKind::End);
    let summary = if is_end {
        session.summary(guide, lang, sector).unwrap_or_default()
    } else {
        Vec::new()
    };
    let heading = step.title.clone().unwrap_or_else(|| step.text.clone());
    let view = GuideStepView {
        guide_id: guide.id.clone(),
        guide_title: guide_title.clone(),
        revision: guide.revision,
        progress_text: msg::APP_STEP_N.fill(lang, &[("n", &session.path().len().to_string())]),
        heading,
        call_first: step.urgent,
        numbers,
        sector_prompt,
        options,
        continue_action,
        acute_action,
        back_action,
        restart_action: action(
            msg::APP_RESTART.get(lang),
            msg::APP_RESTART_A11Y.get(lang),
            Action::RestartWalk,
        ),
        end_action: action(
            msg::APP_END_WALK.get(lang),
            msg::APP_END_WALK_A11Y.get(lang),
            Action::EndWalk,
        ),
        links,
        checklist_heading: (!step.checklist.is_empty())
            .then(|| msg::WALK_CHECKLIST.get(lang).to_string()),
        legal_heading: (!step.legal.is_empty()).then(|| msg::WALK_LEGAL.get(lang).to_string()),
        resume_text: app.run.resume_text.clone(),
        summary_heading: is_end.then(|| msg::WALK_SUMMARY.get(lang).to_string()),
        summary,
        step,
    };
    Some((guide_title, view))
}

/// The contacts screen: who to call for one role.
pub(super) fn contacts(app: &App, now: DateTime<Utc>) -> ContactsScreenView {
    let lang = app.state.lang;
    let role = app.state.contacts_role.unwrap_or(ContactRole::Barnevern);
    let purpose = if app.state.walk.is_some() {
        AreaPurpose::Walk
    } else {
        AreaPurpose::Default
    };
    let numbers = number_list(
        &app.content.book,
        &NumbersRequest {
            roles: &[role],
            area: app.state.area_for_numbers(),
            purpose,
            urgent: false,
            offer_skip: false,
            safety_net: true,
            at: now,
            lang,
        },
    );
    ContactsScreenView {
        role,
        roles: ContactRole::ALL
            .into_iter()
            .map(|r| ActionView {
                label: r.label(lang).to_string(),
                accessibility_label: msg::APP_SHOW_ROLE_A11Y.fill(lang, &[("role", r.label(lang))]),
                action: Action::OpenContacts { role: Some(r) },
                selected: r == role,
                style: ActionStyle::Secondary,
            })
            .collect(),
        numbers,
    }
}

/// The area screen.
pub(super) fn area(app: &App) -> AreaView {
    let lang = app.state.lang;
    let purpose = app.area_purpose();
    let (query, pending, message) = app.area_run();
    let book = &app.content.book;
    let current = match purpose {
        AreaPurpose::Walk => app.state.walk.as_ref().and_then(|w| w.area.as_ref()),
        AreaPurpose::Default => app.state.default_area.as_ref(),
    };
    let mut results = Vec::new();
    let mut message = message.map(str::to_string);
    let is_postcode = query.len() == 4 && query.bytes().all(|b| b.is_ascii_digit());
    if !query.is_empty() && !is_postcode && message.is_none() {
        // A store too damaged to read shows no hits; opening and syncing report the damage.
        for hit in book.search(query, 12).unwrap_or_default() {
            let choice = match hit.kind {
                SearchHitKind::Service => continue,
                SearchHitKind::Postnummer => AreaChoice {
                    postnummer: Some(hit.id.clone()),
                    kommunenummer: hit.kommunenummer.clone(),
                    bydelsnummer: None,
                },
                SearchHitKind::Poststed => AreaChoice {
                    postnummer: hit.postnumre.first().cloned(),
                    kommunenummer: hit.kommunenummer.clone(),
                    bydelsnummer: None,
                },
                SearchHitKind::Kommune => AreaChoice {
                    postnummer: None,
                    kommunenummer: Some(hit.kommunenummer.clone().unwrap_or(hit.id.clone())),
                    bydelsnummer: None,
                },
                SearchHitKind::Bydel => AreaChoice {
                    postnummer: None,
                    kommunenummer: hit.kommunenummer.clone(),
                    bydelsnummer: hit.id.rsplit_once('-').map(|(_, b)| b.to_string()),
                },
            };
            let detail = hit.detail_text.get(lang);
            let label = msg::APP_AREA_HIT.fill(lang, &[("name", &hit.name), ("detail", detail)]);
            results.push(action(
                &label,
                &msg::APP_CHOOSE_AREA_A11Y.fill(lang, &[("place", &label)]),
                Action::ChooseArea { area: choice },
            ));
        }
        if results.is_empty() {
            message = Some(msg::SEARCH_NO_HITS.fill(lang, &[("query", query)]));
        }
    }
    let bydel_picker = pending.and_then(|p| {
        let res = book.resolve(&location_of(p)).ok()?;
        let place = p
            .postnummer
            .clone()
            .unwrap_or_else(|| res.place_name().unwrap_or_default());
        Some(ChoicePromptView {
            question: msg::APP_BYDEL_QUESTION.fill(lang, &[("place", &place)]),
            explanation: msg::APP_BYDEL_WHY.get(lang).to_string(),
            choices: res
                .bydel_candidates
                .iter()
                .filter_map(|b| {
                    let mut choice = p.clone();
                    choice.bydelsnummer = Some(b.bydelsnummer.clone()?);
                    Some(action(
                        &b.name,
                        &msg::APP_CHOOSE_BYDEL_A11Y.fill(lang, &[("name", &b.name)]),
                        Action::ChooseArea { area: choice },
                    ))
                })
                .collect(),
            skip: action(
                msg::APP_SKIP.get(lang),
                msg::APP_SKIP_AREA_A11Y.get(lang),
                Action::SkipArea,
            ),
        })
    });
    AreaView {
        purpose,
        intro: match purpose {
            AreaPurpose::Walk => msg::APP_AREA_INTRO_WALK,
            AreaPurpose::Default => msg::APP_AREA_INTRO_DEFAULT,
        }
        .get(lang)
        .to_string(),
        input_label: msg::APP_AREA_INPUT.get(lang).to_string(),
        query: query.to_string(),
        current_text: current.map(|a| area_place(book, a)),
        results,
        message,
        bydel_picker,
        clear: current.map(|_| {
            action(
                msg::APP_CLEAR_AREA.get(lang),
                msg::APP_CLEAR_AREA.get(lang),
                Action::ClearArea { purpose },
            )
        }),
        skip: action(
            msg::APP_AREA_SKIP.get(lang),
            msg::APP_SKIP_AREA_A11Y.get(lang),
            Action::SkipArea,
        ),
    }
}
