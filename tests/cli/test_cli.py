"""The ``mihani`` command line, run as a user runs it: a real process on a real profile."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest


def mihani(home, *args, lang="fr"):
    return subprocess.run(
        [sys.executable, "-m", "app.cli.main", "--home", str(home), "--lang", lang, *args],
        capture_output=True,
        text=True,
        timeout=300,
    )


@pytest.fixture(scope="module")
def demo_home(tmp_path_factory):
    home = tmp_path_factory.mktemp("cli") / "h"
    out = mihani(home, "demo", "--artisans", "2000", "--region", "07")
    assert out.returncode == 0, out.stderr
    return home


def test_alaoui_in_both_scripts_finds_the_same_artisans(demo_home):
    ar = json.loads(mihani(demo_home, "search", "العلوي", "--json", "--limit", "200").stdout)
    lat = json.loads(mihani(demo_home, "search", "alaoui", "--json", "--limit", "200").stdout)
    ar_ids = {i["uid"] for i in ar["items"] if i["last_name_ar"] == "العلوي"}
    lat_ids = {i["uid"] for i in lat["items"] if i["last_name_ar"] == "العلوي"}
    assert ar_ids and ar_ids == lat_ids
    assert all("Alaoui" in i["last_name_lat"] for i in ar["items"] if i["uid"] in ar_ids)


def test_status_show_and_audit(demo_home):
    status = json.loads(mihani(demo_home, "status", "--json").stdout)
    assert status["artisans"] == 2000 and status["region"] == "07" and status["demo"]
    found = json.loads(mihani(demo_home, "search", "07-00000001-43", "--json").stdout)
    shown = json.loads(mihani(demo_home, "show", found["items"][0]["nia"], "--json").stdout)
    assert shown["nia"] == "07-00000001-43"
    audit = mihani(demo_home, "audit", "verify")
    assert audit.returncode == 0 and "intact" in audit.stdout


def test_enrol_a_file_prints_the_nia(demo_home, tmp_path):
    conn_commune = json.loads(mihani(demo_home, "show", "07-00000001-43", "--json").stdout)
    record = {
        "cin": "EE990001",
        "first_name_ar": "يوسف",
        "last_name_ar": "الإدريسي",
        "first_name_lat": "Youssef",
        "last_name_lat": "El Idrissi",
        "sex": "M",
        "birth_date": "1979-03-03",
        "commune_code": conn_commune["commune_code"],
        "category": "maalem",
        "activity_code": conn_commune["activity_code"],
        "years_practice": 25,
        "qualification_ref": "A-1",
        "consent_given": True,
    }
    path = tmp_path / "one.json"
    path.write_text(json.dumps(record, ensure_ascii=False), encoding="utf-8")
    out = mihani(demo_home, "enrol", str(path), "--json")
    assert out.returncode == 0, out.stderr
    (res,) = json.loads(out.stdout)
    assert res["ok"] and res["nia"].startswith("07-9")
    again = mihani(demo_home, "enrol", str(path))
    assert again.returncode == 1 and "EE990001" in again.stderr and "déjà inscrite" in again.stderr


def test_bad_records_in_a_list_are_reported_each_in_arabic(demo_home, tmp_path):
    path = tmp_path / "bad.json"
    path.write_text(json.dumps([{"cin": "12"}, {"cin": "EE1", "phone": "123"}]), encoding="utf-8")
    before = json.loads(mihani(demo_home, "status", "--json").stdout)
    out = mihani(demo_home, "enrol", str(path), lang="ar")
    assert out.returncode == 1
    assert "السجل 1 مرفوض" in out.stderr and "السجل 2 مرفوض" in out.stderr
    assert "رقم البطاقة الوطنية" in out.stderr and "رقم الهاتف" in out.stderr
    after = json.loads(mihani(demo_home, "status", "--json").stdout)
    assert after["artisans"] == before["artisans"] and after["pending"] == before["pending"]


DEEP = "[" * 100_000 + "]" * 100_000  # found by the reliability campaign: was a RecursionError


@pytest.mark.parametrize("content", ["{not json", "", "42", "[]", "\xff\xfe", DEEP])
def test_a_file_that_is_not_valid_json_is_refused(demo_home, tmp_path, content):
    path = tmp_path / "x.json"
    path.write_bytes(content.encode("latin-1"))
    out = mihani(demo_home, "enrol", str(path))
    assert out.returncode == 1
    assert "Erreur" in out.stderr and "Traceback" not in out.stderr


def test_missing_profile_is_explained(tmp_path):
    out = mihani(tmp_path / "nowhere", "search", "x")
    assert out.returncode == 1 and "mihani init" in out.stderr


def test_unknown_region_is_refused(tmp_path):
    out = mihani(tmp_path / "p", "init", "--region", "42")
    assert out.returncode == 1 and "01 à 12" in out.stderr
