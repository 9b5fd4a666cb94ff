"""The course's search worker: it wraps mkdocs-material's worker and is what every page loads."""

from __future__ import annotations

from coursekit.plugin import search


def test_worker_imports_materials_own_worker_next_to_it() -> None:
    source = search.worker_source()
    name = search.material_worker()
    assert name.startswith("search.") and name.endswith(".min.js")
    assert f'importScripts("{name}");' in source
    assert "__MATERIAL_WORKER__" not in source
    assert search.WORKER_URI.rsplit("/", 1)[0] == search.WORKERS  # lunr's language files resolve as before


def test_pages_point_materials_config_at_the_course_worker() -> None:
    html = (
        '<script id="__config" type="application/json">{"base": "..", '
        '"search": "../assets/javascripts/workers/search.a7633da7.min.js", "tags": null}</script>'
    )
    out = search.use_course_worker(html)
    assert '"search": "../assets/javascripts/workers/kurs-suche.js"' in out
    assert out.replace("kurs-suche.js", "search.a7633da7.min.js") == html
    assert search.use_course_worker("<p>keine Suche</p>") == "<p>keine Suche</p>"
