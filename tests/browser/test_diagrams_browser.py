"""The course's diagrams in Chromium: accessible in both colour schemes, legible on a phone, black on white in print."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Page

from browser.conftest import fresh_page
from coursekit.bench.browser import RequestRecorder
from coursekit.build import build_site
from support.browser import axe_violations
from support.course import MINIMAL_MKDOCS, ROOT, valid_module
from support.server import serving

pytestmark = pytest.mark.browser

DIAGRAMS = sorted(path.stem for path in (ROOT / "docs" / "abbildungen").glob("*.svg"))
# The course's two colour schemes, chosen by the system setting as in mkdocs.yml.
PALETTE = """\
  palette:
    - media: "(prefers-color-scheme: light)"
      scheme: default
      primary: custom
      accent: custom
      toggle: {icon: material/weather-night, name: Dunkles Farbschema}
    - media: "(prefers-color-scheme: dark)"
      scheme: slate
      primary: custom
      accent: custom
      toggle: {icon: material/weather-sunny, name: Helles Farbschema}
"""


@pytest.fixture(scope="module")
def diagram_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A one-module course that shows every diagram of the real course, built and served once."""
    project = tmp_path_factory.mktemp("abbildungen")
    markers = "\n\n".join(f"::: abbildung {d}" for d in DIAGRAMS)
    (project / "docs" / "module").mkdir(parents=True)
    (project / "docs" / "index.md").write_text("# Start\n", "utf-8")
    (project / "docs" / "module" / "alpha.md").write_text(valid_module() + f"\n{markers}\n", "utf-8")
    folder = project / "docs" / "abbildungen"
    folder.mkdir()
    for diagram in DIAGRAMS:
        (folder / f"{diagram}.svg").write_bytes((ROOT / "docs" / "abbildungen" / f"{diagram}.svg").read_bytes())
    nav = "  - index.md\n  - module/alpha.md"
    config = MINIMAL_MKDOCS.format(nav=nav, pedagogy="off").replace("  font: false\n", "  font: false\n" + PALETTE)
    assert PALETTE in config
    (project / "mkdocs.yml").write_text(config, "utf-8")
    build_site(project / "mkdocs.yml", project / "site", out=lambda _: None)
    with serving(project / "site") as url:
        yield url


@pytest.fixture
def diagram_page(
    browser: Browser, recorder: RequestRecorder, diagram_url: str, request: pytest.FixtureRequest
) -> Iterator[Page]:
    with fresh_page(browser, recorder, diagram_url, request) as page:
        yield page


# axe-core does not look at text inside an SVG (and none inside role="img"), so the test measures it itself:
# the text's colour against the shape under its middle, or the page, both blended as the browser paints them.
CONTRAST_JS = """() => {
    const rgba = c => { const p = c.match(/[\\d.]+/g).map(Number); return p.length > 3 ? p : [...p, 1]; };
    const over = (top, bottom) => [0, 1, 2].map(i => top[i] * top[3] + bottom[i] * (1 - top[3])).concat([1]);
    const linear = v => (v /= 255) <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
    const lum = c => 0.2126 * linear(c[0]) + 0.7152 * linear(c[1]) + 0.0722 * linear(c[2]);
    const pageBg = el => { for (; el; el = el.parentElement) { const c = rgba(getComputedStyle(el).backgroundColor);
        if (c[3] > 0) return c; } return [255, 255, 255, 1]; };
    const found = [];
    for (const svg of document.querySelectorAll('figure.ck-abbildung svg')) {
        svg.scrollIntoView({block: 'center'});
        const page = pageBg(svg.closest('figure'));
        for (const text of svg.querySelectorAll('text, tspan')) {
            const r = text.getBoundingClientRect();
            const shape = document.elementsFromPoint(r.x + r.width / 2, r.y + r.height / 2).find(el =>
                svg.contains(el) && ['rect', 'circle', 'ellipse', 'polygon', 'path'].includes(el.tagName)
                && getComputedStyle(el).fill.startsWith('rgb'));
            const bg = shape ? over(rgba(getComputedStyle(shape).fill), page) : page;
            const fg = over(rgba(getComputedStyle(text).fill), bg);
            const [a, b] = [lum(fg), lum(bg)].sort((x, y) => y - x);
            const ratio = (a + 0.05) / (b + 0.05);
            if (ratio < 4.5) found.push(`${svg.closest('figure').id} „${text.textContent}“: ${ratio.toFixed(2)}`);
        }
    }
    return found;
}"""


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_diagrams_have_no_wcag_violations(diagram_page: Page, scheme: str) -> None:
    diagram_page.emulate_media(color_scheme=scheme)  # type: ignore[arg-type]
    diagram_page.goto("/module/alpha/")
    assert diagram_page.locator("figure.ck-abbildung svg[role=img]").count() == len(DIAGRAMS)
    expected = "slate" if scheme == "dark" else "default"
    assert diagram_page.locator("body").get_attribute("data-md-color-scheme") == expected
    assert axe_violations(diagram_page) == []
    assert diagram_page.evaluate(CONTRAST_JS) == []


def test_diagram_text_is_legible_and_inside_the_figure_on_a_phone(diagram_page: Page) -> None:
    diagram_page.set_viewport_size({"width": 390, "height": 844})
    diagram_page.goto("/module/alpha/")
    problems = diagram_page.evaluate(
        """() => [...document.querySelectorAll('figure.ck-abbildung svg')].flatMap(svg => {
            const box = svg.getBoundingClientRect();
            const scale = box.width / svg.viewBox.baseVal.width;
            return [...svg.querySelectorAll('text')].flatMap(text => {
                const r = text.getBoundingClientRect();
                const px = parseFloat(getComputedStyle(text).fontSize) * scale;
                const where = svg.closest('figure').id + ' „' + text.textContent + '“';
                return [
                    ...(px < 11 ? [where + ': ' + px.toFixed(1) + ' px'] : []),
                    ...(r.left < box.left - 1 || r.right > box.right + 1 ? [where + ': ragt hinaus'] : []),
                ];
            });
        })"""
    )
    assert problems == []
    # No horizontal scrolling: each figure fits the column.
    assert diagram_page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def test_diagrams_print_black_on_white_even_from_the_dark_scheme(diagram_page: Page) -> None:
    diagram_page.emulate_media(color_scheme="dark", media="print")
    diagram_page.goto("/module/alpha/")
    assert diagram_page.locator("body").get_attribute("data-md-color-scheme") == "slate"
    colours = diagram_page.evaluate(
        """() => {
            const fig = document.querySelector('figure.ck-abbildung');
            const fill = sel => getComputedStyle(fig.querySelector(sel)).fill;
            return [fill('text.betont'), fill('text:not(.betont)'), fill('.flaeche')];
        }"""
    )
    assert colours == ["rgb(0, 0, 0)", "rgb(0, 0, 0)", "rgb(255, 255, 255)"]
