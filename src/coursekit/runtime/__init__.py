"""Python on the module page: what the build makes for the in-page runner.

``snapshot``: a Pyodide memory snapshot with kurslab imported, so a page boots Python in about a
second. ``editor``: the CodeMirror editor as one bundled file. The browser side lives in
assets/runner.js (page) and assets/pyworker.js (the worker that runs Python).
"""
