"""Public verification with the service's own latest lists: what any verifier would say."""

from __future__ import annotations

import io

from app.credentials import Trust, Verdict, clean_scanned_text, read_qr_texts, verify
from app.credentials.keys import raw_public_key
from central.errors import ApiError
from central.services import trust

MAX_IMAGE = 8 * 1024 * 1024
MAX_PIXELS = 40_000_000  # a few kilobytes of PNG can claim far more: refused before decoding


def current_trust(central) -> Trust:
    root = central.keys.need_root()
    tl, rl = trust.latest(central, "trust"), trust.latest(central, "revocation")
    if tl is None or rl is None:
        raise ApiError(503, "central.error.no_root_key")
    cache = getattr(central, "_trust_cache", None)
    if cache is not None and cache[0] == (tl[0], rl[0]):
        return cache[1]
    t = Trust.load(raw_public_key(root), tl[1], rl[1])
    central._trust_cache = ((tl[0], rl[0]), t)
    return t


def verify_text(central, text: str) -> Verdict:
    return verify(clean_scanned_text(text or ""), current_trust(central))


def texts_in_image(data: bytes) -> list[str]:
    """The QR texts of an uploaded picture; ``ApiError`` when it is no readable image."""
    from PIL import Image, UnidentifiedImageError

    if len(data) > MAX_IMAGE:
        raise ApiError(413, "central.error.too_large")
    try:
        with Image.open(io.BytesIO(data)) as img:
            if img.width * img.height > MAX_PIXELS:
                raise ApiError(422, "central.error.image_unreadable")
            img.load()
            return read_qr_texts(img.convert("L"))
    except (UnidentifiedImageError, OSError, ValueError, Image.DecompressionBombError):
        raise ApiError(422, "central.error.image_unreadable") from None
