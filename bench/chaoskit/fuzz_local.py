"""Fuzzing of the parsers that read outside input on the laptop, with seeded random inputs:
the form validators (``validate_artisan``), the enrolment JSON file of ``mihani enrol``, QR
texts given to the verifier, and backup files given to restore. Each must answer with its
own clear refusal (``ValidationFailed``, ``UserFacingError``, a verdict): any other
exception is a failure, and so is anything half-written (a refused enrolment that left
rows, a refused restore that left files)."""

from __future__ import annotations

import datetime as dt
import random
import shutil
import time
from pathlib import Path

from bench.chaoskit import Tally, junk
from bench.chaoskit.people import person

PASSPHRASE = "souk-el-had agadir 2025"  # noqa: S105 (a throwaway backup)


def _counts(ws) -> tuple[int, int]:
    conn = ws.store.read()
    return (conn.execute("SELECT count(*) FROM artisan").fetchone()[0],
            conn.execute("SELECT count(*) FROM outbox").fetchone()[0])  # fmt: skip


def _until(deadline: float, tally: Tally, label: str, case) -> None:
    """Run ``case(i)`` until ``deadline``; an exception it lets out is a failure."""
    i, seen = 0, set()
    before = tally.fuzz_cases
    while time.monotonic() < deadline:
        tally.fuzz_cases += 1
        try:
            case(i)
        except Exception as exc:  # the finding: an input that escaped every clear refusal
            tally.fuzz_failures += 1
            kind = f"{type(exc).__name__}: {str(exc)[:160]}"
            if kind not in seen:  # each kind of failure once in the report
                seen.add(kind)
                tally.failed(f"{label} case {i}: {kind}")
        i += 1
    tally.breakdown[label] = tally.fuzz_cases - before


def validators(ws, deadline: float, seed: int, tally: Tally) -> None:
    from app.errors import ValidationFailed

    rng = random.Random(seed)
    good = person("07")

    def case(_i: int) -> None:
        try:
            ws.registry.validate(junk.mutate_record(rng, good), "agent1")
        except ValidationFailed as exc:
            if not exc.errors or not exc.message("fr"):
                raise AssertionError("a refusal without its field errors") from None

    _until(deadline, tally, "form validators", case)


def enrol_json(ws, tmp: Path, deadline: float, seed: int, tally: Tally) -> None:
    from app.cli.core_commands import _enrol_one, _read_json
    from app.errors import UserFacingError

    rng = random.Random(seed)
    path = tmp / "enrol.json"

    def case(_i: int) -> None:
        path.write_bytes(junk.json_text(rng, [person("07"), person("07")]))
        before = _counts(ws)
        try:
            items = _read_json(path)
        except UserFacingError as exc:
            if exc.message("fr") == exc.msgid:
                raise AssertionError(f"untranslated refusal {exc.msgid}") from None
            return
        results = [_enrol_one(ws, n, raw, "agent1") for n, raw in enumerate(items)]
        ok = sum(r["ok"] for r in results)
        after = _counts(ws)
        if after != (before[0] + ok, before[1] + ok):
            raise AssertionError(f"{ok} accepted but rows went {before} -> {after}")
        if any(not r["ok"] and not r["message"] for r in results):
            raise AssertionError("a refused enrolment without a message")
        tally.written += ok

    _until(deadline, tally, "enrol JSON file", case)


def qr_texts(ws, deadline: float, seed: int, tally: Tally) -> None:
    from app.card_claims import sign_provisional
    from app.credentials import Status, verify
    from app.credentials.base45 import ALPHABET
    from app.issuer import demo_issuer, laptop_trust

    rng = random.Random(seed)
    now = dt.datetime.now(dt.UTC).replace(microsecond=0)
    rec = dict(ws.store.read().execute("SELECT * FROM artisan LIMIT 1").fetchone())
    good, _ = sign_provisional(rec, demo_issuer(ws, now), now)
    trust = laptop_trust(ws)
    if not verify(good, trust, now).valid:
        raise RuntimeError("the campaign's own QR text does not verify")

    def case(_i: int) -> None:
        text = junk.mutate_text(rng, good, ALPHABET) if rng.random() < 0.8 else junk.text(rng, 900)
        verdict = verify(text, trust, now)
        if not isinstance(verdict.status, Status):
            raise AssertionError("no verdict")
        if verdict.valid and text != good:
            raise AssertionError(f"an altered QR text verified: {text[:60]}")
        if verdict.reason == "credentials.reason.unreadable":
            raise AssertionError("fell through to the last-resort verdict")

    _until(deadline, tally, "QR text", case)


def backups(ws, tmp: Path, deadline: float, seed: int, tally: Tally) -> None:
    from app.backups import Kdf, create_backup, restore_backup
    from app.errors import UserFacingError

    rng = random.Random(seed)
    good = tmp / "good.backup"
    create_backup(ws, good, PASSPHRASE, agent="agent1", kdf=Kdf(1, 1024, 1))
    data = good.read_bytes()
    restore_backup(good, tmp / "control" / "home", PASSPHRASE)  # the unaltered file restores
    tally.written += 1
    bad, parent = tmp / "bad.backup", tmp / "restores"

    def case(_i: int) -> None:
        altered = junk.mutate_bytes(rng, data)
        if altered == data:
            return
        bad.write_bytes(altered)
        shutil.rmtree(parent, ignore_errors=True)
        try:
            restore_backup(bad, parent / "home", PASSPHRASE)
        except UserFacingError as exc:
            if exc.message("fr") == exc.msgid:
                raise AssertionError(f"untranslated refusal {exc.msgid}") from None
            left = list(parent.iterdir()) if parent.exists() else []
            if left:
                raise AssertionError(f"a refused restore left {left}") from None
            return
        raise AssertionError("an altered backup was restored")

    _until(deadline, tally, "backup file", case)


def campaign(tmp: Path, deadline: float, seed: int) -> Tally:
    from app.workspace import init_profile

    tally = Tally("fuzzing of the laptop's parsers")
    share = (deadline - time.monotonic()) / 4
    with init_profile(tmp / "fuzz-profile", "07", "agent1") as ws:
        for _ in range(3):
            ws.registry.enrol(person("07"), "agent1", acknowledged=[])
        start = time.monotonic()
        validators(ws, start + share, seed, tally)
        enrol_json(ws, tmp, start + 2 * share, seed + 1, tally)
        qr_texts(ws, start + 3 * share, seed + 2, tally)
        backups(ws, tmp, deadline, seed + 3, tally)
        tally.check(ws.store.integrity_check() == "ok", "fuzz profile integrity_check")
    tally.trials = tally.fuzz_cases
    return tally.done()
