"""A Hypothesis state machine of the whole protocol: laptops enrol and edit offline and sync
over links that lose requests and answers, duplicate and cut them; a laptop may crash at
any step of a sync (the transaction in flight is lost, the profile is opened again).
Cards too: artisans validated at the centre, card steps made on either laptop, revocations
by an operator. Checked: no artisan twice, no enrolment lost, every edit either on the
server, kept as a conflict, or overwritten by a later edit (never lost in silence), and
convergence, of the artisans and of the cards (every laptop holds the region's cards as the
service does)."""

from __future__ import annotations

import contextlib
from collections import Counter

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, rule, run_state_machine_as_test

from app.cardlife import CardLife
from app.errors import UserFacingError
from bench.chaoskit.proxy import FaultProxy
from bench.chaoskit.site import Site
from central.errors import ApiError
from central.repos import artisans
from central.services import cards
from sync import crashpoints
from sync.errors import SyncError
from tests.sync.card_kit import FIELDS as CARD_FIELDS

POINTS = ("push.before_send", "push.after_answer", "pull.mid_set", "apply.mid", "cards.mid")
CARD_ACTIONS = ("request", "produce", "printed", "receive", "handover", "revoke", "reissue")
FIELDS = ("address", "workplace")
VALUES = ("Derb A", "Derb B", "Souk C", "Kasbah D")


class Crash(BaseException):
    """The laptop stops here: nothing after this point happens."""


@contextlib.contextmanager
def crash_at(point: str):
    original = crashpoints.reached

    def reached(name: str) -> None:
        if name == point:
            raise Crash(point)

    crashpoints.reached = reached
    try:
        yield
    finally:
        crashpoints.reached = original


def _region_cards(admin) -> dict[str, dict]:
    with admin.db.tx() as conn:
        rows = conn.execute("SELECT * FROM card_life WHERE region_code = '07'").fetchall()
    return {str(r["uid"]): {k: None if r[k] is None else str(r[k]) for k in CARD_FIELDS}
            for r in rows}  # fmt: skip


def _local_cards(lap) -> dict[str, dict]:
    rows = lap.ws.store.read().execute("SELECT * FROM card").fetchall()
    return {r["uid"]: {k: None if r[k] is None else str(r[k]) for k in CARD_FIELDS}
            for r in rows}  # fmt: skip


