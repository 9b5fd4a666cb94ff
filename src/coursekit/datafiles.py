"""YAML data files in exercises/: one item per file, the file name is the item's id."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from pydantic import ValidationError

from .diagnostics import Report
from .messages import report_validation_error
from .model import Slug, StrictModel
from .sources import Located, parse_yaml, read_text


class Identified(StrictModel):
    id: Slug


@dataclass
class DataFile[M: Identified]:
    item: M
    path: Path
    located: Located

    def line_of(self, *loc: str | int) -> int:
        return self.located.line_of(loc)


def yaml_files(folder: Path) -> list[Path]:
    return sorted([*folder.glob("*.yml"), *folder.glob("*.yaml")]) if folder.is_dir() else []


# Valid items by (model, file, text): the preview loads every file on each save, most as before. The
# models are frozen, so an item can be shared between builds.
_valid: dict[tuple[type[Identified], Path, str], Identified] = {}


def _validated[M: Identified](model: type[M], path: Path, text: str, data: object) -> M:
    key = (model, path, text)
    item = _valid.get(key)
    if not isinstance(item, model):
        if len(_valid) > 5000:
            _valid.clear()
        item = model.model_validate(data)
        _valid[key] = item
    return item


def load_folder[M: Identified](
    folder: Path, model: type[M], report: Report, tags: frozenset[str] = frozenset()
) -> dict[str, DataFile[M]]:
    """Every valid item in ``folder``; faulty files are reported and left out.

    ``tags`` are the discriminator values of tagged unions in ``model`` (for error locations).
    """
    found: dict[str, DataFile[M]] = {}
    for path in yaml_files(folder):
        text = read_text(path, report)
        located = parse_yaml(text, path, report) if text is not None else None
        if located is None:
            continue
        if not isinstance(located.data, dict):
            report.error(
                path,
                located.first_line,
                "Die Datei muss aus Schlüsseln wie „id:“ und „title:“ bestehen.",
                "Vorlagen stehen auf der Seite „Für die Redaktion“.",
            )
            continue
        try:
            item = _validated(model, path, text or "", located.data)
        except ValidationError as exc:
            report_validation_error(exc, model, located, path, report, tags)
            continue
        if item.id != path.stem:
            report.error(
                path,
                located.line_of(("id",)),
                f"Die Kennung „{item.id}“ passt nicht zum Dateinamen.",
                f"Nennen Sie die Datei „{item.id}.yml“ oder ändern Sie „id“ in „{path.stem}“.",
            )
        found[item.id] = DataFile(item, path, located)
    return found
