"""File formats of an export, each written row by row (nothing held in memory).

CSV: UTF-8 with a byte-order mark, so Excel opens Arabic names right; ``;`` between cells by
default, because Excel under the French locale that Moroccan offices use reads ``;`` as the
list separator (``,`` is the decimal separator there) and opens such a file in columns on a
double-click; ``,`` on request for other tools. Quotes where needed, CRLF line ends (RFC
4180). A text that a spreadsheet would take for a formula (``=``, ``+``, ``-``, ``@`` first,
and not a plain number such as a phone ``+212…``) gets a leading apostrophe, so opening an
export never runs anything.

XLSX: openpyxl's write-only mode (rows go to disk as they come, strings inline); the sheet
reads right to left when the export's language is Arabic; texts are always stored as texts.
"""

from __future__ import annotations

import contextlib
import csv
import re
from pathlib import Path
from typing import IO, TYPE_CHECKING

if TYPE_CHECKING:
    from openpyxl.cell import WriteOnlyCell

FORMATS = ("csv", "xlsx")
DELIMITERS = (";", ",")
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_PLAIN_NUMBER = re.compile(r"^[+-]?[0-9][0-9 ]*$")


def neutralise(value: str | int) -> str | int:
    """A CSV cell a spreadsheet will show as text, never evaluate."""
    formula_like = isinstance(value, str) and value.startswith(_FORMULA_START)
    if formula_like and not _PLAIN_NUMBER.match(value):
        return "'" + value
    return value


class CsvWriter:
    def __init__(self, path: Path, delimiter: str = ";") -> None:
        if delimiter not in DELIMITERS:
            raise ValueError(f"delimiter must be one of {DELIMITERS}")
        self._fh: IO[str] = path.open("w", encoding="utf-8-sig", newline="")
        self._csv = csv.writer(self._fh, delimiter=delimiter, lineterminator="\r\n")

    def header(self, names: list[str]) -> None:
        self._csv.writerow(names)

    def row(self, values: list[str | int]) -> None:
        self._csv.writerow([neutralise(v) for v in values])

    def close(self) -> None:
        self._fh.flush()
        self._fh.close()

    def abort(self) -> None:
        self._fh.close()


class XlsxWriter:
    """openpyxl is imported here, when an XLSX is asked for: it adds a quarter of a second
    to the application's start-up otherwise."""

    def __init__(self, path: Path, title: str, rtl: bool) -> None:
        from openpyxl import Workbook

        self._path = path
        self._wb = Workbook(write_only=True)
        self._ws = self._wb.create_sheet(title=title[:31])
        self._ws.sheet_view.rightToLeft = rtl
        self._ws.freeze_panes = "A2"

    def header(self, names: list[str]) -> None:
        from openpyxl.cell import WriteOnlyCell
        from openpyxl.styles import Font
        from openpyxl.utils import get_column_letter

        for index, name in enumerate(names, start=1):
            width = min(max(len(name) + 2, 12), 40)
            self._ws.column_dimensions[get_column_letter(index)].width = width
        bold = Font(bold=True)
        cells = []
        for name in names:
            c = WriteOnlyCell(self._ws, value=name)
            c.font = bold
            cells.append(c)
        self._ws.append(cells)

    def row(self, values: list[str | int]) -> None:
        self._ws.append([self._text(v) if isinstance(v, str) else v for v in values])

    def _text(self, value: str) -> str | WriteOnlyCell:
        from openpyxl.cell import WriteOnlyCell
        from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

        value = ILLEGAL_CHARACTERS_RE.sub("", value)
        if value.startswith("="):  # openpyxl would store it as a formula: keep it a text
            c = WriteOnlyCell(self._ws, value=value)
            c.data_type = "s"
            return c
        return value

    def close(self) -> None:
        self._wb.save(self._path)

    def abort(self) -> None:
        """Close the sheet's stream and remove its temporary file (openpyxl keeps the rows
        in a temporary file until ``save``)."""
        with contextlib.suppress(Exception):
            self._ws.close()
        writer = getattr(self._ws, "_writer", None)
        if writer is not None:
            with contextlib.suppress(OSError, ValueError):
                writer.cleanup()
