"""The contacts screen is one object: what `veiviser contacts --json` prints (the real CLI binary)
is, field by field, the `ContactsView` the Python binding returns for the same postcode, role
and instant. Both read the same content: the binding syncs from the test server, and so does the
CLI (`veiviser sync --data DIR`, then `veiviser contacts --data DIR`). The Kotlin suite checks
the same (BindingTest.kt, "the contacts screen is the same object ...").

Environment: VEIVISER_CLI_BIN, the `veiviser` binary (set by scripts/test-bindings.sh; default
target/debug/veiviser).
"""

from __future__ import annotations

import copy
import datetime
import enum
import json
import os
import subprocess
from pathlib import Path

import pytest

import veiviser_core as core
from conftest import DEMO_TRUSTED_KEYS, REPO, run_sync

# The fixed query: a postcode that does not settle the bydel, a role, an instant.
POSTCODE = "0582"
ROLE = core.ContactRole.BARNEVERN
AT_TEXT = "2026-12-02T10:00:00+01:00"
AT = datetime.datetime(2026, 12, 2, 9, 0, tzinfo=datetime.timezone.utc)
# Keys only the CLI fills in: which files it read ("when the front end tells (the CLI does)").
CLI_ONLY = {"sources", "sources_text"}
# Enums whose serde id is not their variant name in lower case.
SERDE_IDS = {"PostcodeCategory": {"STREET": "G", "POST_BOX": "P", "BOTH": "B", "SERVICE": "S", "SEVERAL": "F"}}


def cli_bin() -> Path:
    path = Path(os.environ.get("VEIVISER_CLI_BIN", REPO / "target" / "debug" / "veiviser"))
    if not path.is_file():
        raise RuntimeError(f"{path} not found: build it with `cargo build -p veiviser` or set VEIVISER_CLI_BIN")
    return path


def cli(*args: str) -> str:
    return subprocess.run([str(cli_bin()), *args], check=True, capture_output=True, text=True, cwd=REPO).stdout


@pytest.fixture
def cli_data(server, tmp_path: Path) -> Path:
    """A CLI content folder synced from the same server as the binding's store."""
    data = tmp_path / "cli-data"
    cli("sync", "--server", server.url, "--data", str(data), "--trusted-keys", str(DEMO_TRUSTED_KEYS))
    return data


def cli_contacts_json(data: Path, lang: str) -> dict:
    return json.loads(cli("contacts", "--postnummer", POSTCODE, "--role", "barnevern", "--at", AT_TEXT,
                          "--lang", lang, "--data", str(data), "--trusted-keys", str(DEMO_TRUSTED_KEYS),
                          "--json"))


def plain(value):
    """A uniffi record as the JSON value serde writes for it: records as dicts (field names are
    the Rust names), enums as their serde ids, lists as lists."""
    if isinstance(value, enum.Enum):
        return SERDE_IDS.get(type(value).__name__, {}).get(value.name, value.name.lower())
    if value is None or isinstance(value, (bool, int, float, str)):
        return value
    if isinstance(value, (list, tuple)):
        return [plain(v) for v in value]
    return {k: plain(v) for k, v in vars(value).items()}


def differences(cli, binding, path="") -> list[str]:
    """Every place where the two differ; a key serde skips (absent) must be `None` in the record."""
    if isinstance(cli, dict) and isinstance(binding, dict):
        out = []
        for key in sorted(set(cli) | set(binding)):
            where = f"{path}.{key}" if path else key
            if key not in binding:
                out.append(f"{where}: only in the CLI's JSON")
            elif key not in cli:
                if binding[key] is not None:
                    out.append(f"{where}: only in the binding ({binding[key]!r})")
            else:
                out += differences(cli[key], binding[key], where)
        return out
    if isinstance(cli, list) and isinstance(binding, list):
        if len(cli) != len(binding):
            return [f"{path}: {len(cli)} items in the CLI's JSON, {len(binding)} in the binding"]
        return [d for i, (c, b) in enumerate(zip(cli, binding)) for d in differences(c, b, f"{path}[{i}]")]
    return [] if cli == binding and type(cli) is type(binding) else [f"{path}: CLI {cli!r} != binding {binding!r}"]


@pytest.fixture
def store(server, open_store):
    s = open_store()
    run_sync(s, server.url)
    return s


@pytest.mark.parametrize("lang", [core.Lang.NB, core.Lang.NN, core.Lang.EN])
def test_the_cli_json_is_the_binding_record(store, cli_data, lang):
    cli = cli_contacts_json(cli_data, lang.name.lower())
    assert CLI_ONLY <= set(cli), "the CLI says which data it read"
    view = store.contacts_for_postcode(POSTCODE, ROLE, AT, False, lang)
    assert view.sources is None and view.sources_text is None
    cli = {k: v for k, v in cli.items() if k not in CLI_ONLY}
    binding = plain(view)
    assert differences(cli, binding) == []
    # Not vacuous: the screen holds the query, the candidates and several contacts.
    assert (cli["at"], cli["role"], cli["postcode"]["postnummer"]) == (AT_TEXT, "barnevern", POSTCODE)
    assert len(cli["bydel_candidates"]) == 2 and len(cli["contacts"]) >= 2


def test_a_deliberate_mismatch_fails_the_comparison(store, cli_data):
    cli = {k: v for k, v in cli_contacts_json(cli_data, "nb").items() if k not in CLI_ONLY}
    view = store.contacts_for_postcode(POSTCODE, ROLE, AT, False, core.Lang.NB)
    binding = plain(view)
    assert differences(cli, binding) == []
    # A record changed in the app's language is caught...
    first = view.contacts[0]
    first.reason = core.AdviceReason.NATIONAL_FALLBACK if first.reason != core.AdviceReason.NATIONAL_FALLBACK \
        else core.AdviceReason.PRIMARY
    assert [d.split(":")[0] for d in differences(cli, plain(view))] == ["contacts[0].reason"]
    # ...and so is each kind of change to the object (a value, a list, a text, an enum id, a key).
    for mutate, where in [
        (lambda d: d["contacts"][0]["channels"][0].__setitem__("state", "bogus"), "contacts[0].channels[0].state"),
        (lambda d: d["notices"].pop(), "notices"),
        (lambda d: d.__setitem__("heading", d["heading"] + "!"), "heading"),
        (lambda d: d["postcode"].__setitem__("kategori", "P"), "postcode.kategori"),
        (lambda d: d.__setitem__("extra", "x"), "extra"),
    ]:
        changed = copy.deepcopy(binding)
        mutate(changed)
        found = differences(cli, changed)
        assert found and found[0].startswith(where), (where, found)
