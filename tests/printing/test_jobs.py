"""Print jobs: the CLI, progress, cancelling, refusals."""

from __future__ import annotations

import argparse

import pytest
from print_helpers import NOW

from app.errors import UserFacingError
from printing.cli import register
from printing.jobs import make_pdf
from printing.model import Cancelled


def cli(home, *argv: str) -> int:
    parser = argparse.ArgumentParser()
    register(parser.add_subparsers())
    args = parser.parse_args(list(argv))
    args.home = home
    return args.handler(args)


def test_cli_writes_a_pdf(world, tmp_path, capsys):
    ws, cases, _, _ = world
    out = tmp_path / "proofs.pdf"
    keys = [c["key"] for c in cases[:3]]
    assert cli(ws.profile.home, "print", "proof", *keys, "--out", str(out), "--sheet") == 0
    assert out.read_bytes().startswith(b"%PDF-")
    assert str(out) in capsys.readouterr().out


def test_cli_receipt_on_a_roll(world, tmp_path):
    ws, cases, _, _ = world
    out = tmp_path / "r.pdf"
    assert cli(ws.profile.home, "print", "receipt", cases[0]["key"], "--out", str(out),
               "--format", "roll80") == 0  # fmt: skip
    assert out.stat().st_size > 10_000


def test_an_unknown_artisan_is_a_clear_error_and_writes_nothing(world, tmp_path):
    ws, _, _, _ = world
    out = tmp_path / "x.pdf"
    with pytest.raises(UserFacingError) as caught:
        cli(ws.profile.home, "print", "badge", "07-99999999-99", "--out", str(out))
    assert caught.value.msgid == "error.not_found"
    assert not out.exists()


def test_receipts_are_not_imposed(world):
    ws, cases, _, _ = world
    with pytest.raises(UserFacingError) as caught:
        make_pdf(ws, "receipt", [cases[0]["key"]], imposed=True, now=NOW)
    assert caught.value.msgid == "print.error.sheet_not_for_receipt"


def test_progress_counts_to_the_end(world):
    ws, cases, _, _ = world
    seen: list[tuple[int, int]] = []
    keys = [c["key"] for c in cases[:5]]
    make_pdf(ws, "proof", keys, imposed=True, now=NOW, progress=lambda d, t: seen.append((d, t)))
    assert seen[-1] == (10, 10)
    assert [d for d, _ in seen] == sorted(d for d, _ in seen)


def test_cancel_stops_the_batch(world):
    ws, cases, _, _ = world
    calls = []

    def cancel() -> bool:
        calls.append(1)
        return len(calls) > 3

    with pytest.raises(Cancelled):
        make_pdf(ws, "badge", [c["key"] for c in cases[:8]], now=NOW, cancel=cancel)
