"""What a printed document shows about one artisan, looked up once from the workspace.

``collect`` reads the records, their photos and reference-data labels (both languages),
signs each QR code, and returns plain ``ArtisanView`` objects: the drawing code needs no
database, no keyring and no workspace, so it runs on any thread.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from app.card_claims import sign_provisional
from app.errors import UserFacingError
from app.i18n import tr
from app.model.artisan import reference
from app.registry import records

CHAMBER_FILE = "chamber.json"  # optional, in the profile: the chamber's contact for print
DEFAULT_CONTACT = "rna.gov.ma"

Progress = Callable[[int, int], None]
Cancel = Callable[[], bool]


class Cancelled(Exception):
    """The batch was cancelled; nothing was written."""


@dataclass(frozen=True)
class Chamber:
    region_code: str
    name_fr: str
    name_ar: str
    contact_fr: str = DEFAULT_CONTACT
    contact_ar: str = DEFAULT_CONTACT

    def name(self, lang: str) -> str:
        return self.name_ar if lang == "ar" else self.name_fr

    def contact(self, lang: str) -> str:
        return self.contact_ar if lang == "ar" else self.contact_fr


@dataclass(frozen=True)
class ArtisanView:
    reference: str
    nia: str | None
    first_lat: str
    last_lat: str
    first_ar: str
    last_ar: str
    org_name: str | None
    category: dict[str, str]
    activity: dict[str, str]
    commune: dict[str, str]
    cin: str
    photo: bytes | None
    qr_text: str
    issued_at: dt.datetime
    expires_at: dt.datetime
    enrolled_at: dt.datetime
    agent: str
    chamber: Chamber
    record: dict

    @property
    def provisional(self) -> bool:
        return not self.nia

    def name_lat(self) -> str:
        return f"{self.first_lat} {self.last_lat}".strip()

    def name_ar(self) -> str:
        return f"{self.first_ar} {self.last_ar}".strip()


def day(moment: dt.datetime | dt.date) -> str:
    """A date as printed on every document: 15/12/2025 (digits, left to right)."""
    return f"{moment:%d/%m/%Y}"


def chamber_of(ws) -> Chamber:
    region = ws.geo.region(ws.profile.region_code)
    extra: dict = {}
    path = Path(ws.profile.home) / CHAMBER_FILE
    if path.exists():
        try:
            extra = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            raise UserFacingError(
                "print.error.chamber_file", path=str(path), detail=str(exc)
            ) from None
    return Chamber(
        region.code,
        tr("print.chamber_of_region", "fr", region=region.fr),
        tr("print.chamber_of_region", "ar", region=region.ar),
        str(extra.get("contact_fr") or DEFAULT_CONTACT),
        str(extra.get("contact_ar") or extra.get("contact_fr") or DEFAULT_CONTACT),
    )


def _both(fn: Callable[[str], str]) -> dict[str, str]:
    return {"fr": fn("fr"), "ar": fn("ar")}


def view_of(ws, rec: dict, issuer, chamber: Chamber, now: dt.datetime) -> ArtisanView:
    """One artisan's view, its QR code signed by ``issuer`` at ``now``."""
    conn = ws.store.read()
    qr_text, expires = sign_provisional(rec, issuer, now)
    photo = None
    if rec.get("photo_sha256"):
        found = records.load_photo(conn, rec["photo_sha256"])
        photo = found[1] if found else None
    row = conn.execute(
        "SELECT display_name FROM agent WHERE username = ?", (rec.get("created_by"),)
    ).fetchone()
    created = rec.get("created_at") or now.isoformat()
    return ArtisanView(
        reference=reference(rec),
        nia=rec.get("nia") or None,
        first_lat=rec.get("first_name_lat") or "",
        last_lat=rec.get("last_name_lat") or "",
        first_ar=rec.get("first_name_ar") or "",
        last_ar=rec.get("last_name_ar") or "",
        org_name=rec.get("org_name") or None,
        category=_both(lambda lang: tr(f"category.{rec.get('category')}", lang)),
        activity=_both(lambda lang: ws.nomenclature.label(rec["activity_code"], lang)),
        commune=_both(lambda lang: ws.geo.label(rec["commune_code"], lang)),
        cin=rec.get("cin") or "",
        photo=photo,
        qr_text=qr_text,
        issued_at=now,
        expires_at=expires,
        enrolled_at=dt.datetime.fromisoformat(created.replace("Z", "+00:00")),
        agent=(row[0] if row else None) or rec.get("created_by") or "",
        chamber=chamber,
        record=rec,
    )


def collect(
    ws,
    keys: Sequence[str],
    *,
    issuer=None,
    now: dt.datetime | None = None,
    progress: Progress | None = None,
    cancel: Cancel | None = None,
) -> list[ArtisanView]:
    """The views of the artisans named by ``keys`` (NIA, reference, CIN or uid), in order.

    ``UserFacingError`` for an unknown key or a record that cannot get a credential;
    ``Cancelled`` when ``cancel()`` turns true."""
    from app.issuer import demo_issuer

    now = (now or dt.datetime.now(dt.UTC)).replace(microsecond=0)
    issuer = issuer or demo_issuer(ws, now)
    chamber = chamber_of(ws)
    conn = ws.store.read()
    views = []
    for index, key in enumerate(keys):
        if cancel is not None and cancel():
            raise Cancelled
        views.append(view_of(ws, records.require(conn, key), issuer, chamber, now))
        if progress is not None:
            progress(index + 1, len(keys))
    return views
