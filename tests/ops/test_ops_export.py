"""Exports hold exactly the rows of the register view they come from, in the order it shows
them, with headers in the UI's language, whether read back as CSV or with openpyxl."""

from __future__ import annotations

import csv
import json
import tempfile
from pathlib import Path

import openpyxl
import pytest
from ops_helpers import enrol_some

from app import caravan
from app.errors import UserFacingError
from app.exports import ExportCancelled, export_file, export_rows
from app.exports.writers import neutralise
from app.i18n import tr
from ui.pages.register.source import Query, fetch

COLUMNS = ["uid", "cin", "last_name_lat", "first_name_ar", "commune_code", "activity_code",
           "category", "status", "years_practice"]  # fmt: skip


def view_uids(ws, text: str, filters: dict) -> list[str]:
    """The register page's own paging (ui/pages/register/source.py), page after page."""
    query, uids, offset, after = Query(text, filters), [], 0, None
    while True:
        page = fetch(ws, query, 100, offset, after)
        uids += [r["uid"] for r in page.rows]
        if page.done:
            return uids
        offset, after = page.next_offset, page.after_id


def views(ws) -> list[tuple[str, dict]]:
    conn = ws.store.read()
    commune = conn.execute(
        "SELECT commune_code FROM artisan GROUP BY 1 ORDER BY count(*) DESC LIMIT 1"
    ).fetchone()[0]
    cin = conn.execute("SELECT cin FROM artisan ORDER BY id LIMIT 1 OFFSET 17").fetchone()[0]
    return [
        ("", {}),
        ("", {"commune_code": commune}),
        ("", {"category": "experience", "status": "pending"}),
        ("fatima", {}),
        ("fat", {"category": "experience"}),
        ("فاطمة", {}),
        (cin, {}),
        ("zzzzqqq", {}),
    ]


def expected_row(ws, uid: str, lang: str) -> list[str]:
    rec = dict(ws.store.read().execute("SELECT * FROM artisan WHERE uid = ?", (uid,)).fetchone())
    return [
        rec["uid"], rec["cin"], rec["last_name_lat"], rec["first_name_ar"],
        rec["commune_code"], ws.geo.label(rec["commune_code"], lang),
        rec["activity_code"], ws.nomenclature.label(rec["activity_code"], lang),
        rec["category"], tr(f"category.{rec['category']}", lang),
        rec["status"], tr(f"status.{rec['status']}", lang),
        str(rec["years_practice"] if rec["years_practice"] is not None else ""),
    ]  # fmt: skip


def expected_header(lang: str) -> list[str]:
    def code(field):
        return tr("export.code_header", lang, label=tr(f"field.{field}", lang))

    return [
        tr("field.uid", lang), tr("field.cin", lang), tr("field.last_name_lat", lang),
        tr("field.first_name_ar", lang),
        code("commune_code"), tr("field.commune_code", lang),
        code("activity_code"), tr("field.activity_code", lang),
        code("category"), tr("field.category", lang),
        code("status"), tr("field.status", lang),
        tr("field.years_practice", lang),
    ]  # fmt: skip


def read_csv(path) -> list[list[str]]:
    assert path.read_bytes().startswith(b"\xef\xbb\xbf")  # the BOM Excel needs for Arabic
    with path.open(encoding="utf-8-sig", newline="") as fh:
        return list(csv.reader(fh, delimiter=";"))


def read_xlsx(path) -> tuple[list[list[str]], bool]:
    book = openpyxl.load_workbook(path)
    sheet = book.active
    rows = [["" if v is None else str(v) for v in row] for row in sheet.iter_rows(values_only=True)]
    return rows, bool(sheet.sheet_view.rightToLeft)


@pytest.mark.parametrize("lang", ["fr", "ar"])
def test_every_view_exports_exactly_its_rows_in_csv_and_xlsx(demo_ws, tmp_path, lang):
    ws = demo_ws
    header = expected_header(lang)
    assert header[0] != header[1]
    for n, (text, filters) in enumerate(views(ws)):
        uids = view_uids(ws, text, filters)
        want = [header] + [expected_row(ws, uid, lang) for uid in uids]
        kwargs = {"query": text, "filters": filters, "columns": COLUMNS, "lang": lang}
        got_csv = export_file(ws, tmp_path / f"v{n}.csv", "csv", agent="agent1", **kwargs)
        got_xlsx = export_file(ws, tmp_path / f"v{n}.xlsx", "xlsx", agent="agent1", **kwargs)
        assert got_csv.rows == got_xlsx.rows == len(uids)
        assert read_csv(tmp_path / f"v{n}.csv") == want, (text, filters)
        rows, rtl = read_xlsx(tmp_path / f"v{n}.xlsx")
        assert rows == want, (text, filters)
        assert rtl is (lang == "ar")
    assert len(view_uids(ws, "", {})) == 604  # the unfiltered view really is every artisan


def test_each_export_is_audited_with_who_what_filter_and_how_many(demo_ws, tmp_path):
    ws = demo_ws
    filters = {"category": "experience", "status": None}
    result = export_file(ws, tmp_path / "e.csv", "csv", agent="agent1", filters=filters)
    row = ws.store.read().execute("SELECT * FROM audit ORDER BY seq DESC LIMIT 1").fetchone()
    details = json.loads(row["details"])
    assert (row["action"], row["agent"]) == ("register.export", "agent1")
    assert details["filters"] == {"category": "experience"}
    assert details["rows"] == result.rows > 0
    assert details["format"] == "csv" and details["file"] == "e.csv"


def test_default_columns_give_codes_and_labels(demo_ws):
    rows = export_rows(demo_ws, "", {}, None, "fr")
    header = next(rows)
    first = next(rows)
    rows.close()
    assert len(header) == len(first) == len(set(header))
    assert "Commune" in header and "Commune (code)" in header
    assert "Référence provisoire" in header and "Créée le" in header


