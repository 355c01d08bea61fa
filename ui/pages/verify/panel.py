"""The verdict on one code, readable from across a counter: the holder's names in both
scripts, NIA, activity, commune, birth date and validity in large type, on green (valid),
amber (genuine but expired or not yet valid) or red (anything else), with the reason and
the age of the trust lists. What a code says is shown even when it is not valid, marked as
not vouched for."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QGridLayout, QLabel, QVBoxLayout, QWidget

from app.i18n import current_language, is_rtl
from ui.i18n import bind, t
from ui.widgets.fields_view import ltr

if TYPE_CHECKING:
    from app.credentials import Verdict

COLOURS = {  # background, text
    "ok": ("#1b5e20", "#ffffff"),
    "warning": ("#f9a825", "#1a1a1a"),
    "error": ("#b71c1c", "#ffffff"),
    "idle": ("#eceff1", "#37474f"),
}
KINDS = {"PROVISIONAL": "ui.verify.kind_provisional", "FINAL": "ui.verify.kind_final"}
ROWS = ("nia", "activity", "commune", "birth", "validity", "card")


def day(moment) -> str:
    return ltr(f"{moment:%d/%m/%Y}")


class VerdictPanel(QFrame):
    def __init__(self, ws, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ws = ws
        self.setObjectName("verdictPanel")
        self.verdict: Verdict | None = None
        self.problem: BaseException | None = None
        self.title = self._label("verdictTitle", 22, bold=True)
        self.name_latin = self._label("verdictNameLatin", 24, bold=True)
        self.name_arabic = self._label("verdictNameArabic", 26, bold=True)
        self.unvouched = self._label("verdictUnvouched", 12)
        bind(self.unvouched, text="ui.verify.unvouched")
        grid = QGridLayout()
        grid.setHorizontalSpacing(18)
        self.captions: dict[str, QLabel] = {}
        self.values: dict[str, QLabel] = {}
        for row, name in enumerate(ROWS):
            size = 13 if name == "card" else 17
            caption = bind(self._label(f"caption_{name}", 12), text=f"ui.verify.f.{name}")
            value = self._label(f"verdict_{name}", size, bold=name != "card")
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            grid.addWidget(caption, row, 0, Qt.AlignmentFlag.AlignTop)
            grid.addWidget(value, row, 1)
            self.captions[name], self.values[name] = caption, value
        grid.setColumnStretch(1, 1)
        self.reason = self._label("verdictReason", 14)
        self.lists = self._label("verdictLists", 11)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 18, 24, 18)
        layout.addWidget(self.title)
        layout.addSpacing(8)
        layout.addWidget(self.name_latin)
        layout.addWidget(self.name_arabic)
        layout.addWidget(self.unvouched)
        layout.addSpacing(8)
        layout.addLayout(grid)
        layout.addSpacing(8)
        layout.addWidget(self.reason)
        layout.addStretch(1)
        layout.addWidget(self.lists)
        self.clear()

    def _label(self, name: str, points: int, bold: bool = False) -> QLabel:
        label = QLabel()
        label.setObjectName(name)
        label.setWordWrap(True)
        label.setStyleSheet(f"font-size: {points}pt; {'font-weight: 700;' if bold else ''}")
        return label

    @property
    def severity(self) -> str:
        if self.verdict is not None:
            return self.verdict.severity
        return "error" if self.problem is not None else "idle"

    def clear(self) -> None:
        self.verdict, self.problem = None, None
        self.retranslate()

    def show_verdict(self, verdict: Verdict) -> None:
        self.verdict, self.problem = verdict, None
        self.retranslate()

    def show_problem(self, exc: BaseException) -> None:
        """Nothing to judge: no trust on this laptop yet, an unreadable file, no code."""
        self.verdict, self.problem = None, exc
        self.retranslate()

    def _paint(self) -> None:
        background, text = COLOURS[self.severity]
        self.setStyleSheet(
            f"QFrame#verdictPanel {{ background: {background}; border-radius: 10px; }}"
            f" QFrame#verdictPanel QLabel {{ color: {text}; background: transparent; }}"
        )
        self.setProperty("severity", self.severity)

    def _label_of(self, kind: str, code: str) -> str:
        lang = current_language()
        try:
            if kind == "activity":
                return self.ws.nomenclature.label(code, lang)
            return self.ws.geo.label(code, lang)
        except KeyError:  # a code of a nomenclature or region this laptop does not hold
            return ltr(code)

    def _align(self) -> None:
        """Every line from the leading edge of the UI's language, whatever the script of
        its own text (a NIA alone would otherwise sit on the left in Arabic)."""
        edge = Qt.AlignmentFlag.AlignRight if is_rtl() else Qt.AlignmentFlag.AlignLeft
        for label in self.findChildren(QLabel):
            label.setAlignment(edge | Qt.AlignmentFlag.AlignAbsolute | Qt.AlignmentFlag.AlignTop)

    def retranslate(self) -> None:
        self._paint()
        self._align()
        v = self.verdict
        claims = v.claims if v is not None else None
        for name in ROWS:
            self.captions[name].setVisible(claims is not None)
            self.values[name].setVisible(claims is not None)
        self.name_latin.setVisible(claims is not None)
        self.name_arabic.setVisible(claims is not None)
        self.unvouched.setVisible(claims is not None and v.severity == "error")
        self.lists.setVisible(v is not None)
        if v is None:
            if self.problem is not None:
                self.title.setText(t("ui.verify.problem"))
                message = getattr(self.problem, "message", None)
                self.reason.setText(message() if callable(message) else str(self.problem))
            else:
                self.title.setText(t("ui.verify.waiting"))
                self.reason.setText(t("ui.verify.waiting_hint"))
            return
        self.title.setText(v.title())
        # each parameter (ISO dates, device names, card numbers) in its own left-to-right
        # run: inside Arabic, bidi would turn 2026-12-22 into 22-12-2026
        self.reason.setText(t(v.reason, **{k: ltr(str(p)) for k, p in v.params.items()}))
        self.lists.setText(v.lists_summary())
        if claims is None:
            return
        self.name_latin.setText(claims.name_latin)
        self.name_arabic.setText(claims.name_arabic)
        values = {
            "nia": ltr(claims.nia) if claims.nia else t("ui.verify.no_nia"),
            "activity": self._label_of("activity", claims.activity_code),
            "commune": self._label_of("commune", claims.commune_code),
            "birth": day(claims.birth_date),
            "validity": t(
                "ui.verify.validity", start=day(claims.not_before), end=day(claims.expires_at)
            ),
            "card": f"{t(KINDS[claims.kind.name])} · {ltr(claims.card_number)}",
        }
        for name, text in values.items():
            self.values[name].setText(text)
