"""The nomenclature of handicraft activities (Decree 2.21.991): categories, branches, activities.

The data is versioned JSON in ``resources/nomenclature/nomenclature-<version>.json``. The
newest version in the folder wins, so a new list is deployed by dropping a file there (or by
``install_nomenclature``, which the reference-data sync calls): no code changes. Codes are
stable and never reused; labels may change from one version to the next.

A file is validated as a whole before it is used or installed: unique codes, every branch in
a known category, every activity in a known branch. A bad file is refused with an
``InvalidNomenclature`` (a ``UserFacingError``), never half used.
"""

from __future__ import annotations

import os
import re
import tempfile
import threading
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

from app.i18n import RESOURCES
from app.refdata.errors import InvalidNomenclature, UnknownCode
from app.refdata.schema import parse_nomenclature, refuse
from app.refdata.text import fold
from app.refdata.util import check_lang

DEFAULT_FOLDER = RESOURCES / "nomenclature"
_FILE_NAME = re.compile(r"nomenclature-([0-9]+(?:\.[0-9]+)*)\.json")


@dataclass(frozen=True, slots=True)
class Category:
    code: str
    fr: str
    ar: str

    def label(self, lang: str | None = None) -> str:
        return getattr(self, check_lang(lang))


@dataclass(frozen=True, slots=True)
class Branch:
    code: str
    category: str
    fr: str
    ar: str

    def label(self, lang: str | None = None) -> str:
        return getattr(self, check_lang(lang))


@dataclass(frozen=True, slots=True)
class Activity:
    code: str
    branch: str
    category: str
    fr: str
    ar: str

    def label(self, lang: str | None = None) -> str:
        return getattr(self, check_lang(lang))


class Nomenclature:
    """One validated version of the nomenclature. Immutable; look-ups by code raise
    ``UnknownCode`` (a ``KeyError`` and a ``UserFacingError``) for a code it does not hold."""

    def __init__(self, doc: Mapping, source: Path | None = None) -> None:
        self.version: str = doc["version"]
        self.status: str = doc["status"]
        self.notice: dict[str, str] = dict(doc.get("notice") or {})
        self.source = source
        self.categories = tuple(Category(c["code"], c["fr"], c["ar"]) for c in doc["categories"])
        self.branches = tuple(
            Branch(b["code"], b["category"], b["fr"], b["ar"]) for b in doc["branches"]
        )
        category_of = {b.code: b.category for b in self.branches}
        self.activities = tuple(
            Activity(a["code"], a["branch"], category_of[a["branch"]], a["fr"], a["ar"])
            for a in doc["activities"]
        )
        self._by_code: dict[str, Category | Branch | Activity] = {
            x.code: x for x in (*self.categories, *self.branches, *self.activities)
        }
        self._folded = [(a, fold(a.fr), fold(a.ar)) for a in self.activities]

    def __repr__(self) -> str:
        return f"<Nomenclature {self.version} {self.status}: {len(self.activities)} activities>"

    def __contains__(self, code: object) -> bool:
        return code in self._by_code

    @property
    def is_indicative(self) -> bool:
        return self.status == "indicative"

    def category(self, code: str) -> Category:
        return self._get(code, Category, "refdata.nomenclature.unknown_category")

    def branch(self, code: str) -> Branch:
        return self._get(code, Branch, "refdata.nomenclature.unknown_branch")

    def activity(self, code: str) -> Activity:
        return self._get(code, Activity, "refdata.nomenclature.unknown_activity")

    def branches_of(self, category: str) -> list[Branch]:
        self.category(category)
        return [b for b in self.branches if b.category == category]

    def activities_of(self, branch: str) -> list[Activity]:
        self.branch(branch)
        return [a for a in self.activities if a.branch == branch]

    def label(self, code: str, lang: str | None = None) -> str:
        """The name of a category, branch or activity in ``lang`` (default: current)."""
        lang = check_lang(lang)
        item = self._by_code.get(code)
        if item is None:
            raise UnknownCode("refdata.nomenclature.unknown_code", code)
        return item.label(lang)

    def search(self, text: str, limit: int | None = None) -> list[Activity]:
        """Activities whose French or Arabic name holds every word of ``text``; names that
        start with ``text`` come first."""
        key = fold(text)
        if not key:
            return []
        words = key.split()
        hits = [
            (0 if fr.startswith(key) or ar.startswith(key) else 1, a)
            for a, fr, ar in self._folded
            if all(w in fr for w in words) or all(w in ar for w in words)
        ]
        hits.sort(key=lambda h: h[0])
        return [a for _, a in hits][:limit]

    def _get(self, code: str, kind: type, msgid: str):
        item = self._by_code.get(code)
        if not isinstance(item, kind):
            raise UnknownCode(msgid, code)
        return item


