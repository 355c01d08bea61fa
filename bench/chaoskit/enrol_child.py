"""Enrol artisans in a loop and print each CIN once its transaction has committed.

Run by ``enrol_kills`` (the campaign and tests/core/test_crash.py), which kills this
process with SIGKILL at a random moment.
"""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

from app.workspace import open_workspace


def main(home: str, start: int, commune: str, activity: str) -> None:
    ws = open_workspace(Path(home))
    i = start
    while True:
        cin = f"EE{i:06d}"
        ws.registry.enrol(
            {
                "cin": cin,
                "first_name_ar": "حسن",
                "last_name_ar": "بناني",
                "first_name_lat": "Hassan",
                "last_name_lat": "Bennani",
                "sex": "M",
                "birth_date": (dt.date(1950, 1, 1) + dt.timedelta(days=i)).isoformat(),
                "commune_code": commune,
                "category": "experience",
                "activity_code": activity,
                "years_practice": 5,
                "qualification_ref": f"A-{i}",
                "consent_given": True,
            },
            "agent1",
            acknowledged=[],
        )
        sys.stdout.write(cin + "\n")
        sys.stdout.flush()
        i += 1


if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4])
