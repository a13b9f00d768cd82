"""Sync through the generated Python bindings against a real veiviser-server on loopback:
progress, cancellation, app-supplied transports, integrity failures, offline and backoff."""

from __future__ import annotations

import asyncio
import gc
import datetime
import gzip
import socket
import threading
import urllib.error
import urllib.request

import pytest

import veiviser_core as core
import veiviser_ffi as v
from conftest import (GUIDE_ID, SYNC_TIMEOUT, Server, edited_guide, export_demo_snapshot,
                      run_sync, sequences)

ALL_STAGES = [core.SyncStage.POLLING, core.SyncStage.FETCHING, core.SyncStage.STAGING,
              core.SyncStage.VERIFYING, core.SyncStage.APPLYING, core.SyncStage.DONE]


class Recorder(v.SyncListener):
    """Records every progress event, and the thread it arrived on."""

    def __init__(self):
        self.events: list[core.SyncProgress] = []
        self.threads: set[str] = set()

    def on_progress(self, progress):
        self.events.append(progress)
        self.threads.add(threading.current_thread().name)

    def stages(self):
        return [e.stage for e in self.events]


class UrllibTransport(v.HttpTransport):
    """An app's own network stack (here: urllib), used instead of the built-in client."""

    def __init__(self):
        self.urls: list[str] = []

    def send(self, request):
        self.urls.append(request.url)
        req = urllib.request.Request(request.url, headers={h.name: h.value for h in request.headers})
        try:
            with urllib.request.urlopen(req, timeout=30) as resp:
                status, headers, raw = resp.status, resp.getheaders(), resp.read()
        except urllib.error.HTTPError as e:  # non-2xx statuses are responses, not errors
            status, headers, raw = e.code, e.headers.items(), e.read()
        except OSError as e:
            raise v.VeiviserError.Offline(f"{request.url}: {e}")
        body = gzip.decompress(raw) if dict(headers).get("Content-Encoding") == "gzip" else raw
        return core.HttpResponse(status=status, headers=[core.HttpHeader(name=k, value=val) for k, val in headers],
                              body=body, wire_bytes=len(raw))


class TamperingProxy(v.HttpTransport):
    """A test proxy: forwards through the built-in transport and flips one byte inside a
    record of the `guides` changeset (the JSON stays valid; the signature must not)."""

    def __init__(self):
        self.inner = v.default_transport()
        self.tampered = 0

    def send(self, request):
        resp = self.inner.send(request)
        if "/collections/guides/changeset" in request.url and resp.status == 200:
            body = bytearray(resp.body)
            at = body.find(b"bekymret")
            assert at > 0, "expected guide text in the changeset"
            body[at] ^= 0x20  # b -> B
            resp.body = bytes(body)
            self.tampered += 1
        return resp


class ReplayProxy(v.HttpTransport):
    """A test proxy that records responses and can replay them later (a replay attack)."""

    def __init__(self):
        self.inner = v.default_transport()
        self.recorded: dict[str, core.HttpResponse] = {}
        self.replaying = False

    def send(self, request):
        path = request.url.split("?")[0].split("/v1/", 1)[1]
        if self.replaying:
            return self.recorded[path]
        resp = self.inner.send(request)
        self.recorded[path] = resp
        return resp


def guide_revision(store) -> int:
    return next(g for g in store.list_guides(core.Lang.NB).guides if g.id == GUIDE_ID).revision


def test_first_sync_then_not_modified(server, open_store):
    store = open_store()
    assert store.content_as_of() == [] and store.notices() == []
    rec = Recorder()
    report = run_sync(store, server.url, listener=rec)
    assert report.server == server.url and not report.poll_not_modified
    assert {c.collection: c.outcome for c in report.collections} == {
        core.ContentCollection.GUIDES: "full", core.ContentCollection.DIRECTORY: "full", core.ContentCollection.PLACES: "full"}
    assert report.requests == 4 and report.wire_bytes > 0 and report.needs_update == []
    assert all(c.sequence_before is None and c.sequence_after for c in report.collections)
    # Progress: every stage, in order, each collection fetched, on a background thread.
    stages = rec.stages()
    assert [s for i, s in enumerate(stages) if i == 0 or stages[i - 1] != s] == ALL_STAGES
    assert [e.collection for e in rec.events if e.stage == core.SyncStage.FETCHING] == [
        core.ContentCollection.GUIDES, core.ContentCollection.DIRECTORY, core.ContentCollection.PLACES]
    assert rec.events[-1].step == rec.events[-1].steps
    assert threading.main_thread().name not in rec.threads
    # Content as of: what the server published, from where.
    as_of = store.content_as_of()
    latest = server.latest()["collections"]
    assert {a.collection: a.sequence for a in as_of} == {
        core.ContentCollection.GUIDES: latest["guides"]["sequence"],
        core.ContentCollection.DIRECTORY: latest["directory"]["sequence"],
        core.ContentCollection.PLACES: latest["places"]["sequence"]}
    assert all(a.source == server.url and a.records > 0 for a in as_of)
    assert all(isinstance(a.published_at, datetime.datetime) for a in as_of)
    assert "sequence" in as_of[0].description
    again = run_sync(store, server.url)
    assert again.poll_not_modified and again.requests == 1


