"""The field commands, through the ``register`` the lead wires into ``mihani``."""

from __future__ import annotations

import argparse

from app.cardlife import CardLife
from app.cli import field_commands
from app.workspace import open_workspace
from printing import report_cli


def _run(home, *argv: str) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--home")
    sub = parser.add_subparsers(dest="command")
    field_commands.register(sub)
    report_cli.register(sub)
    args = parser.parse_args(list(argv))
    args.home = home
    return args.handler(args)


def test_card_commands_are_offered_now_the_wire_carries_cards(ws, valid, capsys):
    parser = argparse.ArgumentParser()
    field_commands.register(parser.add_subparsers(dest="command"))
    assert "card" in parser._subparsers._group_actions[0].choices
    home = ws.profile.home
    done = ws.registry.enrol(valid, "agent1")
    ws.registry.set_status(done.uid, "validated", "agent1")
    ws.close()
    assert _run(home, "card", "request", done.nia, "--json") == 0
    number = f"{done.nia}-01"
    assert number in capsys.readouterr().out
    for step in ("produced", "printed", "received"):
        assert _run(home, "card", step, number) == 0
    assert _run(home, "card", "handover", number, "--to", "Fatima", "--ack", "fiche 7") == 0
    assert _run(home, "card", "status", number, "--json") == 0
    assert '"state": "handed_over"' in capsys.readouterr().out
    assert _run(home, "card", "lost", number, "--reason", "stolen") == 0
    with open_workspace(home) as again:
        assert CardLife(again).get(number)["state"] == "revoked"
        ops = [r[0] for r in again.store.read().execute(
            "SELECT op FROM outbox WHERE entity = 'card' ORDER BY mid")]  # fmt: skip
    assert ops == ["request", "produce", "print", "receive", "handover", "revoke"]


def test_session_card_and_report(ws, valid, tmp_path, capsys):
    home = ws.profile.home
    done = ws.registry.enrol(valid, "agent1")
    ws.registry.set_status(done.uid, "validated", "agent1")
    commune = valid["commune_code"]
    ws.close()
    assert _run(home, "session", "open", "--name", "Salé", "--commune", commune,
                "--start", "2025-12-15", "--end", "2025-12-15") == 0  # fmt: skip
    with open_workspace(home) as again:  # card steps through the core (the CLI: above)
        life = CardLife(again)
        number = life.request(done.nia, "agent1")["card_number"]
        life.produce(number, "agent1")
        life.printed(number, "agent1")
        life.receive(number, "agent1")
        life.handover(number, "agent1", "Fatima", "fiche 7")
    assert _run(home, "session", "summary", "--json") == 0
    assert '"cards_handed_over": 1' in capsys.readouterr().out
    out = tmp_path / "day.pdf"
    assert _run(home, "report", "day", "2025-12-15", "--out", str(out), "--report-lang", "ar") == 0
    assert out.read_bytes().startswith(b"%PDF")
    assert _run(home, "session", "close") == 0
    assert _run(home, "session", "list") == 0
