"""A caravan stop on demo data, made through the real services (enrol, validate, cards,
handovers, printed badges) so reports and their tests count what the code really wrote.
Deterministic by seed; the clock is moved by the caller's ``SteppingClock``.
"""

from __future__ import annotations

import datetime as dt
import random

from app import caravan
from app.cardlife import CardLife
from app.clock import iso
from app.demo.people import PeopleFactory
from app.model.artisan import INPUT_FIELDS
from app.registry.duplicates import DuplicateWarning


class SteppingClock:
    """A clock a script moves by hand; each reading advances one millisecond."""

    def __init__(self, start: dt.datetime) -> None:
        self.now = start

    def __call__(self) -> dt.datetime:
        self.now += dt.timedelta(milliseconds=1)
        return self.now

    def set(self, moment: dt.datetime) -> None:
        self.now = moment


def enrol_input(factory: PeopleFactory, i: int, now: str, agent: str) -> dict:
    """One person's enrolment form (organisations, which need a registered supervisor,
    are left to the register's own demo)."""
    rec = factory.artisan(i, now, agent)
    while rec["category"] in ("cooperative", "enterprise"):
        rec = factory.artisan(i, now, agent)
    return {k: rec[k] for k in INPUT_FIELDS if rec.get(k) is not None}


def caravan_stop(
    ws,
    clock: SteppingClock,
    *,
    days: int = 3,
    per_day: int = 24,
    seed: int = 7,
    name: str = "Caravane Al Mihani",
    agent: str = "agent1",
) -> dict:
    """Open a session over ``days`` days, enrol ``per_day`` artisans a day spread over
    the hours, validate most, move their cards along, hand some over, print badges."""
    rng = random.Random(seed)
    start = clock.now.replace(hour=8, minute=30, second=0, microsecond=0)
    region = ws.profile.region_code
    factory = PeopleFactory(region, ws.geo, ws.nomenclature, seed, start.date())
    commune = ws.geo.communes_in_region(region)[0]
    session = caravan.open_session(
        ws, name=name, commune_code=commune.code, starts_on=start.date().isoformat(),
        ends_on=(start.date() + dt.timedelta(days=days - 1)).isoformat(),
        agents=[agent], by=agent,
    )  # fmt: skip
    life, uids, n = CardLife(ws), [], 0
    for d in range(days):
        for k in range(per_day):
            clock.set(start + dt.timedelta(days=d, minutes=k * 480 // per_day + rng.randrange(9)))
            data = enrol_input(factory, 10_000 + n, iso(clock.now), agent)
            n += 1
            try:
                done = ws.registry.enrol(data, agent)
            except DuplicateWarning as warn:
                done = ws.registry.enrol(data, agent, [c.record["uid"] for c in warn.candidates])
            uids.append(done.uid)
    caravan.record_print(ws, "badge", uids[: len(uids) * 3 // 4], agent)
    validated = [u for u in uids if rng.random() < 0.8]
    for u in validated:
        ws.registry.set_status(u, "validated", agent)
    for i, u in enumerate(validated):
        card = life.request(u, agent)
        steps = i % 5  # 0 requested … 4 handed over
        for move in ("produce", "printed", "receive")[:steps]:
            getattr(life, move)(card["uid"], agent)
        if steps == 4:
            life.handover(card["uid"], agent, "artisan", "fiche signée")
    caravan.close_session(ws, agent)
    return {"session_uid": session.uid, "enrolled": len(uids), "validated": len(validated)}