def test_export_rows_stream(demo_ws):
    rows = export_rows(demo_ws, "", {}, ["uid"], "fr")
    assert next(rows) == [tr("field.uid", "fr")]
    assert len(next(rows)) == 1  # one row at a time: nothing was read in advance
    rows.close()
    assert not demo_ws.store.read().in_transaction  # the snapshot's transaction ended


def test_cancel_leaves_no_file_and_no_audit(demo_ws, tmp_path):
    tmp_path = tmp_path / "out"
    tmp_path.mkdir()
    before = demo_ws.store.read().execute("SELECT count(*) FROM audit").fetchone()[0]
    sheets = set(Path(tempfile.gettempdir()).glob("openpyxl.*"))
    with pytest.raises(ExportCancelled):
        export_file(demo_ws, tmp_path / "x.xlsx", "xlsx", agent="agent1", cancelled=lambda: True)
    assert list(tmp_path.iterdir()) == []
    assert set(Path(tempfile.gettempdir()).glob("openpyxl.*")) <= sheets  # its rows: gone
    assert demo_ws.store.read().execute("SELECT count(*) FROM audit").fetchone()[0] == before


def test_unknown_filter_column_or_format_is_a_clear_error(demo_ws, tmp_path):
    tmp_path = tmp_path / "out"
    tmp_path.mkdir()
    for kwargs, msgid in (
        ({"filters": {"cin": "X"}}, "export.error.filter_unknown"),
        ({"columns": ["password"]}, "export.error.column_unknown"),
    ):
        with pytest.raises(UserFacingError) as err:
            export_file(demo_ws, tmp_path / "a.csv", "csv", agent="agent1", **kwargs)
        assert err.value.msgid == msgid
    with pytest.raises(UserFacingError) as err:
        export_file(demo_ws, tmp_path / "a.ods", "ods", agent="agent1")
    assert err.value.msgid == "export.error.format"
    assert list(tmp_path.iterdir()) == []


def test_formulas_never_run_when_opened():
    assert neutralise('=HYPERLINK("http://x")') == '\'=HYPERLINK("http://x")'
    assert neutralise("@SUM(A1)") == "'@SUM(A1)"
    assert neutralise("-2+3+cmd|' /C calc'!A0").startswith("'")
    assert neutralise("+212612345678") == "+212612345678"  # a phone stays a phone
    assert neutralise("Fès") == "Fès" and neutralise(12) == 12


def test_xlsx_keeps_a_formula_like_text_as_text(tmp_path):
    from app.exports.writers import XlsxWriter

    writer = XlsxWriter(tmp_path / "f.xlsx", "t", rtl=False)
    writer.header(["a", "b"])
    writer.row(["=1+1", 3])
    writer.close()
    sheet = openpyxl.load_workbook(tmp_path / "f.xlsx").active
    assert sheet["A2"].value == "=1+1" and sheet["A2"].data_type == "s"
    assert sheet["B2"].value == 3


def caravan_stop(ws, name: str, start: int, count: int) -> tuple[str, list[str]]:
    """A session in which ``count`` people are enrolled and one older artisan is edited
    (seen, not enrolled: not the session's); closed."""
    commune = ws.geo.communes_in_region("07")[0].code
    s = caravan.open_session(ws, name=name, commune_code=commune, starts_on="2025-12-15",
                             ends_on="2025-12-15", agents=["agent1"], by="agent1")  # fmt: skip
    uids = enrol_some(ws, count, start)
    old = dict(ws.store.read().execute("SELECT * FROM artisan ORDER BY id LIMIT 1").fetchone())
    ws.registry.update(old["uid"], {"workplace": f"Souk, {name}"}, "agent1", old["version"])
    caravan.close_session(ws, "agent1")
    return s.uid, uids


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_a_session_filtered_view_exports_exactly_the_session_s_rows(demo_ws, tmp_path, fmt):
    ws = demo_ws
    first, first_uids = caravan_stop(ws, "Caravane Chichaoua", 4, 3)
    second, _ = caravan_stop(ws, "Caravane Essaouira", 7, 2)
    elsewhere = ws.geo.communes_in_region("07")[0].code  # none of the second stop's
    ws.registry.set_status(first_uids[0], "validated", "agent1")
    pending = {u for u in first_uids if ws.store.read().execute(
        "SELECT status FROM artisan WHERE uid = ?", (u,)).fetchone()[0] == "pending"}  # fmt: skip
    cases = [
        ("", {"session_uid": first}, set(first_uids)),
        ("fatima", {"session_uid": first}, set(first_uids)),  # every Fatima, kept to the stop
        ("", {"session_uid": first, "status": "pending"}, pending),
        ("", {"session_uid": second, "commune_code": elsewhere}, set()),
    ]
    assert len(view_uids(ws, "fatima", {})) > len(first_uids) and 0 < len(pending) < 3
    for n, (text, filters, want) in enumerate(cases):
        uids = view_uids(ws, text, filters)  # the register page's own rows
        assert set(uids) == want, (text, filters)
        out = tmp_path / f"s{n}.{fmt}"
        got = export_file(ws, out, fmt, agent="agent1", query=text, filters=filters,
                          columns=["uid", "cin"])  # fmt: skip
        rows = read_csv(out) if fmt == "csv" else read_xlsx(out)[0]
        assert [r[0] for r in rows[1:]] == uids and got.rows == len(want)
    row = ws.store.read().execute("SELECT details FROM audit ORDER BY seq DESC LIMIT 1").fetchone()
    assert json.loads(row[0])["filters"]["session_uid"] == second
