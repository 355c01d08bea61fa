"""The demo state the UI screenshots show beyond the demo register: a registered laptop
after a sync with two conflicts, and caravan stops (two closed, one open) made through
the real services. Used by ``scripts/screenshots_ui.py``."""

from __future__ import annotations

import datetime as dt

from app import agents


def person(ws) -> dict:
    communes = ws.geo.communes_in_region(ws.profile.region_code)
    activity = ws.nomenclature.activities[12]
    return {
        "cin": "EE771122",
        "first_name_ar": "خديجة", "last_name_ar": "بناني",
        "first_name_lat": "Khadija", "last_name_lat": "Bennani",
        "sex": "F", "birth_date": "1979-03-08", "birth_place": "Safi",
        "phone": "0661234567", "email": "", "address": "Derb Sidi Bouzid 12",
        "commune_code": communes[2].code, "category": "experience",
        "activity_code": activity.code, "years_practice": "15",
        "qualification_ref": "ATT-2025-0071", "workplace": "Souk Had Harara",
        "amo_number": "123456789",
    }  # fmt: skip


def seed_sync(ws) -> None:
    """The state a registered laptop keeps after a sync with one clash (there is no central
    service here: its registration, last run and two open conflicts are written as the
    engine writes them)."""
    import json

    from app.clock import iso
    from sync.config import Registration

    now = iso(ws.registry.clock())
    Registration("https://rna.exemple.ma", "dev-7f3a2c", "07", "laptop-07-a", "k.bennani",
                 now).save(ws.profile.home)  # fmt: skip
    summary = {"pushed": {"applied": 36, "conflict": 2}, "pulled": 412, "snapshot": None,
               "photos_up": 35, "photos_down": 12, "conflicts_open": 2, "refused": 0}  # fmt: skip
    rows = (
        ws.store.read()
        .execute("SELECT uid, phone, address FROM artisan WHERE category = 'experience' LIMIT 2")
        .fetchall()
    )
    with ws.store.write() as w:
        w.execute(
            "INSERT INTO sync_run (started_at, finished_at, outcome, summary) VALUES (?, ?, ?, ?)",
            (now, now, "ok", json.dumps(summary)),
        )
        for (uid, phone, address), (field, server, local) in zip(rows, [
            ("phone", "+212661000002", "+212661000001"),
            ("address", "Derb Sidi Bouzid 14", "Derb Sidi Bouzid 12, 2e étage"),
        ], strict=True):  # fmt: skip
            base = phone if field == "phone" else address
            w.execute(
                "INSERT INTO conflicts (kind, entity_uid, field, base, server, local, created_at)"
                " VALUES ('field', ?, ?, ?, ?, ?, ?)",
                (uid, field, json.dumps(base), json.dumps(server), json.dumps(local), now),
            )


def _enrol(ws, user: str, first: int, count: int) -> list[str]:
    """``count`` people (CINs from ``first``) enrolled by ``user``; their uids."""
    communes = ws.geo.communes_in_region(ws.profile.region_code)
    acts = ws.nomenclature.activities
    names = [("Amina", "أمينة"), ("Driss", "إدريس"), ("Layla", "ليلى"), ("Hamid", "حميد")]
    uids = []
    for i in range(first, first + count):
        lat, ar = names[i % 4]
        data = person(ws)
        data.update(
            cin=f"EE95{i:04d}", birth_date=f"19{50 + i % 50}-0{1 + i % 9}-1{i % 9}",
            first_name_lat=lat, first_name_ar=ar, sex="F" if i % 2 == 0 else "M",
            commune_code=communes[i % 5].code, consent_given=True,
            activity_code=acts[(i * 7) % len(acts)].code,
        )  # fmt: skip
        uids.append(ws.registry.enrol(data, user).uid)
    return uids


def _stop(ws, name: str, days_ago: int, first: int, count: int, badges: int) -> None:
    """One caravan stop: ``count`` enrolments, most validated, cards at every step (every
    fourth handed over), ``badges`` badges printed; the session is left open."""
    from app import caravan
    from app.cardlife import CardLife

    commune = ws.geo.communes_in_region(ws.profile.region_code)[0].code
    day = (ws.registry.clock().date() - dt.timedelta(days=days_ago)).isoformat()
    user = agents.DEMO_USER
    caravan.open_session(
        ws, name=name, commune_code=commune, starts_on=day, ends_on=day,
        agents=[user], by=user,
    )  # fmt: skip
    uids = _enrol(ws, user, first, count)[: count * 4 // 5]
    for uid in uids:
        ws.registry.set_status(uid, "validated", user)
    life = CardLife(ws)
    for i, uid in enumerate(uids):
        card = life.request(uid, user)["uid"]
        for step in (life.produce, life.printed, life.receive)[: i % 4]:
            step(card, user)
        if i % 4 == 3:
            life.handover(card, user, "-", "signature")
    caravan.record_print(ws, "badge", uids[:badges], user)


def seed_session(ws) -> None:
    """Two earlier caravan stops, closed, and an open one with a morning's enrolments and
    a few cards along their way."""
    from app import caravan

    _stop(ws, "Caravane Chichaoua", 21, 100, 18, 12)
    caravan.close_session(ws, agents.DEMO_USER)
    _stop(ws, "Caravane Essaouira", 9, 200, 10, 8)
    caravan.close_session(ws, agents.DEMO_USER)
    _stop(ws, "Caravane Al Haouz", 0, 0, 14, 5)
