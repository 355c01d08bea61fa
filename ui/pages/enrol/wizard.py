"""The enrolment wizard: steps, keyboard-first navigation, the core's verdicts shown next to
the fields, the duplicate check before saving, the result.

Each "next" asks the core to validate what has been typed so far and shows the errors of the
current step's fields only; later steps' missing fields are theirs to report. Saving stores
the photo, then enrols; a duplicate warning opens the side-by-side screen.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QHBoxLayout,
    QListWidget,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from app.errors import FieldError, ValidationFailed
from app.registry.duplicates import CinExists, DuplicateWarning
from ui import operations
from ui.errors import show_error
from ui.i18n import bind, t
from ui.pages.enrol.review import DuplicatesPage, ResultPage, ReviewStep
from ui.pages.enrol.steps_craft import ActivityStep, AddressStep
from ui.pages.enrol.steps_more import ConsentStep, PhotoStep, WorkStep
from ui.pages.enrol.steps_person import BirthContactStep, IdentityStep


class EnrolPage(QWidget):
    enrolled = Signal(object)  # Enrolled
    open_record = Signal(str)  # uid
    print_requested = Signal(str, str)  # kind, uid: from the result page

    def __init__(self, session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.setObjectName("enrolPage")
        self.steps = [
            IdentityStep(session),
            BirthContactStep(session),
            AddressStep(session),
            ActivityStep(session),
            WorkStep(session),
            PhotoStep(session),
            ConsentStep(session),
            ReviewStep(session),
        ]
        self.review = self.steps[-1]
        self.duplicates = DuplicatesPage(session)
        self.result = ResultPage()
        self.stack = QStackedWidget()
        for page in (*self.steps, self.duplicates, self.result):
            self.stack.addWidget(page)
        self.outline = QListWidget()
        self.outline.setObjectName("stepOutline")
        self.outline.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.outline.setFixedWidth(210)
        self.outline.itemClicked.connect(self._outline_clicked)
        self.back_button = bind(QPushButton(), text="ui.enrol.back", tooltip="ui.enrol.back_tip")
        self.next_button = QPushButton()
        self.next_button.setObjectName("nextButton")
        self.next_button.setDefault(True)
        self.back_button.clicked.connect(self.back)
        self.next_button.clicked.connect(self.next)
        QShortcut(QKeySequence("Alt+Left"), self, self.back)
        QShortcut(QKeySequence("Ctrl+Return"), self, self.next)
        for step in self.steps:
            step.submitted.connect(self.next)
        self.duplicates.back.connect(lambda: self.go(len(self.steps) - 1))
        self.duplicates.open_existing.connect(self._open_existing)
        self.duplicates.confirm_new.connect(self.save)
        self.result.new_enrolment.connect(self.restart)
        self.result.open_record.connect(self.open_record)
        self.result.print_requested.connect(self.print_requested)
        self.steps[3].category.codeChanged.connect(self.steps[4].set_category)
        buttons = QHBoxLayout()
        buttons.addWidget(self.back_button)
        buttons.addStretch(1)
        buttons.addWidget(self.next_button)
        right = QVBoxLayout()
        right.addWidget(self.stack, 1)
        right.addLayout(buttons)
        layout = QHBoxLayout(self)
        layout.addWidget(self.outline)
        layout.addLayout(right, 1)
        self.busy = False
        self.retranslate()
        self.go(0)

    # navigation -------------------------------------------------------------------------

    @property
    def index(self) -> int:
        return self.stack.currentIndex()

    def current_step(self):
        page = self.stack.currentWidget()
        return page if page in self.steps else None

    def go(self, index: int) -> None:
        self.stack.setCurrentIndex(index)
        on_step = index < len(self.steps)
        self.outline.setCurrentRow(min(index, len(self.steps) - 1))
        self.back_button.setVisible(on_step and index > 0)
        self.next_button.setVisible(on_step)
        self._label_next()
        if index == len(self.steps) - 1:
            self.review.show_data(self.data(), self.steps[5].photo.data)
        step = self.current_step()
        if step is not None:
            step.entered()

    def _label_next(self) -> None:
        last = self.index == len(self.steps) - 1
        bind(self.next_button, text="ui.enrol.save" if last else "ui.enrol.next")

    def _outline_clicked(self, item) -> None:
        row = self.outline.row(item)
        if row < self.index and self.current_step() is not None:
            self.go(row)
        else:
            self.outline.setCurrentRow(min(self.index, len(self.steps) - 1))

    def back(self) -> None:
        if self.current_step() is not None and self.index > 0:
            self.go(self.index - 1)

    def next(self) -> None:
        step = self.current_step()
        if step is None or self.busy:
            return
        if step is self.review:
            self.save([])
            return
        data = self.data()
        registry, agent = self.session.ws.registry, self.session.username
        self.busy = True
        operations.run(
            self, lambda: registry.validate(data, agent), self._valid, lambda e: self._invalid(e)
        )

    def _valid(self, _clean) -> None:
        self.busy = False
        self.current_step().form.clear_errors()
        self.go(self.index + 1)

    def _invalid(self, exc: BaseException) -> None:
        self.busy = False
        if not isinstance(exc, ValidationFailed):
            show_error(self, exc)
            return
        if not self.current_step().show_errors(exc.errors):
            self.go(self.index + 1)

    # data and saving --------------------------------------------------------------------

    def data(self) -> dict:
        out: dict = {}
        for step in self.steps:
            out.update(step.values())
        return {k: v for k, v in out.items() if v is not None}

    def save(self, acknowledged: list[str]) -> None:
        if self.busy:
            return
        data, photo = self.data(), self.steps[5].photo.data
        registry, agent = self.session.ws.registry, self.session.username

        def work():
            record = dict(data)
            if photo:
                record["photo_sha256"] = registry.add_photo(photo, agent)
            return registry.enrol(record, agent, acknowledged=acknowledged)

        self.busy = True
        self.next_button.setEnabled(False)
        operations.run(self, work, self._saved, self._save_failed)

    def _saved(self, enrolled) -> None:
        self.busy = False
        self.next_button.setEnabled(True)
        self.result.show_result(enrolled)
        self.go(self.stack.indexOf(self.result))
        self.enrolled.emit(enrolled)

    def _save_failed(self, exc: BaseException) -> None:
        self.busy = False
        self.next_button.setEnabled(True)
        if isinstance(exc, DuplicateWarning):
            self.go(self.stack.indexOf(self.duplicates))
            self.duplicates.show_candidates(self.data(), self.steps[5].photo.data, exc.candidates)
            return
        if isinstance(exc, CinExists):
            exc = ValidationFailed([FieldError("cin", exc.msgid, dict(exc.params))])
        if isinstance(exc, ValidationFailed):
            for i, step in enumerate(self.steps):
                if any(step.owns(e.field) for e in exc.errors):
                    self.go(i)
                    step.show_errors(exc.errors)
                    return
        show_error(self, exc)

    def _open_existing(self, uid: str) -> None:
        self.restart()
        self.open_record.emit(uid)

    def restart(self) -> None:
        for step in self.steps:
            step.reset()
        self.go(0)

    def showEvent(self, event) -> None:
        super().showEvent(event)
        step = self.current_step()
        (step.entered() if step is not None else self.result.again.setFocus())

    def keyPressEvent(self, event) -> None:
        """Enter that no field took (a button, the review page) moves on."""
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.current_step():
            self.next()
            return
        super().keyPressEvent(event)

    def retranslate(self) -> None:
        self.outline.clear()
        for n, step in enumerate(self.steps, 1):
            self.outline.addItem(f"{n}. {t(step.title_id)}")
        self.outline.setCurrentRow(min(self.index, len(self.steps) - 1))
