# saferplan's entry points. The README's two commands are `make demo` and `make test`;
# each does all its own set-up (virtual environment, Python and npm packages, assets).

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PY_STAMP := $(VENV)/.installed
NODE_STAMP := node_modules/.installed
CSS := saferplan/static/dist/saferplan.css
# The interface's translations, compiled from saferplan/locale/<language>/LC_MESSAGES/django.po
MO := $(patsubst %.po,%.mo,$(wildcard saferplan/locale/*/LC_MESSAGES/django.po))
POSTGRES_URL ?= postgres://postgres@127.0.0.1:5432/saferplan
# pytest-xdist workers: one per core (make test PYTEST_WORKERS=0 runs in one process)
PYTEST_WORKERS ?= auto

.PHONY: redmine-peer demo test test-postgres lint format bench load-test deployment-test redis assets python-deps browser proxy wrk fonts clean

$(PY_STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "saferplan needs Python 3.11 or newer: run make with PYTHON=python3.11 (or newer)")'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[dev]"
	touch $@

$(NODE_STAMP): package.json package-lock.json
	@node -e 'process.exit(+process.versions.node.split(".")[0] >= 18 ? 0 : 1)' || { echo "saferplan needs Node.js 18 or newer"; exit 1; }
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

$(MO): %.mo: %.po $(PY_STAMP)
	$(BIN)/python scripts/compile_messages.py $<

$(CSS): $(NODE_STAMP) scripts/build-assets.mjs $(wildcard saferplan/static/src/*.scss)
	npm run --silent build

# Browser tests drive Debian's Chromium (Playwright may not download its own here).
browser:
	@command -v chromium >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	    echo "Installing Debian's chromium for the browser tests"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	  else \
	    echo "Chromium is not installed, so the browser tests will be skipped: sudo apt-get install chromium"; \
	  fi; }

# The tests behind a real reverse proxy (tests/test_behind_nginx.py) start Debian's nginx.
proxy:
	@command -v nginx >/dev/null 2>&1 || [ -x /usr/sbin/nginx ] || { \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	    echo "Installing Debian's nginx for the tests behind a reverse proxy"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nginx >/dev/null; \
	  else \
	    echo "nginx is not installed, so the tests behind a reverse proxy will be skipped: sudo apt-get install nginx"; \
	  fi; }

# The page benchmarks measure with wrk (bench/serve.py), Debian's package.
wrk:
	@command -v wrk >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	    echo "Installing Debian's wrk for the benchmarks"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null; \
	  else \
	    echo "wrk is not installed, so the page benchmarks cannot run: sudo apt-get install wrk"; \
	  fi; }

# PDFs (WeasyPrint) need fonts for the scripts of plans' translated notices, or show empty
# boxes: Noto for Arabic, Bengali, Devanagari, Gurmukhi…, Droid Sans Fallback for Chinese.
# saferplan.core.checks names the scripts (its check --deploy warns when one is missing).
fonts: $(PY_STAMP)
	@$(BIN)/python -c 'import sys; from saferplan.core.checks import scripts_without_a_font as m; sys.exit(1 if m() else 0)' || { \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	    echo "Installing Debian's fonts for the PDFs' other scripts"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq fonts-noto-core fonts-droid-fallback >/dev/null; \
	  else \
	    echo "Fonts for Arabic, Bengali, Devanagari, Gurmukhi or Chinese are missing, so PDFs show them as boxes: sudo apt-get install fonts-noto-core fonts-droid-fallback"; \
	  fi; }

python-deps: $(PY_STAMP)
assets: $(CSS)

## The demo: a fresh SQLite database from the seeds, served on http://127.0.0.1:8000
demo: $(PY_STAMP) $(CSS) $(MO) fonts
	$(BIN)/saferplan demo

## Every test, on SQLite (set DATABASE_URL to run them on PostgreSQL)
test: $(PY_STAMP) $(CSS) $(MO) browser proxy fonts
	$(BIN)/pytest -n $(PYTEST_WORKERS)

## Every test that reaches a database again, on the PostgreSQL at $(POSTGRES_URL) (those
## marked no_database, which conftest.py gives every test without a database, and the
## accessibility sweeps marked page_checks, whose pages' HTML is the same on either, ran on
## SQLite)
test-postgres: $(PY_STAMP) $(CSS) $(MO) browser proxy fonts
	DATABASE_URL=$(POSTGRES_URL) $(BIN)/pytest -n $(PYTEST_WORKERS) -m "not no_database and not page_checks"

lint: $(PY_STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy
	$(BIN)/djhtml --check saferplan/templates

format: $(PY_STAMP)
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .
	$(BIN)/djhtml saferplan/templates

## Benchmarks: each prints its figures beside its target (and its peer's, measured in the
## same run: Redmine through its peer script, DuckDB from the Python environment). All run;
## the ones that missed a target are named at the end.
REDMINE_PEER := ../shared/bench-peers/redmine/run.sh
REDMINE_RESULTS ?= var/bench/redmine-results.md
bench: $(PY_STAMP) $(CSS) wrk redmine-peer
	@failed=""; for script in bench/bench_*.py; do \
	  REDMINE_RESULTS=$(abspath $(REDMINE_RESULTS)) $(BIN)/python $$script || failed="$$failed $$script"; \
	done; \
	if [ -n "$$failed" ]; then echo "Missed a target or failed:$$failed"; exit 1; fi

## Redmine measured on this machine now, for the targets that are ratios to it
redmine-peer:
	@mkdir -p $(dir $(REDMINE_RESULTS)); rm -f $(REDMINE_RESULTS)
	@if [ ! -x $(REDMINE_PEER) ]; then \
	  echo "No Redmine peer script at $(REDMINE_PEER): Redmine's published figures are used"; \
	elif [ "$$(id -u)" != 0 ]; then \
	  echo "The Redmine peer installs Debian's redmine and needs root: Redmine's published figures are used"; \
	else \
	  CONFIGS=2x5 DURATION=$${BENCH_DURATION:-15} RESULTS=$(abspath $(REDMINE_RESULTS)) $(REDMINE_PEER) > var/bench/redmine-run.log 2>&1 \
	    || { echo "The Redmine peer failed (var/bench/redmine-run.log)"; exit 1; }; \
	  echo "Redmine measured now: $(REDMINE_RESULTS)"; \
	fi

# The deployment test's servers share Redis for the workers' progress and heartbeats.
redis:
	@command -v redis-server >/dev/null 2>&1 || [ -x /usr/bin/redis-server ] || { \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	    echo "Installing Debian's redis-server for the deployment test"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq redis-server >/dev/null; \
	  else \
	    echo "redis-server is not installed: sudo apt-get install redis-server"; exit 1; \
	  fi; }

## nginx, 2 app servers, 2 workers, PostgreSQL, Redis; 200 people for 5 minutes; an app
## server and a worker killed part-way (bench/deployment_test.py)
deployment-test: $(PY_STAMP) $(CSS) proxy redis
	$(BIN)/python bench/deployment_test.py

## 50 people for 5 minutes against gunicorn + PostgreSQL (bench/load_test.py)
load-test: $(PY_STAMP) $(CSS)
	$(BIN)/python bench/load_test.py

clean:
	rm -rf $(VENV) node_modules saferplan/static/dist var
