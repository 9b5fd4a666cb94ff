"""mkdocs plugin: validates the course, renders module pages and markers."""

from __future__ import annotations

import json
import logging
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from jinja2 import Environment
from mkdocs.config.config_options import ExtraScriptValue
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url

from .. import diagrams, facilitator, markers, markup, notebooks, pedagogy, scaffold, slides, speakerview
from ..course import Course, CourseLayout, Module, load_course
from ..diagnostics import Report
from ..postbuild import neutralise_cdn
from ..runtime import RuntimeBuildError
from ..runtime.editor import bundle_editor
from . import (
    facilitation,
    facilitatorside,
    instant,
    minify,
    pagecache,
    preload,
    preview,
    printables,
    progress,
    render,
    search,
    selfassessment,
    templatecache,
    themefiles,
)
from .config import CourseConfig
from .text import link

log = logging.getLogger("mkdocs.plugins.course")

if TYPE_CHECKING:  # imported only for typing: the live-reload server is not needed by `build`
    from mkdocs.livereload import LiveReloadServer
    from mkdocs.utils.templates import TemplateContext

ASSETS = Path(__file__).resolve().parent.parent / "assets"
# Partials over mkdocs-material's: footer, edit link, light/dark switch.
THEME = Path(__file__).resolve().parent.parent / "theme"
ASSET_URI = "assets/coursekit"
STYLESHEETS = ["course.css"]
# reveal.js for the slide decks, pinned in package.json and copied from node_modules.
REVEAL_NOTES = "plugin/notes.js"
REVEAL_FILES = {"reveal.js": "reveal.js", "reveal.css": "reveal.css", REVEAL_NOTES: REVEAL_NOTES}
SCRIPTS = ["course.js"]
DATA_URI = "assets/kursdaten"  # runner.js and pyworker.js find these next to assets/coursekit/
SOLUTIONS_URI = "assets/uebungen"  # ES module; imports its siblings


def find_package(start: Path, name: str) -> Path:
    """An npm package in the nearest node_modules at or above ``start``, as Node.js resolves it."""
    for folder in (start.resolve(), *start.resolve().parents):
        candidate = folder / "node_modules" / name
        if candidate.is_dir():
            return candidate
    raise PluginError(f"Das npm-Paket „{name}“ fehlt. Führen Sie „make setup“ aus (installiert package.json).")


def layout_from(config: MkDocsConfig, plugin_config: CourseConfig) -> CourseLayout:
    config_file = Path(config.config_file_path)
    root = config_file.parent
    return CourseLayout(
        root=root,
        docs_dir=Path(config.docs_dir),
        modules_dir=plugin_config.modules_dir,
        exercises_dir=root / plugin_config.exercises_dir,
        config_file=config_file,
    )


def generated_pages(course: Course) -> list[str]:
    """Where the pages the plugin adds to every build go: facilitator views, handouts, the handbook."""
    return [
        *(facilitation.view_uri(m) for m in course.modules),
        *(render.handout_uri(m) for m in course.modules),
        printables.HANDBOOK,
    ]


def generated_sources(course: Course, pdfs: bool = False) -> dict[str, str]:
    """Markdown of the generated pages (``generated_pages``, in that order).

    ``pdfs``: the build prints handouts and handbook into the site (build.py), so the pages link them."""
    sources = [facilitation.view_source(m) for m in course.modules]
    sources += [printables.handout(course, m, pdfs) for m in course.modules]
    sources.append(printables.handbook(course, pdfs))
    return dict(zip(generated_pages(course), sources, strict=True))


def check(config: MkDocsConfig, plugin_config: CourseConfig, *, previewing: bool = False) -> tuple[Course, Report]:
    layout = layout_from(config, plugin_config)
    report = Report(layout.root)
    course = load_course(layout, config.nav, report, generated_pages)
    # Unwritten template texts stop a build; while previewing they are a reminder, not a blocker.
    scaffold.check_placeholders(course, report.warning if previewing else report.error)
    mode = plugin_config.pedagogy_checks
    if mode != "off":
        pedagogy.check(course, report.error if mode == "error" else report.warning, report.warning)
    return course, report


