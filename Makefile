# The two set-up commands of the README: `make demo` and `make test`.
# Both create the environment in .venv/ from the lock file when it is missing or stale.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: env demo test lint system-deps lock bench docs clean

$(STAMP): pyproject.toml requirements.lock
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -r requirements.lock
	$(BIN)/pip install -q --no-deps -e .
	touch $@

env: $(STAMP)

# Services and browsers the tests use (redis-server, Chromium with CJK fonts); installs only what is missing.
system-deps:
	bash .ci/system-deps.sh

demo: env
	$(BIN)/govreports demo

# Two workers (pytest-xdist): crawls wait on the network and on each other as much as on the CPU; the tests that
# read the crawled sample share one worker (see tests/conftest.py).
test: env system-deps
	$(BIN)/python -m pytest -q -n 2 --dist loadgroup

# Lint (imports sorted), formatting and types, as configured in pyproject.toml; CI runs it beside the tests.
lint: env
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy

# Regenerate the lock file after changing pyproject.toml.
lock:
	rm -rf /tmp/govreports-lock && $(PYTHON) -m venv /tmp/govreports-lock
	/tmp/govreports-lock/bin/pip install -q --upgrade pip
	/tmp/govreports-lock/bin/pip install -q ".[test,lint]"
	/tmp/govreports-lock/bin/pip freeze --all --exclude govreports --exclude pip > requirements.lock

# Regenerate what pipelines/schema.py and the metric keys define: pipelines/datasette_site/metadata.yaml's column descriptions,
# docs/data-dictionary.md and docs/metrics.md (tests/test_schema.py fails while they are stale).
docs: env
	$(BIN)/python -m pipelines.docgen

bench: env
	for f in benchmarks/*.py; do $(BIN)/python $$f || exit 1; done

clean:
	rm -rf $(VENV) data/reports.db data/archive data/sample_portal/site
