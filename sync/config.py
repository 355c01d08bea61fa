"""Where a registered laptop keeps what is not secret: ``<profile>/central/``.

- ``registration.json``: server address, device id, region, client id, the agent who
  syncs (never a password, a secret or a token: those live in the OS keyring, ``secrets``);
- ``delegation.cose``, ``root-public.hex``, ``trust-list.cose``, ``revocation-list.cose``:
  this laptop's certificate and what its verifier trusts (``app.issuer`` reads them);
- ``snapshot-<id>.part``: a region snapshot being downloaded (resumed by HTTP Range).
"""

from __future__ import annotations

import json
import os
from dataclasses import asdict, dataclass
from pathlib import Path

from app.issuer import REGISTERED_DIR

CENTRAL_DIR = REGISTERED_DIR
FILE = "registration.json"


def folder(home: Path) -> Path:
    return Path(home) / CENTRAL_DIR


def write_atomic(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".tmp")
    with open(tmp, "wb") as f:
        f.write(data)
        f.flush()
        os.fsync(f.fileno())
    os.replace(tmp, path)


@dataclass
class Registration:
    server: str
    device_id: str
    region: str
    client_id: str
    username: str
    registered_at: str

    def save(self, home: Path) -> None:
        body = json.dumps(asdict(self), indent=2).encode()
        write_atomic(folder(home) / FILE, body)

    @classmethod
    def load(cls, home: Path) -> Registration | None:
        path = folder(home) / FILE
        if not path.exists():
            return None
        data = json.loads(path.read_text(encoding="utf-8"))
        return cls(**{k: data.get(k, "") for k in cls.__dataclass_fields__})
