"""The one build: validate -> JupyterLite -> mkdocs --strict -> post-build checks -> atomic swap."""

from __future__ import annotations

import logging
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from mkdocs.commands.build import build as mkdocs_build
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort, MkDocsException

from . import buildrecord, pdf
from .lite import LiteError, build_lite
from .plugin.config import CourseConfig
from .plugin.plugin import REVEAL_NOTES, check
from .postbuild import check_site
from .security import SecurityError, write_headers


class BuildFailed(Exception):
    """A build step failed; the message is for editors (German)."""


def course_config(config: MkDocsConfig) -> CourseConfig:
    plugin = config.plugins.get("course")
    if plugin is None:
        raise BuildFailed("mkdocs.yml: Das Plugin „course“ fehlt unter „plugins:“.")
    return plugin.config  # type: ignore[no-any-return]


def load(config_file: Path, **overrides: Any) -> MkDocsConfig:
    try:
        return load_config(str(config_file), **overrides)
    except (Abort, MkDocsException) as exc:
        raise BuildFailed(f"{config_file.name}: {exc}") from exc


def validate(config_file: Path) -> tuple[str, bool]:
    """Check all content; returns (report text, ok)."""
    config = load(config_file)
    _, report = check(config, course_config(config))
    return report.render(), not report.errors


@contextmanager
def step(name: str, out: Callable[[str], None]) -> Iterator[None]:
    out(f"▶ {name} …")
    start = time.perf_counter()
    try:
        yield
    except BaseException:
        out(f"✗ {name} fehlgeschlagen nach {time.perf_counter() - start:.1f} s")
        raise
    out(f"✓ {name} ({time.perf_counter() - start:.1f} s)")


def build_site(config_file: Path, site_dir: Path, out: Callable[[str], None] = print, pdfs: bool = False) -> None:
    """Build into a temporary folder next to ``site_dir`` and swap it in only on success.

    ``pdfs``: also print handouts and the handbook into the site's pdf/ folder (`make site`; about
    20 s more, so the tests and quick builds leave it out and the pages link no PDFs)."""
    root = config_file.parent
    site_dir.parent.mkdir(parents=True, exist_ok=True)
    # Nothing to do when neither the inputs nor the last build's output changed (buildrecord.py).
    key = buildrecord.input_key(config_file, Path(load(config_file).docs_dir)) + (":pdf" if pdfs else "")
    done = buildrecord.unchanged(root, site_dir, key)
    if done is not None:
        if done.report:
            out(done.report)
        out(f"✓ Keine Änderung seit dem letzten Build: {site_dir.name}/ ist aktuell.")
        return
    buildrecord.forget(root, site_dir)  # the site is about to change; a record must never outlive it
    staging = Path(tempfile.mkdtemp(prefix=f".{site_dir.name}.neu-", dir=site_dir.parent))
    try:
        with step("Inhalte prüfen", out):
            config = load(config_file, strict=True, site_dir=str(staging))
            _, report = check(config, course_config(config))
            if report.items:
                out(report.render())
            if report.errors:
                raise BuildFailed(
                    "Die Inhalte enthalten Fehler (siehe oben). Die bisherige Website bleibt unverändert."
                )
        lite_output = staging.with_name(staging.name + "-lite")
        with step("JupyterLite bauen", out):
            if (root / "lite" / "jupyter-lite.json").exists():
                try:
                    if build_lite(root, lite_output):
                        out("  (unverändert seit einem früheren Build, aus .cache/lite-site/ übernommen)")
                except LiteError as exc:
                    raise BuildFailed(str(exc)) from exc
            else:
                out("  (keine JupyterLite-Konfiguration in lite/, übersprungen)")
        with step("mkdocs build --strict", out):
            config.plugins["course"].pdf_downloads = pdfs  # type: ignore[attr-defined]
            _mkdocs(config)
            if lite_output.exists():  # mkdocs empties its site folder, so the notebooks move in afterwards
                lite_output.rename(staging / "lite")
        if pdfs:  # before the site check, so the pages' links to the PDFs are checked too
            with step("Handouts und Handbuch als PDF drucken", out):
                try:
                    pdf.export(
                        staging,
                        staging / pdf.SITE_FOLDER,
                        address=config.site_url or None,
                        cache_dir=root / ".cache" / "pdf",
                    )
                except (OSError, subprocess.SubprocessError) as exc:
                    raise BuildFailed(f"Die PDFs ließen sich nicht drucken (Chromium): {exc}") from exc
        with step("Fertige Website prüfen", out):
            findings = check_site(staging, root / ".cache" / "scan", urlsplit(config.site_url or "/").path)
            if findings:
                out("\n".join(f.format() for f in findings))
                raise BuildFailed(f"{len(findings)} Problem(e) in der gebauten Website (siehe oben).")
        with step("Sicherheits-Header schreiben", out):
            notes_js = staging / "assets" / "reveal" / REVEAL_NOTES  # the German copy the site ships
            try:
                write_headers(staging, notes_js, list(course_config(config).frame_ancestors))
            except SecurityError as exc:
                raise BuildFailed(str(exc)) from exc
        with step(f"Website nach {site_dir.name}/ übernehmen", out):
            _swap(staging, site_dir)
        buildrecord.remember(root, site_dir, key, report.render() if report.items else "")
    finally:
        shutil.rmtree(staging, ignore_errors=True)
        shutil.rmtree(staging.with_name(staging.name + "-lite"), ignore_errors=True)


class _WarningCounter(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


def _mkdocs(config: MkDocsConfig) -> None:
    counter = _WarningCounter()
    logger = logging.getLogger("mkdocs")
    logger.addHandler(counter)
    try:
        mkdocs_build(config)
    except (Abort, MkDocsException) as exc:
        details = "\n".join(counter.messages)
        raise BuildFailed(f"mkdocs build ist fehlgeschlagen: {exc}\n{details}".strip()) from exc
    finally:
        logger.removeHandler(counter)


def _swap(staging: Path, site_dir: Path) -> None:
    old = None
    if site_dir.exists():
        old = site_dir.with_name(f".{site_dir.name}.alt-{time.time_ns()}")
        site_dir.rename(old)
    staging.rename(site_dir)
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)


def main(argv: list[str] | None = None) -> int:
    import argparse

    parser = argparse.ArgumentParser(description="Baut die Kurs-Website.")
    parser.add_argument("-f", "--config-file", type=Path, default=Path("mkdocs.yml"))
    parser.add_argument("-d", "--site-dir", type=Path, default=Path("site"))
    parser.add_argument("--check", action="store_true", help="nur die Inhalte prüfen (schnell)")
    parser.add_argument(
        "--pdf", action="store_true", help="Handouts und Handbuch zusätzlich als PDF in die Website drucken"
    )
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s: %(message)s")
    start = time.perf_counter()
    try:
        if args.check:
            text, ok = validate(args.config_file)
            print(text or "Keine Probleme gefunden.")
            return 0 if ok else 1
        build_site(args.config_file.resolve(), args.site_dir.resolve(), pdfs=args.pdf)
    except BuildFailed as exc:
        print(f"\nBuild abgebrochen: {exc}", file=sys.stderr)
        return 1
    print(f"Fertig in {time.perf_counter() - start:.1f} s: {args.site_dir}/")
    return 0
