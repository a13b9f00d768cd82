"""Fixtures for the Python binding tests: a real veiviser-server on a loopback port, the demo
trusted key, and helpers that call the generated `veiviser_ffi` module (the façade) the way an app
would; the core's records and enums come from the `veiviser_core` module beside it.

Environment (set by scripts/test-bindings.sh; the defaults suit a run from the repo root):
  VEIVISER_SERVER_BIN   the veiviser-server binary (default: target/debug/veiviser-server)
  PYTHONPATH            must contain bindings/generated/python (both generated modules + library)
"""

from __future__ import annotations

import asyncio
import json
import os
import subprocess
import threading
import time
import urllib.request
from pathlib import Path

import pytest

import veiviser_ffi as v

REPO = Path(__file__).resolve().parents[3]
CONTENT = REPO / "server" / "content"
DEMO_GUIDE = CONTENT / "guides" / "fra-bekymring-til-handling.toml"
DEMO_TRUSTED_KEYS = CONTENT / "keys" / "DEMO-ONLY-trusted-keys.toml"
GUIDE_ID = "fra-bekymring-til-handling"
# Every sync in these tests is bounded, so a deadlock fails the test instead of hanging CI.
SYNC_TIMEOUT = 60


def server_bin() -> Path:
    path = Path(os.environ.get("VEIVISER_SERVER_BIN", REPO / "target" / "debug" / "veiviser-server"))
    if not path.is_file():
        raise RuntimeError(f"{path} not found: build it with `cargo build -p veiviser-server` or set VEIVISER_SERVER_BIN")
    return path


class Server:
    """`veiviser-server serve --demo` on 127.0.0.1:0, with its data folder."""

    def __init__(self, data: Path, *extra: str):
        self.data = data
        self.proc = subprocess.Popen(
            [str(server_bin()), "serve", "--demo", "--data", str(data), "--listen", "127.0.0.1:0",
             "--rescan-secs", "1", *extra],
            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True,
        )
        line: list[str] = []
        reader = threading.Thread(target=lambda: line.append(self.proc.stdout.readline()), daemon=True)
        reader.start()
        reader.join(30)
        first = line[0].strip() if line else ""
        if not first.startswith("listening on http://"):
            self.stop()
            raise RuntimeError(f"veiviser-server did not start (first line: {first!r})")
        self.url = first.removeprefix("listening on ")

    def latest(self) -> dict:
        with urllib.request.urlopen(self.url + "/v1/latest", timeout=10) as resp:
            return json.load(resp)

    def publish(self, *files: Path) -> int:
        """Publishes files with `veiviser-server import` and waits until the server serves them."""
        before = self.latest()["sequence"]
        subprocess.run(
            [str(server_bin()), "import", "--data", str(self.data), "--demo", "--actor", "binding-tests",
             *map(str, files)],
            check=True, stdout=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            now = self.latest()["sequence"]
            if now > before:
                return now
            time.sleep(0.2)
        raise RuntimeError("the server did not pick up the imported content within 20 s")

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()


@pytest.fixture
def server(tmp_path: Path):
    """A fresh demo server per test (tests may publish new content to it)."""
    srv = Server(tmp_path / "server-data")
    yield srv
    srv.stop()


@pytest.fixture
def trusted_keys() -> str:
    return DEMO_TRUSTED_KEYS.read_text(encoding="utf-8")


@pytest.fixture
def open_store(tmp_path: Path, trusted_keys: str):
    """Opens the device store in a folder of this test (the same folder unless told otherwise)."""

    def _open(folder: str = "device", **options) -> v.Veiviser:
        return v.Veiviser.open(str(tmp_path / folder), v.OpenOptions(trusted_keys=trusted_keys, **options))

    return _open


def run_sync(store: v.Veiviser, url: str, **kwargs) -> v.SyncReport:
    """`await store.sync(...)` under asyncio, the way a Python app would call it."""

    async def _go():
        return await asyncio.wait_for(store.sync(url, **kwargs), SYNC_TIMEOUT)

    return asyncio.run(_go())


def edited_guide(tmp_path: Path, revision: int, title_suffix: str = " (revidert)", extra: str = "") -> Path:
    """The demo guide with a new revision and an edited title (same steps, so sessions replay)."""
    text = DEMO_GUIDE.read_text(encoding="utf-8")
    assert "\nrevision = 1\n" in text
    text = text.replace("\nrevision = 1\n", f"\nrevision = {revision}\n{extra}", 1)
    text = text.replace('"Jeg er bekymret"', f'"Jeg er bekymret{title_suffix}"', 1)
    out = tmp_path / f"guide-r{revision}" / DEMO_GUIDE.name
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(text, encoding="utf-8")
    return out


def export_demo_snapshot(tmp_path: Path) -> bytes:
    """The signed demo snapshot as an app would bundle it (`veiviser-server export --demo`)."""
    out = tmp_path / "bundled-snapshot.json"
    subprocess.run([str(server_bin()), "export", "--demo", "--out", str(out)], check=True,
                   stdout=subprocess.DEVNULL, cwd=REPO)
    return out.read_bytes()


def sequences(store: v.Veiviser) -> dict:
    return {a.collection: a.sequence for a in store.content_as_of()}
