"""Final cards signed by the central signer; trust and revocation lists; verification."""

from __future__ import annotations

import io

from mihani_central_harness import http

from app.credentials import Trust, qr_image, verify


def validated(make_laptop):
    agent, sup = make_laptop(), make_laptop(role="supervisor")
    m = agent.create()
    agent.push(m)
    assert sup.post(f"/v1/regions/07/artisans/{m.entity_uid}/validate").status_code == 200
    return sup, m


def test_final_card_verifies_offline_and_online(make_laptop, base_url):
    sup, m = validated(make_laptop)
    r = sup.post(f"/v1/regions/07/artisans/{m.entity_uid}/card")
    assert r.status_code == 201, r.text
    qr = r.json()["qr_text"]
    root = bytes.fromhex(http.get(f"{base_url}/v1/trust/root").json()["root_public_key"])
    trust = Trust.load(root, http.get(f"{base_url}/v1/trust/list").content,
                       http.get(f"{base_url}/v1/trust/revocations").content)  # fmt: skip
    assert verify(qr, trust).status == "valid_final"
    v = http.post(f"{base_url}/v1/verify", json={"qr_text": qr},
                      headers={"Accept-Language": "ar"}).json()  # fmt: skip
    assert v["status"] == "valid_final" and v["valid"] is True
    assert v["claims"]["nia"] == m.patch["nia"]
    # revoked: the service says so, and so does the revocation list
    card = r.json()["card_number"]
    assert sup.post(f"/v1/cards/{card}/revoke", json={"reason": "perdue"}).status_code == 200
    v = http.post(f"{base_url}/v1/verify", json={"qr_text": qr}).json()
    assert v["status"] == "revoked"


def test_forged_card_is_refused(make_laptop, base_url):
    sup, m = validated(make_laptop)
    qr = sup.post(f"/v1/regions/07/artisans/{m.entity_uid}/card").json()["qr_text"]
    forged = qr[:40] + ("A" if qr[40] != "A" else "B") + qr[41:]
    v = http.post(f"{base_url}/v1/verify", json={"qr_text": forged}).json()
    assert v["valid"] is False
    junk = http.post(f"{base_url}/v1/verify", json={"qr_text": "HC1:nothing"}).json()
    assert junk["status"] == "malformed"


def test_card_needs_validation(make_laptop):
    agent, sup = make_laptop(), make_laptop(role="supervisor")
    m = agent.create()
    agent.push(m)
    r = sup.post(f"/v1/regions/07/artisans/{m.entity_uid}/card")
    assert r.status_code == 409


def test_verify_page_in_both_languages(make_laptop, base_url):
    sup, m = validated(make_laptop)
    qr = sup.post(f"/v1/regions/07/artisans/{m.entity_uid}/card").json()["qr_text"]
    page = http.get(f"{base_url}/verify", headers={"Accept-Language": "ar"})
    assert page.status_code == 200 and 'dir="rtl"' in page.text
    ok = http.post(f"{base_url}/verify?lang=fr", data={"qr_text": qr})
    assert 'class="verdict ok"' in ok.text and m.patch["nia"] in ok.text
    bad = http.post(f"{base_url}/verify?lang=ar", data={"qr_text": qr[:-3] + "AAA"})
    assert 'class="verdict error"' in bad.text and 'dir="rtl"' in bad.text

    buf = io.BytesIO()
    qr_image(qr).save(buf, format="PNG")
    img = http.post(f"{base_url}/verify", files={"image": ("card.png", buf.getvalue(),
                                                           "image/png")})  # fmt: skip
    assert 'class="verdict ok"' in img.text
