"""The JupyterLite part of the site: notebooks that run Python in the browser, fully offline.

Pyodide comes from the npm package (pinned in package.json), the kernel's wheels from
lite/kernel-wheels.txt (downloaded by `make setup`), the notebooks and data sets from exercises/,
the kurslab helper package as a wheel built from packages/kurslab/. Wheels and the standard library
ship as bytecode compiled inside Pyodide (pyc.py, pyc.mjs), which halves the kernel's start. The result
goes to <site>/lite/.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import shutil
import subprocess
import sys
import tempfile
from importlib import metadata
from pathlib import Path

from flit_core import wheel as flit_wheel

from .postbuild import neutralise_cdn
from .runtime import RuntimeBuildError
from .runtime.snapshot import SNAPSHOT, SOURCE_STDLIB, make_snapshot

PYODIDE_FILES = ["pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm", "python_stdlib.zip"]
WHEEL_CACHE = Path(".cache") / "lite-wheels"
KERNEL_EXTENSION = "@jupyterlite/pyodide-kernel-extension"
PYC_CACHE = Path(".cache") / "lite-pyc"
KURSLAB = Path("packages") / "kurslab"  # the notebooks' helper package (its own pyproject.toml)
SITE_CACHE = Path(".cache") / "lite-site"  # finished JupyterLite sites, one folder per input key
SITE_CACHE_KEEP = 2  # entries kept (each about 60 MB): the current one and the one before
# The Python packages whose versions shape the JupyterLite output.
LITE_PACKAGES = [
    "jupyterlite-core",
    "jupyterlite-pyodide-kernel",
    "jupyterlab-server",
    "jupyterlab-language-pack-de-DE",
    "pyodide-build",
    "flit_core",
]


class LiteError(Exception):
    """A JupyterLite build step failed; the message is German."""


def pinned_wheels(root: Path) -> list[str]:
    lines = (root / "lite" / "kernel-wheels.txt").read_text("utf-8").splitlines()
    return [line.strip() for line in lines if line.strip() and not line.startswith("#")]


def fetch_wheels(root: Path) -> Path:
    """Download the kernel's pinned pure-Python wheels once (make setup)."""
    cache = root / WHEEL_CACHE
    cache.mkdir(parents=True, exist_ok=True)
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "download",
            "-q",
            "--disable-pip-version-check",
            "--only-binary=:all:",
            "--platform",
            "any",
            "--python-version",
            "3.14",
            "--implementation",
            "py",
            "--abi",
            "none",
            "--no-deps",
            "-d",
            str(cache),
            *pinned_wheels(root),
        ],
        check=True,
    )
    return cache


def _data_files(root: Path) -> list[Path]:
    """The data sets every notebook folder carries (the kernel's working directory)."""
    return sorted((root / "exercises" / "data").glob("*.csv"))


def _helper_sources(root: Path) -> list[Path]:
    return sorted((root / KURSLAB / "kurslab").glob("*.py"))


def build_helper_wheel(root: Path, target: Path) -> Path:
    """The kurslab wheel (flit_core, pure Python), for the Pyodide lock: ``import kurslab`` loads it."""
    target.mkdir(parents=True, exist_ok=True)
    built: Path = flit_wheel.make_wheel_in((root / KURSLAB / "pyproject.toml").resolve(), target.resolve()).file
    return built


def notebook_path(root: Path, notebook: Path) -> str:
    """The notebook's path inside JupyterLite, versioned by content.

    JupyterLite keeps a learner's edited copy in the browser under the same path, and that copy
    hides a newer course version. A folder named after the content hash gives each course version
    its own path: an update shows up at once, and the learner's earlier copy stays in its old folder.
    """
    digest = hashlib.sha256(notebook.read_bytes())
    for support in _data_files(root) + _helper_sources(root):
        digest.update(support.read_bytes())
    return f"{notebook.stem}-v{digest.hexdigest()[:8]}/{notebook.name}"


