"""LMS packages of the whole course: ``make lms`` writes SCORM 1.2, SCORM 2004 and cmi5 zips to dist/.

The package is the built site plus a launch page (``lms-start.html``) and the manifest. The launch
page holds the connection to the LMS for the whole session (assets/coursekit/lms.js) and shows the
course in a frame, so the course pages stay exactly as on the web and full page loads inside the
course do not end the SCORM session. The course pages keep saving to the browser's storage; the
launch page reads that storage after each save and reports to the LMS.
"""

from __future__ import annotations

import json
import re
import shutil
import tempfile
import zipfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from html import escape
from pathlib import Path
from string import Template
from typing import Any, Literal

from ..build import BuildFailed, build_site, course_config, load
from ..course import Course
from ..plugin.plugin import check
from . import cmi5, scorm

START = "lms-start.html"
TEMPLATES = Path(__file__).resolve().parent / "templates"
Kind = Literal["scorm12", "scorm2004", "cmi5"]
VERSIONS: tuple[Kind, ...] = ("scorm12", "scorm2004", "cmi5")
# Server configuration of `make serve`, not content: an LMS serves the files itself.
LEFT_OUT = ("_server/",)
# The exercises' Python runtime (JupyterLite, Pyodide): most of the package's size.
RUNTIME = "lite/"

ATTR_URL_RE = re.compile(r"""(?P<attr>\s(?:href|src))=(?P<q>["'])(?P<url>[^"'<>]*)(?P=q)""", re.IGNORECASE)
JSON_URL_RE = re.compile(r'(?P<key>"url":\s*")(?P<url>[^"]*)(?P<end>")')


@dataclass(frozen=True)
class Built:
    path: Path
    version: Kind
    size: int
    files: int


def course_data(course: Course, default_threshold: float) -> dict[str, Any]:
    """What lms.js needs: the course's questions in order, with their stored-answer identity and objective."""
    modules = []
    for module in course.modules:
        quizzes = []
        for quiz in course.quizzes_of(module.meta.id):
            questions = []
            for q in quiz.questions:
                data: dict[str, Any] = {"id": q.id, "hash": q.fingerprint(), "type": q.type}
                if q.objective:
                    data["objective"] = q.objective
                criteria = getattr(q, "criteria", None)
                if criteria is not None:
                    data["criteria"] = len(criteria)
                questions.append(data)
            quizzes.append({"id": quiz.id, "threshold": quiz.threshold(default_threshold), "questions": questions})
        modules.append({"id": module.meta.id, "quizzes": quizzes})
    return {"modules": modules}


def _directory_target(url: str, page_dir: Path, site: Path) -> str | None:
    """``url`` with ``index.html`` appended if it names a folder of the site; None if it stays."""
    if not url or url.startswith(("#", "/", "//")) or re.match(r"^[a-zA-Z][a-zA-Z0-9+.-]*:", url):
        return None
    split = re.match(r"(?P<path>[^?#]*)(?P<rest>.*)", url, re.DOTALL)
    assert split is not None  # the pattern matches every string
    path, rest = split.group("path"), split.group("rest")
    if not (path.endswith("/") or path.split("/")[-1] in (".", "..")):
        return None
    target = (page_dir / path).resolve()
    if not (target / "index.html").is_file() or not target.is_relative_to(site.resolve()):
        return None
    fixed = path + ("" if path.endswith("/") else "/") + "index.html"
    return fixed + rest