class CoursePlugin(BasePlugin[CourseConfig]):
    supports_multiple_instances = False

    def __init__(self) -> None:
        self.course: Course | None = None
        self.serving = False
        self.instant_script = ""  # instant navigation's script, listing every rendered page (instant.py)
        self.facilitator_views: dict[str, Module] = {}  # src_uri of a facilitator page -> its module
        self.files = Files([])  # this build's files, for the facilitator guide's previous/next links
        self.slot_urls: dict[str, str] = {}  # src_uri -> URL of the pages that fill_slots links to
        # Set by build.py for `make site`: it prints handouts and handbook into site/pdf/ after mkdocs.
        self.pdf_downloads = False
        # `make preview`: the problems of the current rebuild, shown at the top of every page.
        self.preview_findings: list[preview.Finding] = []
        self.preview_log = preview.Collector(log.name)
        self.pages: pagecache.PageCache | None = None  # conversions reused by content (pagecache.py)

    def on_startup(self, *, command: str, dirty: bool) -> None:
        self.serving = command == "serve"

    def on_pre_build(self, *, config: MkDocsConfig) -> None:
        if self.serving:
            self.preview_findings = []
            self.preview_log.findings = []
            logging.getLogger("mkdocs").addHandler(self.preview_log)

    @event_priority(100)  # before mkdocs-material's search, which renders a template in its on_config
    def _on_config_first(self, config: MkDocsConfig) -> MkDocsConfig:
        templatecache.keep_compiled_templates(config)
        return config

    def _on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        # After a site's own custom_dir, before the theme: the site may still override the course's partials.
        config.theme.dirs.insert(1 if config.theme.custom_dir else 0, str(THEME))
        themefiles.list_visible_files(config)
        root = Path(config.config_file_path).parent
        if self.pages is None or self.pages.folder != root / pagecache.FOLDER:
            self.pages = pagecache.PageCache(root)
        self.pages.start_build()
        # Runs after mkdocs-material's search (listed before the course), which creates its index in on_config.
        pagecache.use_cached_search(config.plugins, self.pages)
        search.skip_needless_attribute_scan(config.plugins)
        config.extra_css.extend(f"{ASSET_URI}/{name}" for name in STYLESHEETS)
        for name in SCRIPTS:
            script = ExtraScriptValue(f"{ASSET_URI}/{name}")
            script.type = "module"
            config.extra_javascript.append(script)
        return config

    on_config = CombinedEvent(_on_config_first, _on_config)

    def on_env(self, env: Environment, /, *, config: MkDocsConfig, files: Files) -> Environment:
        if self.pages is not None:  # pages whose whole template context is as before are not rendered again
            env.template_class = templatecache.template_class(self.pages, config)
        return env

    def on_files(self, files: Files, /, *, config: MkDocsConfig) -> Files:
        # Validate on every (re)build so `make preview` shows editors their mistakes.
        course, report = check(config, self.config, previewing=self.serving)
        for notebook_id, path in course.notebooks.items():
            try:
                course.executed[notebook_id] = notebooks.executed_copy(course.layout.root, path)
            except notebooks.NotebookError as error:
                report.error(path, error.line, str(error))
        if report.errors:
            if not self.serving:
                raise PluginError("Der Kurs enthält Fehler:\n" + report.render())
            # The preview keeps running: faulty modules show without their header until fixed.
            log.error("Der Kurs enthält Fehler:\n" + report.render())
        elif report.items:
            # Content warnings are advice; at INFO level they do not fail a --strict build.
            log.info(report.render())
        self.course = course
        if self.serving:
            self.preview_findings = preview.from_report(report)
        # Diagram sources are inlined into their pages (checked, styled by the page): not published as files.
        for file in [f for f in files if f.src_uri.startswith(f"{diagrams.FOLDER}/")]:
            files.remove(file)
        # The course's own CSS and JS ship inside the package, apart from the content.
        assets = [asset for asset in sorted(ASSETS.iterdir()) if asset.suffix in minify.SUFFIXES]
        try:
            shipped = minify.minified(course.layout.root, assets)
        except RuntimeBuildError as exc:
            raise PluginError(str(exc)) from exc
        for name, path in shipped.items():
            files.append(File.generated(config, f"{ASSET_URI}/{name}", abs_src_path=str(path)))
        # German stemming for search queries too (search.py), not only for the index.
        files.append(File.generated(config, search.WORKER_URI, content=search.worker_source()))
        # The course's structure for the learner's standing in the navigation (standing.js).
        urls = {m.src_uri: f.url for m in course.modules if (f := files.get_file_from_path(m.src_uri))}
        structure = progress.structure_json(course, urls, self.config.pass_threshold)
        files.append(File.generated(config, f"{ASSET_URI}/kurs.json", content=structure))
        # The competences the modules tag, for the self-assessment page (selbst.js).
        competences = selfassessment.competences_json(course, urls)
        files.append(File.generated(config, selfassessment.DATA_URI, content=competences))
        if course.notebooks:
            self._exercise_files(course, files, config)
        reveal = find_package(Path(config.config_file_path).parent, "reveal.js") / "dist"
        for target, source in REVEAL_FILES.items():
            if source in speakerview.LOCALISED:  # the speaker view and the pause overlay in German
                try:
                    german = speakerview.localised_file(reveal, source)
                except speakerview.SpeakerViewError as exc:
                    raise PluginError(str(exc)) from exc
                files.append(File.generated(config, f"assets/reveal/{target}", content=german))
            else:
                files.append(File.generated(config, f"assets/reveal/{target}", abs_src_path=str(reveal / source)))
        # Facilitator views, handouts and the handbook: generated, outside the learner navigation and search.
        self.facilitator_views = {facilitation.view_uri(m): m for m in course.modules}
        made_from = self.facilitator_views | {render.handout_uri(m): m for m in course.modules}
        for uri, content in generated_sources(course, self.pdf_downloads).items():
            generated = File.generated(config, uri, content=content, inclusion=InclusionLevel.NOT_IN_NAV)
            if uri in made_from:  # "Bearbeiten" on a facilitator view or handout opens its module's file
                generated.edit_uri = made_from[uri].src_uri
            files.append(generated)
        assert self.pages is not None
        pagecache.use_cached_pages(files, config, self.pages)
        return files

    def _exercise_files(self, course: Course, files: Files, config: MkDocsConfig) -> None:
        """What the in-page exercises load: the editor bundle, the data sets and the solutions."""
        try:
            editor = bundle_editor(course.layout.root)
        except RuntimeBuildError as exc:
            raise PluginError(str(exc)) from exc
        files.append(File.generated(config, f"{ASSET_URI}/editor.js", abs_src_path=str(editor)))
        data_files = sorted(course.layout.data_dir.glob("*.csv"))
        for data in data_files:
            files.append(File.generated(config, f"{DATA_URI}/{data.name}", abs_src_path=str(data)))
        names = json.dumps([data.name for data in data_files])
        files.append(File.generated(config, f"{DATA_URI}/dateien.json", content=names))
        for notebook_id, path in course.notebooks.items():
            solutions = json.dumps(notebooks.solutions(path), ensure_ascii=False)
            files.append(File.generated(config, f"{SOLUTIONS_URI}/{notebook_id}.json", content=solutions))

    def on_page_markdown(self, markdown: str, /, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        course = self.course
        assert course is not None
        uri = page.file.src_uri
        facilitating = self.facilitator_views.get(uri)
        if not uri.startswith(facilitation.PREFIX):
            markdown, _notes = facilitator.split_notes(markdown)  # learner pages never carry facilitator notes
        module = facilitating or course.module_by_uri(uri)
        if module is not None:
            markdown = render.with_key_points(module, markdown)
        markdown = markers.replace(markdown, lambda m: render.render_marker(course, uri, m))
        if module is None:
            return markdown
        if facilitating is not None:
            learner_url = link(uri, module.src_uri)  # a Markdown link: mkdocs resolves and checks it
            page.meta["title"] = markup.attr_text(f"Moderation: {module.meta.title}")
            return (
                facilitation.with_slides_buttons(render.module_header(course, module, learner=False))
                + facilitation.view_header(course, module, learner_url)
                + markdown
            )
        # mkdocs-material inserts both unescaped (navigation, <title>, <meta content="…">): escape here.
        page.meta["title"] = markup.attr_text(module.meta.title)
        page.meta["description"] = markup.attr_text(module.meta.summary)
        if module.meta.hide:
            page.meta["hide"] = list(module.meta.hide)
        return render.module_header(course, module) + markdown

    def on_page_content(self, html: str, /, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        course = self.course
        assert course is not None
        found = markup.unsafe_html(html)
        if found:
            # The page as a whole (line 1, as for other page-wide findings): what got in may come from a
            # notebook's output rather than from a line of the Markdown.
            where = Report(course.layout.root).rel(course.layout.docs_dir / page.file.src_uri)
            message = (
                f"{where}:1: Die fertige Seite enthält {', '.join(found)}. "
                "Inhalte dürfen keinen Code ausführen; prüfen Sie HTML in Texten und die Ausgaben der Notebook-Zellen."
            )
            if not self.serving:
                raise PluginError(message)
            log.error(message)
            self.preview_findings.append(preview.found(message, error=True))
            return '<p class="ck-missing">Diese Seite wird nach der Korrektur eines Fehlers angezeigt.</p>'
        if self.serving:
            html = preview.exercise_links(html, course.layout.root / "site" / "lite")
        if facilitatorside.marked(page.file.src_uri):
            html = facilitatorside.BANNER + html
        if "ck-slot" not in html:
            return html
        urls = {src_uri: get_relative_url(url, page.url) for src_uri, url in self.slot_urls.items()}
        return render.fill_slots(html, course, urls, self.config.pass_threshold)

    def on_nav(self, nav: Navigation, /, *, config: MkDocsConfig, files: Files) -> Navigation:
        # Every page mkdocs renders in the theme (not the slide decks, not JupyterLite) loads instantly.
        self.instant_script = instant.script([file.url for file in files.documentation_pages()])
        self.files = files
        course = self.course
        assert course is not None
        # Where the modules and the progress page are, for the links that on_page_content fills in.
        wanted = [m.src_uri for m in course.modules] + [course.progress_page or ""]
        self.slot_urls = {uri: file.url for uri in wanted if (file := files.get_file_from_path(uri)) is not None}
        return nav

    def on_page_context(
        self, context: TemplateContext, /, *, page: Page, config: MkDocsConfig, nav: Navigation
    ) -> TemplateContext:
        # Every page exists by now (mkdocs reads all before it renders any), so the chain finds its titles.
        facilitatorside.link_chain(page, self.files)
        return context

    def on_post_page(self, output: str, /, *, page: Page, config: MkDocsConfig) -> str:
        if "navigation.instant" in config.theme.get("features", []):
            output = instant.with_sitemap(output, self.instant_script, get_relative_url(".", page.url))
        output = preload.with_preloads(output, get_relative_url(".", page.url))
        output = preload.with_early_python(output, get_relative_url(".", page.url))
        title = markup.plain(page.title or "")
        full = f"{title} - {config.site_name}" if title and not page.is_homepage else config.site_name
        output = search.use_course_worker(markup.with_safe_title(output, full))
        if self.serving:
            output = preview.inject(output, preview.banner(self.preview_findings + self.preview_log.findings))
        return output

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        site = Path(config.site_dir)
        if self.pages is not None:
            pages = self.pages
            log.debug(f"Umgewandelt: {len(pages.converted)} Seiten, ins Theme gesetzt: {len(pages.rendered)} Seiten")
            self.pages.prune()
        if self.serving:
            logging.getLogger("mkdocs").removeHandler(self.preview_log)
            preview.link_lite(layout_from(config, self.config).root / "site" / "lite", site)
        # mkdocs-material falls back to a public CDN for a ResizeObserver polyfill and for mermaid.
        neutralise_cdn(sorted((site / "assets" / "javascripts").glob("bundle.*.js")))
        course = self.course
        assert course is not None
        for module in course.modules:
            folder = site / "moderation" / module.meta.id / "folien"
            folder.mkdir(parents=True, exist_ok=True)
            (folder / "index.html").write_text(slides.deck(course, module, "../../../"), encoding="utf-8")

    def on_serve(
        self, server: LiveReloadServer, /, *, config: MkDocsConfig, builder: Callable[[], None]
    ) -> LiveReloadServer:
        server = preview.quicker_server(server, config, builder)
        exercises = layout_from(config, self.config).exercises_dir
        if exercises.is_dir():
            server.watch(str(exercises))
        return server
