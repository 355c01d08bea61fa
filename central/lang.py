"""Which language to answer in: ``?lang=``, else the ``Accept-Language`` header, else French."""

from __future__ import annotations

from starlette.requests import Request

from app.i18n import DEFAULT_LANGUAGE, LANGUAGES


def parse_accept_language(header: str | None) -> str:
    best, best_q = DEFAULT_LANGUAGE, -1.0
    for part in (header or "").split(","):
        bits = part.strip().split(";")
        tag = bits[0].strip().lower().split("-")[0]
        q = 1.0
        for b in bits[1:]:
            b = b.strip()
            if b.startswith("q="):
                try:
                    q = float(b[2:])
                except ValueError:
                    q = 0.0
        if tag in LANGUAGES and q > best_q:
            best, best_q = tag, q
    return best


def request_language(request: Request) -> str:
    asked = request.query_params.get("lang", "")
    if asked in LANGUAGES:
        return asked
    return parse_accept_language(request.headers.get("accept-language"))