# --- files -------------------------------------------------------------------------------


def version_key(version: str) -> tuple[int, ...]:
    """Sort key of a version string: "2025.10" comes after "2025.9"."""
    return tuple(int(part) for part in version.split("."))


def nomenclature_files(folders: Iterable[str | os.PathLike]) -> list[tuple[str, Path]]:
    """The (version, path) of every nomenclature file in ``folders``, oldest first."""
    found = []
    for folder in folders:
        folder = Path(folder)
        if not folder.is_dir():
            continue
        for path in folder.iterdir():
            match = _FILE_NAME.fullmatch(path.name)
            if match and path.is_file():
                found.append((match.group(1), path))
    found.sort(key=lambda vp: (version_key(vp[0]), str(vp[1])))
    return found


_cache: dict[tuple[str, int, int], Nomenclature] = {}
_cache_lock = threading.Lock()


def load_nomenclature(
    path: str | os.PathLike | None = None, *, extra_folders: Iterable[str | os.PathLike] = ()
) -> Nomenclature:
    """The nomenclature in ``path`` if it is a file, else the newest version found in the
    folder ``path`` (default: the bundled ``resources/nomenclature``) and ``extra_folders``
    (for instance the folder where the reference-data sync installs new versions)."""
    path = Path(path) if path is not None else DEFAULT_FOLDER
    if path.is_file():
        match = _FILE_NAME.fullmatch(path.name)
        return _load_file(path, match.group(1) if match else None)
    files = nomenclature_files([path, *extra_folders])
    if not files:
        raise InvalidNomenclature("refdata.nomenclature.not_found", folder=str(path))
    version, newest = files[-1]
    return _load_file(newest, version)


def _load_file(path: Path, expected_version: str | None) -> Nomenclature:
    try:
        stat = path.stat()
        key = (str(path.resolve()), stat.st_mtime_ns, stat.st_size)
        with _cache_lock:
            if key in _cache:
                return _cache[key]
        data = path.read_bytes()
    except OSError as exc:
        raise refuse("refdata.nomenclature.unreadable", path.name, detail=exc.strerror) from exc
    doc = parse_nomenclature(data, path.name)
    if expected_version is not None and doc["version"] != expected_version:
        raise refuse(
            "refdata.nomenclature.version_mismatch",
            path.name,
            version=doc["version"],
            expected=expected_version,
        )
    nomenclature = Nomenclature(doc, path)
    with _cache_lock:
        if len(_cache) > 8:
            _cache.clear()
        _cache[key] = nomenclature
    return nomenclature


def install_nomenclature(json_bytes: bytes | str, folder: str | os.PathLike) -> Path:
    """Validate a nomenclature received from the central service, then write it atomically
    into ``folder`` as ``nomenclature-<version>.json``; return its path.

    A refused payload leaves the folder untouched. Installing the same version again with
    the same bytes is a no-op; with different bytes it is refused (a version is immutable).
    """
    data = json_bytes.encode("utf-8") if isinstance(json_bytes, str) else bytes(json_bytes)
    doc = parse_nomenclature(data)
    folder = Path(folder)
    target = folder / f"nomenclature-{doc['version']}.json"
    if target.exists():
        if target.read_bytes() == data:
            return target
        raise refuse("refdata.nomenclature.version_exists", target.name, version=doc["version"])
    folder.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=folder, prefix=".nomenclature-", suffix=".part")
    try:
        with os.fdopen(fd, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    _fsync_dir(folder)
    return target


def _fsync_dir(folder: Path) -> None:
    if os.name != "posix":
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