def test_protocol_state_machine(server, central_admin, tmp_path_factory):
    done: Counter = Counter()  # what the card rules really did, over every example

    class Protocol(RuleBasedStateMachine):
        def __init__(self) -> None:
            super().__init__()
            self.site = Site(server, central_admin, tmp_path_factory.mktemp("sm"))
            self.laps = [self.site.laptop(f"l{i}") for i in range(2)]
            self.enrolled: set[str] = set()
            self.edits: list[tuple[str, str, str]] = []  # (uid, field, value) in time order
            # two artisans validated at the centre and known to both laptops: ready for cards
            first = {self.laps[0].enrol() for _ in range(2)}
            self.enrolled |= first
            self.laps[0].sync()
            with central_admin.db.tx() as conn:
                for uid in sorted(first):
                    artisans.update(conn, "07", uid, {"status": "validated"}, "sup.sm",
                                    "2025-12-15")  # fmt: skip
            for lap in self.laps:
                lap.sync()

        @rule(i=st.integers(0, 1))
        def enrol(self, i):
            self.enrolled.add(self.laps[i].enrol())

        @rule(i=st.integers(0, 1), k=st.integers(0, 50), field=st.sampled_from(FIELDS),
              value=st.sampled_from(VALUES))  # fmt: skip
        def edit(self, i, k, field, value):
            lap = self.laps[i]
            known = sorted(u for u in lap.state() if u in self.enrolled)
            if not known:
                return
            uid = known[k % len(known)]
            if lap.row(uid)[field] == value:
                return
            lap.edit(uid, **{field: value})
            self.edits.append((uid, field, value))

        @rule(k=st.integers(0, 50))
        def validate(self, k):
            """A supervisor validates an artisan the centre holds."""
            held = sorted(u for u in self.site.server_state() if u in self.enrolled)
            if held:
                with central_admin.db.tx() as conn:
                    artisans.update(conn, "07", held[k % len(held)], {"status": "validated"},
                                    "sup.sm", "2025-12-15")  # fmt: skip

        @rule(i=st.integers(0, 1), k=st.integers(0, 50), action=st.sampled_from(CARD_ACTIONS))
        def card_step(self, i, k, action):
            lap = self.laps[i]
            ready = sorted(u for u, r in lap.state().items()
                           if r["status"] == "validated" and r["nia"])  # fmt: skip
            if not ready:
                return
            uid, life = ready[k % len(ready)], CardLife(lap.ws)
            held = life.cards_of(uid)
            key = held[-1]["uid"] if held else None
            with contextlib.suppress(UserFacingError):  # a step the machine refuses here
                if action == "request" or key is None:
                    life.request(uid, "agent1")
                elif action == "handover":
                    life.handover(key, "agent1", "Fatima", "fiche 1")
                elif action == "revoke":
                    life.revoke(key, "agent1", "lost")
                else:
                    getattr(life, action)(key, "agent1")
                done["card step"] += 1

        @rule(k=st.integers(0, 50))
        def operator_revokes(self, k):
            with central_admin.db.tx() as conn:
                live = [r["card_number"] for r in conn.execute(
                    "SELECT card_number FROM card_life WHERE region_code = '07'"
                    " AND state <> 'revoked' AND state <> 'superseded' ORDER BY card_number"
                ).fetchall()]  # fmt: skip
            if live:
                with contextlib.suppress(ApiError):
                    cards.revoke(central_admin, live[k % len(live)], "operator", "op.sm", "07")
                    done["operator revocation"] += 1

        @rule(i=st.integers(0, 1), rate=st.sampled_from([0.0, 0.3, 0.6]), seed=st.integers(0, 99))
        def sync(self, i, rate, seed):
            proxy = FaultProxy(server.port, rate=rate, seed=seed)
            try:
                self.laps[i].sync(url=proxy.url)
            except SyncError:
                pass
            finally:
                proxy.close()

        @rule(i=st.integers(0, 1), point=st.sampled_from(POINTS))
        def crash(self, i, point):
            lap = self.laps[i]
            with crash_at(point), contextlib.suppress(Crash, SyncError):
                lap.sync(pull_page=1)
            lap.reopen()

        @invariant()
        def nobody_twice(self):
            assert not [c for c, n in Counter(self.site.cins()).items() if n > 1]

        def teardown(self):
            try:
                for lap in self.laps * 2:
                    lap.sync()
                server_state = self.site.server_state()
                assert self.enrolled <= set(server_state)
                server_cards = _region_cards(central_admin)
                for lap in self.laps:
                    assert lap.outbox() == 0
                    assert lap.state() == server_state
                    assert _local_cards(lap) == server_cards
                with central_admin.db.tx() as conn:
                    kept = {
                        (str(r["artisan_uid"]), r["field"], r["local_value"])
                        for r in conn.execute(
                            "SELECT artisan_uid, field, local_value FROM conflict"
                        ).fetchall()
                    }
                for n, (uid, field, value) in enumerate(self.edits):
                    later = any(u == uid and f == field for u, f, _ in self.edits[n + 1 :])
                    assert (
                        server_state[uid][field] == value or (uid, field, value) in kept or later
                    ), (uid, field, value)
            finally:
                self.site.close()

    run_state_machine_as_test(
        Protocol,
        settings=settings(
            max_examples=10, stateful_step_count=15, deadline=None, derandomize=True,
            suppress_health_check=list(HealthCheck),
        ),
    )  # fmt: skip
    # the card rules were exercised, not skipped for want of a validated artisan. How many
    # steps the card machine accepts depends on which syncs the faulty links let through
    # (9 to 30 seen over runs), so the floor is low: it fails only when the rules never ran.
    assert done["card step"] >= 3 and done["operator revocation"] >= 1, done
