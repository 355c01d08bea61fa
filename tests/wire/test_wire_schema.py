"""The wire schema on its own: round trips, payload identity, precise refusals."""

from __future__ import annotations

import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app.wire import (
    ARTISAN_COLUMNS,
    FieldConflict,
    Lease,
    LoginRequest,
    Mutation,
    MutationResult,
    PullPage,
    PushRequest,
    PushResponse,
    RegisterRequest,
    WireError,
    load_json,
    page_checksum,
    page_header,
)

UID = "3fa85f64-5717-4562-b3fc-2c963f66afa6"


def mutation(mid=1, **over) -> dict:
    base = {"mid": mid, "entity": "artisan", "entity_uid": UID, "op": "update",
            "patch": {"workplace": "Souk"}, "base_version": 2,
            "base_values": {"workplace": None}, "created_at": "2025-12-15T09:30Z"}  # fmt: skip
    return {**base, **over}


def test_push_round_trip_and_digest():
    req = PushRequest.from_json({"client_id": "abc", "mutations": [mutation(1), mutation(2)]})
    again = PushRequest.from_json(json.loads(json.dumps(req.to_json())))
    assert again == req
    assert req.mutations[0].digest() != req.mutations[1].digest()
    changed = Mutation.from_json(mutation(1, patch={"workplace": "Other"}))
    assert changed.digest() != req.mutations[0].digest()


@pytest.mark.parametrize(
    ("payload", "msgid", "field"),
    [
        ({"client_id": "abc"}, "wire.error.missing", "mutations"),
        ({"client_id": "a b", "mutations": []}, "wire.error.bad_format", "client_id"),
        ({"client_id": "a", "mutations": [mutation(2), mutation(1)]}, "wire.error.mid_order",
         "mutations[1].mid"),
        ({"client_id": "a", "mutations": [mutation(op="drop")]}, "wire.error.op_unknown",
         "mutations[0].op"),
        ({"client_id": "a", "mutations": [mutation(base_values=None)]}, "wire.error.missing",
         "mutations[0].base_values"),
        ({"client_id": "a", "mutations": [mutation(patch={"x": {"y": 1}})]},
         "wire.error.not_scalar", "mutations[0].patch.x"),
        ({"client_id": "a", "mutations": [mutation(mid=True)]}, "wire.error.not_integer",
         "mutations[0].mid"),
        ({"client_id": "a", "mutations": [mutation(patch={"x": "a\x00b"})]},
         "wire.error.bad_format", "mutations[0].patch.x"),
    ],
)  # fmt: skip
def test_push_refusals_name_the_field(payload, msgid, field):
    with pytest.raises(WireError) as info:
        PushRequest.from_json(payload)
    assert info.value.msgid == msgid and info.value.field == field


def test_not_json():
    with pytest.raises(WireError) as info:
        load_json(b"\xff{")
    assert info.value.msgid == "wire.error.not_json"


def test_result_round_trip_with_messages():
    res = MutationResult(3, "conflict", UID, 4, "07-00000001-12", None,
                         [FieldConflict("workplace", None, "A", "B", 9)],
                         error="central.error.cin_registered",
                         params={"region": "04", "nia": "04-1-xx", "cin": "AB1"})  # fmt: skip
    out = PushResponse("c", 3, [res]).to_json("fr")
    assert "04" in out["results"][0]["message"]
    back = PushResponse.from_json(json.loads(json.dumps(out)))
    assert back.results[0].conflicts[0].server == "A" and back.last_mid == 3


def test_pull_page_check():
    rows = [[f"u{i}", i, *([None] * (len(ARTISAN_COLUMNS) - 2))] for i in range(3)]
    cols = ["uid", "version", *ARTISAN_COLUMNS[2:]]
    head = page_header("07", "", "c1.1.5.3", "9", False, 3, page_checksum(rows, cols), 3)
    head["columns"] = cols
    page = PullPage.from_json({**head, "rows": rows})
    assert [r["uid"] for r in page.records()] == ["u0", "u1", "u2"]
    with pytest.raises(WireError):
        PullPage.from_json({**head, "rows": rows[:2]})
    swapped = [rows[1], rows[0], rows[2]]
    with pytest.raises(WireError):
        PullPage.from_json({**head, "rows": swapped})


@pytest.mark.parametrize(
    ("column", "value"),
    [("address", {"street": "Derb A"}), ("phone", ["0600000000"]), ("first_name_lat", 7),
     ("last_name_ar", True), ("uid", 12)],
)  # fmt: skip
def test_a_page_with_a_value_of_the_wrong_kind_is_refused_in_words(column, value):
    """Nested values fit no column; the client reads names and keys as text itself."""
    cols = list(ARTISAN_COLUMNS)
    rows = [[f"u{i}" if c == "uid" else i if c == "version" else None for c in cols]
            for i in range(3)]  # fmt: skip
    rows[1][cols.index(column)] = value
    head = page_header("07", "", "c1.1.5.3", "9", False, 3, page_checksum(rows, cols), 3)
    head["columns"] = cols
    with pytest.raises(WireError) as caught:
        PullPage.from_json({**head, "rows": rows})
    assert caught.value.msgid == "wire.error.page_shape"
    assert caught.value.message("fr") == "Page de synchronisation mal formée."
    assert caught.value.message("ar") == "صفحة مزامنة غير سليمة."


def test_small_payloads():
    lease = Lease("id", "07", 1, 1001)
    assert Lease.from_json(lease.to_json()) == lease and lease.size == 1000
    with pytest.raises(WireError):
        LoginRequest.from_json({"username": "a", "password": "b", "device_id": "LAP"})
    with pytest.raises(WireError):
        RegisterRequest.from_json({"code": "c", "public_key": "zz", "client_id": "x"})


@settings(max_examples=200, deadline=None)
@given(st.recursive(st.none() | st.booleans() | st.integers() | st.text(max_size=20),
                    lambda c: st.lists(c, max_size=4) | st.dictionaries(st.text(max_size=8), c,
                                                                        max_size=4)))  # fmt: skip
def test_any_json_is_accepted_or_refused_cleanly(value):
    for parse in (PushRequest.from_json, Mutation.from_json, LoginRequest.from_json):
        try:
            parse(value)
        except WireError as exc:
            assert exc.msgid.startswith("wire.error.")
