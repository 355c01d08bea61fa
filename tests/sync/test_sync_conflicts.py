"""Three laptops of one region edit the same artisans offline: every clash becomes a
conflict (none lost, none silently overwritten); edits of different fields merge."""

from __future__ import annotations


def test_three_laptops_same_artisans(site):
    laps = [site.laptop(n) for n in ("a", "b", "c")]
    uids = [laps[0].enrol() for _ in range(4)]
    for lap in laps:
        lap.sync()
    a, b, c = laps
    # artisan 0: three different phones (two clashes); artisan 1: three different fields;
    # artisan 2: the same new value twice; artisan 3: one field each, and one clash
    a.edit(uids[0], phone="0661000001")
    b.edit(uids[0], phone="0661000002")
    c.edit(uids[0], phone="0661000003")
    a.edit(uids[1], address="Derb A")
    b.edit(uids[1], workplace="Atelier B")
    c.edit(uids[1], amo_number="123456")
    a.edit(uids[2], address="Kasbah")
    b.edit(uids[2], address="Kasbah")
    a.edit(uids[3], email="a@example.ma")
    b.edit(uids[3], email="b@example.ma", address="Mellah")
    for lap in laps:
        lap.sync()
    for lap in laps:
        lap.sync()
    server = site.server_state()
    for lap in laps:
        assert lap.state() == server
    assert server[uids[0]]["phone"] == "+212661000001"
    one = server[uids[1]]
    assert (one["address"], one["workplace"], one["amo_number"]) == (
        "Derb A",
        "Atelier B",
        "123456",
    )
    assert server[uids[2]]["address"] == "Kasbah"
    assert server[uids[3]]["email"] == "a@example.ma" and server[uids[3]]["address"] == "Mellah"

    def conflicts(lap):
        rows = lap.ws.store.read().execute("SELECT entity_uid, field, server, local FROM conflicts")
        return {(r[0], r[1], r[3]) for r in rows.fetchall()}

    assert conflicts(a) == set()
    assert conflicts(b) == {(uids[0], "phone", '"+212661000002"'),
                            (uids[3], "email", '"b@example.ma"')}  # fmt: skip
    assert conflicts(c) == {(uids[0], "phone", '"+212661000003"')}
    with site.admin.db.tx() as conn:
        rows = conn.execute(
            "SELECT artisan_uid::text AS uid, field FROM conflict WHERE artisan_uid = ANY(%s)"
            " AND status = 'open'", (uids,),
        ).fetchall()  # fmt: skip
    assert sorted((r["uid"], r["field"]) for r in rows) == sorted(
        [(uids[0], "phone"), (uids[0], "phone"), (uids[3], "email")]
    )


def _open_on_server(site, uid):
    with site.admin.db.tx() as conn:
        rows = conn.execute(
            "SELECT field FROM conflict WHERE artisan_uid = %s AND status = 'open'", (uid,)
        ).fetchall()
    return [r["field"] for r in rows]


def test_a_person_settles_conflicts(site):
    from app.conflicts import open_conflicts, resolve

    a, b, c = (site.laptop(n) for n in ("a", "b", "c"))
    uid = a.enrol()
    for lap in (a, b, c):
        lap.sync()
    a.edit(uid, phone="0661000001")
    b.edit(uid, phone="0661000002")
    c.edit(uid, address="Derb C", phone="0661000003")
    for lap in (a, b, c):
        lap.sync()
    assert _open_on_server(site, uid) == ["phone", "phone"]
    (cb,) = open_conflicts(b.ws.store.read())
    assert (cb.field, cb.server, cb.local) == ("phone", "+212661000001", "+212661000002")
    resolve(c.ws, open_conflicts(c.ws.store.read())[0].id, "server", "agent1")
    c.sync()  # a change made over the server's value settles that field's conflicts there
    assert _open_on_server(site, uid) == []
    resolve(b.ws, cb.id, "local", "agent1")
    assert b.row(uid)["phone"] == "+212661000002"
    b.sync()
    for lap in (a, b, c):
        lap.sync()
    server = site.server_state()[uid]
    assert server["phone"] == "+212661000002" and server["address"] == "Derb C"
    for lap in (a, b, c):
        assert lap.state()[uid] == server
        assert open_conflicts(lap.ws.store.read()) == []
