"""Showing a record's fields to a person: codes as names in the UI's language, numbers and
dates kept left to right inside Arabic text."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFormLayout, QLabel, QWidget

from app.i18n import current_language
from ui.i18n import bind, t

LRI, PDI = "\u2066", "\u2069"  # isolate a left-to-right run (numbers, NIA, dates)

PLACE = ("region_code", "province_code", "commune_code")
CRAFT = ("branch_code", "activity_code")
LTR = (
    "cin", "nia", "provisional_ref", "birth_date", "phone", "email", "amo_number",
    "org_reg_number", "org_supervisor_nia", "years_practice", "qualification_ref",
)  # fmt: skip


def ltr(text: str) -> str:
    return f"{LRI}{text}{PDI}" if text else text


def shown(ws, field: str, value) -> str:
    """The value of ``field`` as a person reads it."""
    if value is None or value == "":
        return "—"
    lang = current_language()
    try:
        if field in PLACE:
            return ws.geo.label(value, lang)
        if field in CRAFT:
            return ws.nomenclature.label(value, lang)
    except KeyError:
        return str(value)
    if field == "category":
        return t(f"category.{value}")
    if field == "sex":
        return t(f"sex.{value}")
    if field == "status":
        return t(f"status.{value}")
    if field == "qualification_kind":
        return t(f"ui.qualification.{value}")
    if field == "consent_given":
        return t("ui.yes") if value else t("ui.no")
    if field in LTR:
        return ltr(str(value))
    return str(value)


class FieldsView(QWidget):
    """A read-only two-column view (label: value) of chosen fields of a record."""

    def __init__(self, ws, fields: tuple[str, ...], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ws, self.fields = ws, fields
        self.record: dict = {}
        layout = QFormLayout(self)
        layout.setLabelAlignment(Qt.AlignmentFlag.AlignLeading)
        layout.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        self.values: dict[str, QLabel] = {}
        for name in fields:
            value = QLabel()
            value.setObjectName(f"value_{name}")
            value.setWordWrap(False)
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            caption = bind(QLabel(), text=f"field.{name}")
            caption.setStyleSheet("color: #5f6368;")
            layout.addRow(caption, value)
            self.values[name] = value

    def show_record(self, record: dict) -> None:
        self.record = dict(record)
        self.retranslate()

    def retranslate(self) -> None:
        for name, label in self.values.items():
            label.setText(shown(self.ws, name, self.record.get(name)))
