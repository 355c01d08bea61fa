"""The last checks before saving: the review page, the duplicate candidates side by side,
and the result with the NIA and the printing actions."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from app.registry import records
from ui import operations
from ui.i18n import bind
from ui.pages.enrol.base import Step
from ui.widgets.fields_view import FieldsView, ltr

REVIEW_FIELDS = (
    "cin", "first_name_ar", "last_name_ar", "first_name_lat", "last_name_lat", "sex",
    "birth_date", "birth_place", "phone", "email", "address",
    "region_code", "province_code", "commune_code",
    "category", "branch_code", "activity_code", "years_practice", "qualification_ref",
    "workplace", "org_name", "org_reg_number", "org_supervisor_nia", "amo_number",
    "consent_given",
)  # fmt: skip
CANDIDATE_FIELDS = (
    "nia", "cin", "first_name_ar", "last_name_ar", "first_name_lat", "last_name_lat",
    "birth_date", "commune_code", "activity_code", "status",
)  # fmt: skip


def photo_label(data: bytes | None, width: int = 120) -> QLabel:
    label = QLabel()
    label.setFixedSize(width, width * 4 // 3)
    label.setAlignment(Qt.AlignmentFlag.AlignCenter)
    label.setStyleSheet("border: 1px solid #9aa0a6; background: #f1f3f4;")
    if data:
        pixmap = QPixmap()
        pixmap.loadFromData(data)
        label.setPixmap(pixmap.scaled(label.size(), Qt.AspectRatioMode.KeepAspectRatio))
    else:
        bind(label, text="ui.photo.none")
    return label


class ReviewStep(Step):
    title_id = "ui.enrol.step.review"

    def __init__(self, session, parent=None) -> None:
        super().__init__(session, parent)
        row = QHBoxLayout()
        self.view = FieldsView(session.ws, REVIEW_FIELDS)
        row.addWidget(self.view, 1)
        self.photo_slot = QVBoxLayout()
        row.addLayout(self.photo_slot)
        self.photo = photo_label(None)
        self.photo_slot.addWidget(self.photo)
        self.photo_slot.addStretch(1)
        self.form.add_row(QWidget())
        self.body.insertLayout(0, row)

    def show_data(self, data: dict, photo: bytes | None) -> None:
        self.view.show_record(data)
        new = photo_label(photo)
        self.photo_slot.replaceWidget(self.photo, new)
        self.photo.hide()
        self.photo.deleteLater()
        self.photo = new

    def values(self) -> dict:
        return {}


class Card(QFrame):
    """One person of the duplicate screen: the one being enrolled, or a candidate."""

    def __init__(self, session, record: dict, title_id: str, params=None) -> None:
        super().__init__()
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setMinimumWidth(300)
        layout = QVBoxLayout(self)
        title = bind(QLabel(), params, text=title_id)
        title.setStyleSheet("font-weight: 600;")
        layout.addWidget(title)
        self.photo = photo_label(None, 90)
        layout.addWidget(self.photo, 0, Qt.AlignmentFlag.AlignHCenter)
        view = FieldsView(session.ws, CANDIDATE_FIELDS)
        view.show_record(record)
        layout.addWidget(view)
        self.buttons = QVBoxLayout()
        layout.addLayout(self.buttons)
        layout.addStretch(1)

    def set_photo(self, data: bytes | None) -> None:
        if data:
            new = photo_label(data, 90)
            self.layout().replaceWidget(self.photo, new)
            self.photo.hide()
            self.photo.deleteLater()
            self.photo = new


class DuplicatesPage(QWidget):
    """The candidates side by side with the new person; the agent must choose."""

    open_existing = Signal(str)
    confirm_new = Signal(list)
    back = Signal()

    def __init__(self, session, parent=None) -> None:
        super().__init__(parent)
        self.session = session
        self.setObjectName("duplicatesPage")
        layout = QVBoxLayout(self)
        self.heading = QLabel()
        self.heading.setObjectName("stepHeading")
        self.heading.setStyleSheet("font-size: 15pt; font-weight: 600; color: #b3261e;")
        self.heading.setWordWrap(True)
        layout.addWidget(self.heading)
        explain = bind(QLabel(), text="ui.dup.explain")
        explain.setWordWrap(True)
        layout.addWidget(explain)
        self.scroll = QScrollArea()
        self.scroll.setWidgetResizable(True)
        layout.addWidget(self.scroll, 1)
        actions = QHBoxLayout()
        self.back_button = bind(QPushButton(), text="ui.dup.back")
        self.confirm_button = bind(QPushButton(), text="ui.dup.confirm")
        self.confirm_button.setObjectName("confirmNew")
        actions.addWidget(self.back_button)
        actions.addStretch(1)
        actions.addWidget(self.confirm_button)
        layout.addLayout(actions)
        self.back_button.clicked.connect(self.back)
        self.confirm_button.clicked.connect(lambda: self.confirm_new.emit(self.uids))
        self.uids: list[str] = []
        self.open_buttons: list[QPushButton] = []

    def show_candidates(self, data: dict, photo: bytes | None, candidates) -> None:
        self.uids = [c.record["uid"] for c in candidates]
        bind(self.heading, {"count": len(candidates)}, text="ui.dup.heading")
        holder = QWidget()
        row = QHBoxLayout(holder)
        new = Card(self.session, data, "ui.dup.new_person")
        new.set_photo(photo)
        row.addWidget(new)
        self.open_buttons = []
        for c in candidates:
            score = round(c.score * 100)
            card = Card(self.session, c.record, "ui.dup.candidate", {"score": score})
            button = bind(QPushButton(), text="ui.dup.open")
            button.setObjectName("openExisting")
            button.clicked.connect(
                lambda _=False, uid=c.record["uid"]: self.open_existing.emit(uid)
            )
            card.buttons.addWidget(button)
            self.open_buttons.append(button)
            row.addWidget(card)
            digest = c.record.get("photo_sha256")
            if digest:
                operations.run(
                    card,
                    lambda d=digest: records.load_photo(self.session.ws.store.read(), d),
                    lambda found, card=card: card.set_photo(found[1] if found else None),
                )
        row.addStretch(1)
        self.scroll.setWidget(holder)
        (self.open_buttons[0] if self.open_buttons else self.confirm_button).setFocus()


class ResultPage(QWidget):
    """Saved: the NIA (or provisional reference), and what to do next."""

    new_enrolment = Signal()
    open_record = Signal(str)
    print_requested = Signal(str, str)  # kind (receipt, proof, badge), uid

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("resultPage")
        self.uid = ""
        layout = QVBoxLayout(self)
        layout.addWidget(bind(QLabel(), text="ui.result.saved"))
        self.nia = QLabel()
        self.nia.setObjectName("resultNia")
        self.nia.setStyleSheet("font-size: 26pt; font-weight: 700; padding: 12px 0;")
        self.nia.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.nia)
        self.name = QLabel()
        self.name.setStyleSheet("font-size: 13pt;")
        layout.addWidget(self.name)
        self.provisional = bind(QLabel(), text="ui.result.provisional")
        self.provisional.setWordWrap(True)
        layout.addWidget(self.provisional)
        prints = QHBoxLayout()
        self.print_buttons = []
        for kind in ("receipt", "proof", "badge"):
            button = bind(
                QPushButton(), text=f"ui.result.print_{kind}", tooltip="ui.result.print_tip"
            )
            button.setObjectName(f"print_{kind}")
            button.clicked.connect(lambda _=False, k=kind: self.print_requested.emit(k, self.uid))
            prints.addWidget(button)
            self.print_buttons.append(button)
        prints.addStretch(1)
        layout.addLayout(prints)
        nxt = QHBoxLayout()
        self.open_button = bind(QPushButton(), text="ui.result.open")
        self.again = bind(QPushButton(), text="ui.result.again")
        self.again.setObjectName("enrolAgain")
        self.again.setDefault(True)
        nxt.addWidget(self.open_button)
        nxt.addWidget(self.again)
        nxt.addStretch(1)
        layout.addLayout(nxt)
        layout.addStretch(1)
        self.again.clicked.connect(self.new_enrolment)
        self.open_button.clicked.connect(lambda: self.open_record.emit(self.uid))

    def show_result(self, enrolled) -> None:
        rec = enrolled.record
        self.uid = enrolled.uid
        self.nia.setText(ltr(enrolled.reference))
        latin = f"{rec['first_name_lat']} {rec['last_name_lat']}"
        self.name.setText(f"{latin} — {rec['first_name_ar']} {rec['last_name_ar']}")
        self.provisional.setVisible(not enrolled.nia)
        self.again.setFocus()
