"""Nomenclature files: versions, refusal of bad files, atomic installation."""

from __future__ import annotations

import copy
import json
from pathlib import Path

import pytest

from app.i18n import catalogue
from app.refdata import InvalidNomenclature, install_nomenclature, load_nomenclature
from app.refdata.nomenclature import DEFAULT_FOLDER

SHIPPED = DEFAULT_FOLDER / "nomenclature-2025.1.json"


@pytest.fixture(scope="module")
def base() -> dict:
    return json.loads(SHIPPED.read_text(encoding="utf-8"))


def with_version(doc: dict, version: str) -> dict:
    doc = copy.deepcopy(doc)
    doc["version"] = version
    return doc


def encode(doc: dict) -> bytes:
    return json.dumps(doc, ensure_ascii=False).encode("utf-8")


def write(folder: Path, version: str, doc: dict) -> Path:
    path = folder / f"nomenclature-{version}.json"
    path.write_bytes(encode(with_version(doc, version)))
    return path


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())} if folder.exists() else {}


def duplicate_code(doc):
    doc["activities"][1]["code"] = doc["activities"][0]["code"]


def orphan_activity(doc):
    doc["activities"][5]["branch"] = "P77"


def orphan_branch(doc):
    doc["branches"][2]["category"] = "X"


def missing_arabic(doc):
    doc["activities"][3]["ar"] = "  "


def missing_list(doc):
    del doc["activities"]


def bad_status(doc):
    doc["status"] = "draft"


def bad_version(doc):
    doc["version"] = "latest"


def branch_is_a_category(doc):
    doc["activities"][0]["branch"] = "P"


def version_escapes_folder(doc):
    doc["version"] = "../../2026.1"


def version_with_newline(doc):
    doc["version"] = "2026.1\n"


def code_not_a_string(doc):
    doc["activities"][0]["code"] = 17


def notice_not_an_object(doc):
    doc["notice"] = "indicative"


BREAKAGES = {
    duplicate_code: "refdata.nomenclature.duplicate_code",
    orphan_activity: "refdata.nomenclature.orphan_activity",
    orphan_branch: "refdata.nomenclature.orphan_branch",
    missing_arabic: "refdata.nomenclature.missing_name",
    missing_list: "refdata.nomenclature.bad_shape",
    bad_status: "refdata.nomenclature.bad_status",
    bad_version: "refdata.nomenclature.bad_version",
    branch_is_a_category: "refdata.nomenclature.orphan_activity",
    version_escapes_folder: "refdata.nomenclature.bad_version",
    version_with_newline: "refdata.nomenclature.bad_version",
    code_not_a_string: "refdata.nomenclature.bad_code",
    notice_not_an_object: "refdata.nomenclature.bad_shape",
}


def broken(base: dict, breakage) -> dict:
    doc = with_version(base, "2026.1")
    breakage(doc)
    return doc


def assert_clear(error: InvalidNomenclature, msgid: str) -> None:
    assert error.msgid == msgid
    assert msgid in catalogue("fr") and msgid in catalogue("ar")
    for lang in ("fr", "ar"):
        text = error.message(lang)
        assert "{" not in text and not text.startswith("refdata.")


@pytest.mark.parametrize("breakage", BREAKAGES, ids=lambda f: f.__name__)
def test_inconsistent_file_is_refused(tmp_path, base, breakage):
    path = tmp_path / "nomenclature-2026.1.json"
    path.write_bytes(encode(broken(base, breakage)))
    with pytest.raises(InvalidNomenclature) as info:
        load_nomenclature(path)
    assert_clear(info.value, BREAKAGES[breakage])
    assert "nomenclature-2026.1.json" in info.value.message("fr")


def test_duplicate_code_names_the_code(tmp_path, base):
    path = tmp_path / "nomenclature-2026.1.json"
    path.write_bytes(encode(broken(base, duplicate_code)))
    with pytest.raises(InvalidNomenclature) as info:
        load_nomenclature(tmp_path)
    assert "P01.001" in info.value.message("fr") and "P01.001" in info.value.message("ar")


@pytest.mark.parametrize(
    "payload", [b"{not json", b"", b"[1, 2]", b"\xff\xfe\x00garbage", b"null", b'"x"']
)
def test_file_that_is_not_a_nomenclature_is_refused(tmp_path, payload):
    (tmp_path / "nomenclature-2026.1.json").write_bytes(payload)
    with pytest.raises(InvalidNomenclature) as info:
        load_nomenclature(tmp_path)
    assert info.value.msgid in {
        "refdata.nomenclature.not_json",
        "refdata.nomenclature.not_utf8",
        "refdata.nomenclature.bad_shape",
    }
    assert_clear(info.value, info.value.msgid)


