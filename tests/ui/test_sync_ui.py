"""The Sync and Conflicts pages against the REAL central service and PostgreSQL over loopback
(the sync tests' harness, ``bench.chaoskit.site``): a laptop registered through the form, an
enrolment made in the wizard sent by "Synchronise now", a conflict made by two laptops settled
by a click, and the timer, network-back and closing triggers calling the engine."""

from __future__ import annotations

import os

import pytest
from PySide6.QtCore import Qt

from bench.chaoskit.service import central_service
from bench.chaoskit.site import PASSWORD, Site, fast_backoff
from ui.widgets.photo import prepare_photo


@pytest.fixture(scope="module")
def central(tmp_path_factory):
    """The service of the reliability campaign (``bench.chaoskit.service``); the settings it
    puts in the environment are taken out again after this module."""
    saved = dict(os.environ)
    try:
        with central_service(tmp_path_factory.mktemp("ui-central")) as svc:
            yield svc.server, svc.admin
    finally:
        for key in set(os.environ) - set(saved):
            os.environ.pop(key)
        os.environ.update(saved)


@pytest.fixture
def site(central, tmp_path):
    server, admin = central
    s = Site(server, admin, tmp_path)
    yield s
    s.close()


def register_window(window, site, qtbot) -> str:
    """Fill the "Register this laptop" form and press its button."""
    from central.services import devices

    _, code = devices.issue_code(site.admin, "07")
    user = site.agent()
    window.syncer.backoff = fast_backoff()
    window.show_page("sync")
    page = window.sync_page
    assert page.form.isVisible() and not page.sync_button.isEnabled()
    page.form.server.setText(site.server.url)
    page.form.code.setText(code)
    page.form.username.setText(user)
    page.form.password.setText(PASSWORD)
    qtbot.mouseClick(page.form.button, Qt.MouseButton.LeftButton)
    assert page.state.registered, page.form.error.text()
    assert not page.form.isVisible() and page.sync_button.isEnabled()
    return user


def enrol_in_wizard(window, valid, portrait) -> None:
    wizard = window.enrol
    window.show_page("enrol")
    identity, birth, address, activity, work, photo, consent, _review = wizard.steps
    for step in (identity, birth, work):
        for name, editor in step.form.editors.items():
            if name in valid and hasattr(editor, "setText"):
                editor.setText(str(valid[name]))
    identity.sex.set_code(valid["sex"])
    address.commune.set_code(valid["commune_code"])
    activity.category.set_code(valid["category"])
    activity.activity.set_code(valid["activity_code"])
    activity.form.editors["years_practice"].setText(str(valid["years_practice"]))
    activity.form.editors["qualification_ref"].setText(valid["qualification_ref"])
    photo.photo.set_data(prepare_photo(portrait))
    consent.box.setChecked(True)
    wizard.go(len(wizard.steps) - 1)
    wizard.next()
    assert wizard.stack.currentWidget() is wizard.result


@pytest.fixture
def portrait():
    from PySide6.QtGui import QColor, QImage

    image = QImage(300, 400, QImage.Format.Format_RGB32)
    image.fill(QColor("#8a5a44"))
    return image


def test_register_enrol_synchronise(window, site, qtbot, valid, portrait, ws):
    register_window(window, site, qtbot)
    enrol_in_wizard(window, valid, portrait)
    window.show_page("sync")
    page = window.sync_page
    assert page.waiting["creates"].text() == "1"
    assert page.waiting["photos"].text().startswith("1 (")
    assert "1 modification" in window.status.pending.text()
    qtbot.mouseClick(page.sync_button, Qt.MouseButton.LeftButton)
    assert page.state.pending == 0 and page.state.photos == 0
    assert page.waiting["creates"].text() == "0"
    assert "réussie" in page.result.text() and "1 changement(s) envoyé(s)" in page.result.text()
    assert "0 modification" in window.status.pending.text()
    assert "jamais" not in window.status.last_sync.text()
    assert valid["cin"] in site.cins()


