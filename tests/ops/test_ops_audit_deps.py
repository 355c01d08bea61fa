"""scripts/audit_deps.py against a stand-in index on loopback: a real finding fails, what
could not be checked is named and never reported as clean, strict mode makes it fatal."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from importlib import metadata
from pathlib import Path

import pytest

SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "audit_deps.py"
REQUESTS = metadata.version("requests")
IDNA = metadata.version("idna")
VULN = {
    "id": "GHSA-test-0001",
    "aliases": ["CVE-2099-0001"],
    "fixed_in": ["99.0"],
    "summary": "stand-in",
    "withdrawn": None,
}


class Index:
    """Project pages by name; a name absent from ``pages`` answers 404."""

    def __init__(self) -> None:
        self.pages: dict[str, dict] = {}
        self.asked: list[str] = []
        index = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                index.asked.append(self.path)
                name = self.path.removeprefix("/pypi/").removesuffix("/json")
                page = index.pages.get(name)
                body = json.dumps(page).encode() if page else b"{}"
                self.send_response(200 if page else 404)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_port}/pypi"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def page(self, name: str, latest: str, vulns: list | None = None) -> None:
        self.pages[name] = {"info": {"version": latest}, "vulnerabilities": vulns or []}


@pytest.fixture
def index():
    idx = Index()
    yield idx
    idx.server.shutdown()
    idx.server.server_close()


def skipped(*names: str) -> dict:
    """pip-audit's report when its service answers 404 for every release."""
    reason = "Dependency not found on PyPI and could not be audited: {} (x)"
    deps = [{"name": n, "skip_reason": reason.format(n)} for n in names]
    editable = {"name": "mihani", "skip_reason": "distribution marked as editable"}
    return {"dependencies": [*deps, editable], "fixes": []}


def run(tmp_path: Path, report: dict, url: str, strict: bool = False):
    path = tmp_path / "report.json"
    path.write_text(json.dumps(report))
    env = {**os.environ, "MIHANI_AUDIT_STRICT": "1" if strict else "0"}
    done = subprocess.run(
        [sys.executable, str(SCRIPT), "--report", str(path), "--index", url, "--timeout", "5"],
        capture_output=True, text=True, env=env, timeout=60,
    )  # fmt: skip
    return done.returncode, done.stdout


def test_latest_releases_without_vulnerabilities_are_the_only_clean_verdict(tmp_path, index):
    index.page("requests", REQUESTS)
    index.page("idna", IDNA)
    code, out = run(tmp_path, skipped("requests", "idna"), index.url)
    assert code == 0, out
    assert "checked 2 (0 by pip-audit, 2 against the index's latest release)" in out
    assert "No known vulnerabilities" in out
    assert sorted(index.asked) == ["/pypi/idna/json", "/pypi/requests/json"]  # not mihani


def test_a_vulnerability_of_the_installed_latest_release_fails(tmp_path, index):
    index.page("requests", REQUESTS, [VULN, {**VULN, "id": "OLD", "withdrawn": "2020-01-01"}])
    index.page("idna", IDNA)
    code, out = run(tmp_path, skipped("requests", "idna"), index.url)
    assert code == 1, out
    assert f"VULNERABLE requests {REQUESTS}: GHSA-test-0001 (CVE-2099-0001), fixed in: 99.0" in out
    assert "OLD" not in out  # a withdrawn advisory is no finding
    assert "No known vulnerabilities" not in out


def test_an_older_install_or_an_unknown_name_is_named_as_not_checked(tmp_path, index):
    index.page("requests", "999.0", [VULN])
    code, out = run(tmp_path, skipped("requests", "idna"), index.url)
    assert code == 0, out
    older = f"installed {REQUESTS}, the index speaks only of 999.0; 1 known in 999.0"
    assert f"NOT CHECKED requests {REQUESTS}: {older}" in out
    assert f"NOT CHECKED idna {IDNA}: not on the index" in out
    assert "INCOMPLETE: 2 distributions could not be checked" in out
    assert "No known vulnerabilities" not in out
    assert run(tmp_path, skipped("requests", "idna"), index.url, strict=True)[0] == 2


def test_an_unreachable_index_checks_nothing_and_says_so(tmp_path):
    with socket.socket() as s:  # a port nobody listens on
        s.bind(("127.0.0.1", 0))
        url = f"http://127.0.0.1:{s.getsockname()[1]}/pypi"
    code, out = run(tmp_path, skipped("requests", "idna"), url)
    assert code == 0, out
    assert "checked 0 " in out and "not checked 2" in out
    assert "index unreachable" in out and "No known vulnerabilities" not in out
    assert run(tmp_path, skipped("requests", "idna"), url, strict=True)[0] == 2


def test_findings_of_pip_audit_itself_fail_and_its_clean_results_count(tmp_path, index):
    report = {"dependencies": [
        {"name": "requests", "version": REQUESTS, "vulns": [
            {"id": "PYSEC-2099-1", "fix_versions": ["99.0"], "aliases": []}]},
        {"name": "idna", "version": IDNA, "vulns": []},
    ]}  # fmt: skip
    code, out = run(tmp_path, report, index.url)
    assert code == 1, out
    assert f"VULNERABLE requests {REQUESTS}: PYSEC-2099-1, fixed in: 99.0" in out
    assert "checked 2 (2 by pip-audit, 0 against" in out
    assert index.asked == []  # what pip-audit audited is not asked again
