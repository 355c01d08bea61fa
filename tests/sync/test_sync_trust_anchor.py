"""Before a laptop hands a central service the agent's password and its own keys: the
address must be https (plain http only on this computer's loopback), and the root key the
server sends must be the national root pinned in the installation, when one is pinned.
A refused server keeps nothing of the laptop: no registration, no root, no token."""

from __future__ import annotations

import contextlib
import hashlib
import io
import json

import pytest

from app.credentials import raw_public_key
from app.i18n import tr
from central.cli import main as central_cli
from sync import secrets
from sync.config import Registration
from sync.errors import SyncError
from sync.register import register_laptop
from sync.trust_anchor import check_root, check_server


def _nothing_kept(lap) -> None:
    home = lap.ws.profile.home
    assert Registration.load(home) is None
    assert not (home / "central" / "root-public.hex").exists()
    assert secrets.refresh_token(lap.ws.profile.profile_id, lap.username) is None


@pytest.mark.parametrize(
    "url",
    ["http://rna.example.ma", "http://10.0.0.5:8000", "ftp://rna.example.ma", "rna.example.ma",
     "https://", "file:///etc/passwd"],
)  # fmt: skip
def test_an_address_the_password_must_not_travel_to_is_refused(url):
    with pytest.raises(SyncError) as err:
        check_server(url)
    assert err.value.msgid == "sync.error.server_insecure"
    assert "https://" in tr(err.value.msgid, "fr", **err.value.params)
    assert "https://" in tr(err.value.msgid, "ar", **err.value.params)


@pytest.mark.parametrize(
    "url", ["https://rna.artisanat.gov.ma", "http://127.0.0.1:8000", "http://localhost:9"]
)
def test_https_and_this_computers_loopback_are_accepted(url):
    check_server(url)


def test_registration_over_plain_http_to_another_host_sends_nothing(site):
    lap = site.laptop("plain-http", register=False)
    with pytest.raises(SyncError) as err:
        register_laptop(lap.ws, "http://rna.example.ma", "ABCD-EFGH", lap.username, "pw")
    assert err.value.msgid == "sync.error.server_insecure"
    _nothing_kept(lap)


def test_a_server_with_another_root_key_is_refused_before_the_password(site, monkeypatch):
    monkeypatch.setenv("MIHANI_ROOT_SHA256", "ab" * 32)
    lap = site.laptop("rogue-root", register=False)
    with pytest.raises(SyncError) as err:
        lap.register()
    assert err.value.msgid == "sync.error.root_unknown"
    assert err.value.params["expected"] == "ab" * 8
    assert "superviseur" in tr(err.value.msgid, "fr", **err.value.params)
    _nothing_kept(lap)


def test_the_pinned_national_root_is_accepted(site, monkeypatch):
    root = site.admin.keys.need_root()
    pin = hashlib.sha256(raw_public_key(root)).hexdigest()
    monkeypatch.setenv("MIHANI_ROOT_SHA256", pin.upper())
    lap = site.laptop("pinned-root")
    assert Registration.load(lap.ws.profile.home) is not None


def test_the_root_made_by_the_operator_prints_the_fingerprint_to_pin(tmp_path, monkeypatch):
    monkeypatch.setenv("MIHANI_CENTRAL_ROOT_PASSPHRASE", "a long root passphrase 42")
    out = tmp_path / "root.pem"
    printed = io.StringIO()
    with contextlib.redirect_stdout(printed):
        assert central_cli(["keys", "init-root", "--out", str(out)]) == 0
    made = json.loads(printed.getvalue())
    assert (
        made["root_public_sha256"] == hashlib.sha256(bytes.fromhex(made["public_key"])).hexdigest()
    )
    monkeypatch.setenv("MIHANI_ROOT_SHA256", made["root_public_sha256"])
    check_root(made["public_key"])  # the pinned root passes
    with pytest.raises(SyncError):
        check_root("00" * 32)


def test_a_sync_to_another_address_in_plain_http_is_refused(site):
    lap = site.laptop("override")
    lap.enrol()
    with pytest.raises(SyncError) as err:
        lap.sync("http://rna.example.ma")
    assert err.value.msgid == "sync.error.server_insecure"
    pending = lap.ws.store.read().execute("SELECT count(*) FROM outbox").fetchone()[0]
    assert pending == 1  # nothing left the laptop; the enrolment waits for a good address


def test_the_installations_pin_file_is_read_and_an_empty_one_pins_nothing(tmp_path, monkeypatch):
    from sync import trust_anchor

    monkeypatch.delenv("MIHANI_ROOT_SHA256", raising=False)
    pin_file = tmp_path / "root-public.sha256"
    monkeypatch.setattr(trust_anchor, "PIN_FILE", pin_file)
    assert trust_anchor.pinned_root() is None  # no file: a pilot build
    pin_file.write_text("  \n", encoding="ascii")
    assert trust_anchor.pinned_root() is None
    pin_file.write_text("AB" * 32 + "  national root, 2026\n", encoding="ascii")
    assert trust_anchor.pinned_root() == "ab" * 32
    with pytest.raises(SyncError) as err:
        check_root("00" * 32)
    assert err.value.msgid == "sync.error.root_unknown"