def test_a_conflict_of_two_laptops_is_settled_by_a_click(window, site, qtbot, ws):
    register_window(window, site, qtbot)
    b = site.laptop("b")
    uid = b.enrol()
    b.sync()
    window.syncer.sync("button")
    row = ws.store.read().execute("SELECT version FROM artisan WHERE uid = ?", (uid,)).fetchone()
    b.edit(uid, phone="0661000002")
    b.sync()
    ws.registry.update(uid, {"phone": "0661000001"}, "agent1", row[0])
    window.syncer.sync("button")
    assert window.syncer.state.conflicts == 1
    assert window.nav.item(5).text() == "Conflits (1)"
    window.show_page("conflicts")
    page = window.conflicts
    (card,) = page.cards.values()
    assert card.findChild(type(page.intro), "conflictField").text() == "Téléphone"
    values = {n: card.findChild(type(page.intro), f"value_{n}").text() for n in
              ("server", "local")}  # fmt: skip
    assert "+212661000002" in values["server"] and "+212661000001" in values["local"]
    qtbot.mouseClick(card.keep_local, Qt.MouseButton.LeftButton)
    assert page.cards == {} and page.empty.isVisible()
    assert window.nav.item(5).text() == "Conflits"
    window.syncer.sync("button")
    b.sync()
    assert site.server_state()[uid]["phone"] == "+212661000001"
    assert b.row(uid)["phone"] == "+212661000001"


def test_timer_network_and_closing_call_the_engine(window, site, qtbot, ws, valid):
    register_window(window, site, qtbot)
    runs = []
    window.syncer.finished.connect(lambda run, result, error: runs.append((run.kind, error)))
    ws.registry.enrol(valid, "agent1")
    window.syncer.set_interval_ms(50)  # the timer
    qtbot.waitUntil(lambda: ("timer", None) in runs, timeout=10_000)
    window.syncer.set_minutes(0)
    assert ws.store.read().execute("SELECT count(*) FROM outbox").fetchone()[0] == 0
    window.syncer._set_online(False)  # the network went away, then comes back
    window.syncer.check_network()
    assert window.syncer.online is True and ("network", None) in runs
    assert "joignable" in window.status.network.text()
    row = ws.store.read().execute("SELECT uid, version FROM artisan").fetchone()
    ws.registry.update(row[0], {"address": "Derb Fermeture"}, "agent1", row[1])
    window.close()  # closing: a bounded sync of what waits
    assert ("close", None) in runs
    assert ws.store.read().execute("SELECT count(*) FROM outbox").fetchone()[0] == 0


def test_a_card_handed_over_on_another_laptop_shows_here(window, site, qtbot, ws):
    from tests.sync.card_kit import handed_over_card

    register_window(window, site, qtbot)
    page = window.sync_page
    qtbot.mouseClick(page.sync_button, Qt.MouseButton.LeftButton)  # the region so far
    b = site.laptop("b")
    rec, _card = handed_over_card(site, b, "Fatima Zahra", "fiche 0042")
    b.sync()
    window.show_page("sync")
    qtbot.mouseClick(page.sync_button, Qt.MouseButton.LeftButton)
    assert "réussie" in page.result.text(), page.result.text()
    assert "États de carte reçus du registre : 1." in page.result.text()
    box = window.open_record(rec["uid"]).card_box
    qtbot.waitUntil(lambda: box.card is not None)
    assert box.card["state"] == "handed_over" and box.card["handed_to"] == "Fatima Zahra"
    assert box.state.text().endswith(": Remise"), box.state.text()
    assert box.buttons["renew"].isVisibleTo(box) and not box.buttons["handover"].isVisibleTo(box)
    # in Arabic: the same result said again, no step left over from the run, the card's box
    # read again in the language (its benefits come in one language)
    window.set_language("ar")
    try:
        assert "حالات البطاقات المستقبلة من السجل: 1." in page.result.text()
        assert page.step.text() == ""
        assert box.state.text().startswith("البطاقة") and box.state.text().endswith("مسلَّمة")
    finally:
        window.set_language("fr")


def test_a_cut_snapshot_download_is_shown_as_kept_in_both_languages(window, ws):
    from sync.config import Registration, folder

    Registration("http://127.0.0.1:9", "dev1", "07", "c1", "k.bennani", "2025-12-01").save(
        ws.profile.home
    )
    window.show_page("sync")
    page = window.sync_page
    window.syncer.refresh_state()
    assert not page.snapshot_part.isVisible()
    part = folder(ws.profile.home) / "snapshot-3fa85f64-5717-4562-b3fc-2c963f66afa6.part"
    part.write_bytes(b"\x1f\x8b" + bytes(10_700_000))
    window.syncer.refresh_state()
    assert page.snapshot_part.isVisible()
    assert page.snapshot_part.text() == (
        "Instantané de la région : 10,7 Mo déjà reçus et gardés ; le téléchargement reprendra"
        " de là à la prochaine synchronisation."
    )
    window.set_language("ar")
    assert page.snapshot_part.text().startswith("لقطة الجهة: ")
    assert "10.7" in page.snapshot_part.text() and "سيُستأنف التنزيل" in page.snapshot_part.text()
    window.set_language("fr")
    part.unlink()
    window.syncer.refresh_state()
    assert not page.snapshot_part.isVisible()
