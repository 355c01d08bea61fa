"""Steps 1 and 2: identity (CIN, names in both scripts with a proposed transliteration, sex)
and birth and contact."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QLineEdit

from ui.i18n import bind, t
from ui.pages.enrol.base import Step, line
from ui.widgets.combo import CodeCombo

CIN_TYPING = r"[A-Za-z]{0,2}[0-9]{0,6}"
ARABIC_TYPING = r"[\x{0621}-\x{065F}\x{0670}-\x{06D3}\x{06A9}\x{06AF}\x{06CC}\x{0640} \-]*"
LATIN_TYPING = r"[A-Za-z\x{00C0}-\x{024F} '\-.]*"


def _proposer(to_latin: bool):
    """The core's transliteration proposal (``app.text``), or None while it is missing."""
    name = "propose_latin" if to_latin else "propose_arabic"
    for module in ("app.text.translit", "app.text"):
        try:
            mod = __import__(module, fromlist=[name])
        except ImportError:
            continue
        fn = getattr(mod, name, None)
        if fn is not None:
            return fn
    return None


class Proposal:
    """Fills an empty target field with the transliteration of the source field; marks it
    as proposed until the agent accepts it (Enter, Tab) or corrects it."""

    def __init__(self, source: QLineEdit, target: QLineEdit, hint: QLabel, to_latin: bool):
        self.source, self.target, self.hint = source, target, hint
        self.fn = _proposer(to_latin)
        self.proposed = ""
        source.editingFinished.connect(self.propose)
        target.textEdited.connect(self._edited)

    def propose(self) -> None:
        if self.fn is None:
            return
        text = self.source.text().strip()
        current = self.target.text().strip()
        if not text or (current and current != self.proposed):
            return
        try:
            proposal = (self.fn(text) or "").strip()
        except Exception:  # a proposal is a help, never a blocker
            proposal = ""
        if proposal:
            self.proposed = proposal
            self.target.setText(proposal)
            self.hint.show()

    def _edited(self, _text: str) -> None:
        self.hint.hide()
        self.proposed = ""

    def reset(self) -> None:
        self.proposed = ""
        self.hint.hide()


class IdentityStep(Step):
    title_id = "ui.enrol.step.identity"
    fields = ("cin", "first_name_ar", "last_name_ar", "first_name_lat", "last_name_lat", "sex")

    def __init__(self, session, parent=None) -> None:
        super().__init__(session, parent)
        f = self.form
        f.add("cin", line(CIN_TYPING, ltr=True, upper=True)).setMaxLength(8)
        bind(f.editors["cin"], placeholder="ui.enrol.cin_placeholder")
        for name in ("first_name_ar", "last_name_ar"):
            f.add(name, line(ARABIC_TYPING, rtl=True))
        for name in ("first_name_lat", "last_name_lat"):
            f.add(name, line(LATIN_TYPING, ltr=True))
        self.sex = CodeCombo(searchable=False)
        f.add("sex", self.sex)
        self.proposals = []
        for ar, lat in (("first_name_ar", "first_name_lat"), ("last_name_ar", "last_name_lat")):
            hint = bind(QLabel(), text="ui.enrol.proposed")
            hint.setObjectName(f"hint_{lat}")
            hint.setStyleSheet("color: #5f6368; font-style: italic;")
            hint.hide()
            f.errors[lat].parentWidget().layout().addWidget(hint)
            self.proposals.append(Proposal(f.editors[ar], f.editors[lat], hint, to_latin=True))
        self.retranslate()

    def retranslate(self) -> None:
        self.sex.set_items([(code, t(f"sex.{code}")) for code in ("F", "M")])

    def values(self) -> dict:
        out = super().values()
        out["sex"] = self.sex.code()
        return out

    def reset(self) -> None:
        super().reset()
        self.sex.set_code(None)
        for p in self.proposals:
            p.reset()


class BirthContactStep(Step):
    title_id = "ui.enrol.step.birth_contact"
    fields = ("birth_date", "birth_place", "phone", "email", "address")

    def __init__(self, session, parent=None) -> None:
        super().__init__(session, parent)
        f = self.form
        f.add("birth_date", line(mask="9999-99-99", ltr=True))
        bind(f.editors["birth_date"], tooltip="ui.enrol.date_hint")
        f.add("birth_place", line())
        f.add("phone", line(r"[+0-9 ]{0,16}", ltr=True))
        bind(f.editors["phone"], placeholder="ui.enrol.phone_placeholder")
        f.add("email", line(ltr=True))
        f.add("address", line())