def link_files_not_folders(site: Path) -> int:
    """Point links at ``folder/index.html`` instead of ``folder/``: LMSs serve package files, not folders."""
    changed = 0
    for page in site.rglob("*.html"):
        if page.relative_to(site).as_posix().startswith(RUNTIME):
            continue
        text = page.read_text("utf-8")

        def attr(match: re.Match[str], page_dir: Path = page.parent) -> str:
            fixed = _directory_target(match.group("url"), page_dir, site)
            if fixed is None:
                return match.group(0)
            return f"{match.group('attr')}={match.group('q')}{fixed}{match.group('q')}"

        def data(match: re.Match[str], page_dir: Path = page.parent) -> str:
            fixed = _directory_target(match.group("url"), page_dir, site)
            return match.group(0) if fixed is None else f"{match.group('key')}{fixed}{match.group('end')}"

        new = JSON_URL_RE.sub(data, ATTR_URL_RE.sub(attr, text))
        if new != text:
            page.write_text(new, "utf-8")
            changed += 1
    index = site / "search" / "search_index.json"
    if index.is_file():
        search = json.loads(index.read_text("utf-8"))
        for doc in search.get("docs", []):
            location = doc.get("location", "")
            path, sep, anchor = location.partition("#")
            if path == "" or path.endswith("/"):
                doc["location"] = f"{path}index.html{sep}{anchor}"
        index.write_text(json.dumps(search, ensure_ascii=False, separators=(",", ":")), "utf-8")
    return changed


LITE_LINK_RE = re.compile(r'<a class="md-button" href="[^"]*lite/notebooks/[^"]*"[^>]*>[^<]*</a>')
EXERCISE_INTRO_RE = re.compile(r"<p>Eine Übung mit \(synthetischen\) Daten:.*?</p>", re.DOTALL)
EXERCISE_RE = re.compile(r'<section\b[^>]*\bclass="ck-exercise"[^>]*>')  # in any attribute order
EARLY_PYTHON_RE = re.compile(r"<script data-kurs-python\b[^>]*>.*?</script>", re.DOTALL)  # plugin/preload.py
STATIC_INTRO = (
    "<p>Eine Übung mit (synthetischen) Daten. In dieser Fassung des Kurses läuft Python nicht: Sie sehen die Zellen "
    "mit den Ausgaben, die der Kurs beim Erstellen berechnet hat. Lesen Sie Code und Ergebnisse, und notieren Sie, "
    "wie Sie die Lücken <code>...</code> füllen würden.</p>"
)


def _static_section(match: re.Match[str]) -> str:
    tag = match.group(0).replace('class="ck-exercise"', 'class="ck-exercise-static"')
    if "aria-label=" in tag:
        return re.sub(r'aria-label="[^"]*"', 'aria-label="Übung (fertig ausgeführt)"', tag)
    return tag.replace("<section", '<section aria-label="Übung (fertig ausgeführt)"', 1)


def static_exercises(site: Path) -> int:
    """Without the Python runtime: exercises show their executed version, without run buttons or notebook links."""
    changed = 0
    for page in site.rglob("*.html"):
        if page.relative_to(site).as_posix().startswith(RUNTIME):
            continue
        text = page.read_text("utf-8")
        new = LITE_LINK_RE.sub("", text)
        new = EXERCISE_INTRO_RE.sub(STATIC_INTRO, new)
        # course.js starts the editors on .ck-exercise only; the static class keeps them out, and the
        # page must not start Python from its <head> either.
        new = EXERCISE_RE.sub(_static_section, new)
        new = EARLY_PYTHON_RE.sub("", new)
        if new != text:
            page.write_text(new, "utf-8")
            changed += 1
    return changed


def start_page(title: str, description: str, data: dict[str, Any]) -> str:
    template = Template((TEMPLATES / "lms-start.html").read_text("utf-8"))
    payload = json.dumps(data, ensure_ascii=False, separators=(",", ":")).replace("</", "<\\/")
    return template.substitute(title=escape(title), description=escape(description), data=payload)


def package_files(site: Path, with_runtime: bool) -> list[str]:
    names = []
    for path in sorted(site.rglob("*")):
        if not path.is_file():
            continue
        name = path.relative_to(site).as_posix()
        if name.startswith(LEFT_OUT) or (not with_runtime and name.startswith(RUNTIME)):
            continue
        names.append(name)
    return names


