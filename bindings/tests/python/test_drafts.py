"""Report-of-concern drafts through the generated Python bindings: start one from a walk through
the violence bypass, edit, export as KS Fiks JSON and text, expire, rotate the key, delete."""

from __future__ import annotations

import datetime
import json
from pathlib import Path

import pytest

import veiviser_core as core
import veiviser_ffi as v
from conftest import GUIDE_ID, run_sync

UTC = datetime.timezone.utc
T0 = datetime.datetime(2026, 11, 30, 9, 0, tzinfo=UTC)
CHILD = "Zyxwvenia Qqmorkelund"
FNR = "01020310045"


def address(line: str) -> core.Adresse:
    return core.Adresse(adresselinje1=line, adresselinje2="", adresselinje3="", postnummer="0580", poststed="Oslo")


def every_byte(folder: Path) -> bytes:
    return b"".join(p.read_bytes() for p in folder.rglob("*") if p.is_file())


def test_a_draft_from_the_violence_bypass_through_export_and_delete(server, open_store, tmp_path):
    store = open_store()
    run_sync(store, server.url)
    walk = store.start_guide(GUIDE_ID, core.Lang.NB, core.Sector.BARNEHAGE)
    walk.next_step()
    walk.answer("nei")
    walk.answer("ja")
    assert walk.next_step().id == "A6"

    key = v.generate_master_key()
    assert len(key) == 32
    drafts = v.Drafts.open(str(tmp_path / "drafts"), key, T0)
    assert drafts.expired_at_open() == []
    view = drafts.create(core.Lang.NB, T0, walk, None)
    draft_id = view.id
    assert view.warning and "Ikke informer foreldrene" in view.warning
    assert view.expiry_text == "Slettes om 14 dager." and view.days_left == 14
    assert "barnehageloven § 46" in view.origin
    assert any("anonymt" in g for g in view.guidance) and any("e-post" in g for g in view.guidance)

    view = drafts.add_foresatt(draft_id, core.Foresatt(personnavn="Mor Qqmorkelund", telefonnummer="", orientert=None, orientert_grunn=""), core.Lang.NB, T0)
    view = drafts.add_foresatt(draft_id, core.Foresatt(personnavn="Far Qqmorkelund", telefonnummer="", orientert=True, orientert_grunn=""), core.Lang.NB, T0)
    assert [f.orientert for f in view.foresatte] == [False, False]
    assert all("vold eller overgrep" in f.orientert_grunn for f in view.foresatte)

    drafts.set_child(draft_id, core.Child(personnavn=CHILD, fnr=FNR, ufoedt=False, telefonnummer="", adresse=address("Eksempelgata 2"), orientert=False, orientert_grunn="Barnet er tre år."), core.Lang.NB, T0)
    drafts.set_recipient(draft_id, core.Recipient(kommunenummer="0301", kommunenavn="Oslo", bydelsnummer="09", bydelsnavn="Bjerke"), core.Lang.NB, T0)
    drafts.set_text(draft_id, core.MeldingText(melding="Bekymret for omsorgen.", historie="Siden september.", andre_synspunkter="", behov_for_tolk="Nei", andre_hjelpeinstanser=""), core.Lang.NB, T0)
    drafts.add_observation(draft_id, core.Observation(date="2026-11-27", time="08:10", what="Blåmerker på begge overarmer.", child_words="Pappa klemte hardt", child_words_time="08:15", witnesses="Assistent", duration=""), core.Lang.NB, T0)
    drafts.add_conversation(draft_id, core.Conversation(with_whom=core.ConversationWith.PARENTS, held=False, date="", summary="", why_not="Mistanke om vold."), core.Lang.NB, T0)
    drafts.add_measure(draft_id, core.Measure(date="2026-11-01", what="Tettere oppfølging", result=""), core.Lang.NB, T0)
    view = drafts.set_retention_days(draft_id, 7, core.Lang.EN, T0)
    assert view.expiry_text == "Deleted in 7 days." and not view.ready_to_export
    assert "offentligMelder.personnavn" in [p.field for p in view.problems]

    # Incomplete: every missing field by name.
    with pytest.raises(v.VeiviserError.InvalidInput) as incomplete:
        drafts.export_json(draft_id, core.Lang.EN, T0)
    assert "offentligMelder.epost" in incomplete.value.detail
    with pytest.raises(v.VeiviserError.InvalidInput):
        drafts.add_observation(draft_id, core.Observation(date="30.11.2026", time="", what="x", child_words="", child_words_time="", witnesses="", duration=""), core.Lang.NB, T0)

    assert drafts.profile() is None
    drafts.save_profile(core.ReporterProfile(personnavn="Kari Nordmann", rolle="pedagogisk leder", telefonnummer="+47 912 34 567", epost="kari@eksempel.no", virksomhet_navn="Eksempel barnehage", orgnr="", virksomhet_adresse=address("Barnehageveien 1")))
    assert drafts.profile().personnavn == "Kari Nordmann"
    assert drafts.view(draft_id, core.Lang.NB, T0).ready_to_export

    doc = json.loads(drafts.export_json(draft_id, core.Lang.NB, T0))
    assert doc["offentligBarn"][0]["fnr"] == FNR and doc["kommunenummer"] == "0301"
    assert [f["orientert"] for f in doc["foresatte"]] == [False, False]
    assert "«Pappa klemte hardt»" in doc["melding"]["melding"]
    text = drafts.export_text(draft_id, core.Lang.EN)
    assert text.index("ABOUT THE CHILD") < text.index("THE CONCERN")

    # Nothing readable on disk.
    raw = every_byte(tmp_path)
    for needle in (CHILD, FNR, "Qqmorkelund", "Kari Nordmann"):
        assert needle.encode() not in raw

    listed = drafts.list(core.Lang.EN, T0)
    assert [(s.id, s.observation_count, s.error) for s in listed] == [(draft_id, 1, None)]

    # A new key: the drafts move over, the old key no longer opens them.
    new_key = v.generate_master_key()
    assert drafts.rotate_master_key(new_key) == []
    with pytest.raises(v.VeiviserError.InvalidInput) as wrong:
        v.Drafts.open(str(tmp_path / "drafts"), key, T0).view(draft_id, core.Lang.EN, T0)
    assert "another master key" in wrong.value.detail

    drafts.delete(draft_id)
    with pytest.raises(v.VeiviserError.NotFound):
        drafts.view(draft_id, core.Lang.NB, T0)


def test_expired_drafts_are_destroyed_at_open(tmp_path):
    key = v.generate_master_key()
    drafts = v.Drafts.open(str(tmp_path / "drafts"), key, T0)
    short = drafts.create(core.Lang.NN, T0, None, 2)
    assert short.expiry_text == "Blir sletta om 2 dagar."
    keep = drafts.create(core.Lang.NN, T0, None, None)
    later = v.Drafts.open(str(tmp_path / "drafts"), key, T0 + datetime.timedelta(days=2))
    assert later.expired_at_open() == [short.id]
    assert [s.id for s in later.list(core.Lang.NB, T0)] == [keep.id]
    with pytest.raises(v.VeiviserError.InvalidInput):
        v.Drafts.open(str(tmp_path / "other"), b"short", T0)
