"""Sizes, margins and colours of the printed documents, declared once."""

from __future__ import annotations

from reportlab.lib.colors import Color, HexColor
from reportlab.lib.units import mm

# ISO/IEC 7810 ID-1
CARD_W, CARD_H = 85.60 * mm, 53.98 * mm
SAFE = 3 * mm  # text and QR stay this far inside the trim
BLEED = 3 * mm  # background printed this far beyond the trim when imposed

A4 = (210 * mm, 297 * mm)
A5 = (148 * mm, 210 * mm)
A6 = (105 * mm, 148 * mm)
ROLL_W = 80 * mm  # thermal roll; 72 mm printable
ROLL_MARGIN = 4 * mm
PAGE_MARGIN = 10 * mm  # office printers do not print to the edge

QUIET_ZONE = 4  # modules of clear space around every QR code

INK = HexColor("#1B1B1B")
MUTED = HexColor("#55595C")
GREEN = HexColor("#0B5D4B")  # the chambers' green
GREEN_PALE = HexColor("#E6F0EC")
SAND = HexColor("#FBF6EC")
RED = HexColor("#B3261E")
WHITE = Color(1, 1, 1)
CROP = HexColor("#000000")