def write_zip(target: Path, site: Path, files: Iterable[str], manifest: tuple[str, bytes]) -> None:
    """The manifest (name, content) at the zip's root, then the site's files."""
    partial = target.with_name(target.name + ".teil")
    with zipfile.ZipFile(partial, "w", zipfile.ZIP_DEFLATED, compresslevel=6) as archive:
        archive.writestr(*manifest)
        for name in files:
            archive.write(site / name, name)
    partial.replace(target)


def slug(text: str) -> str:
    table = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss"})
    return re.sub(r"[^a-z0-9]+", "-", text.lower().translate(table)).strip("-") or "kurs"


def build_packages(
    config_file: Path,
    dist: Path,
    versions: Iterable[Kind] = VERSIONS,
    with_runtime: bool = True,
    site: Path | None = None,
    out: Callable[[str], None] = print,
) -> list[Built]:
    """Build the site (or copy ``site``, an already built one) and write one zip per package kind."""
    root = config_file.resolve().parent
    config = load(config_file)
    course, report = check(config, course_config(config))
    if report.errors:
        raise BuildFailed("Die Inhalte enthalten Fehler; bitte zuerst „make check“ ausführen.")
    title = str(config["site_name"])
    description = str(config.get("site_description") or "")
    name = slug(title)
    dist.mkdir(parents=True, exist_ok=True)
    built: list[Built] = []
    with tempfile.TemporaryDirectory(prefix="lms-") as tmp:
        staged = Path(tmp) / "site"
        if site is None:
            build_site(config_file.resolve(), staged, out=out)
        else:
            shutil.copytree(site, staged)
        link_files_not_folders(staged)
        if not with_runtime:
            static_exercises(staged)
        data = course_data(course, course_config(config).pass_threshold)
        (staged / START).touch()
        files = package_files(staged, with_runtime)
        for version in versions:
            (staged / START).write_text(start_page(title, description, {"version": version, **data}), "utf-8")
            info = scorm.PackageInfo(name, title, description, START, tuple(files))
            if version == "cmi5":
                manifest = ("cmi5.xml", cmi5.course_structure(info))
            else:
                manifest = ("imsmanifest.xml", scorm.manifest(version, info))
                errors = scorm.validate(version, manifest[1], root)
                if errors:
                    raise BuildFailed(f"imsmanifest.xml ({version}) ist ungültig:\n" + "\n".join(errors))
            suffix = "" if with_runtime else "-ohne-python"
            target = dist / f"{name}-{version}{suffix}.zip"
            write_zip(target, staged, files, manifest)
            built.append(Built(target, version, target.stat().st_size, len(files) + 1))
            out(f"✓ {target} ({target.stat().st_size / 1e6:.1f} MB, {len(files) + 1} Dateien)")
    return built


def main(argv: list[str] | None = None) -> int:
    import argparse
    import sys

    parser = argparse.ArgumentParser(description="Baut die LMS-Pakete (SCORM 1.2, SCORM 2004, cmi5) nach dist/.")
    parser.add_argument("-f", "--config-file", type=Path, default=Path("mkdocs.yml"))
    parser.add_argument("-o", "--dist", type=Path, default=Path("dist"))
    parser.add_argument("--nur", choices=VERSIONS, action="append", help="nur dieses Paket (mehrfach möglich)")
    parser.add_argument("--site", type=Path, help="eine schon gebaute Website verpacken, statt neu zu bauen")
    parser.add_argument(
        "--ohne-python",
        action="store_true",
        help="ohne die Python-Laufzeit der Übungen (für LMS mit kleiner Upload-Grenze)",
    )
    args = parser.parse_args(argv)
    try:
        build_packages(args.config_file, args.dist, args.nur or VERSIONS, not args.ohne_python, site=args.site)
    except BuildFailed as exc:
        print(f"\nPaket nicht gebaut: {exc}", file=sys.stderr)
        return 1
    return 0
