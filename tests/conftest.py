"""Shared fixtures: tiny course trees, the real site built once, a server and a browser."""

from __future__ import annotations

import shutil
import textwrap
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from coursekit.build import build_site
from support.course import MINIMAL_MKDOCS, ROOT, SITES, MakeCourse
from support.injection import write_course
from support.server import serving


def link_node_modules(tmp_path_factory: pytest.TempPathFactory) -> None:
    """Projects built below the pytest temp root find the repo's npm packages, as Node.js would."""
    link = tmp_path_factory.getbasetemp() / "node_modules"
    if not link.exists():
        link.symlink_to(ROOT / "node_modules", target_is_directory=True)


@pytest.fixture(scope="session", autouse=True)  # before the session-wide site builds below
def _node_modules_for_tmp_projects(tmp_path_factory: pytest.TempPathFactory) -> None:
    link_node_modules(tmp_path_factory)


@pytest.fixture
def make_course(tmp_path: Path) -> MakeCourse:
    """Write a tiny course: {relative path: text or bytes}; modules go into the nav in order."""

    def make(files: dict[str, str | bytes], nav: list[str] | None = None, pedagogy: str = "off") -> Path:
        for rel, content in files.items():
            path = tmp_path / rel
            path.parent.mkdir(parents=True, exist_ok=True)
            if isinstance(content, bytes):
                path.write_bytes(content)
            else:
                path.write_text(textwrap.dedent(content) if content.startswith("\n") else content, "utf-8")
        if not (tmp_path / "docs" / "index.md").exists():
            (tmp_path / "docs" / "index.md").write_text("# Start\n", "utf-8")
        pages = (
            nav
            if nav is not None
            else sorted(rel.removeprefix("docs/") for rel in files if rel.startswith("docs/module/"))
        )
        nav_yaml = "\n".join(f"  - {p}" for p in ["index.md", *pages])
        (tmp_path / "mkdocs.yml").write_text(MINIMAL_MKDOCS.format(nav=nav_yaml, pedagogy=pedagogy), "utf-8")
        return tmp_path / "mkdocs.yml"

    return make


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real course, built once per test session with the real build."""
    site = tmp_path_factory.mktemp("real") / "site"
    build_site(ROOT / "mkdocs.yml", site, out=lambda _: None)
    return site


@pytest.fixture
def fixture_site(tmp_path: Path) -> Callable[[str], Path]:
    """Copy a fixture site from tests/sites/<name> so a test may change it freely."""

    def copy(name: str) -> Path:
        target = tmp_path / name
        shutil.copytree(SITES / name, target)
        return target

    return copy


@pytest.fixture(scope="session")
def site_url(built_site: Path) -> Iterator[str]:
    with serving(built_site) as url:
        yield url


@pytest.fixture(scope="session")
def quiz_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The quiz fixture course (every question type, hostile content), built once."""
    project = tmp_path_factory.mktemp("quizkurs") / "quiz"
    shutil.copytree(SITES / "quiz", project)
    build_site(project / "mkdocs.yml", project / "site", out=lambda _: None)
    return project / "site"


@pytest.fixture(scope="session")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, str]]:
    """A course with hostile text in every field (support/injection.py), built once."""
    link_node_modules(tmp_path_factory)
    project = tmp_path_factory.mktemp("injektion")
    fields = write_course(project)
    build_site(project / "mkdocs.yml", project / "site", out=lambda _: None)
    return project / "site", fields


@pytest.fixture(scope="session")
def hostile_url(hostile_site: tuple[Path, dict[str, str]]) -> Iterator[str]:
    with serving(hostile_site[0]) as url:
        yield url


@pytest.fixture(scope="session")
def quiz_url(quiz_site: Path) -> Iterator[str]:
    with serving(quiz_site) as url:
        yield url