def test_listener_may_call_back_into_the_store_without_deadlock(server, open_store, tmp_path):
    store = open_store()
    run_sync(store, server.url)
    server.publish(edited_guide(tmp_path, revision=2))
    seen = {}

    class CallsBack(v.SyncListener):
        def on_progress(self, progress):
            # Reads, a guide session, even a whole nested sync, from inside the listener.
            seen.setdefault("as_of", []).append(sequences(store)[core.ContentCollection.GUIDES])
            seen.setdefault("guides", []).append(guide_revision(store))
            store.start_guide(GUIDE_ID, core.Lang.NB, None).next_step()
            assert store.contacts_for_area("0301", None, core.ContactRole.BARNEVERN, None, False, core.Lang.NB).contacts
            if progress.stage == core.SyncStage.VERIFYING:
                seen["nested"] = run_sync(store, server.url)
            if progress.stage == core.SyncStage.FETCHING:
                raise RuntimeError("a failing listener must not fail the sync")

    report = run_sync(store, server.url, listener=CallsBack())
    assert [c.outcome for c in report.collections if c.collection == core.ContentCollection.GUIDES] == ["delta"]
    # The nested sync ran to completion (after the outer one let go of the store).
    assert seen["nested"].requests >= 1
    assert seen["guides"][0] == 1 and guide_revision(store) == 2


def test_an_app_transport_carries_the_sync(server, open_store):
    store = open_store()
    transport = UrllibTransport()
    report = run_sync(store, server.url, transport=transport)
    assert transport.urls[0] == server.url + "/v1/latest"
    assert len(transport.urls) == report.requests == 4
    assert guide_revision(store) == 1


def test_tampered_response_raises_signature_invalid_and_keeps_old_content(server, open_store, tmp_path):
    store = open_store()
    run_sync(store, server.url)
    before = sequences(store)
    server.publish(edited_guide(tmp_path, revision=2))
    proxy = TamperingProxy()
    with pytest.raises(v.VeiviserError.SignatureInvalid) as err:
        run_sync(store, server.url, transport=proxy)
    assert proxy.tampered == 1
    assert err.value.collection == "guides" and "signature" in err.value.detail
    assert sequences(store) == before and guide_revision(store) == 1
    # The real content still arrives afterwards.
    run_sync(store, server.url)
    assert guide_revision(store) == 2


@pytest.mark.parametrize("stage", [core.SyncStage.STAGING, core.SyncStage.VERIFYING])
def test_cancel_mid_apply_keeps_old_content(server, open_store, tmp_path, stage):
    store = open_store()
    run_sync(store, server.url)
    before = sequences(store)
    server.publish(edited_guide(tmp_path, revision=2))
    handle = v.CancelHandle()
    rec = Recorder()

    class CancelAt(v.SyncListener):
        def on_progress(self, progress):
            rec.on_progress(progress)
            if progress.stage == stage:
                handle.cancel()

    with pytest.raises(v.VeiviserError.Cancelled):
        run_sync(store, server.url, listener=CancelAt(), cancel=handle)
    assert handle.is_cancelled()
    assert stage in rec.stages() and core.SyncStage.APPLYING not in rec.stages()
    assert sequences(store) == before and guide_revision(store) == 1
    report = run_sync(store, server.url, cancel=v.CancelHandle())
    assert guide_revision(store) == 2 and report.collections


def test_cancel_before_start_changes_nothing(server, open_store):
    store = open_store()
    handle = v.CancelHandle()
    assert not handle.is_cancelled()
    handle.cancel()
    transport = UrllibTransport()
    with pytest.raises(v.VeiviserError.Cancelled):
        run_sync(store, server.url, transport=transport, cancel=handle)
    assert transport.urls == [] and store.content_as_of() == []


def test_cancelling_the_asyncio_task_cancels_the_sync(server, open_store):
    store = open_store()
    entered = threading.Event()
    release = threading.Event()

    class SlowTransport(UrllibTransport):
        def send(self, request):
            entered.set()
            release.wait(SYNC_TIMEOUT)
            return super().send(request)

    slow = SlowTransport()

    async def scenario():
        task = asyncio.ensure_future(store.sync(server.url, transport=slow))
        while not entered.is_set():
            await asyncio.sleep(0.01)
        task.cancel()
        with pytest.raises(asyncio.CancelledError):
            await task

    asyncio.run(scenario())
    release.set()
    # The abandoned sync finishes its poll, sees the cancel and stops before fetching. A new
    # sync waits for it (one sync per store at a time); pre-cancelled, it then changes nothing.
    stop_now = v.CancelHandle()
    stop_now.cancel()
    with pytest.raises(v.VeiviserError.Cancelled):
        run_sync(store, server.url, cancel=stop_now)
    assert slow.urls == [server.url + "/v1/latest"]
    assert store.content_as_of() == []


def test_offline_server(open_store):
    store = open_store()
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    with pytest.raises(v.VeiviserError.Offline) as err:
        run_sync(store, f"http://127.0.0.1:{port}")
    assert str(port) in err.value.detail
    assert store.content_as_of() == []


