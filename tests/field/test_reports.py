"""Report queries on a demo caravan stop, and the two PDF reports in both languages."""

from __future__ import annotations

import re
import zlib

import pypdfium2
import pytest

from app import caravan
from app.benefits import for_record, load_benefits
from app.reports import Scope, card_pipeline, day_report, per_day, per_session, session_report
from app.reports.demo import caravan_stop
from printing.benefits import load_benefits as printing_loader
from printing.reports import day_pdf, session_pdf


@pytest.fixture
def stop(ws, clock):
    return caravan_stop(ws, clock, days=2, per_day=12)


def test_queries(ws, stop):
    conn = ws.store.read()
    assert per_day(conn) == [("2025-12-15", 12), ("2025-12-16", 12)]
    assert per_day(conn, Scope(day="2025-12-16")) == [("2025-12-16", 12)]
    assert [s["enrolled"] for s in per_session(conn)] == [24]
    pipeline = card_pipeline(conn)
    assert sum(pipeline.values()) == stop["validated"]
    assert pipeline["handed_over"] == stop["validated"] // 5


def test_reports_share_their_charts_across_languages(ws, stop):
    fr = session_report(ws, stop["session_uid"], "fr")
    ar = session_report(ws, stop["session_uid"], "ar")
    assert [c.key for c in fr.charts] == [c.key for c in ar.charts]
    assert [c.total for c in fr.charts] == [c.total for c in ar.charts]
    assert dict(fr.figures)["Inscrits"] == 24
    day = day_report(ws, "2025-12-15", "ar")
    assert day.figures[0][1] == 12 and day.charts[0].key == "hour"


def _fonts(pdf: bytes) -> set[str]:
    return set(re.findall(rb"/BaseFont\s*/([A-Z]{6}\+[\w-]+)", pdf)) | {
        m
        for s in re.findall(rb"stream\r?\n(.*?)endstream", pdf, re.S)
        for m in re.findall(rb"/BaseFont\s*/([A-Z]{6}\+[\w-]+)", _inflate(s))
    }


def _inflate(data: bytes) -> bytes:
    try:
        return zlib.decompress(data)
    except zlib.error:
        return b""


@pytest.mark.parametrize("lang", ["fr", "ar"])
def test_pdfs_embed_their_fonts(ws, stop, lang):
    for pdf in (session_pdf(ws, stop["session_uid"], lang), day_pdf(ws, "2025-12-16", lang)):
        assert pdf.startswith(b"%PDF")
        assert b"/FontFile2" in pdf or b"FontFile2" in b"".join(
            _inflate(s) for s in re.findall(rb"stream\r?\n(.*?)endstream", pdf, re.S)
        )
        assert b"/Type /Font" in pdf or b"/Type/Font" in pdf
        assert b"Helvetica" not in pdf


def test_one_benefits_loader(ws, valid):
    assert printing_loader is load_benefits
    assert len(load_benefits().items) == 13
    rec = ws.registry.enrol(valid, "agent1").record
    shown = for_record(rec, None, "ar")
    assert len(shown["items"]) == 13 and not shown["open"] and shown["indicative"]
    assert for_record(rec, "handed_over", "fr")["open"]


def test_sessions_chart_counts_each_session_s_day(ws, stop):
    conn = ws.store.read()
    handed = card_pipeline(conn)["handed_over"]
    tally = ("enrolled", "badges_printed", "cards_handed_over")
    assert [tuple(s[k] for k in tally) for s in per_session(conn)] == [(24, 18, handed)]
    assert [tuple(s[k] for k in tally) for s in per_session(conn, "2025-12-15")] == [(12, 0, 0)]
    assert [tuple(s[k] for k in tally) for s in per_session(conn, "2025-12-16")] == [
        (12, 18, handed)  # the badges and handovers of the stop came on its last day
    ]
    day = day_report(ws, "2025-12-16", "fr")
    assert [c.key for c in day.charts][:2] == ["hour", "sessions"]
    chart = day.charts[1]
    assert chart.kind == "groups" and chart.items == (("Caravane Al Mihani", 12),)
    assert chart.values == ((12, 18, handed),)
    assert chart.legend == ("Inscrits", "Badges imprimés", "Cartes remises")
    assert "sessions" not in [c.key for c in day_report(ws, "2025-12-20", "fr").charts]
    assert "sessions" not in [c.key for c in session_report(ws, stop["session_uid"], "fr").charts]
    pipeline = next(c for c in day.charts if c.key == "pipeline")
    assert pipeline.kind == "hbar"  # labels beside the bars, in full
    two = [("Caravane Safi", "2025-12-01"), ("Caravane Safi", "2026-01-05"), ("Asni", "x")]
    assert caravan.display_names(two) == [
        "Caravane Safi (2025-12-01)",
        "Caravane Safi (2026-01-05)",
        "Asni",
    ]  # a name two sessions share gets their first days


@pytest.mark.parametrize("lang", ["fr", "ar"])
def test_the_day_pdf_draws_the_sessions_chart(ws, stop, lang):
    pdf = pypdfium2.PdfDocument(day_pdf(ws, "2025-12-16", lang))
    text = "".join(page.get_textpage().get_text_range() for page in pdf)
    assert text.count("Caravane Al Mihani") == 2  # in the header, and the chart's label
    if lang == "fr":
        assert "Par session de caravane" in text and "Badges imprimés" in text
