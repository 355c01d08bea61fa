"""A Hypothesis state machine of the whole protocol: laptops enrol and edit offline and sync
over links that lose requests and answers, duplicate and cut them; a laptop may crash at
any step of a sync (the transaction in flight is lost, the profile is opened again).
Checked: no artisan twice, no enrolment lost, every edit either on the server, kept as a
conflict, or overwritten by a later edit (never lost in silence), and convergence."""

from __future__ import annotations

import contextlib
from collections import Counter

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, rule, run_state_machine_as_test

from bench.chaoskit.proxy import FaultProxy
from bench.chaoskit.site import Site
from sync import crashpoints
from sync.errors import SyncError

POINTS = ("push.before_send", "push.after_answer", "pull.mid_set", "apply.mid")
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


def test_protocol_state_machine(server, central_admin, tmp_path_factory):
    class Protocol(RuleBasedStateMachine):
        def __init__(self) -> None:
            super().__init__()
            self.site = Site(server, central_admin, tmp_path_factory.mktemp("sm"))
            self.laps = [self.site.laptop(f"l{i}") for i in range(2)]
            self.enrolled: set[str] = set()
            self.edits: list[tuple[str, str, str]] = []  # (uid, field, value) in time order

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
                for lap in self.laps:
                    assert lap.outbox() == 0
                    assert lap.state() == server_state
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
