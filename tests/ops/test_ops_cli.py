"""``mihani export`` and ``mihani backup create|verify|restore`` from the command line."""

from __future__ import annotations

import argparse
import csv
import getpass
import json

import openpyxl
import pytest
from ops_helpers import PASSPHRASE, enrol_some

from app import caravan
from app.cli import main as cli_main
from app.cli import ops_commands


@pytest.fixture
def run(monkeypatch):
    original = cli_main.build_parser

    def build():
        parser = original()
        sub = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
        if "export" not in sub.choices:  # until app/cli/main.py registers ops_commands
            ops_commands.register(sub)
        return parser

    monkeypatch.setattr(cli_main, "build_parser", build)
    return lambda *argv: cli_main.main([str(a) for a in argv])


def test_export_with_filters_in_both_languages(run, demo_ws, tmp_path, capsys):
    home = demo_ws.profile.home
    conn = demo_ws.store.read()
    commune, n = conn.execute(
        "SELECT commune_code, count(*) FROM artisan GROUP BY 1 ORDER BY 2 DESC LIMIT 1"
    ).fetchone()
    assert run("--home", home, "export", "--format", "xlsx", "--out", tmp_path / "c.xlsx",
               "--commune", commune) == 0  # fmt: skip
    assert f"{n} artisan(s) exporté(s)" in capsys.readouterr().out
    sheet = openpyxl.load_workbook(tmp_path / "c.xlsx").active
    assert sheet.max_row == n + 1 and sheet["A1"].value == "NIA"
    assert run("--home", home, "--lang", "ar", "export", "--format", "csv", "--delimiter", ",",
               "--out", tmp_path / "c.csv", "--query", "fatima", "--columns", "cin,status",
               "--status", "pending") == 0  # fmt: skip
    with (tmp_path / "c.csv").open(encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.reader(fh))
    assert rows[0] == ["رقم البطاقة الوطنية", "الوضعية (الرمز)", "الوضعية"]
    assert all(r[1] == "pending" for r in rows[1:]) and len(rows) > 1


def test_an_unknown_commune_is_a_clear_error(run, demo_ws, tmp_path, capsys):
    code = run("--home", demo_ws.profile.home, "export", "--format", "csv",
               "--out", tmp_path / "x.csv", "--commune", "99.999.99.9")  # fmt: skip
    assert code == 1
    assert "Erreur" in capsys.readouterr().err
    assert not (tmp_path / "x.csv").exists()


def test_export_of_a_caravan_session_by_its_uid_prefix(run, demo_ws, tmp_path, capsys):
    commune = demo_ws.geo.communes_in_region("07")[0].code
    s = caravan.open_session(demo_ws, name="Caravane Safi", commune_code=commune,
                             starts_on="2025-12-15", ends_on="2025-12-15", agents=["agent1"],
                             by="agent1")  # fmt: skip
    uids = enrol_some(demo_ws, 2, 5)
    home = demo_ws.profile.home
    assert run("--home", home, "export", "--format", "csv", "--out", tmp_path / "s.csv",
               "--columns", "uid", "--session", s.uid[:8]) == 0  # fmt: skip
    assert "2 artisan(s) exporté(s)" in capsys.readouterr().out
    with (tmp_path / "s.csv").open(encoding="utf-8-sig", newline="") as fh:
        assert {r[0] for r in list(csv.reader(fh, delimiter=";"))[1:]} == set(uids)
    assert run("--home", home, "export", "--format", "csv", "--out", tmp_path / "x.csv",
               "--session", "nope-not-a-session") == 1  # fmt: skip
    assert "Erreur" in capsys.readouterr().err and not (tmp_path / "x.csv").exists()


def test_backup_create_verify_restore(run, demo_ws, tmp_path, capsys):
    secret = tmp_path / "secret.txt"
    secret.write_text(PASSPHRASE + "\n", encoding="utf-8")
    home, out = demo_ws.profile.home, tmp_path / "usb.backup"
    assert run("--home", home, "backup", "create", "--out", out, "--passphrase-file", secret) == 0
    assert "Sauvegarde chiffrée écrite" in capsys.readouterr().out
    assert run("backup", "verify", out, "--passphrase-file", secret, "--json") == 0
    report = json.loads(capsys.readouterr().out)
    assert report["ok"] and report["counts"]["artisan"] == 604
    new = tmp_path / "new"
    assert run("backup", "restore", out, "--home", new, "--passphrase-file", secret) == 0
    said = capsys.readouterr().out
    assert "restaurée" in said and "enregistré à nouveau" in said
    assert run("--home", new, "status", "--json") == 0
    assert json.loads(capsys.readouterr().out)["artisans"] == 604
    assert run("backup", "restore", out, "--home", new, "--passphrase-file", secret) == 1
    assert "existe déjà" in capsys.readouterr().err


def test_wrong_passphrase_from_the_prompt(run, demo_ws, tmp_path, capsys, monkeypatch):
    answers = iter([PASSPHRASE, PASSPHRASE, "not the one at all"])
    monkeypatch.setattr(getpass, "getpass", lambda prompt="": next(answers))
    out = tmp_path / "b.backup"
    assert run("--home", demo_ws.profile.home, "backup", "create", "--out", out) == 0
    assert run("--lang", "ar", "backup", "restore", out, "--home", tmp_path / "n") == 1
    assert "العبارة السرية غير صحيحة" in capsys.readouterr().err
    assert not (tmp_path / "n").exists()


def test_typed_passphrases_must_match(run, demo_ws, tmp_path, capsys, monkeypatch):
    answers = iter([PASSPHRASE, PASSPHRASE + "x"])
    monkeypatch.setattr(getpass, "getpass", lambda prompt="": next(answers))
    out = tmp_path / "b.backup"
    assert run("--home", demo_ws.profile.home, "backup", "create", "--out", out) == 1
    assert "diffèrent" in capsys.readouterr().err and not out.exists()
