"""Enrolment: a valid artisan is written with exactly one outbox row and one audit row;
bad input is refused with a clear message in French and Arabic and nothing is written."""

from __future__ import annotations

import json

import pytest

from app.errors import UserFacingError, ValidationFailed
from app.nia import parse_nia
from app.registry.duplicates import CinExists, DuplicateWarning
from tests.core.conftest import counts


def test_enrol_writes_artisan_outbox_and_audit_together(ws, valid):
    done = ws.registry.enrol(valid, "agent1")
    assert parse_nia(done.nia) == done.nia and done.nia.startswith("07-")
    conn = ws.store.read()
    rec = dict(conn.execute("SELECT * FROM artisan WHERE uid = ?", (done.uid,)).fetchone())
    assert rec["phone"] == "+212612345678"
    assert rec["province_code"] == ws.geo.commune(valid["commune_code"]).province
    assert rec["qualification_kind"] == "attestation" and rec["status"] == "pending"
    box = conn.execute("SELECT * FROM outbox WHERE entity_uid = ?", (done.uid,)).fetchall()
    assert len(box) == 1 and box[0]["op"] == "create"
    assert json.loads(box[0]["patch"])["cin"] == "EE123456"
    trail = conn.execute("SELECT * FROM audit WHERE entity_uid = ?", (done.uid,)).fetchall()
    assert [t["action"] for t in trail] == ["artisan.enrol"]


def test_each_enrolment_takes_the_next_leased_nia(ws, valid):
    first = ws.registry.enrol(valid, "agent1")
    second = ws.registry.enrol({**valid, "cin": "EE654321", "birth_date": "1990-01-01"}, "agent1")
    assert int(second.nia[3:11]) == int(first.nia[3:11]) + 1


def test_exhausted_lease_gives_a_provisional_reference(ws, valid):
    with ws.store.write() as conn:
        conn.execute("UPDATE nia_lease SET next_serial = end_serial")
    done = ws.registry.enrol(valid, "agent1")
    assert done.nia is None
    assert done.provisional_ref.startswith("P07-") and done.reference == done.provisional_ref


def test_same_cin_is_a_hard_stop_and_writes_nothing(ws, valid):
    ws.registry.enrol(valid, "agent1")
    before = counts(ws)
    other = {
        **valid,
        "cin": " ee123456 ",
        "first_name_lat": "Karim",
        "first_name_ar": "كريم",
        "sex": "M",
        "birth_date": "1970-02-02",
    }
    with pytest.raises(CinExists) as err:
        ws.registry.enrol(other, "agent1")
    assert "EE123456" in err.value.message("fr") and "déjà inscrite" in err.value.message("fr")
    assert "مسجل من قبل" in err.value.message("ar")
    assert counts(ws) == before


@pytest.mark.parametrize(
    ("field", "value", "msgid"),
    [
        ("cin", "123ABC", "error.cin_format"),
        ("cin", "ABC12345", "error.cin_format"),
        ("phone", "0512", "error.phone_invalid"),
        ("phone", "06 12 34", "error.phone_invalid"),
        ("birth_date", "12/04/1985", "error.date_format"),
        ("birth_date", "1985-02-30", "error.date_invalid"),
        ("birth_date", "2030-01-01", "error.date_future"),
        ("birth_date", "2015-01-01", "error.age_range"),
        ("commune_code", "99.999.99.9", "error.commune_unknown"),
        ("commune_code", "01.511.01.0", "error.commune_other_region"),
        ("activity_code", "Z99.999", "error.activity_unknown"),
        ("first_name_ar", "Fatima", "error.name_arabic"),
        ("last_name_lat", "العلوي", "error.name_latin"),
        ("email", "not-an-email", "error.email_invalid"),
        ("consent_given", False, "error.consent_required"),
        ("sex", "X", "error.sex"),
        ("amo_number", "12AB", "error.digits_only"),
        ("years_practice", "many", "error.not_integer"),
        ("unexpected", "x", "error.unknown_field"),
    ],
)
def test_bad_field_is_refused_clearly_and_nothing_is_written(ws, valid, field, value, msgid):
    before = counts(ws)
    with pytest.raises(ValidationFailed) as err:
        ws.registry.enrol({**valid, field: value}, "agent1")
    assert [(e.field, e.msgid) for e in err.value.errors] == [(field, msgid)]
    fr, ar = err.value.message("fr"), err.value.message("ar")
    assert "rien n'a été enregistré" in fr and "لم يسجل أي شيء" in ar
    assert msgid not in fr and msgid not in ar  # a sentence, not an id
    assert counts(ws) == before


