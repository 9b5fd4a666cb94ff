"""Skipping a build whose inputs and output are both unchanged, decided by content, never by timestamps.

After each successful build, ``.cache/build/`` keeps a record per site folder: a hash of every input
(the configuration and the environment variables it reads, the content folders, the course code, the
pinned packages) and a listing of the finished site (path and size of each file). A build that finds
the same hash and the site folder as it left it has nothing to do. A changed input, a file added to,
removed from or changed in size in the site, or a damaged record means a full build.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import sys
from dataclasses import asdict, dataclass
from importlib import metadata
from pathlib import Path

RECORDS = Path(".cache") / "build"
# Folders next to mkdocs.yml whose files the build reads (besides docs_dir and the course code).
INPUT_FOLDERS = ["exercises", "includes", "lite", "packages"]
INPUT_FILES = ["package-lock.json", "requirements.lock", "pyproject.toml", "node_modules/.package-lock.json"]
SKIP_PARTS = {"__pycache__", "_output", ".ipynb_checkpoints", "build", "dist", ".jupyterlite.doit.db"}
PACKAGES = ["mkdocs", "mkdocs-material", "mkdocs-jupyter", "pymdown-extensions", "markdown", "jupyterlite-core"]
ENV_RE = re.compile(r"!ENV\s*\[?\s*([A-Za-z_][A-Za-z0-9_]*)")
CODE = Path(__file__).resolve().parent  # the course package itself: plugin, assets, templates, theme


@dataclass
class Record:
    key: str
    listing: dict[str, int]
    report: str


def _files(folder: Path) -> list[Path]:
    if not folder.is_dir():
        return []
    return sorted(
        p
        for p in folder.rglob("*")
        if p.is_file() and not SKIP_PARTS.intersection(p.relative_to(folder).parts) and not p.name.endswith(".pyc")
    )


def input_key(config_file: Path, docs_dir: Path) -> str:
    root = config_file.parent
    digest = hashlib.sha256()

    def add(label: str, data: bytes) -> None:
        digest.update(label.encode() + b"\0" + hashlib.sha256(data).digest())

    config_text = config_file.read_bytes()
    add("mkdocs.yml", config_text)
    for name in sorted(set(ENV_RE.findall(config_text.decode("utf-8", errors="replace")))):
        add(f"env:{name}", os.environ.get(name, "\0unset").encode())
    for folder in [docs_dir, *(root / name for name in INPUT_FOLDERS)]:
        for path in _files(folder):
            add(path.relative_to(root).as_posix() if path.is_relative_to(root) else str(path), path.read_bytes())
    for name in INPUT_FILES:
        path = root / name
        if path.is_file():
            add(name, path.read_bytes())
    for path in _files(CODE):
        add(f"coursekit/{path.relative_to(CODE).as_posix()}", path.read_bytes())
    for package in PACKAGES:
        try:
            add(package, metadata.version(package).encode())
        except metadata.PackageNotFoundError:
            add(package, b"\0missing")
    add("python", sys.version.encode())
    return digest.hexdigest()


def listing(site: Path) -> dict[str, int]:
    """Every file of the site with its size (empty when there is no site)."""
    if not site.is_dir():
        return {}
    return {p.relative_to(site).as_posix(): p.stat().st_size for p in site.rglob("*") if p.is_file()}


def _record_file(root: Path, site: Path) -> Path:
    name = hashlib.sha256(str(site.resolve()).encode()).hexdigest()[:16]
    return root / RECORDS / f"{name}.json"


def previous(root: Path, site: Path) -> Record | None:
    try:
        data = json.loads(_record_file(root, site).read_text("utf-8"))
        return Record(str(data["key"]), {str(k): int(v) for k, v in data["listing"].items()}, str(data["report"]))
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return None  # no record or a damaged one: build


def unchanged(root: Path, site: Path, key: str) -> Record | None:
    """The record of the last build when it had the same inputs and the site is still as it left it."""
    record = previous(root, site)
    if record is None or record.key != key or not record.listing:
        return None
    return record if listing(site) == record.listing else None


def remember(root: Path, site: Path, key: str, report: str) -> None:
    target = _record_file(root, site)
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_suffix(f".{os.getpid()}.tmp")
    partial.write_text(json.dumps(asdict(Record(key, listing(site), report))), "utf-8")
    partial.replace(target)


def forget(root: Path, site: Path) -> None:
    _record_file(root, site).unlink(missing_ok=True)
