"""The theme files mkdocs copies are the same when the theme's listing skips hidden folders."""

from __future__ import annotations

from pathlib import Path

import jinja2
from mkdocs.config import load_config
from mkdocs.structure.files import Files

from coursekit.plugin.themefiles import VisibleFilesLoader, list_visible_files

ROOT = Path(__file__).resolve().parents[2]


def theme_files(listing_without_hidden: bool, site: Path) -> list[str]:
    config = load_config(config_file=str(ROOT / "mkdocs.yml"), site_dir=str(site))
    if listing_without_hidden:
        list_visible_files(config)
    env = config.theme.get_env()
    files = Files([])
    files.add_files_from_theme(env, config)
    return sorted(f"{f.src_uri} <- {f.abs_src_path}" for f in files)


def test_mkdocs_copies_the_same_theme_files(tmp_path: Path) -> None:
    stock = theme_files(False, tmp_path)
    assert len(stock) > 20 and any(name.startswith("assets/javascripts/") for name in stock)
    assert theme_files(True, tmp_path) == stock


def test_hidden_folders_and_files_are_not_listed_but_still_load(tmp_path: Path) -> None:
    (tmp_path / ".icons" / "set").mkdir(parents=True)
    (tmp_path / ".icons" / "set" / "icon.svg").write_text("<svg/>", "utf-8")
    (tmp_path / "assets").mkdir()
    (tmp_path / "assets" / ".versteckt").write_text("x", "utf-8")
    (tmp_path / "assets" / "site.css").write_text("p{}", "utf-8")
    (tmp_path / "main.html").write_text("{% include '.icons/set/icon.svg' %}", "utf-8")
    loader = VisibleFilesLoader([str(tmp_path)])
    assert loader.list_templates() == ["assets/site.css", "main.html"]
    assert jinja2.Environment(loader=loader).get_template("main.html").render() == "<svg/>"