def test_maalem_with_four_years_is_refused(ws, valid):
    with pytest.raises(ValidationFailed) as err:
        ws.registry.enrol({**valid, "category": "maalem", "years_practice": 4}, "agent1")
    (e,) = err.value.errors
    assert e.field == "years_practice"
    assert "10" in e.message("fr") and "maâlem" in e.message("fr")
    assert "المعلم" in e.message("ar")


def test_experience_needs_three_years_and_a_reference(ws, valid):
    with pytest.raises(ValidationFailed) as err:
        ws.registry.enrol({**valid, "years_practice": 2, "qualification_ref": ""}, "agent1")
    assert {e.field for e in err.value.errors} == {"years_practice", "qualification_ref"}


def test_enterprise_needs_its_identity_and_a_registered_supervisor(ws, valid):
    base = {**valid, "category": "enterprise"}
    with pytest.raises(ValidationFailed) as err:
        ws.registry.enrol(base, "agent1")
    assert {e.field for e in err.value.errors} >= {
        "org_name",
        "org_reg_number",
        "org_supervisor_nia",
    }
    with pytest.raises(ValidationFailed) as err:
        ws.registry.enrol(
            {
                **base,
                "org_name": "Atelier Tazi",
                "org_reg_number": "RC-1",
                "org_supervisor_nia": "07-00000001-10",
            },
            "agent1",
        )
    assert err.value.errors[0].msgid == "error.nia_check"
    boss = ws.registry.enrol(valid, "agent1")
    done = ws.registry.enrol(
        {
            **base,
            "org_name": "Atelier Tazi",
            "org_reg_number": "RC-1",
            "org_supervisor_nia": boss.nia,
        },
        "agent1",
    )
    assert done.record["org_supervisor_nia"] == boss.nia


def test_every_message_exists_in_both_languages():
    from app.i18n import catalogue

    fr, ar = catalogue("fr"), catalogue("ar")
    assert set(fr) == set(ar)
    assert all(v.strip() for v in ar.values())


def test_record_that_is_not_an_object_is_refused(ws):
    with pytest.raises(ValidationFailed):
        ws.registry.enrol(["not", "a", "record"], "agent1")


def test_similar_person_same_birth_date_is_a_warning_to_acknowledge(ws, valid):
    first = ws.registry.enrol(valid, "agent1")
    twin = {**valid, "cin": "EE777777", "first_name_lat": "Fatima-Zahra", "last_name_lat": "Alaoui"}
    before = counts(ws)
    with pytest.raises(DuplicateWarning) as err:
        ws.registry.enrol(twin, "agent1")
    assert [c.record["uid"] for c in err.value.candidates] == [first.uid]
    assert counts(ws) == before
    done = ws.registry.enrol(twin, "agent1", acknowledged=[first.nia])
    assert done.nia != first.nia


def test_different_name_same_birth_date_is_not_a_duplicate(ws, valid):
    ws.registry.enrol(valid, "agent1")
    other = {**valid, "cin": "EE888888", "first_name_lat": "Karim", "first_name_ar": "كريم",
             "last_name_lat": "Tazi", "last_name_ar": "التازي", "sex": "M"}  # fmt: skip
    clean = ws.registry.validate(other, "agent1")
    assert ws.registry.check_duplicates(clean).candidates == []
    ws.registry.enrol(other, "agent1")  # no acknowledgement asked for
    assert counts(ws)["artisan"] == 2


def test_unknown_photo_reference_is_refused(ws, valid):
    with pytest.raises(ValidationFailed) as err:
        ws.registry.enrol({**valid, "photo_sha256": "a" * 64}, "agent1")
    assert err.value.errors[0].msgid == "error.photo_unknown"


def test_photo_is_kept_encrypted_by_its_sha256(ws, valid):
    jpeg = b"\xff\xd8\xff\xe0" + b"\x00" * 2000
    digest = ws.registry.add_photo(jpeg, "agent1")
    done = ws.registry.enrol({**valid, "photo_sha256": digest}, "agent1")
    assert done.record["photo_sha256"] == digest
    with pytest.raises(UserFacingError):
        ws.registry.add_photo(b"GIF89a....", "agent1")