def test_not_json_says_where(tmp_path):
    (tmp_path / "nomenclature-2026.1.json").write_text('{\n  "version": }', encoding="utf-8")
    with pytest.raises(InvalidNomenclature) as info:
        load_nomenclature(tmp_path)
    assert info.value.msgid == "refdata.nomenclature.not_json"
    assert "ligne 2" in info.value.message("fr")


def test_version_in_name_must_match_content(tmp_path, base):
    (tmp_path / "nomenclature-2026.1.json").write_bytes(encode(with_version(base, "2026.2")))
    with pytest.raises(InvalidNomenclature) as info:
        load_nomenclature(tmp_path)
    assert_clear(info.value, "refdata.nomenclature.version_mismatch")


def test_empty_folder_is_a_clear_error(tmp_path):
    (tmp_path / "notes.json").write_text("{}", encoding="utf-8")
    with pytest.raises(InvalidNomenclature) as info:
        load_nomenclature(tmp_path)
    assert_clear(info.value, "refdata.nomenclature.not_found")


def test_newest_version_wins(tmp_path, base):
    for version in ("2025.1", "2025.9", "2025.10", "2024.3"):
        write(tmp_path, version, base)
    (tmp_path / ".nomenclature-2099.1.json.part").write_text("partial", encoding="utf-8")
    assert load_nomenclature(tmp_path).version == "2025.10"
    write(tmp_path, "2026.1", base)
    assert load_nomenclature(tmp_path).version == "2026.1"


def test_extra_folder_newer_than_bundled(tmp_path, base):
    assert load_nomenclature(extra_folders=[tmp_path]).version == "2025.1"
    write(tmp_path, "2025.2", base)
    assert load_nomenclature(extra_folders=[tmp_path]).version == "2025.2"
    assert load_nomenclature(extra_folders=[tmp_path / "absent"]).version == "2025.1"


def test_load_a_given_file(tmp_path, base):
    older = write(tmp_path, "2020.1", base)
    write(tmp_path, "2021.1", base)
    assert load_nomenclature(older).version == "2020.1"
    assert load_nomenclature(str(older)).source == older


def test_labels_change_codes_stay(tmp_path, base):
    doc = with_version(base, "2026.1")
    doc["activities"][0]["fr"] = "Menuiserie d'art"
    write(tmp_path, "2026.1", doc)
    nom = load_nomenclature(tmp_path)
    assert nom.label("P01.001", "fr") == "Menuiserie d'art"


def test_install_writes_atomically_and_is_picked_up(tmp_path, base):
    folder = tmp_path / "nomenclature"
    data = encode(with_version(base, "2026.1"))
    path = install_nomenclature(data, folder)
    assert path == folder / "nomenclature-2026.1.json"
    assert path.read_bytes() == data
    assert [p.name for p in folder.iterdir()] == [path.name]  # no temporary file left
    assert load_nomenclature(folder).version == "2026.1"
    assert install_nomenclature(data, folder) == path  # the same again: a no-op


def test_install_refuses_changing_a_published_version(tmp_path, base):
    data = encode(with_version(base, "2026.1"))
    install_nomenclature(data, tmp_path)
    before = snapshot(tmp_path)
    changed = with_version(base, "2026.1")
    changed["activities"][0]["fr"] = "Autre chose"
    with pytest.raises(InvalidNomenclature) as info:
        install_nomenclature(encode(changed), tmp_path)
    assert_clear(info.value, "refdata.nomenclature.version_exists")
    assert snapshot(tmp_path) == before


@pytest.mark.parametrize("breakage", BREAKAGES, ids=lambda f: f.__name__)
def test_install_refuses_bad_payload_and_leaves_folder_untouched(tmp_path, base, breakage):
    write(tmp_path, "2025.1", base)
    before = snapshot(tmp_path)
    with pytest.raises(InvalidNomenclature) as info:
        install_nomenclature(encode(broken(base, breakage)), tmp_path)
    assert_clear(info.value, BREAKAGES[breakage])
    assert snapshot(tmp_path) == before
    assert load_nomenclature(tmp_path).version == "2025.1"


def test_install_refuses_non_json_and_creates_nothing(tmp_path):
    folder = tmp_path / "not-yet"
    for payload in (b"<html>502 Bad Gateway</html>", b"", "{]"):
        with pytest.raises(InvalidNomenclature):
            install_nomenclature(payload, folder)
    assert not folder.exists()
