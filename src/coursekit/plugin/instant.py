"""Instant navigation for a course deployed under any path, without configuring ``site_url``.

mkdocs-material loads pages instantly only when they are listed in ``sitemap.xml``, whose addresses
are absolute: without ``site_url`` mkdocs writes an empty sitemap, and with it the sitemap fits only
the one address it names (a test server, an LMS or an intranet share each have another). So every
page carries a small script, the same on every page (one CSP hash), that answers the theme's request
for the sitemap with one made in the browser from the course's relative page addresses.
"""

from __future__ import annotations

import html
import json

# Runs in <head>, before the theme's bundle asks for the sitemap (by XMLHttpRequest). The addresses
# are escaped for XML; the blob: URL needs `connect-src blob:` in the course policy (security.py).
SCRIPT = """(() => {
  const root = new URL(document.currentScript.dataset.wurzel, location.href);
  const sitemap = new URL("sitemap.xml", root).href;
  const escape = (text) => text.replace(/&/g, "&amp;").replace(/</g, "&lt;");
  const urls = PAGES.map((page) => `<url><loc>${escape(new URL(page, root).href)}</loc></url>`);
  const xml = `<?xml version="1.0" encoding="UTF-8"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">${urls.join("")}</urlset>`;
  const blob = URL.createObjectURL(new Blob([xml], { type: "application/xml" }));
  const open = XMLHttpRequest.prototype.open;
  XMLHttpRequest.prototype.open = function (method, url, ...rest) {
    return open.call(this, method, new URL(url, location.href).href === sitemap ? blob : url, ...rest);
  };
})();"""


def script(page_urls: list[str]) -> str:
    """The script's text for a course with these pages (relative to the site root, as mkdocs' ``url``)."""
    listed = json.dumps(sorted(set(page_urls)), ensure_ascii=False).replace("</", "<\\/")
    return SCRIPT.replace("PAGES", listed, 1)


def with_sitemap(output: str, script_text: str, root: str) -> str:
    """``output`` with the script (``script``: made once per build) before ``</head>``; ``root`` is the
    site root relative to the page."""
    tag = f'<script data-wurzel="{html.escape(root or ".", quote=True)}">{script_text}</script>'
    return output.replace("</head>", tag + "</head>", 1)
