"""Who to call, at fixed instants, and search — through the generated Python bindings, over the
directory and places synced from a real veiviser-server (the demo content). The contacts calls
return the core's `ContactsView` and search the core's `SearchResultsView` (the screens)."""

from __future__ import annotations

import datetime

import pytest

import veiviser_core as core
import veiviser_ffi as v
from conftest import run_sync

UTC = datetime.timezone.utc
WEDNESDAY_MORNING = datetime.datetime(2026, 11, 25, 9, 0, tzinfo=UTC)  # 10:00 in Oslo
WEDNESDAY_NIGHT = datetime.datetime(2026, 11, 25, 22, 0, tzinfo=UTC)  # 23:00 in Oslo
CONSTITUTION_DAY = datetime.datetime(2027, 5, 17, 9, 0, tzinfo=UTC)  # a Monday, 11:00 in Oslo


@pytest.fixture
def store(server, open_store):
    s = open_store()
    run_sync(s, server.url)
    return s


def ids(answer):
    return [c.service_id for c in answer.contacts]


def test_office_first_on_a_weekday_morning(store):
    a = store.contacts_for_area("0301", None, core.ContactRole.BARNEHUS, WEDNESDAY_MORNING, False, core.Lang.NB)
    assert a.at == "2026-11-25T10:00:00+01:00" and a.role == core.ContactRole.BARNEHUS and not a.urgent
    first = a.contacts[0]
    assert first.service_id == "statens-barnehus-oslo"
    # The barnehus hours are an estimate (issue 10): listed first by day, never reported open.
    assert first.reason == core.AdviceReason.PRIMARY and first.state == core.OpenState.HOURS_NOT_CONFIRMED
    phone = first.channels[0]
    assert phone.kind == core.ChannelKind.PHONE and phone.hours_text == "man–fre 08:00–15:30"
    assert phone.uri.startswith("tel:")
    assert first.last_verified == "2026-11-22" and not first.stale
    assert first.last_verified_text.endswith("2026-11-22")
    assert a.kommune == core.KommuneSummary(kommunenummer="0301", name="Oslo")
    assert a.lang == core.Lang.NB and a.heading.startswith("Hvem du kontakter:")


def test_after_hours_fallback_first_at_night_and_on_17_may(store):
    night = store.contacts_for_area("0301", None, core.ContactRole.BARNEHUS, WEDNESDAY_NIGHT, False, core.Lang.NB)
    assert night.contacts[0].service_id == "alarmtelefonen"
    assert night.contacts[0].reason == core.AdviceReason.AFTER_HOURS
    office = next(c for c in night.contacts if c.service_id == "statens-barnehus-oslo")
    assert office.state == core.OpenState.HOURS_NOT_CONFIRMED, "an estimate is never closed either"
    assert office.channels[0].closed_reason is None and office.channels[0].opens_at is None
    holiday = store.contacts_for_area("0301", None, core.ContactRole.BARNEHUS, CONSTITUTION_DAY, False, core.Lang.NB)
    assert holiday.contacts[0].service_id == "alarmtelefonen"
    closed = next(c for c in holiday.contacts if c.service_id == "statens-barnehus-oslo").channels[0]
    assert closed.state == core.OpenState.HOURS_NOT_CONFIRMED and closed.closed_reason is None
    assert core.NoticeCode.OFFICE_CLOSED not in [n.code for n in holiday.notices]


def test_a_postcode_that_does_not_settle_the_bydel_gives_candidates(store):
    a = store.contacts_for_postcode("0582", core.ContactRole.BARNEVERN, WEDNESDAY_MORNING, True, core.Lang.NB)
    assert (a.postcode.postnummer, a.postcode.poststed, a.postcode.kategori) == (
        "0582", "Oslo", core.PostcodeCategory.STREET)
    assert sorted(b.name for b in a.bydel_candidates) == ["Alna", "Bjerke"]
    assert a.bydel is None
    assert core.NoticeCode.BYDEL_NOT_SETTLED in [n.code for n in a.notices]
    # Urgent step: emergency numbers first, all of them from the nødnummer role.
    assert a.urgent and a.contacts[0].reason == core.AdviceReason.URGENT
    assert a.contacts[0].role == core.ContactRole.NODNUMMER
    assert "barnevernvakten-oslo" in ids(a)


def test_a_settled_bydel_and_the_national_fallback(store):
    a = store.contacts_for_area("0301", "02", core.ContactRole.BARNEVERN, WEDNESDAY_MORNING, False, core.Lang.EN)
    assert a.bydel == core.BydelSummary(kommunenummer="0301", bydelsnummer="02", name="Grünerløkka", area_id="0301-02")
    local = next(c for c in a.contacts if c.service_id == "barnevern-oslo-grunerlokka")
    assert local.locality == core.Locality.BYDEL and local.channels == []
    assert local.note_text and "not verified" in local.note_text and local.note.en == local.note_text
    # A municipality with no local entry: said plainly, and the national numbers are given.
    bergen = store.contacts_for_area("4601", None, core.ContactRole.BARNEVERN, WEDNESDAY_MORNING, False, core.Lang.EN)
    assert not bergen.verified_local_entry
    assert core.NoticeCode.NO_VERIFIED_LOCAL_ENTRY in [n.code for n in bergen.notices]
    assert "alarmtelefonen" in ids(bergen) and bergen.contacts
    assert all(n.message and n.message == n.text.en for n in bergen.notices)
    # "Now" is the default instant.
    now = store.contacts_for_area("4601", None, core.ContactRole.BARNEVERN, None, False, core.Lang.EN)
    assert now.at[:4].isdigit() and now.contacts


def test_bad_postcode_is_an_error_with_a_message(store):
    with pytest.raises(v.VeiviserError.InvalidState) as err:
        store.contacts_for_postcode("12", core.ContactRole.BARNEVERN, None, False, core.Lang.NB)
    assert "4 digits" in err.value.detail


def test_search_folds_letters_and_tolerates_typos(store):
    results = store.search("grunerlokka", 5, core.Lang.NB)
    assert results.query == "grunerlokka" and results.empty_text is None
    hits = results.hits
    assert hits[0].kind == "bydel" and hits[0].name == "Grünerløkka" and hits[0].kind_label
    assert hits[0].quality == "exact" and hits[0].kommunenummer == "0301"
    baerum = store.search("baerum", 5, core.Lang.EN).hits[0]
    assert (baerum.kind, baerum.name, baerum.id) == ("kommune", "Bærum", "3201")
    typo = store.search("sagne", 5, core.Lang.NB).hits
    assert "Sagene" in [h.name for h in typo] and all(h.distance <= 2 for h in typo)
    assert len(store.search("a", 3, core.Lang.NB).hits) <= 3
    nothing = store.search("qqqqqqqq", 5, core.Lang.EN)
    assert nothing.hits == [] and nothing.empty_text and "qqqqqqqq" in nothing.empty_text
