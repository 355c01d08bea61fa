"""The record's card: its state, the next steps the card's life allows (each a call into
``app.cardlife.CardLife`` on a worker; a refused step shows the core's message), and the
partner benefits the card opens (``app.benefits.for_record``)."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app import benefits
from app.cardlife import CardLife
from app.cardlife.machine import REVOKE_REASONS
from app.errors import UserFacingError
from app.i18n import current_language
from ui import operations
from ui.errors import show_error
from ui.i18n import bind, t
from ui.widgets.fields_view import ltr

ACTIONS = ("request", "produce", "printed", "receive", "handover", "renew", "reissue", "revoke")
NEXT = {  # the card's state → the steps offered
    None: ("request",),
    "requested": ("produce", "revoke"),
    "in_production": ("printed", "revoke"),
    "printed": ("receive", "revoke"),
    "received": ("handover", "revoke"),
    "handed_over": ("renew", "revoke"),
    "revoked": ("reissue",),
    "superseded": (),
}


def load(ws, uid: str, rec: dict, lang: str) -> dict:
    """On a worker: the artisan's latest card and the benefits block."""
    cards = CardLife(ws).cards_of(uid)
    card = cards[-1] if cards else None
    state = card["state"] if card else None
    return {"card": card, "benefits": benefits.for_record(rec, state, lang)}


class CardBox(QWidget):
    changed = Signal()

    def __init__(self, session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.setObjectName("cardBox")
        self.record: dict = {}
        self.card: dict | None = None
        self.state = QLabel()
        self.state.setObjectName("cardState")
        self.state.setStyleSheet("font-size: 12pt; font-weight: 600;")
        self.message = QLabel()
        self.message.setObjectName("cardMessage")
        self.message.setStyleSheet("color: #b3261e;")
        self.message.setWordWrap(True)
        self.buttons: dict[str, QPushButton] = {}
        row = QHBoxLayout()
        for name in ACTIONS:
            b = bind(QPushButton(), text=f"ui.card.{name}")
            b.setObjectName(f"card_{name}")
            b.clicked.connect(lambda _=False, n=name: self.act(n))
            self.buttons[name] = b
            row.addWidget(b)
        self.reason = QComboBox()
        self.reason.setObjectName("revokeReason")
        self.reason.addItems([""] * len(REVOKE_REASONS))
        row.addWidget(self.reason)
        row.addStretch(1)
        self.handed_to = bind(QLineEdit(), placeholder="ui.card.handed_to")
        self.handed_to.setObjectName("handedTo")
        self.ack = bind(QLineEdit(), placeholder="ui.card.acknowledgement")
        self.ack.setObjectName("acknowledgement")
        handover = QHBoxLayout()
        handover.addWidget(self.handed_to)
        handover.addWidget(self.ack)
        self.benefits_title = QLabel()
        self.benefits_title.setObjectName("benefitsTitle")
        self.benefits = QListWidget()
        self.benefits.setObjectName("benefitsList")
        layout = QVBoxLayout(self)
        layout.addWidget(self.state)
        layout.addLayout(row)
        layout.addLayout(handover)
        layout.addWidget(self.message)
        layout.addWidget(self.benefits_title)
        layout.addWidget(self.benefits, 1)
        self.benefit_data: dict | None = None
        self._offer(None)
        self.retranslate()

    def load(self, rec: dict) -> None:
        self.record = rec
        ws, uid, lang = self.session.ws, rec["uid"], current_language()
        operations.run(self, lambda: load(ws, uid, rec, lang), self._loaded, self._failed)

    def _loaded(self, found: dict) -> None:
        self.card = found["card"]
        self.benefit_data = found["benefits"]
        self._offer(self.card["state"] if self.card else None)
        self.retranslate()

    def _offer(self, state: str | None) -> None:
        offered = NEXT.get(state, ())
        for name, b in self.buttons.items():
            b.setVisible(name in offered)
        self.reason.setVisible("revoke" in offered)
        self.handed_to.setVisible("handover" in offered)
        self.ack.setVisible("handover" in offered)

    def act(self, name: str) -> None:
        life, agent = CardLife(self.session.ws), self.session.username
        card_key = self.card["uid"] if self.card else None
        to, ack = self.handed_to.text(), self.ack.text()
        reason = REVOKE_REASONS[max(self.reason.currentIndex(), 0)]
        uid = self.record["uid"]
        calls = {
            "request": lambda: life.request(uid, agent),
            "produce": lambda: life.produce(card_key, agent),
            "printed": lambda: life.printed(card_key, agent),
            "receive": lambda: life.receive(card_key, agent),
            "handover": lambda: life.handover(card_key, agent, to, ack),
            "renew": lambda: life.renew(card_key, agent),
            "reissue": lambda: life.reissue(card_key, agent),
            "revoke": lambda: life.revoke(card_key, agent, reason),
        }
        self.message.clear()
        operations.run(self, calls[name], self._moved, self._failed)

    def _moved(self, _card: dict) -> None:
        self.handed_to.clear()
        self.ack.clear()
        self.changed.emit()
        self.load(self.record)

    def _failed(self, exc: BaseException) -> None:
        if isinstance(exc, UserFacingError):
            self.message.setText(exc.message())
            return
        show_error(self, exc)

    def retranslate(self) -> None:
        for i, reason in enumerate(REVOKE_REASONS):
            self.reason.setItemText(i, t(f"ui.card.reason_{reason}"))
        if self.card is None:
            self.state.setText(t("ui.card.state_none"))
        else:
            number = ltr(self.card.get("card_number") or "")
            state = t(f"field.card_state_one.{self.card['state']}")
            self.state.setText(t("ui.card.state", number=number, state=state))
        data = self.benefit_data
        self.benefits.clear()
        if data is None:
            self.benefits_title.clear()
            return
        key = "ui.card.benefits_open" if data["open"] else "ui.card.benefits_closed"
        self.benefits_title.setText(t(key, version=ltr(data["version"])))
        lang, before = current_language(), getattr(self, "_benefit_lang", None)
        self._benefit_lang = lang  # before loading: an answer comes back through here
        if before is not None and lang != before and self.record:
            self.load(self.record)  # labels come in one language: read them again
        for item in data["items"]:
            partner = f"{item['partner']} — " if item["partner"] else ""
            self.benefits.addItem(partner + item["label"])