def test_busy_server_means_backoff(tmp_path, open_store):
    busy = Server(tmp_path / "busy-data", "--max-in-flight", "0", "--retry-after", "7")
    try:
        store = open_store()
        with pytest.raises(v.VeiviserError.Backoff) as err:
            run_sync(store, busy.url)
        assert err.value.seconds == 7 and "7" in err.value.detail
        # The backoff is remembered: the next sync does not even contact the server.
        transport = UrllibTransport()
        with pytest.raises(v.VeiviserError.Backoff):
            run_sync(store, busy.url, transport=transport)
        assert transport.urls == []
    finally:
        busy.stop()


def test_replayed_old_content_is_a_rollback(server, open_store, tmp_path):
    store = open_store()
    proxy = ReplayProxy()
    run_sync(store, server.url, transport=proxy)
    server.publish(edited_guide(tmp_path, revision=2))
    run_sync(store, server.url)
    before = sequences(store)
    proxy.replaying = True
    with pytest.raises(v.VeiviserError.Rollback) as err:
        run_sync(store, server.url, transport=proxy)
    assert err.value.offered < err.value.seen == before[core.ContentCollection.GUIDES]
    assert sequences(store) == before and guide_revision(store) == 2


def test_untrusted_key_is_refused(server, tmp_path):
    other = v.Veiviser.open(str(tmp_path / "other"), v.OpenOptions(
        trusted_keys='other-0a1b2c3d = "LSsY7Lx6+3OiZSXYyGeCp/xSfrysjWsO6Nbb4Gcvv2g="\n'))
    with pytest.raises(v.VeiviserError.UntrustedKey) as err:
        run_sync(other, server.url)
    assert err.value.key_id == "demo-only-b6d92906"
    assert other.content_as_of() == []


def test_bad_options_and_folders(tmp_path, trusted_keys):
    with pytest.raises(v.VeiviserError.InvalidInput):
        v.Veiviser.open(str(tmp_path / "x"), v.OpenOptions(trusted_keys="this is not toml ="))
    a_file = tmp_path / "a-file"
    a_file.write_text("not a folder")
    with pytest.raises(v.VeiviserError.Storage):
        v.Veiviser.open(str(a_file), v.OpenOptions(trusted_keys=trusted_keys))
    with pytest.raises(v.VeiviserError.Storage):
        v.Veiviser.open(str(tmp_path / "y"), v.OpenOptions(trusted_keys=trusted_keys,
                                                           bundled_snapshot=b"{}"))


class CollectReports(v.ErrorReporter):
    """The app's error reporter: receives only the errors whose policy is "reported"."""

    def __init__(self):
        self.reports = []

    def report(self, report):
        self.reports.append(report)


def test_storage_errors_reach_the_error_reporter_but_offline_does_not(tmp_path, trusted_keys, open_store):
    store = open_store()
    reporter = CollectReports()
    v.set_error_reporter(reporter)
    try:
        a_file = tmp_path / "a-file"
        a_file.write_text("not a folder")
        with pytest.raises(v.VeiviserError.Storage):
            v.Veiviser.open(str(a_file), v.OpenOptions(trusted_keys=trusted_keys))
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            port = s.getsockname()[1]
        with pytest.raises(v.VeiviserError.Offline):
            run_sync(store, f"http://127.0.0.1:{port}")
    finally:
        v.set_error_reporter(None)
    assert [r.kind for r in reporter.reports] == ["Storage"]
    # No paths (they can name the user) in what is reported.
    assert str(tmp_path) not in reporter.reports[0].detail and "<path>" in reporter.reports[0].detail


def test_one_instance_per_folder(server, open_store):
    first = open_store()
    # Opening an open folder again returns the same instance (one per folder per process).
    second = open_store()
    run_sync(first, server.url)
    assert sequences(second) == sequences(first) and guide_revision(second) == 1


def test_bundled_snapshot_works_before_the_first_sync(server, open_store, tmp_path):
    bundled = export_demo_snapshot(tmp_path)
    server.stop()  # no network at all
    store = open_store(bundled_snapshot=bundled, max_content_age_days=36500)
    assert {a.source for a in store.content_as_of()} == {"bundled"}
    s = store.start_guide(GUIDE_ID, core.Lang.NB, None)
    assert s.next_step().id == "Q1"
    assert store.notices() == []


def test_a_damaged_store_is_rebuilt_from_the_bundled_snapshot(server, open_store, tmp_path):
    bundled = export_demo_snapshot(tmp_path)
    store = open_store(bundled_snapshot=bundled, max_content_age_days=36500)
    run_sync(store, server.url)
    del store
    gc.collect()  # the app is gone: the folder is closed
    for f in (tmp_path / "device" / "store").iterdir():
        if f.is_file():
            f.write_bytes(b"garbage" * 100)
    store = open_store(bundled_snapshot=bundled, max_content_age_days=36500)
    assert any("rebuilt" in n for n in store.notices()), store.notices()
    assert {a.source for a in store.content_as_of()} == {"bundled"}
    assert guide_revision(store) == 1
