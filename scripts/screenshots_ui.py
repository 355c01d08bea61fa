"""Screenshots of the workstation on demo data, in French and Arabic, for docs/screenshots.

    .venv/bin/python scripts/screenshots_ui.py [--out docs/screenshots] [--artisans 2000]

Runs offscreen on a throwaway demo profile whose key is kept in a plain keyring file of its
own in a temporary directory (demo data only; never the user's keyring).
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TMP = Path(tempfile.gettempdir()) / "mihani-screens"  # a fixed name: the same PNGs each run
shutil.rmtree(TMP, ignore_errors=True)
os.environ["XDG_DATA_HOME"] = str(TMP / "keyring")
os.environ["PYTHON_KEYRING_BACKEND"] = "keyrings.alt.file.PlaintextKeyring"
os.environ["QT_QPA_PLATFORM"] = "offscreen"
sys.path.insert(0, str(ROOT))

from PySide6.QtCore import QSettings  # noqa: E402
from PySide6.QtGui import QColor, QImage, QPainter  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402
from screenshots_seed import person, seed_session, seed_sync  # noqa: E402

from app import agents  # noqa: E402
from ui import operations, settings  # noqa: E402
from ui.context import Session  # noqa: E402
from ui.firstrun import create_demo  # noqa: E402
from ui.i18n import switch_language  # noqa: E402
from ui.launcher import application  # noqa: E402


def settle(app: QApplication, rounds: int = 8) -> None:
    for _ in range(rounds):
        app.processEvents()
    operations.wait_idle()
    for _ in range(rounds):
        app.processEvents()


def portrait() -> QImage:
    image = QImage(300, 400, QImage.Format.Format_RGB32)
    image.fill(QColor("#d9cbb8"))
    p = QPainter(image)
    p.setBrush(QColor("#8a5a44"))
    p.setPen(QColor("#8a5a44"))
    p.drawEllipse(95, 70, 110, 140)
    p.drawRoundedRect(55, 230, 190, 200, 60, 60)
    p.end()
    return image


def fill(wizard, data: dict) -> None:
    identity, birth, address, activity, work, photo, consent, _review = wizard.steps
    for step in (identity, birth, work):
        for name, editor in step.form.editors.items():
            if name in data and hasattr(editor, "setText"):
                editor.setText(str(data[name]))
    identity.sex.set_code(data["sex"])
    address.commune.set_code(data["commune_code"])
    activity.category.set_code(data["category"])
    activity.activity.set_code(data["activity_code"])
    activity.form.editors["years_practice"].setText(data["years_practice"])
    activity.form.editors["qualification_ref"].setText(data["qualification_ref"])
    from ui.widgets.photo import prepare_photo

    photo.photo.set_data(prepare_photo(portrait()))
    consent.box.setChecked(True)


def twin_of(ws) -> dict:
    """A near-duplicate of a demo artisan: another CIN, the name spelled differently."""
    row = dict(
        ws.store.read()
        .execute("SELECT * FROM artisan WHERE category = 'experience' ORDER BY id LIMIT 1")
        .fetchone()
    )
    data = person(ws)
    data.update(
        {k: row[k] for k in ("first_name_ar", "last_name_ar", "sex", "birth_date")},
        first_name_lat=row["first_name_lat"],
        last_name_lat=row["last_name_lat"].replace("El ", "").replace(" ", "-"),
        cin="EE900001",
        commune_code=row["commune_code"],
    )
    return data


def shoot(app, window, out: Path, lang: str) -> list[Path]:
    made = []

    def save(name: str) -> None:
        settle(app)
        path = out / f"ui-{lang}-{name}.png"
        window.grab().save(str(path))
        made.append(path)

    ws = window.session.ws
    wizard = window.enrol
    window.show_page("enrol")
    save("main")
    fill(wizard, person(ws))
    names = ["identity", "birth", "address", "activity", "work", "photo", "consent", "review"]
    for index, name in enumerate(names):
        wizard.go(index)
        save(f"enrol-{index + 1}-{name}")
    wizard.restart()
    fill(wizard, twin_of(ws))
    wizard.go(len(wizard.steps) - 1)
    wizard.next()
    save("duplicates")
    wizard.restart()
    window.show_page("register")
    window.register.search.setText("فاطمة" if lang == "ar" else "fatima")
    window.register.refresh()
    save("register")
    window.register.search.clear()
    sessions = window.register.session_filter
    sessions.setCurrentIndex(1)  # the open caravan session: its enrolments only
    save("register-session")
    sessions.set_code(None)
    window.show_page("settings")
    save("settings")
    shoot_printing(window, save)
    shoot_sync(window, save, out, lang, made)
    window.show_page("reports")
    window.reports.period.setCurrentIndex(2)  # the caravan session opened by main()
    save("dashboard")
    return made


def shoot_sync(window, save, out: Path, lang: str, made: list) -> None:
    """The Sync page after a sync, the Conflicts page, and the export dialog."""
    window.syncer.refresh_state()
    window.show_page("sync")
    save("sync")
    window.show_page("conflicts")
    save("conflicts")
    window.show_page("register")
    window.register.search.setText("فاطمة" if lang == "ar" else "fatima")
    window.register.refresh()
    dialog = window.export()
    dialog.path.setText(str(Path("E:/") / "export-marrakech-safi.xlsx"))
    settle(QApplication.instance())
    path = out / f"ui-{lang}-export.png"
    dialog.grab().save(str(path))
    made.append(path)
    dialog.close()
    window.register.search.clear()


def forged_name(text: str, old: str, new: str) -> str:
    """A real code re-encoded with another name, as a forger would (for the red verdict)."""
    from app.credentials.base45 import b45decode, b45encode
    from app.credentials.compress import compress, decompress

    raw = decompress(b45decode(text)).replace(old.encode(), new.encode(), 1)
    return b45encode(compress(raw))


def shoot_printing(window, save) -> None:
    """The Cards page with a preview of card proofs; the Verify page green and red."""
    import datetime as dt

    from app.card_claims import sign_provisional
    from app.issuer import demo_issuer

    ws = window.session.ws
    rows = ws.store.read().execute(
        "SELECT * FROM artisan WHERE nia IS NOT NULL AND category = 'experience' "
        "ORDER BY id LIMIT 3"
    )
    recs = [dict(r) for r in rows]
    cards = window.cards
    cards.selection.set_keys([r["uid"] for r in recs])
    cards.set_document("proof")
    window.show_page("cards")
    cards.preview()
    save("cards-preview")
    now = dt.datetime.now(dt.UTC).replace(microsecond=0)
    text, _ = sign_provisional(recs[0], demo_issuer(ws, now), now)
    verify = window.verify
    verify.entries = []
    window.show_page("verify")
    for code in (sign_provisional(recs[1], demo_issuer(ws, now), now)[0], text):
        verify.scan.setText(code)
        verify.verify_scan()
    save("verify-valid")
    last = recs[0]["last_name_lat"]
    other = ("K" if last[0] != "K" else "M") + last[1:]
    verify.scan.setText(forged_name(text, last, other))
    verify.verify_scan()
    save("verify-invalid")


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshots")
    parser.add_argument("--artisans", type=int, default=2000)
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    app = application("fr")
    settings.use(QSettings(str(TMP / "settings.ini"), QSettings.Format.IniFormat))
    operations.set_synchronous(True)
    ws = create_demo(TMP / "profile", args.artisans)
    from ui.main_window import MainWindow

    window = MainWindow(Session(ws, agents.get_agent(ws.store.read(), agents.DEMO_USER)))
    window.resize(1280, 800)
    window.show()
    window.syncer.health_timer.stop()  # no central service here: its address is an example
    window.syncer.timer.stop()
    seed_sync(ws)
    seed_session(ws)
    made = []
    for lang in ("fr", "ar"):
        switch_language(lang)
        made += shoot(app, window, args.out, lang)
    window.close()
    ws.close()
    for path in made:
        print(path.relative_to(ROOT) if path.is_relative_to(ROOT) else path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
