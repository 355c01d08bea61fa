"""Log-in with no network: wrong passwords are counted, the fifth locks the name (even the
right password is then refused); the first run creates a real profile with a password."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from app import agents
from app.profile import Profile
from app.workspace import open_workspace
from ui.errors import BugDialog, show_error
from ui.firstrun import FirstRunDialog
from ui.login import LoginDialog


def attempt(qtbot, dialog, user: str, password: str) -> None:
    dialog.user.setText(user)
    dialog.password.setFocus()
    qtbot.keyClicks(dialog.password, password)
    qtbot.keyClick(dialog.password, Qt.Key.Key_Return)


def test_five_wrong_passwords_lock_the_agent_out(qtbot, ws, password):
    dialog = LoginDialog(ws)
    qtbot.addWidget(dialog)
    dialog.show()
    for remaining in (4, 3, 2, 1):
        attempt(qtbot, dialog, "agent1", "guess")
        assert dialog.message.isVisible() and f"{remaining} essai" in dialog.message.text()
        assert dialog.agent is None and dialog.password.text() == ""
    attempt(qtbot, dialog, "agent1", "guess")
    assert "bloquée" in dialog.message.text()
    attempt(qtbot, dialog, "agent1", password)
    assert "bloquée" in dialog.message.text() and dialog.agent is None
    assert dialog.result() != LoginDialog.DialogCode.Accepted


def test_right_password_logs_in_and_remembers_the_name(qtbot, ws, password):
    dialog = LoginDialog(ws)
    qtbot.addWidget(dialog)
    dialog.show()
    attempt(qtbot, dialog, "AGENT1", password)
    assert dialog.result() == LoginDialog.DialogCode.Accepted
    assert dialog.agent.username == "agent1" and dialog.agent.is_supervisor
    again = LoginDialog(ws)
    qtbot.addWidget(again)
    assert again.user.text() == "agent1"


def test_agent_without_password_chooses_one(qtbot, ws):
    with ws.store.write() as conn:
        conn.execute("UPDATE agent SET password_hash = NULL")
    dialog = LoginDialog(ws)
    qtbot.addWidget(dialog)
    dialog.show()
    attempt(qtbot, dialog, "agent1", "")
    assert dialog.confirm.isVisible() and "pas encore de mot de passe" in dialog.message.text()
    dialog.password.setText("a new secret")
    dialog.confirm.setText("a new secret")
    dialog.ok.click()
    assert dialog.agent is not None
    assert agents.verify(ws.store, "agent1", "a new secret").username == "agent1"


def test_first_run_creates_a_real_profile_with_its_agent(qtbot, tmp_path):
    home = tmp_path / "new"
    dialog = FirstRunDialog(home)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.region.set_code("04")
    dialog.username.setText("Samira")
    dialog.name.setText("Samira Bennani")
    dialog.password.setText("short")
    dialog.confirm.setText("short")
    dialog.create.click()
    assert dialog.message.isVisible() and "8" in dialog.message.text()
    assert not Profile.exists(home)
    dialog.password.setText("long enough")
    dialog.confirm.setText("long enough")
    dialog.create.click()
    assert dialog.ws is not None
    dialog.ws.close()
    with open_workspace(home) as ws:
        assert ws.profile.region_code == "04" and not ws.profile.demo
        agent = agents.verify(ws.store, "samira", "long enough")
        assert agent.display_name == "Samira Bennani"


def test_errors_user_facing_as_is_else_logged_with_copyable_details(qtbot, qapp, tmp_path):
    from app.errors import UserFacingError
    from ui.errors import setup_logging

    log = setup_logging(tmp_path)
    box = show_error(None, UserFacingError("error.no_change"))
    assert isinstance(box, QMessageBox) and box.text() == "aucune modification"
    box.close()
    try:
        raise RuntimeError("disk on fire")
    except RuntimeError as exc:
        dialog = show_error(None, exc)
    assert isinstance(dialog, BugDialog) and "RuntimeError" in dialog.summary.text()
    dialog.copy_button.click()
    assert "disk on fire" in qapp.clipboard().text() and "Traceback" in qapp.clipboard().text()
    assert "disk on fire" in log.read_text(encoding="utf-8")
    dialog.close()


def test_inactivity_locks_and_input_postpones_it(qtbot, window):
    from ui.lock import IdleWatcher

    watcher = IdleWatcher(0.01, window)  # 600 ms
    fired = []
    watcher.idle.connect(lambda: fired.append(True))
    qtbot.wait(300)
    assert watcher.timer.remainingTime() < 450
    qtbot.keyClick(window.enrol.steps[0].form.editors["cin"], "E")  # the agent types
    assert watcher.timer.remainingTime() > 450 and fired == []
    qtbot.waitUntil(lambda: fired == [True], timeout=3000)
