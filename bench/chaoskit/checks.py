"""The end-of-trial checks of the sync parts: every laptop synced on a clean link, then
both sides compared. Nothing acknowledged may be missing on the server (lost), no person
may be there twice (doubled), and every laptop must hold exactly the server's records with
an empty outbox and a sound store (integrity)."""

from __future__ import annotations

import os
from collections import Counter
from dataclasses import dataclass, field

from bench.chaoskit import Tally


@dataclass
class Verdict:
    lost: list[str] = field(default_factory=list)
    doubled: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)  # integrity checks that failed
    checks: int = 0

    def ok(self) -> bool:
        return not (self.lost or self.doubled or self.problems)

    def count_into(self, tally: Tally, label: str, seen: set | None = None) -> None:
        """Add to ``tally``; with ``seen`` (kept across the trials of a part), a record lost
        or doubled is counted once, not again at every later trial that still misses it."""
        seen = set() if seen is None else seen
        self.lost = [u for u in self.lost if ("lost", u) not in seen]
        self.doubled = [c for c in self.doubled if ("doubled", c) not in seen]
        seen.update(("lost", u) for u in self.lost)
        seen.update(("doubled", c) for c in self.doubled)
        tally.lost += len(self.lost)
        tally.doubled += len(self.doubled)
        tally.integrity_checks += self.checks
        tally.integrity_failed += len(self.problems)
        for uid in self.lost[:5]:
            tally.failed(f"{label}: lost {uid}")
        for cin in self.doubled[:5]:
            tally.failed(f"{label}: doubled {cin}")
        for what in self.problems[:5]:
            tally.failed(f"{label}: {what}")


def compare(site, laptops, enrolled: set[str], reopen: bool = False, rounds: int = 1) -> Verdict:
    """Sync every laptop ``rounds`` times over a clean link (reopened first after a kill),
    then compare them with the server."""
    v = Verdict()
    for lap in laptops:
        if reopen:
            lap.reopen()
    for _ in range(rounds):
        for lap in laptops:
            lap.sync()
    server = site.server_state()
    v.lost = sorted(enrolled - set(server))
    v.doubled = sorted(c for c, n in Counter(site.cins()).items() if n > 1)
    for lap in laptops:
        local = lap.state()
        local_cins = Counter(r["cin"] for r in local.values())
        v.doubled += sorted(f"{lap.name}:{c}" for c, n in local_cins.items() if n > 1)
        v.checks += 3
        if lap.outbox():
            v.problems.append(f"{lap.name}: {lap.outbox()} outbox rows left after a clean sync")
        if local != server:
            diff = (
                sorted(set(local) ^ set(server))[:3]
                or [u for u in server if local.get(u) != server[u]][:3]
            )
            v.problems.append(f"{lap.name}: differs from the server ({diff})")
        check = lap.ws.store.integrity_check()
        if check != "ok":
            v.problems.append(f"{lap.name}: integrity_check {check}")
    return v


def _diff(local: dict, server: dict) -> str:
    only = sorted(set(local) ^ set(server))
    if only:
        return f"{len(only)} records on one side only, e.g. {only[0]}"
    uid = next(u for u in server if local[u] != server[u])
    fields = {
        k: (local[uid][k], server[uid][k]) for k in server[uid] if local[uid][k] != server[uid][k]
    }
    return f"{uid}: local, server = {fields}"


INJECT = "MIHANI_CHAOS_INJECT"
_injected: set[str] = set()


def inject_loss(lap) -> bool:
    """The campaign's own fault, for its test only: with ``MIHANI_CHAOS_INJECT=lose`` set,
    the first call deletes one pending enrolment's outbox row, as a buggy sync that dropped
    a change would; that enrolment never reaches the server and must be reported lost."""
    if os.environ.get(INJECT) != "lose" or "lose" in _injected:
        return False
    with lap.ws.store.write() as conn:
        row = conn.execute(
            "SELECT min(mid) FROM outbox o WHERE op = 'create' AND entity = 'artisan'"
            " AND (SELECT count(*) FROM outbox p WHERE p.entity_uid = o.entity_uid) = 1"
        ).fetchone()
        if row[0] is None:
            return False
        conn.execute("DELETE FROM outbox WHERE mid = ?", (row[0],))
    _injected.add("lose")
    return True


def register(site, name: str, tally: Tally, url: str | None = None):
    """``site.laptop(name)``; a registration refused is a finding of the part (counted as a
    failed check, with its reason), then tried again with a fresh laptop, up to 3 times."""
    from sync.errors import SyncError

    for attempt in range(3):
        try:
            return site.laptop(f"{name}{attempt or ''}", url=url)
        except SyncError as exc:
            tally.check(False, f"registration of laptop {name} refused: {str(exc)[:200]}")
    raise RuntimeError(f"laptop {name} could not register three times")
