# Everyday commands. `make serve` and `make test` set everything up themselves.
SHELL := /bin/bash
VENV := .venv
PY := $(VENV)/bin/python
PORT ?= 8000
WORKSHOP_PORT ?= 8765
SITE ?= site
PYTEST_ARGS ?=
# mkdocs-material prints an end-of-life banner on every run; editors need the course's messages.
export NO_MKDOCS_2_WARNING := 1

.PHONY: setup serve preview site check test test-fast lint bench new-module clean lock schema pdf data lms fragenpool workshop workshop-ende

setup: $(VENV)/.installed node_modules/.installed

$(VENV)/.installed: pyproject.toml packages/kurslab/pyproject.toml requirements.lock scripts/setup-system.sh lite/kernel-wheels.txt
	scripts/setup-system.sh
	test -x $(PY) || "$$(scripts/find-python.sh)" -m venv $(VENV)
	$(PY) -m pip install -q --disable-pip-version-check -c requirements.lock -e '.[dev]'
	$(PY) -m pip install -q --disable-pip-version-check --no-build-isolation --no-deps -e packages/kurslab
	$(PY) -m compileall -q src packages  # the environment may set PYTHONDONTWRITEBYTECODE
	$(PY) scripts/fetch_kernel_wheels.py
	touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

site: setup ## Build the whole site into site/, handouts and handbook as PDF included (the old site stays on any error)
	$(PY) scripts/build.py --pdf --site-dir $(SITE)

serve: site ## Build and serve on http://127.0.0.1:$(PORT)
	$(PY) scripts/serve.py --port $(PORT) $(SITE)

preview: setup ## Live preview while editing
	$(VENV)/bin/mkdocs serve --dev-addr 127.0.0.1:$(PORT) --livereload

workshop: setup ## Course plus live poll for the room's network (builds site/ if missing); WORKSHOP_PORT=8765
	$(PY) scripts/workshop.py --site $(SITE) --port $(WORKSHOP_PORT)

workshop-ende: ## Delete every answer of the workshop (.workshop/)
	$(PY) scripts/workshop.py --ende

check: setup ## Validate content only (seconds)
	$(PY) scripts/build.py --check

test: setup lint ## Lint, then all tests: JavaScript units (node), then pytest with browser tests
	node --test tests/js/
	$(PY) -m pytest $(PYTEST_ARGS)

test-fast: setup ## Tests without the browser
	$(PY) -m pytest -m "not browser" $(PYTEST_ARGS)

lint: setup
	$(VENV)/bin/ruff check src packages scripts tests
	$(VENV)/bin/ruff format --check src packages scripts tests
	$(VENV)/bin/mypy

lms: setup ## LMS packages (SCORM 1.2, SCORM 2004, cmi5) in dist/; LMS_ARGS=--ohne-python for small upload limits
	$(PY) scripts/lms.py $(LMS_ARGS)

fragenpool: setup ## Quiz questions as question pools for Moodle, ILIAS and OpenOLAT in dist/fragenpool/
	$(PY) scripts/fragenpool.py

pdf: site ## Handouts and the facilitator handbook as PDF in pdf/ too (make site prints them into site/pdf/)
	rm -rf pdf && cp -r $(SITE)/pdf pdf

bench: setup ## Build time and page weight against stock mkdocs-material
	$(PY) scripts/bench.py

new-module: setup ## Scaffold a module: make new-module ID=mein-modul TITEL="Mein Modul"
	$(PY) scripts/new_module.py "$(ID)" "$(TITEL)"

lock: ## Re-pin Python dependencies after changing pyproject.toml
	$(PY) -m pip install -q -e '.[dev]'
	$(PY) -m pip freeze --exclude-editable | grep -v '^coursekit\|^kurslab' > requirements.lock

clean:
	rm -rf $(SITE) pdf dist .$(SITE).neu-* .$(SITE).alt-* .pytest_cache .mypy_cache .ruff_cache test-artifacts
	find . -name __pycache__ -not -path './$(VENV)/*' -prune -exec rm -rf {} +

data: setup ## Regenerate the synthetic data sets in exercises/data/ (fixed seeds)
	$(PY) scripts/generate_data.py

schema: setup ## Regenerate the editors' JSON schemas in schema/ from the content model
	$(PY) -m coursekit.schema schema
