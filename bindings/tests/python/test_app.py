"""The staff app (`veiviser_ffi.App`, the core's `App::dispatch`) through the real library, the way
a shell drives it: every user action is an `Event` with the current instant, every frame an
`AppView`. Content comes from a real server on loopback (or, offline, from the bundled snapshot
only). The Kotlin suite runs the same flows (BindingTest.kt, "app: ...").
"""

from __future__ import annotations

import datetime
import gc
from pathlib import Path

import pytest

import veiviser_core as core
import veiviser_ffi as v
from conftest import export_demo_snapshot, run_sync

VIOLENCE = "mistanke-om-vold-og-overgrep"
OSLO = datetime.timezone(datetime.timedelta(hours=1))  # CET: no summer time in December
WEDNESDAY_10 = datetime.datetime(2026, 12, 2, 10, 0, tzinfo=OSLO)
WEDNESDAY_03 = datetime.datetime(2026, 12, 2, 3, 0, tzinfo=OSLO)


def send(app: v.App, now: datetime.datetime, action: core.Action) -> core.AppView:
    return app.dispatch(core.Event(now=now.astimezone(datetime.timezone.utc), action=action))


def persisted(view: core.AppView) -> str:
    """The state the shell must save: the last effect of every frame is PersistState."""
    last = view.effects[-1]
    assert isinstance(last, core.Effect.PERSIST_STATE), view.effects
    return last.json


def numbers(view: core.AppView) -> core.NumberListView:
    if isinstance(view.screen, core.Screen.GUIDE_STEP):
        return view.screen.step.numbers
    assert isinstance(view.screen, core.Screen.CONTACTS), view.screen
    return view.screen.contacts.numbers


def walk_to_violence_step(app: v.App, now: datetime.datetime) -> core.AppView:
    """Opens the violence/abuse guide and answers like a user who is unsure: step A-ANONYM."""
    send(app, now, core.Action.OPEN_GUIDE(guide_id=VIOLENCE))
    send(app, now, core.Action.NEXT())
    send(app, now, core.Action.ANSWER(option_id="nei"))
    send(app, now, core.Action.NEXT())
    view = send(app, now, core.Action.ANSWER(option_id="usikker"))
    assert view.screen.step.step.id == "A-ANONYM"
    return view


def choose_bjerke_from_picker(app: v.App, now: datetime.datetime, purpose: core.AreaPurpose) -> core.AppView:
    """Types 0582 on the area screen and picks Bjerke from the bydel picker."""
    send(app, now, core.Action.OPEN_AREA(purpose=purpose))
    view = send(app, now, core.Action.SEARCH_AREA(query="0582"))
    assert isinstance(view.screen, core.Screen.AREA), view.screen
    picker = view.screen.area.bydel_picker
    assert picker is not None, "0582 spans several bydeler"
    labels = [c.label for c in picker.choices]
    assert "Bjerke" in labels and len(labels) >= 2, labels
    bjerke = next(c for c in picker.choices if c.label == "Bjerke")
    return send(app, now, bjerke.action)


@pytest.fixture
def synced_store(server, open_store):
    store = open_store()
    run_sync(store, server.url)
    return store


def test_first_launch_offline_shows_the_acute_bar_first(tmp_path: Path, trusted_keys: str):
    snapshot = export_demo_snapshot(tmp_path)
    store = v.Veiviser.open(str(tmp_path / "fresh"), v.OpenOptions(trusted_keys=trusted_keys, bundled_snapshot=snapshot))
    app = v.App(store, None)
    view = send(app, WEDNESDAY_10, core.Action.LAUNCH())
    assert view.screen_id == core.ScreenId.HOME
    assert [c.number for c in view.acute_bar.calls] == ["112", "113", "116 111"]
    assert [c.tel_uri for c in view.acute_bar.calls] == ["tel:112", "tel:113", "tel:116111"]
    for call in view.acute_bar.calls:
        assert call.call.action == core.Action.CALL(tel_uri=call.tel_uri)
        assert call.number.replace(" ", "") in call.call.accessibility_label.replace(" ", "")
    home = view.screen.home
    # No dialog in front: the guides are listed and nothing is asked.
    assert home.guides and all(g.open is not None for g in home.guides)
    assert VIOLENCE in [g.guide_id for g in home.guides]
    # A tap on 116 111 asks the shell to open the dialler, never to dial by itself.
    view = send(app, WEDNESDAY_10, view.acute_bar.calls[2].call.action)
    assert view.effects[0] == core.Effect.DIAL(tel_uri="tel:116111")
    assert app.state_json() == persisted(view)


