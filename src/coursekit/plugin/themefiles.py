"""The theme's files as mkdocs copies them, listed without walking mkdocs-material's 14,000 icons.

mkdocs asks the theme's Jinja loader for every file name in the theme folders and then drops the
hidden ones (patterns ``.*`` and ``*/.*``): templates stay, static files are copied. mkdocs-material
keeps about 14,300 of its 14,500 files under ``.icons/``, so walking and filtering them took close to
0.1 s of every preview rebuild, for names that are thrown away. ``VisibleFilesLoader`` does not descend
into hidden folders; the list mkdocs ends up with is the same (tests/unit/test_themefiles.py). Loading a
template, ``.icons/…`` included, is Jinja's ``FileSystemLoader`` unchanged.
"""

from __future__ import annotations

import os
from collections.abc import Callable

import jinja2
from mkdocs.config.defaults import MkDocsConfig


class VisibleFilesLoader(jinja2.FileSystemLoader):
    def list_templates(self) -> list[str]:
        found: set[str] = set()
        for searchpath in self.searchpath:
            for dirpath, dirnames, filenames in os.walk(searchpath, followlinks=self.followlinks):
                dirnames[:] = [name for name in dirnames if not name.startswith(".")]
                for filename in filenames:
                    if filename.startswith("."):
                        continue
                    name = os.path.join(dirpath, filename)[len(searchpath) :].strip(os.path.sep)
                    found.add(name.replace(os.path.sep, "/"))
        return sorted(found)


def list_visible_files(config: MkDocsConfig) -> None:
    """Let this build's theme environment list its files with ``VisibleFilesLoader`` (call in on_config)."""
    theme = config.theme
    make_env: Callable[[], jinja2.Environment] = theme.get_env

    def get_env() -> jinja2.Environment:
        env = make_env()
        env.loader = VisibleFilesLoader(theme.dirs)
        return env

    theme.get_env = get_env  # type: ignore[method-assign]
