"""Verifying one QR text offline, and the QR versions of a final card and a badge.

Targets (BRIEF section 6, issue 4): verify p50 <= 1 ms; QR version at level M <= 12 for a
final card and <= 16 for a provisional badge carrying its laptop's delegation certificate.
"""

from __future__ import annotations

import datetime as dt
import time

from bench.common import Figure, latency_figures, record_distribution

NOW = dt.datetime(2025, 12, 15, 9, 0, tzinfo=dt.UTC)
DAY = dt.timedelta(days=1)


def _world():
    from app.credentials import (
        ArtisanStatus,
        CardClaims,
        CardKind,
        Gender,
        RevocationList,
        Scope,
        Trust,
        TrustedKey,
        TrustList,
        generate_key,
        issue_delegation,
        issue_final_card,
        issue_provisional_badge,
        raw_public_key,
    )  # fmt: skip

    root, signer, device = generate_key(), generate_key(), generate_key()
    entry = TrustedKey(
        raw_public_key(signer),
        -8,
        "central-1",
        frozenset({Scope.FINAL}),
        NOW - 400 * DAY,
        NOW + 1000 * DAY,
    )
    trust = Trust.load(
        raw_public_key(root),
        TrustList(1, NOW - DAY, (entry,)).sign(root),
        RevocationList(1, NOW - DAY).sign(root),
    )
    cert = issue_delegation(root, raw_public_key(device), "LAP-07-0001", "07", now=NOW - DAY)

    def claims(kind):
        return CardClaims(
            card_number="07-00012345-67", name_latin="Fatima Zahra El Alaoui",
            name_arabic="فاطمة الزهراء العلوي", birth_date=dt.date(1985, 4, 12),
            gender=Gender.FEMALE, activity_code="P04.001", commune_code="07.351.01.0",
            kind=kind, issued_at=NOW, nia="07-00012345-67",
            status=ArtisanStatus.VALIDATED if kind is CardKind.FINAL else ArtisanStatus.PENDING,
            expires_at=NOW + (1825 if kind is CardKind.FINAL else 25) * DAY,
        )  # fmt: skip

    final = issue_final_card(claims(CardKind.FINAL), signer)
    badge = issue_provisional_badge(claims(CardKind.PROVISIONAL), device, cert)
    return trust, final, badge


def run(quick: bool = False) -> list[Figure]:
    from app.credentials import qr_version, verify

    trust, final, badge = _world()
    rounds = 300 if quick else 3000
    figures = []
    for label, text in (("final card", final), ("provisional badge", badge)):
        assert verify(text, trust, now=NOW + DAY).valid
        ms = []
        for _ in range(rounds):
            t = time.perf_counter()
            verify(text, trust, now=NOW + DAY)
            ms.append((time.perf_counter() - t) * 1000)
        figures += latency_figures(f"verify {label}", ms, None, p50_target=1)
        record_distribution(f"verify {label}", ms, "ms", 1)
        limit = 12 if label == "final card" else 16
        version = qr_version(text)
        figures.append(
            Figure(f"QR version at M, {label}", version, "version", f"<= {limit}", version <= limit)
        )
        figures.append(Figure(f"QR text length, {label}", len(text), "chars"))
    return figures
