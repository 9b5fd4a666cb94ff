"""Build logic for the Social Learning course: content model, validation, mkdocs plugin, build."""

__version__ = "0.1.0"
