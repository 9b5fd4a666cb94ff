"""The light/dark switch's markup (theme/partials/palette.html), rendered with mkdocs-material's templates
behind it as mkdocs does: what the button's script gets, and a name for every state."""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

import jinja2
import material

from coursekit.plugin.plugin import THEME

MATERIAL = Path(material.__file__).parent / "templates"


def render(palette: list[dict[str, object]]) -> str:
    env = jinja2.Environment(loader=jinja2.FileSystemLoader([str(THEME), str(MATERIAL)]), autoescape=True)
    return env.get_template("partials/palette.html").render(config={"theme": {"palette": palette}})


def options(markup: str) -> list[dict[str, str]]:
    found = re.search(r"data-ck-palette='([^']*)'", markup)
    assert found, markup
    return list(json.loads(html.unescape(found.group(1))))


def test_the_button_carries_each_entry_with_the_theme_s_defaults() -> None:
    markup = render(
        [
            {
                "media": "(prefers-color-scheme: light)",
                "scheme": "default",
                "primary": "deep purple",
                "toggle": {"icon": "material/weather-night", "name": "Dunkles Farbschema"},
            },
            {
                "media": "(prefers-color-scheme: dark)",
                "scheme": "slate",
                "toggle": {"icon": "material/weather-sunny", "name": "Helles Farbschema"},
            },
        ]
    )
    assert options(markup) == [
        {
            "media": "(prefers-color-scheme: light)",
            "scheme": "default",
            "primary": "deep-purple",
            "accent": "indigo",
            "name": "Dunkles Farbschema",
        },
        {
            "media": "(prefers-color-scheme: dark)",
            "scheme": "slate",
            "primary": "indigo",
            "accent": "indigo",
            "name": "Helles Farbschema",
        },
    ]
    assert 'aria-label="Dunkles Farbschema"' in markup
    # One icon per entry, only the first shown before the script runs.
    assert re.findall(r'<span data-ck-palette-icon="(\d)"( hidden)?>\s*<svg', markup) == [("0", ""), ("1", " hidden")]


def test_an_entry_without_a_toggle_name_still_gives_the_button_a_name() -> None:
    markup = render([{"scheme": "default"}, {"scheme": "slate", "toggle": {"icon": "material/weather-sunny"}}])
    assert [option["name"] for option in options(markup)] == ["Farbschema wechseln", "Farbschema wechseln"]
    assert 'aria-label="Farbschema wechseln"' in markup
    assert 'aria-label=""' not in markup
