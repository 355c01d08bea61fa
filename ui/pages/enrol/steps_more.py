"""Steps 5 to 7: workplace or cooperative/enterprise and AMO/CNSS; photo; consent
(Law 09-08)."""

from __future__ import annotations

from PySide6.QtWidgets import QCheckBox, QLabel

from app.model.artisan import ORGANISATIONS
from ui.i18n import bind
from ui.pages.enrol.base import Step, line
from ui.widgets.photo import PhotoBox

ORG_FIELDS = ("org_name", "org_reg_number", "org_supervisor_nia")


class WorkStep(Step):
    title_id = "ui.enrol.step.work"
    fields = ("workplace", *ORG_FIELDS, "amo_number")

    def __init__(self, session, parent=None) -> None:
        super().__init__(session, parent)
        f = self.form
        f.add("workplace", line())
        f.add("org_name", line())
        f.add("org_reg_number", line(ltr=True))
        f.add("org_supervisor_nia", line(ltr=True))
        f.add("amo_number", line(r"[0-9 \-]{0,24}", ltr=True))
        self.set_category(None)

    def set_category(self, category: str | None) -> None:
        """Organisation fields only for cooperatives and enterprises (the core's list)."""
        for name in ORG_FIELDS:
            self.form.set_visible(name, category in ORGANISATIONS)

    def values(self) -> dict:
        out = super().values()
        if not self.form.editors["org_name"].isVisibleTo(self):
            for name in ORG_FIELDS:
                out[name] = None
        return out


class PhotoStep(Step):
    title_id = "ui.enrol.step.photo"
    fields = ("photo_sha256",)

    def __init__(self, session, parent=None) -> None:
        super().__init__(session, parent)
        self.photo = PhotoBox()
        self.form.add("photo_sha256", self.photo)
        note = bind(QLabel(), text="ui.photo.note")
        note.setWordWrap(True)
        note.setStyleSheet("color: #5f6368;")
        self.form.add_row(note)

    def values(self) -> dict:
        return {}  # the photo is stored and referenced at save time

    def reset(self) -> None:
        super().reset()
        self.photo.set_data(None)

    def entered(self) -> None:
        self.photo.from_file.setFocus()


class ConsentStep(Step):
    title_id = "ui.enrol.step.consent"
    fields = ("consent_given",)

    def __init__(self, session, parent=None) -> None:
        super().__init__(session, parent)
        notice = bind(QLabel(), text="ui.enrol.consent_text")
        notice.setWordWrap(True)
        notice.setObjectName("consentText")
        self.form.add_row(notice)
        self.box = bind(QCheckBox(), text="ui.enrol.consent_box")
        self.form.add("consent_given", self.box)

    def values(self) -> dict:
        return {"consent_given": self.box.isChecked()}

    def reset(self) -> None:
        super().reset()
        self.box.setChecked(False)
