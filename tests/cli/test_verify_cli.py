"""``mihani verify`` and ``mihani qr``: one verdict per code, from text, images and PDFs;
exit code 0 only when every code is valid; bad input refused in the user's language."""

from __future__ import annotations

import json

import pytest

from app.cli.main import main
from app.credentials import qr_png
from app.nia import make_nia
from app.workspace import init_profile, open_workspace

NIAS = [make_nia("07", i) for i in (1, 2, 3)]


@pytest.fixture(scope="module")
def home(tmp_path_factory):
    home = tmp_path_factory.mktemp("verify") / "h"
    assert main(["--home", str(home), "demo", "--artisans", "40", "--seed", "2"]) == 0
    return home


def _qr(home, capsys, key=NIAS[0]) -> str:
    capsys.readouterr()
    assert main(["--home", str(home), "qr", key]) == 0
    return capsys.readouterr().out.strip()


def test_a_badge_made_here_verifies_with_the_record_fields(home, capsys):
    text = _qr(home, capsys)
    assert main(["--home", str(home), "verify", text, "--json"]) == 0
    (verdict,) = json.loads(capsys.readouterr().out)
    with open_workspace(home) as ws:
        rec = ws.store.read().execute("SELECT * FROM artisan WHERE nia = ?", (NIAS[0],)).fetchone()
    claims = verdict["claims"]
    assert verdict["status"] == "valid_provisional"
    assert claims["nia"] == rec["nia"] and claims["birth_date"] == rec["birth_date"]
    assert claims["name_latin"] == f"{rec['first_name_lat']} {rec['last_name_lat']}"
    assert claims["name_arabic"] == f"{rec['first_name_ar']} {rec['last_name_ar']}"
    assert verdict["trust_list"]["age_days"] >= 0


def test_an_altered_code_fails_and_says_why_in_arabic(home, capsys):
    text = _qr(home, capsys)
    forged = text[:200] + ("A" if text[200] != "A" else "B") + text[201:]
    assert main(["--home", str(home), "--lang", "ar", "verify", forged]) == 1
    out = capsys.readouterr().out
    assert out.startswith("XX") and "قائمة الثقة" in out


def test_every_code_of_a_printed_sheet_is_verified(home, capsys, tmp_path):
    pdf = tmp_path / "sheet.pdf"
    assert main(["--home", str(home), "print", "badge", *NIAS, "--out", str(pdf), "--sheet"]) == 0
    capsys.readouterr()
    assert main(["--home", str(home), "verify", "--pdf", str(pdf), "--json"]) == 0
    verdicts = json.loads(capsys.readouterr().out)
    assert sorted(v["claims"]["nia"] for v in verdicts) == sorted(NIAS)


def test_an_image_with_a_good_and_a_bad_code_exits_non_zero(home, capsys, tmp_path):
    good = tmp_path / "good.png"
    qr_png(_qr(home, capsys), good, 4)
    assert main(["--home", str(home), "verify", "--image", str(good)]) == 0
    assert main(["--home", str(home), "verify", "--image", str(good), "NOT-A-QR"]) == 1
    out = capsys.readouterr().out
    assert out.count("OK ") == 2 and "XX " in out


def test_a_code_from_another_laptops_root_is_untrusted(home, capsys, tmp_path):
    other = tmp_path / "other"
    with init_profile(other, "07", "agent") as ws:
        from app.demo.fill import fill_demo

        fill_demo(ws, 3, seed=5)
    text = _qr(other, capsys, make_nia("07", 1))
    assert main(["--home", str(home), "verify", text]) == 1
    assert "XX" in capsys.readouterr().out


@pytest.mark.parametrize("args", [[], ["--image", "missing.png"], ["--pdf", "nope.pdf"]])
def test_bad_input_is_refused_with_a_message(home, capsys, tmp_path, args):
    args = [a if not a.endswith((".png", ".pdf")) else str(tmp_path / a) for a in args]
    assert main(["--home", str(home), "verify", *args]) == 1
    err = capsys.readouterr().err
    assert err.startswith("Erreur") and "Traceback" not in err


def test_an_image_without_a_code_is_explained(home, capsys, tmp_path):
    from PIL import Image

    blank = tmp_path / "blank.png"
    Image.new("L", (200, 200), 255).save(blank)
    assert main(["--home", str(home), "verify", "--image", str(blank)]) == 1
    assert "Aucun code QR" in capsys.readouterr().err


def test_a_profile_that_never_printed_has_no_trust_yet(tmp_path, capsys):
    with init_profile(tmp_path / "fresh", "07", "agent"):
        pass
    assert main(["--home", str(tmp_path / "fresh"), "verify", "ABC"]) == 1
    assert "confiance" in capsys.readouterr().err
