"""The register's table model: rows arrive page by page (``canFetchMore``/``fetchMore``) from
a worker, so the table stays smooth at 500,000 artisans; a page from an older query (its
generation number is not the current one) is dropped."""

from __future__ import annotations

import time

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt, Signal

from app.i18n import current_language, tr
from app.registry.browse import count
from ui import operations
from ui.i18n import t
from ui.pages.register.source import Page, Query, fetch
from ui.widgets.fields_view import ltr

PAGE = 100
_DISPLAY, _USER = Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.UserRole
COLUMNS = ("reference", "name_lat", "name_ar", "cin", "birth_date", "commune", "activity", "status")


class ArtisanModel(QAbstractTableModel):
    loaded = Signal(int, float)  # generation, seconds since the query was issued
    totalChanged = Signal()

    def __init__(self, ws, parent=None) -> None:
        super().__init__(parent)
        self.ws = ws
        self.rows: list[dict] = []
        self.cells: list[tuple[str, ...]] = []
        self.query = Query()
        self.generation = 0
        self.loading = False
        self.done = True
        self.total: int | None = None
        self.capped = False
        self.kind = "browse"
        self._offset = 0
        self._after: int | None = None
        self._issued = 0.0
        self._cache: dict[tuple[str, str], str] = {}

    # the query ----------------------------------------------------------------------------

    def set_query(self, query: Query) -> int:
        """Start over with ``query``; returns its generation number."""
        self.generation += 1
        self.beginResetModel()
        self.query, self.rows, self.cells = query, [], []
        self.done, self.loading = False, False
        self.total, self.capped, self._offset, self._after = None, False, 0, None
        self.endResetModel()
        self._issued = time.perf_counter()
        self._fetch(first=True)
        return self.generation

    def _fetch(self, first: bool = False) -> None:
        if self.loading or self.done:
            return
        self.loading = True
        gen, ws, query = self.generation, self.ws, self.query
        offset, after, lang = self._offset, self._after, current_language()

        def work() -> Page:  # on the worker: the page and its cells, ready to paint
            page = fetch(ws, query, PAGE, offset, after)
            page.cells = [self._cells(row, lang) for row in page.rows]
            return page

        operations.run(
            self,
            work,
            lambda page: self._arrived(gen, page, first),
            lambda exc: self._failed(gen, exc),
        )

    def _arrived(self, gen: int, page: Page, first: bool) -> None:
        if gen != self.generation:
            return  # a stale answer: the agent has typed on since
        self.loading = False
        self.done = page.done
        self._offset, self._after = page.next_offset, page.after_id
        self.kind = page.kind
        if first:
            self.total, self.capped = page.total, page.capped
            self.totalChanged.emit()
        if page.rows:
            start = len(self.rows)
            self.beginInsertRows(QModelIndex(), start, start + len(page.rows) - 1)
            self.rows.extend(page.rows)
            self.cells.extend(page.cells)
            self.endInsertRows()
        if first:
            self.loaded.emit(gen, time.perf_counter() - self._issued)
            if page.kind == "browse":
                self._count(gen)
        if len(page.rows) < PAGE // 5 and not self.done and len(self.rows) < PAGE:
            self._fetch()  # filters kept few rows of this page: look further

    def _count(self, gen: int) -> None:
        """How many artisans the filters keep: after the first rows, never before them."""
        ws, filters = self.ws, self.query.active_filters()
        operations.run(
            self,
            lambda: count(ws.store.read(), filters),
            lambda total: self._counted(gen, total),
            lambda exc: None,
        )

    def _counted(self, gen: int, total: int) -> None:
        if gen == self.generation:
            self.total = total
            self.totalChanged.emit()

    def _failed(self, gen: int, exc: BaseException) -> None:
        if gen != self.generation:
            return
        self.loading, self.done = False, True
        from ui.errors import show_error

        show_error(None, exc)

    # Qt's model interface -----------------------------------------------------------------

    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent=QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def canFetchMore(self, parent=QModelIndex()) -> bool:  # noqa: B008
        return not parent.isValid() and not self.done and not self.loading

    def fetchMore(self, parent=QModelIndex()) -> None:  # noqa: B008
        if not parent.isValid():
            self._fetch()

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return t(f"ui.register.col.{COLUMNS[section]}")
        return None

    def data(self, index: QModelIndex, role=_DISPLAY):
        # called for every role of every visible cell at each paint: keep it minimal
        if role == _DISPLAY:
            return self.cells[index.row()][index.column()]
        if role == _USER:
            return self.rows[index.row()]["uid"]
        return None

    def _label(self, kind: str, code: str | None, lang: str) -> str:
        if not code:
            return ""
        key = (kind, code, lang)
        found = self._cache.get(key)
        if found is None:
            try:
                ref = self.ws.geo if kind == "geo" else self.ws.nomenclature
                found = ref.label(code, lang)
            except KeyError:
                found = code
            self._cache[key] = found
        return found

    def _cells(self, row: dict, lang: str) -> tuple[str, ...]:
        return tuple(self._cell(row, column, lang) for column in COLUMNS)

    def _cell(self, row: dict, column: str, lang: str) -> str:
        if column == "reference":
            return ltr(row.get("nia") or row.get("provisional_ref") or "")
        if column == "name_lat":
            return f"{row['first_name_lat']} {row['last_name_lat']}"
        if column == "name_ar":
            return f"{row['first_name_ar']} {row['last_name_ar']}"
        if column == "cin":
            return row["cin"]
        if column == "birth_date":
            return ltr(row["birth_date"])
        if column == "commune":
            return self._label("geo", row["commune_code"], lang)
        if column == "activity":
            return self._label("nom", row["activity_code"], lang)
        return tr(f"status.{row['status']}", lang)

    def retranslate(self) -> None:
        lang = current_language()
        self.cells = [self._cells(row, lang) for row in self.rows]
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(COLUMNS) - 1)
        if self.rows:
            self.dataChanged.emit(
                self.index(0, 0), self.index(len(self.rows) - 1, len(COLUMNS) - 1)
            )

    def uid_at(self, row: int) -> str | None:
        return self.rows[row]["uid"] if 0 <= row < len(self.rows) else None
