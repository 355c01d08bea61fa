"""A profile is a directory: the encrypted store, photos and the profile's identity card.

The directory comes from ``--home DIR``, else ``MIHANI_HOME``, else the platform's user data
directory. ``profile.json`` holds only what is not secret (id, region, creation date); the
database key lives in the OS keyring under the profile's id.
"""

from __future__ import annotations

import json
import os
import uuid
from dataclasses import asdict, dataclass
from pathlib import Path

import platformdirs

from app.errors import UserFacingError

PROFILE_FILE = "profile.json"
DB_FILE = "mihani.db"


def default_home() -> Path:
    env = os.environ.get("MIHANI_HOME")
    if env:
        return Path(env).expanduser()
    return Path(platformdirs.user_data_dir("Mihani", "Mihani"))


@dataclass
class Profile:
    home: Path
    profile_id: str
    region_code: str
    device_id: str
    created_at: str
    demo: bool = False

    @property
    def db_path(self) -> Path:
        return self.home / DB_FILE

    def save(self) -> None:
        self.home.mkdir(parents=True, exist_ok=True)
        data = asdict(self)
        data.pop("home")
        tmp = self.home / (PROFILE_FILE + ".tmp")
        tmp.write_text(json.dumps(data, indent=2), encoding="utf-8")
        os.replace(tmp, self.home / PROFILE_FILE)

    @classmethod
    def create(cls, home: Path, region_code: str, created_at: str, demo: bool = False) -> Profile:
        if (home / PROFILE_FILE).exists():
            raise UserFacingError("error.profile_exists", home=str(home))
        profile = cls(
            home=home,
            profile_id=str(uuid.uuid4()),
            region_code=region_code,
            device_id=uuid.uuid4().hex[:12],
            created_at=created_at,
            demo=demo,
        )
        profile.save()
        return profile

    @classmethod
    def load(cls, home: Path) -> Profile:
        path = home / PROFILE_FILE
        if not path.exists():
            raise UserFacingError("error.no_profile", home=str(home))
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            return cls(home=home, **data)
        except (ValueError, TypeError) as exc:
            raise UserFacingError("error.profile_corrupt", home=str(home), detail=str(exc)) from exc

    @staticmethod
    def exists(home: Path) -> bool:
        return (home / PROFILE_FILE).exists()
