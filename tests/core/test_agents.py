"""Agents' offline log-in: argon2id hashes, lock-out after five failures for a growing
delay, a success clears the count, every attempt is audited."""

from __future__ import annotations

import datetime as dt

import pytest

from app import agents
from app.errors import UserFacingError


@pytest.fixture
def aws(ws, clock):
    agents.create_agent(
        ws.store, "Samira", "Samira B.", "s3cret-pass", "agent", "07", by="agent1", clock=clock
    )
    return ws


def test_right_password_logs_in_and_is_audited(aws, clock):
    agent = agents.verify(aws.store, " samira ", "s3cret-pass", clock)
    assert agent.username == "samira" and agent.role == "agent" and not agent.is_supervisor
    stored = aws.store.read().execute("SELECT password_hash FROM agent WHERE username='samira'")
    assert stored.fetchone()[0].startswith("$argon2id$")
    actions = [r[0] for r in aws.store.read().execute("SELECT action FROM audit")]
    assert actions[-1] == "agent.login"


def test_five_failures_lock_the_name_even_for_the_right_password(aws, clock):
    for remaining in (4, 3, 2, 1):
        with pytest.raises(agents.LoginFailed) as failed:
            agents.verify(aws.store, "samira", "wrong", clock)
        assert failed.value.remaining == remaining
    with pytest.raises(agents.LockedOut) as locked:
        agents.verify(aws.store, "samira", "wrong", clock)
    assert locked.value.seconds == agents.BASE_DELAY_S
    assert "30" in locked.value.message("fr") or "1" in locked.value.message("fr")
    with pytest.raises(agents.LockedOut):
        agents.verify(aws.store, "samira", "s3cret-pass", clock)
    clock.now += dt.timedelta(seconds=31)
    with pytest.raises(agents.LockedOut) as again:  # sixth failure: the delay doubles
        agents.verify(aws.store, "samira", "wrong", clock)
    assert again.value.seconds == 2 * agents.BASE_DELAY_S
    clock.now += dt.timedelta(seconds=61)
    assert agents.verify(aws.store, "samira", "s3cret-pass", clock).username == "samira"
    with pytest.raises(agents.LoginFailed) as fresh:  # the count starts again
        agents.verify(aws.store, "samira", "wrong", clock)
    assert fresh.value.remaining == agents.MAX_FAILURES - 1


def test_delay_grows_and_is_capped():
    assert [agents.lockout_delay(n) for n in (4, 5, 6, 7)] == [0, 30, 60, 120]
    assert agents.lockout_delay(40) == agents.MAX_DELAY_S


def test_unknown_name_fails_like_a_wrong_password(aws, clock):
    with pytest.raises(agents.LoginFailed):
        agents.verify(aws.store, "nobody", "whatever", clock)


def test_agent_without_password_must_set_one(ws, clock):
    with pytest.raises(agents.PasswordNotSet):
        agents.verify(ws.store, "agent1", "", clock)
    agents.set_password(ws.store, "agent1", "long enough", by="agent1", clock=clock)
    assert agents.verify(ws.store, "agent1", "long enough", clock).is_supervisor


def test_short_password_and_bad_names_are_refused_in_both_languages(ws, clock):
    with pytest.raises(UserFacingError) as short:
        agents.create_agent(ws.store, "ali", "Ali", "123", "agent", "07", by="x", clock=clock)
    assert "8" in short.value.message("fr") and "8" in short.value.message("ar")
    with pytest.raises(UserFacingError):
        agents.create_agent(ws.store, "a b", "Ali", "12345678", "agent", "07", by="x")
    with pytest.raises(UserFacingError):
        agents.create_agent(ws.store, "ali", "Ali", "12345678", "boss", "07", by="x")


def test_demo_agent_is_created_once(ws, clock):
    first = agents.ensure_demo_agent(ws.store, "07", clock)
    second = agents.ensure_demo_agent(ws.store, "07", clock)
    assert first.username == second.username == "demo"
    assert agents.verify(ws.store, "demo", "demo", clock).username == "demo"
