"""``/verify``: the public page, in French or Arabic, where anyone pastes a QR text or
uploads a picture of the code and sees at once whether the card is genuine (green), out of
date (amber) or not to be trusted (red), with only what the code holds."""

from __future__ import annotations

from html import escape
from typing import Annotated

from fastapi import APIRouter, File, Form, UploadFile
from starlette.requests import Request
from starlette.responses import HTMLResponse

from app.credentials import Verdict
from app.i18n import tr
from central.deps import blocking, central_of
from central.errors import ApiError
from central.lang import request_language
from central.services import verifier

router = APIRouter(tags=["verify"])
CSS = """
body{font-family:system-ui,'Noto Naskh Arabic',sans-serif;max-width:46rem;margin:2rem auto;
padding:0 1rem;color:#222}
textarea{width:100%;min-height:7rem;font-family:monospace}
.verdict{border-radius:.5rem;padding:1rem;margin:1rem 0;color:#fff}
.ok{background:#1b7f3b}.warning{background:#b26a00}.error{background:#b3261e}
dl{display:grid;grid-template-columns:max-content 1fr;gap:.3rem 1rem}
dt{font-weight:bold}nav a{margin:0 .5rem}
"""
SHOWN = (
    "name_latin",
    "name_arabic",
    "nia",
    "card_number",
    "birth_date",
    "gender",
    "activity_code",
    "commune_code",
    "kind",
    "status",
    "expires_at",
)


def _page(lang: str, body: str) -> HTMLResponse:
    direction = "rtl" if lang == "ar" else "ltr"
    title = escape(tr("central.verify.title", lang))
    other = "fr" if lang == "ar" else "ar"
    html = (
        f'<!doctype html><html lang="{lang}" dir="{direction}"><head><meta charset="utf-8">'
        f'<meta name="viewport" content="width=device-width,initial-scale=1">'
        f"<title>{title}</title><style>{CSS}</style></head><body>"
        f'<nav><a href="/verify?lang={other}">{escape(tr("central.verify.other_lang", lang))}'
        f"</a></nav><h1>{title}</h1>{body}{_form(lang)}</body></html>"
    )
    return HTMLResponse(html)


def _form(lang: str) -> str:
    return (
        f'<form method="post" action="/verify?lang={lang}" enctype="multipart/form-data">'
        f'<p><label for="qr_text">{escape(tr("central.verify.paste", lang))}</label></p>'
        f'<textarea id="qr_text" name="qr_text" dir="ltr"></textarea>'
        f'<p><label for="image">{escape(tr("central.verify.upload", lang))}</label> '
        f'<input type="file" id="image" name="image" accept="image/*"></p>'
        f'<input type="hidden" name="lang" value="{lang}">'
        f'<p><button type="submit" id="check">{escape(tr("central.verify.submit", lang))}'
        f"</button></p></form>"
    )


def _verdict(lang: str, v: Verdict) -> str:
    d = v.as_dict(lang)
    rows = ""
    claims = d["claims"] or {}
    for key in SHOWN:
        if claims.get(key):
            label = escape(tr(f"central.verify.claim.{key}", lang))
            rows += f"<dt>{label}</dt><dd dir='auto'>{escape(str(claims[key]))}</dd>"
    lists = escape(v.lists_summary(lang))
    return (
        f'<section id="verdict" class="verdict {v.severity}" data-status="{v.status}">'
        f"<h2>{escape(str(d['title']))}</h2><p>{escape(str(d['message']))}</p>"
        f"<dl>{rows}</dl><p><small>{lists}</small></p></section>"
    )


@router.get("/verify", response_class=HTMLResponse)
def verify_form(request: Request) -> HTMLResponse:
    lang = request_language(request)
    return _page(lang, f"<p>{escape(tr('central.verify.intro', lang))}</p>")


@router.post("/verify", response_class=HTMLResponse)
async def verify_submit(
    request: Request,
    qr_text: Annotated[str, Form(max_length=4400)] = "",
    image: Annotated[UploadFile | None, File()] = None,
) -> HTMLResponse:
    lang = request_language(request)
    central = central_of(request)
    text = qr_text.strip()
    if not text and image is not None and image.filename:
        found = await blocking(verifier.texts_in_image, await image.read(verifier.MAX_IMAGE + 1))
        if not found:
            message = escape(tr("central.verify.no_code", lang))
            return _page(
                lang,
                f'<section id="verdict" class="verdict error" '
                f'data-status="no_code"><p>{message}</p></section>',
            )
        text = found[0]
    if not text:
        raise ApiError(422, "central.verify.nothing")
    verdict = await blocking(verifier.verify_text, central, text)
    return _page(lang, _verdict(lang, verdict))