def write_notebook_folder(root: Path, notebook: Path, contents: Path) -> Path:
    """Copy a notebook with what it needs into its versioned folder under ``contents``; returns the copy.

    The kernel's working directory is the notebook's folder, so the data sets sit beside the notebook
    (learners can open them too); the helper package comes as a wheel.
    """
    copy = contents / notebook_path(root, notebook)
    copy.parent.mkdir(parents=True)
    data = json.loads(notebook.read_text("utf-8"))
    for cell in data.get("cells", []):
        if cell.get("cell_type") == "code":  # the course's own code: no "Not Trusted" badge for learners
            cell.setdefault("metadata", {})["trusted"] = True
    copy.write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", "utf-8")
    for data in _data_files(root):
        shutil.copy(data, copy.parent / data.name)
    return copy


def _run(command: list[str], cwd: Path, what: str) -> None:
    result = subprocess.run(command, cwd=cwd, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        raise LiteError(f"{what} ist fehlgeschlagen:\n{(result.stderr or result.stdout)[-3000:]}")


def _pyodide_dir(root: Path) -> Path:
    for folder in (root, *root.parents):
        candidate = folder / "node_modules" / "pyodide"
        if (candidate / "pyodide.mjs").is_file():
            return candidate
    raise LiteError("Das npm-Paket „pyodide“ fehlt. Führen Sie „make setup“ aus.")


def kernel_wheels(root: Path) -> list[Path]:
    """The kernel's pinned wheels, downloaded by ``make setup``."""
    wheels = sorted((root / WHEEL_CACHE).glob("*.whl"))
    if len(wheels) < len(pinned_wheels(root)):
        raise LiteError("Die Kernel-Pakete fehlen in .cache/lite-wheels/. Führen Sie „make setup“ aus.")
    return wheels


def precompiled(root: Path, archives: list[Path]) -> list[Path]:
    """Copies of ``archives`` with bytecode in place of sources (pyc.py), made once per content.

    The compiling runs in Pyodide under Node.js: its Python is the browser's, so the bytecode fits.
    """
    cache = root / PYC_CACHE
    # Keyed by the archive, the compiler and the Pyodide release, so a change to any makes a new copy.
    compiler = [Path(__file__).with_name("pyc.py"), _pyodide_dir(root) / "package.json"]
    salt = b"".join(hashlib.sha256(f.read_bytes()).digest() for f in compiler)
    folders = {a: cache / hashlib.sha256(salt + a.read_bytes()).hexdigest()[:20] for a in archives}
    missing = [a for a, folder in folders.items() if not folder.is_dir()]
    if missing:
        with tempfile.TemporaryDirectory(prefix="pyc-") as tmp:
            command = ["node", str(Path(__file__).with_name("pyc.mjs")), tmp, *map(str, missing)]
            result = subprocess.run(command, capture_output=True, text=True, check=False)
            if result.returncode != 0:
                raise LiteError(f"Das Vorübersetzen in Pyodide ist fehlgeschlagen:\n{result.stderr[-3000:]}")
            names = json.loads(result.stdout.strip().splitlines()[-1])
            for archive in missing:
                # A staging folder of its own: builds running at the same time do not meet here.
                cache.mkdir(parents=True, exist_ok=True)
                staging = Path(tempfile.mkdtemp(prefix="staging-", dir=cache))
                shutil.move(Path(tmp) / names[archive.name], staging / names[archive.name])
                try:
                    staging.rename(folders[archive])  # complete or absent, never half-written
                except OSError:  # another build got there first with the same content
                    shutil.rmtree(staging, ignore_errors=True)
    return [next(folders[a].iterdir()) for a in archives]


def stage_pyodide(root: Path, target: Path, wheels: list[Path], work: Path, *, compiled: bool = True) -> None:
    """Pyodide's core files, ``wheels`` and a lock listing only those wheels into ``target``.

    With nothing else in the lock, the kernel never looks a package up anywhere else. ``compiled``
    ships the standard library and the wheels as bytecode: the kernel then imports its roughly
    thousand modules without compiling them at every start.
    """
    target.mkdir(parents=True, exist_ok=True)
    source = _pyodide_dir(root)
    for name in PYODIDE_FILES:
        shutil.copy(source / name, target / name)
    for wheel in wheels:
        if wheel.parent != target:
            shutil.copy(wheel, target / wheel.name)
    lock = json.loads((source / "pyodide-lock.json").read_text("utf-8"))
    lock["packages"] = {}
    (work / "empty-lock.json").write_text(json.dumps(lock), "utf-8")
    _run(
        [
            str(Path(sys.executable).parent / "pyodide"),
            "lockfile",
            "add-wheels",
            "--input",
            str(work / "empty-lock.json"),
            "--output",
            str(target / "pyodide-lock.json"),
            "--base-path",
            str(target),
            *[str(target / w.name) for w in wheels],
        ],
        work,
        "pyodide lockfile add-wheels",
    )
    if compiled:
        _swap_in_bytecode(root, target, wheels, source / "python_stdlib.zip")


def _swap_in_bytecode(root: Path, target: Path, wheels: list[Path], stdlib: Path) -> None:
    """Replace the staged wheels and stdlib by their compiled copies and point the lock at them.

    The lock is written from the source wheels first: its tooling accepts only the tags Pyodide
    installs (a compiled wheel is tagged cp314-none-any), as `pyodide py-compile` handles it too.
    """
    *compiled_wheels, compiled_stdlib = precompiled(root, [*wheels, stdlib])
    shutil.copy(compiled_stdlib, target / stdlib.name)
    lock_file = target / "pyodide-lock.json"
    lock = json.loads(lock_file.read_text("utf-8"))
    by_file = {entry["file_name"]: entry for entry in lock["packages"].values()}
    for wheel, compiled_wheel in zip(wheels, compiled_wheels, strict=True):
        (target / wheel.name).unlink()
        shutil.copy(compiled_wheel, target / compiled_wheel.name)
        entry = by_file[wheel.name]
        entry["file_name"] = compiled_wheel.name
        entry["sha256"] = hashlib.sha256(compiled_wheel.read_bytes()).hexdigest()
    lock_file.write_text(json.dumps(lock, indent=2), "utf-8")


def _files_under(folder: Path) -> list[Path]:
    skip = {"__pycache__", "_output", ".ipynb_checkpoints", "build", "dist"}
    return sorted(
        p for p in folder.rglob("*") if p.is_file() and not skip.intersection(p.relative_to(folder).parts[:-1])
    )


def lite_key(root: Path) -> str:
    """A hash of everything the JupyterLite output is made from, by content (never by timestamps):
    lite/, the notebooks and data sets, kurslab, the kernel wheels, Pyodide's npm release, the
    versions of the Python packages that build it, and this build code itself."""
    digest = hashlib.sha256()

    def add(label: str, data: bytes) -> None:
        digest.update(label.encode() + b"\0" + hashlib.sha256(data).digest())

    here = Path(__file__).parent
    code = [here / "lite.py", here / "pyc.py", here / "pyc.mjs", here / "postbuild.py", *_files_under(here / "runtime")]
    inputs = [
        *_files_under(root / "lite"),
        *sorted((root / "exercises" / "notebooks").glob("*.ipynb")),
        *_data_files(root),
        *_files_under(root / KURSLAB),
        *kernel_wheels(root),
    ]
    for path in inputs:
        add(path.relative_to(root).as_posix(), path.read_bytes())
    for path in code:
        add(f"coursekit/{path.relative_to(here).as_posix()}", path.read_bytes())
    add("pyodide", (_pyodide_dir(root) / "package.json").read_bytes())
    for name in LITE_PACKAGES:
        add(name, metadata.version(name).encode())
    add("python", sys.version.encode())
    return digest.hexdigest()[:20]


def build_lite(root: Path, target: Path) -> bool:
    """The JupyterLite site into ``target`` (a fresh folder), from the cache when its inputs are unchanged.

    Returns whether the cache served it. A new build goes into the cache first, under its key, complete
    or not at all, then it is copied (the site's files are changed later, the cache's never)."""
    cache = root / SITE_CACHE
    entry = cache / lite_key(root)
    reused = entry.is_dir()
    if not reused:
        cache.mkdir(parents=True, exist_ok=True)
        partial = Path(tempfile.mkdtemp(prefix="neu-", dir=cache))
        try:
            _build_lite(root, partial / "site")
            with contextlib.suppress(OSError):  # another build finished the same key first
                partial.rename(entry)
        finally:
            shutil.rmtree(partial, ignore_errors=True)
        for old in sorted(cache.iterdir(), key=lambda p: p.stat().st_mtime)[:-SITE_CACHE_KEEP]:
            if old != entry and not old.name.startswith("neu-"):
                shutil.rmtree(old, ignore_errors=True)
    os.utime(entry)  # most recently used
    shutil.copytree(entry / "site", target)
    return reused


def _build_lite(root: Path, target: Path) -> None:
    """Build the JupyterLite site from lite/ and exercises/ into ``target`` (a fresh folder)."""
    bin_dir = Path(sys.executable).parent
    wheels = kernel_wheels(root)
    with tempfile.TemporaryDirectory(prefix="lite-") as tmp:
        work = Path(tmp)
        lite_dir = work / "lite"
        pyodide_target = lite_dir / "static" / "pyodide"
        helper = build_helper_wheel(root, work / "kurslab-wheel")
        stage_pyodide(root, pyodide_target, [*wheels, helper], work)
        # The module pages' Python boots from this snapshot (runtime/snapshot.py); it shares Pyodide's files.
        try:
            compiled_helper = next(pyodide_target.glob("kurslab-*.whl"))
            make_snapshot(root, pyodide_target, compiled_helper, pyodide_target / SNAPSHOT)
            # After a restore the page's Python rarely imports more; the source archive is 2 MB smaller.
            shutil.copyfile(_pyodide_dir(root) / "python_stdlib.zip", pyodide_target / SOURCE_STDLIB)
        except RuntimeBuildError as exc:
            raise LiteError(str(exc)) from exc
        shutil.copy(root / "lite" / "jupyter-lite.json", lite_dir / "jupyter-lite.json")
        contents = work / "contents"
        for notebook in sorted((root / "exercises" / "notebooks").glob("*.ipynb")):
            write_notebook_folder(root, notebook, contents)
        # lite/jupyter_lite_config.json: only the notebook, file browser and editor apps, no source maps,
        # and of the build environment's labextensions only the kernel's (jupytext and
        # jupyterlab_pygments come with mkdocs-jupyter and nbconvert and are not for learners).
        shutil.copy(root / "lite" / "jupyter_lite_config.json", lite_dir / "jupyter_lite_config.json")
        kernel_extension = Path(sys.prefix) / "share" / "jupyter" / "labextensions" / KERNEL_EXTENSION
        shutil.copytree(kernel_extension, lite_dir / "labextensions" / KERNEL_EXTENSION)
        _run(
            [str(bin_dir / "jupyter"), "lite", "build", "--contents", str(contents), "--output-dir", str(target)],
            lite_dir,
            "jupyter lite build",
        )
    # The kernel extension falls back to a CDN copy of Pyodide when no pyodideUrl is set.
    neutralise_cdn([*target.rglob("*.js"), *target.rglob("*.mjs")])
    add_way_back(target)


BACK_SCRIPT = "kurs-zurueck.js"
BACK_JS = """// A visible way back to the module page that opened this notebook (?zurueck=<relative URL>).
(() => {
  const back = new URLSearchParams(location.search).get("zurueck");
  if (!back) return;
  const url = new URL(back, location.href);
  if (url.origin !== location.origin) return; // only pages of this course
  const link = document.createElement("a");
  link.href = url.href;
  link.textContent = "← Zurück zur Modulseite";
  link.className = "kurs-zurueck";
  Object.assign(link.style, { position: "fixed", right: "1rem", bottom: "1rem", zIndex: 10000, padding: "0.5rem 1rem",
    background: "#00665c", color: "#fff", borderRadius: "0.2rem", font: "600 14px system-ui, sans-serif" });
  document.body.append(link);
})();
"""


def add_way_back(target: Path) -> None:
    """The notebooks app gets a link back to the module page it was opened from (kurs-zurueck.js)."""
    (target / BACK_SCRIPT).write_text(BACK_JS, "utf-8")
    page = target / "notebooks" / "index.html"
    html = page.read_text("utf-8")
    if BACK_SCRIPT not in html:
        page.write_text(html.replace("</body>", f'<script src="../{BACK_SCRIPT}" defer></script></body>', 1), "utf-8")
