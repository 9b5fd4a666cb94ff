"""make bench, part "lms": the size of each LMS package with and without the Python runtime."""

from __future__ import annotations

import time
from pathlib import Path

from ..build import load
from ..exports.lms import RUNTIME, VERSIONS, build_packages, slug
from .harness import folder_bytes


def lms_part(root: Path, site: Path) -> None:
    """Package sizes (issue 14): each LMS package with and without the Python runtime, beside the site."""
    print("\nLMS-Pakete (make lms; Zip mit Deflate, wie hochgeladen)", flush=True)
    if not (site / "index.html").is_file():
        print(f"  {site} ist keine gebaute Website: Erst „make site“ ausführen.")
        return
    site_time = max(p.stat().st_mtime for p in site.rglob("*") if p.is_file())
    name = slug(str(load(root / "mkdocs.yml")["site_name"]))
    dist = root / "dist"
    sizes: dict[tuple[str, bool], int] = {}
    for with_runtime in (True, False):
        suffix = "" if with_runtime else "-ohne-python"
        paths = {v: dist / f"{name}-{v}{suffix}.zip" for v in VERSIONS}
        stale = [v for v, p in paths.items() if not p.is_file() or p.stat().st_mtime < site_time]
        if stale:
            start = time.perf_counter()
            build_packages(root / "mkdocs.yml", dist, stale, with_runtime, site=site, out=lambda _: None)
            what = "mit" if with_runtime else "ohne"
            print(f"  gebaut nach dist/ ({what} Python): {', '.join(stale)} ({time.perf_counter() - start:.0f} s)")
        sizes.update({(v, with_runtime): p.stat().st_size for v, p in paths.items()})
    runtime = folder_bytes(site / RUNTIME.rstrip("/"))
    total = folder_bytes(site)
    print(f"  {'':36} {'mit Python':>12} {'ohne Python':>12}")
    print(f"  {'Website (site/, ungepackt)':36} {total / 2**20:9.1f} MB {(total - runtime) / 2**20:9.1f} MB")
    for version in VERSIONS:
        print(f"  {version + '.zip':36} {sizes[version, True] / 2**20:9.1f} MB {sizes[version, False] / 2**20:9.1f} MB")
    print("  (ohne Python: ohne lite/; die Übungen zeigen ihre fertig ausgeführte Fassung)")
