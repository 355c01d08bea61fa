"""Known vulnerabilities of the installed distributions, told honestly (``scripts/audit``).

Reads pip-audit's JSON report. What pip-audit audited stands as it is. What it could not
audit (its vulnerability service unreachable, or answering 404 for every release) is
checked here against the index's project page, ``{index}/{name}/json``, whose
``vulnerabilities`` field lists the known vulnerabilities of the project's *latest release*
only: so a distribution is checked here only when the installed version is that release;
any other is reported by name as not checked. Without a pip-audit report, every installed
non-editable distribution goes through the same check.

Exit status: 1 when a known vulnerability was found; 2 when some distribution could not be
checked and ``MIHANI_AUDIT_STRICT=1`` (a CI that has network); 0 otherwise. "No known
vulnerabilities" is printed only when every distribution was actually checked.

Standard library only; run it with the interpreter of the environment being audited.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path

DEFAULT_INDEX = "https://pypi.org/pypi"


def normalise(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


@dataclass
class Outcome:
    name: str
    version: str
    checked_by: str = ""  # "pip-audit" or "index"; empty when not checked
    vulns: list[str] = field(default_factory=list)
    why_not: str = ""


def installed() -> dict[str, str]:
    """Normalised name → version of every non-editable distribution of this environment."""
    found = {}
    for dist in metadata.distributions():
        direct = dist.read_text("direct_url.json")
        if direct and json.loads(direct).get("dir_info", {}).get("editable"):
            continue
        found[normalise(dist.metadata["Name"])] = dist.version
    return found


def _vuln_label(v: dict) -> str:
    fixed = ", ".join(v.get("fixed_in") or v.get("fix_versions") or []) or "no fix"
    aliases = ",".join(a for a in v.get("aliases") or [] if a != v.get("id"))
    return f"{v.get('id', '?')}{f' ({aliases})' if aliases else ''}, fixed in: {fixed}"


def from_index(name: str, version: str, index: str, timeout: float) -> Outcome:
    out = Outcome(name, version)
    url = f"{index.rstrip('/')}/{name}/json"
    try:
        with urllib.request.urlopen(url, timeout=timeout) as answer:  # noqa: S310  # nosec B310 # the index URL is https (or a test's loopback)
            page = json.load(answer)
    except urllib.error.HTTPError as exc:
        out.why_not = "not on the index" if exc.code == 404 else f"index answered {exc.code}"
        return out
    except (OSError, ValueError) as exc:
        out.why_not = f"index unreachable ({type(exc).__name__})"
        return out
    latest = str((page.get("info") or {}).get("version", ""))
    vulns = [v for v in page.get("vulnerabilities") or [] if not v.get("withdrawn")]
    if latest != version:
        known = f"; {len(vulns)} known in {latest}" if vulns else ""
        out.why_not = f"installed {version}, the index speaks only of {latest or '?'}{known}"
        return out
    out.checked_by, out.vulns = "index", [_vuln_label(v) for v in vulns]
    return out


def audit(report: dict | None, env: dict[str, str], index: str, timeout: float) -> list[Outcome]:
    outcomes, to_check = [], {}
    if report is None:
        to_check = dict(env)
    else:
        for dep in report.get("dependencies", []):
            name = normalise(dep["name"])
            if "editable" in dep.get("skip_reason", ""):
                continue
            if "skip_reason" in dep:
                to_check[name] = dep.get("version") or env.get(name, "?")
                continue
            vulns = [_vuln_label(v) for v in dep.get("vulns", [])]
            outcomes.append(Outcome(name, dep.get("version", "?"), "pip-audit", vulns))
    with ThreadPoolExecutor(max_workers=8) as pool:
        outcomes += pool.map(lambda nv: from_index(*nv, index, timeout), sorted(to_check.items()))
    return sorted(outcomes, key=lambda o: o.name)


def summarise(outcomes: list[Outcome], strict: bool) -> int:
    found = [o for o in outcomes if o.vulns]
    unchecked = [o for o in outcomes if not o.checked_by]
    by_pip = sum(o.checked_by == "pip-audit" for o in outcomes)
    by_index = sum(o.checked_by == "index" for o in outcomes)
    for o in found:
        for v in o.vulns:
            print(f"VULNERABLE {o.name} {o.version}: {v}")
    for o in unchecked:
        print(f"NOT CHECKED {o.name} {o.version}: {o.why_not}")
    print(
        f"dependencies: {len(outcomes)}; checked {by_pip + by_index} ({by_pip} by pip-audit,"
        f" {by_index} against the index's latest release); not checked {len(unchecked)};"
        f" vulnerable {len(found)}"
    )
    if found:
        print("FAIL: known vulnerabilities in installed distributions.")
        return 1
    if unchecked:
        print(
            f"INCOMPLETE: {len(unchecked)} distributions could not be checked (listed above);"
            " no claim is made about them."
        )
        return 2 if strict else 0
    print("No known vulnerabilities in any installed distribution (every one was checked).")
    return 0


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--report", type=Path, help="pip-audit's JSON report (absent: check all)")
    ap.add_argument("--index", default=os.environ.get("MIHANI_AUDIT_INDEX", DEFAULT_INDEX))
    ap.add_argument("--timeout", type=float, default=15.0)
    args = ap.parse_args(argv)
    report = None
    if args.report is not None and args.report.is_file() and args.report.stat().st_size:
        report = json.loads(args.report.read_text())
    strict = os.environ.get("MIHANI_AUDIT_STRICT") == "1"
    return summarise(audit(report, installed(), args.index, args.timeout), strict)


if __name__ == "__main__":
    sys.exit(main())
