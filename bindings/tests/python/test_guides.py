"""Walking a guide through the generated Python bindings, after a real sync."""

from __future__ import annotations

import gc

import pytest

import veiviser_core as core
import veiviser_ffi as v
from conftest import GUIDE_ID, edited_guide, run_sync


@pytest.fixture
def synced(server, open_store):
    store = open_store()
    run_sync(store, server.url)
    return store


def test_client_version_is_the_core_feature_level():
    assert v.client_version() == 2


def test_list_guides_in_each_language(synced):
    nb = synced.list_guides(core.Lang.NB)
    en = synced.list_guides(core.Lang.EN)
    assert GUIDE_ID in [g.id for g in nb.guides]
    assert nb.unavailable == []
    guide = next(g for g in nb.guides if g.id == GUIDE_ID)
    assert guide.revision == 1
    assert guide.title == "Fra bekymring til handling"
    assert next(g for g in en.guides if g.id == GUIDE_ID).title != guide.title, "English title expected"
    assert core.Sector.BARNEHAGE in guide.audience and core.Sector.SKOLE in guide.audience
    assert len(guide.reviewed_on) == 10 and guide.reviewed_on[4] == "-"
    assert guide.reviewed_by


def test_walk_the_report_path_for_barnehage(synced):
    s = synced.start_guide(GUIDE_ID, core.Lang.NB, core.Sector.BARNEHAGE)
    assert s.guide_id() == GUIDE_ID and s.guide_revision() == 1
    step = s.current_step()
    assert step.id == "S0" and step.kind == core.StepViewKind.ACTION and not step.can_go_back
    step = s.next_step()
    assert step.id == "Q1" and step.kind == core.StepViewKind.QUESTION
    assert [o.id for o in step.options] == ["ja", "nei"]
    for option in ["nei", "nei"]:
        step = s.answer(option)
    assert step.id == "A3"
    step = s.next_step()
    assert step.id == "SEKTOR", "the sector branch"
    step = s.answer("barnehage")
    assert step.id == "A3-BH"
    step = s.next_step()
    step = s.next_step()
    assert step.id == "Q3"
    step = s.answer("nei")
    assert step.id == "Q4"
    step = s.answer("ja")
    assert step.id == "A6" and step.contacts == [core.ContactRole.BARNEVERN]
    citations = [l.citation for l in step.legal]
    assert "barnevernsloven § 13-2" in citations and "barnehageloven § 46" in citations
    assert "helsepersonelloven § 33" not in citations, "only the user's sector rule is shown"
    assert all(l.url.startswith("https://lovdata.no/") for l in step.legal)
    assert step.checklist and step.title == "Send bekymringsmelding"
    assert s.path() == ["S0", "Q1", "Q2", "A3", "SEKTOR", "A3-BH", "A4", "Q3", "Q4", "A6"]
    summary = s.summary()
    assert [i.step_id for i in summary] == s.path()
    assert summary[1].taken == core.Taken.ANSWER(option="nei", label=summary[1].taken.label)
    assert summary[0].taken == core.Taken.NEXT()
    assert summary[-1].taken is None and summary[-1].legal


def test_same_path_shows_the_health_rule_for_a_dentist(synced):
    s = synced.start_guide(GUIDE_ID, core.Lang.EN, core.Sector.TANNHELSE)
    s.next_step()
    for option in ["nei", "nei"]:
        s.answer(option)
    s.next_step()
    s.answer("tannhelse")
    s.next_step()
    s.next_step()
    s.answer("nei")
    step = s.answer("ja")
    citations = [l.citation for l in step.legal]
    assert "helsepersonelloven § 33" in citations and "barnehageloven § 46" not in citations
    assert step.title == "Send a report of concern"


def test_acute_exit_from_any_step_and_back(synced):
    s = synced.start_guide(GUIDE_ID, core.Lang.NB, None)
    s.next_step()
    s.answer("nei")
    step = s.acute_exit()
    assert step.id == "A1" and step.urgent and step.is_acute_step
    assert step.contacts[0] == core.ContactRole.NODNUMMER, "urgent steps are call-first"
    assert s.summary()[-2].taken == core.Taken.ACUTE()
    step = s.back()
    assert step.id == "Q2"
    step = s.restart()
    assert step.id == "S0" and s.path() == ["S0"]


def test_errors_the_app_can_branch_on(synced):
    s = synced.start_guide(GUIDE_ID, core.Lang.NB, core.Sector.SKOLE)
    with pytest.raises(v.VeiviserError.InvalidState) as back_at_start:
        s.back()
    assert "first step" in back_at_start.value.detail
    s.next_step()
    with pytest.raises(v.VeiviserError.InvalidAnswer) as bad:
        s.answer("kanskje")
    assert bad.value.step_id == "Q1" and bad.value.option_id == "kanskje"
    assert bad.value.valid_options == ["ja", "nei"]
    assert "ja, nei" in bad.value.detail
    assert s.current_step().id == "Q1", "a bad answer changes nothing"
    with pytest.raises(v.VeiviserError.InvalidState):
        s.next_step()
    with pytest.raises(v.VeiviserError.NotFound) as missing:
        synced.start_guide("finnes-ikke", core.Lang.NB, None)
    assert "finnes-ikke" in missing.value.detail
    with pytest.raises(v.VeiviserError.InvalidInput):
        synced.resume_guide("{not a session", core.Lang.NB, None)
    # Every variant is also the base class, for apps that catch them all.
    with pytest.raises(v.VeiviserError):
        s.answer("kanskje")


def test_resume_after_reopening_the_store(server, open_store):
    store = open_store()
    run_sync(store, server.url)
    s = store.start_guide(GUIDE_ID, core.Lang.NB, core.Sector.BARNEHAGE)
    s.next_step()
    s.answer("nei")
    s.answer("ja")
    saved = s.save()
    assert GUIDE_ID in saved
    # The app is killed: every handle goes away, the store is closed.
    del s, store
    gc.collect()
    server.stop()
    store = open_store()
    resumed = store.resume_guide(saved, core.Lang.NB, core.Sector.BARNEHAGE)
    assert resumed.outcome == core.ResumeOutcome.EXACT()
    assert resumed.message is None
    assert resumed.session.current_step().id == "A2"
    assert resumed.session.path() == ["S0", "Q1", "Q2", "A2"]
    assert resumed.session.back().id == "Q2"


def test_resume_replays_on_a_new_revision(server, open_store, tmp_path):
    store = open_store()
    run_sync(store, server.url)
    s = store.start_guide(GUIDE_ID, core.Lang.NB, None)
    s.next_step()
    s.answer("nei")
    saved = s.save()
    server.publish(edited_guide(tmp_path, revision=2))
    report = run_sync(store, server.url)
    assert [c.outcome for c in report.collections if c.collection == core.ContentCollection.GUIDES] == ["delta"]
    resumed = store.resume_guide(saved, core.Lang.NB, None)
    assert resumed.outcome == core.ResumeOutcome.REPLAYED(from_revision=1, to_revision=2)
    assert resumed.message and "versjon 2" in resumed.message
    assert resumed.session.guide_revision() == 2
    assert resumed.session.current_step().id == "Q2"
    assert resumed.session.summary()[0].heading == "Jeg er bekymret (revidert)"
