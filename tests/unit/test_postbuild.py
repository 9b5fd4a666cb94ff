"""The post-build scan finds every way a built page could load something from another host."""

from __future__ import annotations

from pathlib import Path

from coursekit.postbuild import check_site

PAGE = """<!doctype html>
<html><head>
<link rel="stylesheet" href="https://fonts.googleapis.com/css?family=Roboto">
<link rel="canonical" href="https://example.org/kurs/">
<script src="//cdn.jsdelivr.net/npm/x.js"></script>
</head><body>
<a href="https://doi.org/10.1000/xyz">Literatur (ein Link, kein Laden)</a>
<img src="https://example.com/bild.png" alt="">
<img srcset="lokal.png 1x, https://example.com/gross.png 2x" alt="">
<div style="background: url('https://example.com/bg.png')"></div>
<a href="fehlt/">kaputt</a> <a href="#oben">Anker fehlt</a> <a href="andere.html#da">ok</a>
<form id="frage"><input id="frage"></form>
</body></html>
"""


def write(site: Path, files: dict[str, str]) -> Path:
    for rel, text in files.items():
        (site / rel).parent.mkdir(parents=True, exist_ok=True)
        (site / rel).write_text(text, "utf-8")
    return site


def test_every_foreign_load_and_broken_link_is_found(tmp_path: Path) -> None:
    site = write(
        tmp_path,
        {
            "index.html": PAGE,
            "andere.html": '<h2 id="da">Da</h2>',
            "style.css": "@import 'https://fonts.googleapis.com/x.css';\n"
            "@font-face { src: url(https://fonts.gstatic.com/r.woff2) }\n.a { background: url(lokal.png) }",
            "app.js": 'const a = "https://github.com/squidfunk";\nimport("https://esm.sh/lib.js");\n'
            "fetch(`https://api.example.com/track`);",
            "lokal.png": "",
        },
    )
    found = [f.format() for f in check_site(site)]
    assert found == [
        "app.js:2: JavaScript lädt von fremdem Host: https://esm.sh/lib.js",
        "app.js:3: JavaScript lädt von fremdem Host: https://api.example.com/track",
        "index.html:3: Seite lädt von fremdem Host: https://fonts.googleapis.com/css?family=Roboto",
        "index.html:5: Seite lädt von fremdem Host: //cdn.jsdelivr.net/npm/x.js",
        "index.html:8: Seite lädt von fremdem Host: https://example.com/bild.png",
        "index.html:9: Seite lädt von fremdem Host: https://example.com/gross.png",
        "index.html:10: CSS lädt von fremdem Host: https://example.com/bg.png",
        "index.html:11: Link auf nicht vorhandene Datei: fehlt/",
        "index.html:11: Link auf nicht vorhandenen Anker: #oben",
        "index.html:12: Die id „frage“ kommt mehrfach vor.",
        "style.css:1: CSS lädt von fremdem Host: https://fonts.googleapis.com/x.css",
        "style.css:2: CSS lädt von fremdem Host: https://fonts.gstatic.com/r.woff2",
    ]


def test_clean_site_passes(tmp_path: Path) -> None:
    site = write(
        tmp_path,
        {
            "index.html": '<link rel="stylesheet" href="s.css"><a href="https://example.org">Quelle</a>'
            '<a href="unter/#x">Unterseite</a><img src="data:image/png;base64,AAAA" alt="">',
            "unter/index.html": '<p id="x">x</p>',
            "s.css": "body { background: url(data:image/svg+xml;utf8,<svg/>) }",
        },
    )
    assert check_site(site) == []


def test_theme_cdn_fallbacks_are_found_and_neutralised(tmp_path: Path) -> None:
    import material

    from coursekit.postbuild import neutralise_cdn

    assets = Path(material.__file__).parent / "templates" / "assets" / "javascripts"
    target = tmp_path / "assets" / "javascripts"
    target.mkdir(parents=True)
    for bundle in assets.glob("bundle.*.js"):
        (target / bundle.name).write_bytes(bundle.read_bytes())
    before = [f.message for f in check_site(tmp_path)]
    assert any("unpkg.com" in message for message in before)
    assert neutralise_cdn(target.glob("bundle.*.js")) >= 2
    assert check_site(tmp_path) == []


def test_a_facilitator_note_on_a_learner_page_is_found(tmp_path: Path) -> None:
    note = '<div class="admonition moderation"><p class="admonition-title">Hinweis</p></div>'
    (tmp_path / "module").mkdir()
    (tmp_path / "module" / "index.html").write_text(f"<html><body>{note}</body></html>", "utf-8")
    (tmp_path / "moderation").mkdir()
    (tmp_path / "moderation" / "index.html").write_text(f"<html><body>{note}</body></html>", "utf-8")
    findings = check_site(tmp_path)
    assert [(f.path, f.message) for f in findings] == [
        ("module/index.html", "Eine Moderationsnotiz steht auf einer Seite für Lernende.")
    ]


def test_the_scan_cache_gives_the_same_findings_and_sees_every_change(tmp_path: Path) -> None:
    """Pages and scripts scanned before are not parsed again, but links still meet this build's files."""
    files = {"index.html": PAGE, "andere.html": '<h2 id="da">Da</h2>', "app.js": 'import("https://esm.sh/a.js");'}
    site = write(tmp_path / "site", files)
    cache = tmp_path / "cache"
    first = check_site(site, cache)
    assert list(cache.glob("scan-*.json"))  # kept for the next build
    assert check_site(site, cache) == first == check_site(site)
    (site / "andere.html").write_text('<h2 id="woanders">Da</h2>', "utf-8")  # the anchor is gone
    (site / "app.js").write_text('import("./lokal.js");', "utf-8")
    second = [f.format() for f in check_site(site, cache)]
    assert "index.html:11: Link auf nicht vorhandenen Anker: andere.html#da" in second
    assert not any(f.startswith("app.js") for f in second)
    (site / "andere.html").unlink()  # an unchanged page links to a file this build lacks
    assert "index.html:11: Link auf nicht vorhandene Datei: andere.html#da" in [
        f.format() for f in check_site(site, cache)
    ]


def test_a_damaged_scan_cache_only_costs_time(tmp_path: Path) -> None:
    site = write(tmp_path / "site", {"index.html": PAGE, "andere.html": '<h2 id="da">Da</h2>'})
    cache = tmp_path / "cache"
    expected = check_site(site, cache)
    for stored in cache.glob("scan-*.json"):
        stored.write_text("{kaputt", "utf-8")
    assert check_site(site, cache) == expected


def test_root_relative_links_are_checked_under_the_site_url_path(tmp_path: Path) -> None:
    # With site_url, mkdocs writes the 404 page's links from the root of the server: /kurs/...
    site = write(
        tmp_path,
        {
            "404.html": '<link rel="stylesheet" href="/kurs/s.css"><a href="/kurs/fehlt/">weg</a>',
            "s.css": "body { color: black }",
        },
    )
    assert [f.message for f in check_site(site, mount="/kurs")] == ["Link auf nicht vorhandene Datei: /kurs/fehlt/"]
    assert len(check_site(site)) == 2  # without the mount path both links miss