def test_violence_step_in_bjerke_on_a_weekday_morning(synced_store):
    app = v.App(synced_store, None)
    view = walk_to_violence_step(app, WEDNESDAY_10)
    before = numbers(view)
    assert not before.has_area and before.skip_area is not None
    assert before.area_action.action == core.Action.OPEN_AREA(purpose=core.AreaPurpose.WALK)
    view = choose_bjerke_from_picker(app, WEDNESDAY_10, core.AreaPurpose.WALK)
    assert view.screen_id == core.ScreenId.GUIDE_STEP
    listed = numbers(view)
    assert "Bjerke" in listed.area_text
    by_uri = {e.tel_uri: e for e in listed.entries if e.tel_uri}
    for uri, name in [("tel:02800", "Politiet"), ("tel:22705650", "Statens barnehus Oslo"), ("tel:116111", None)]:
        entry = by_uri[uri]
        assert entry.call is not None and entry.call.action == core.Action.CALL(tel_uri=uri)
        if name:
            assert entry.title.startswith(name), entry.title
    assert [e.tel_uri for e in listed.entries].count("tel:116111") == 1
    bydel = next(e for e in listed.entries if e.service_id == "barnevern-oslo-bjerke")
    assert bydel.title == "Barneverntjenesten i bydel Bjerke"
    assert bydel.call is None and bydel.tel_uri is None and bydel.note_text
    # The area belongs to this walk only.
    state = persisted(view)
    assert '"default_area":null' in state.replace(" ", "")
    view = send(app, WEDNESDAY_10, core.Action.END_WALK())
    assert "0582" not in persisted(view)


def test_barnevern_by_day_and_by_night(synced_store):
    app = v.App(synced_store, None)
    choose_bjerke_from_picker(app, WEDNESDAY_10, core.AreaPurpose.DEFAULT)
    view = send(app, WEDNESDAY_10, core.Action.OPEN_CONTACTS(role=core.ContactRole.BARNEVERN))
    first, second = numbers(view).entries[:2]
    assert first.title == "Barneverntjenesten i bydel Bjerke"
    assert first.call is None and first.note_text
    assert second.title.startswith("Barnevernvakten") and second.tel_uri == "tel:116111"
    assert second.reason_text == "Hvis Barneverntjenesten i bydel Bjerke ikke svarer"
    view = send(app, WEDNESDAY_03, core.Action.LAUNCH())
    first = numbers(view).entries[0]
    assert first.title.startswith("Barnevernvakten")
    assert first.reason_text.lower() == "utenfor kontortid"


def test_postcode_2000_resolves_to_lillestrom_without_oslo_services(synced_store):
    app = v.App(synced_store, None)
    send(app, WEDNESDAY_10, core.Action.OPEN_AREA(purpose=core.AreaPurpose.DEFAULT))
    view = send(app, WEDNESDAY_10, core.Action.SEARCH_AREA(query="2000"))
    assert view.screen_id == core.ScreenId.HOME, view.screen
    assert "Lillestrøm" in view.screen.home.area_text
    view = send(app, WEDNESDAY_10, core.Action.OPEN_CONTACTS(role=core.ContactRole.BARNEVERN))
    listed = numbers(view)
    assert "Lillestrøm" in listed.area_text
    assert not any("oslo" in e.service_id for e in listed.entries), [e.service_id for e in listed.entries]
    assert any(n.code == core.NoticeCode.NO_VERIFIED_LOCAL_ENTRY for n in listed.notices)


def test_the_same_step_comes_back_after_closing_everything(server, open_store):
    store = open_store()
    run_sync(store, server.url)
    app = v.App(store, None)
    walk_to_violence_step(app, WEDNESDAY_10)
    view = choose_bjerke_from_picker(app, WEDNESDAY_10, core.AreaPurpose.WALK)
    saved = persisted(view)
    del app, store, view
    gc.collect()
    store = open_store()
    app = v.App(store, saved)
    view = send(app, WEDNESDAY_10, core.Action.LAUNCH())
    assert view.screen_id == core.ScreenId.GUIDE_STEP
    assert view.screen.step.step.id == "A-ANONYM"
    assert "Bjerke" in numbers(view).area_text
