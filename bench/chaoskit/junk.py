"""Random inputs from a seeded generator: JSON-like values of every shape, mutated records,
mutated texts and bytes. The fuzzers of the campaign draw from here."""

from __future__ import annotations

import json
import random
import string

STRINGS = (
    "", " ", "\x00", "\u202e", "🧶", "ء", "فاطمة الزهراء", "Fatima-Zahra", "null", "NaN",
    "0" * 300, "-1", "1e999", "2024-02-30", "9999-12-31", "07.351.01.0", "P04.001", "' OR 1=1",
    "<script>", "../../etc/passwd", "%s%n", "\ufffd", "EE123456", "0612345678",
)  # fmt: skip


def text(rng: random.Random, size: int = 40) -> str:
    pool = string.printable + "ءآأؤإئابةتثجحخدذرزسشصضطظعغفقكلمنهوىي١٢٣ـًٌٍَُِّْ" + "\u200f\u0000\uffff"
    if rng.random() < 0.3:
        return rng.choice(STRINGS)
    return "".join(rng.choice(pool) for _ in range(rng.randint(0, size)))


def value(rng: random.Random, depth: int = 0):
    """Any JSON-like value (and a few that JSON cannot say: NaN, huge integers)."""
    kind = rng.randint(0, 9 if depth < 3 else 6)
    if kind == 0:
        return None
    if kind == 1:
        return rng.random() < 0.5
    if kind == 2:
        return rng.choice([0, -1, 1, 2**31, -(2**63), 2**64, 10**30, rng.randint(-999, 999)])
    if kind == 3:
        return rng.choice([0.5, -0.0, 1e308, float("nan"), float("inf"), rng.random() * 100])
    if kind in (4, 5, 6):
        return text(rng)
    if kind in (7, 8):
        return [value(rng, depth + 1) for _ in range(rng.randint(0, 4))]
    return {text(rng, 12): value(rng, depth + 1) for _ in range(rng.randint(0, 5))}


def mutate_record(rng: random.Random, rec: dict) -> object:
    """A record with a few fields changed to anything, removed, or unknown ones added; now
    and then not a record at all."""
    if rng.random() < 0.05:
        return value(rng)
    out = dict(rec)
    for _ in range(rng.randint(1, 4)):
        op = rng.randint(0, 3)
        key = rng.choice(list(rec))
        if op == 0:
            out.pop(key, None)
        elif op == 1:
            out[text(rng, 10) if rng.random() < 0.3 else key] = value(rng)
        else:
            out[key] = mutate_text(rng, str(rec[key])) if rng.random() < 0.5 else value(rng)
    return out


def mutate_text(rng: random.Random, s: str, alphabet: str = "") -> str:
    chars = list(s)
    for _ in range(rng.randint(1, 3)):
        op = rng.randint(0, 3)
        at = rng.randint(0, len(chars))
        if op == 0 and chars:
            del chars[min(at, len(chars) - 1)]
        elif op == 1:
            chars.insert(at, rng.choice(alphabet or string.printable))
        elif op == 2 and chars:
            chars[min(at, len(chars) - 1)] = rng.choice(alphabet or string.printable)
        else:
            chars = chars[:at]
    return "".join(chars)


def mutate_bytes(rng: random.Random, data: bytes) -> bytes:
    """Truncated, bits flipped, a range overwritten, junk appended, or junk only."""
    op = rng.randint(0, 4)
    if op == 0:
        return data[: rng.randint(0, max(0, len(data) - 1))]
    out = bytearray(data)
    if op == 1:
        for _ in range(rng.randint(1, 3)):
            at = rng.randrange(len(out))
            out[at] ^= 1 << rng.randint(0, 7)
    elif op == 2:
        at = rng.randrange(len(out))
        n = rng.randint(1, 64)
        out[at : at + n] = rng.randbytes(n)
    elif op == 3:
        out += rng.randbytes(rng.randint(1, 200))
    else:
        return rng.randbytes(rng.randint(0, 2000))
    return bytes(out)


def json_text(rng: random.Random, good: object) -> bytes:
    """A file's bytes: good JSON of mutated records, broken JSON, deep nesting, not UTF-8."""
    op = rng.randint(0, 5)
    if op <= 2:
        items = good if isinstance(good, list) else [good]
        body = [mutate_record(rng, r) for r in items]
        return json.dumps(body if rng.random() < 0.7 else body[0], ensure_ascii=False,
                          allow_nan=True).encode()  # fmt: skip
    if op == 3:
        return mutate_bytes(rng, json.dumps(good, ensure_ascii=False).encode())
    if op == 4:
        depth = rng.choice([50, 1000, 100_000])
        return ("[" * depth + "]" * depth).encode()
    return rng.randbytes(rng.randint(0, 300))
