# Two commands do everything: `make run` and `make test`. Both are idempotent.
SHELL := /bin/bash
.SHELLFLAGS := -euo pipefail -c
# Debian's own Python 3.11 when it can make a virtual environment: it is built with
# profile-guided and link-time optimisation and runs the suite about a fifth faster than
# a Python compiled without them (pyenv's default; docs/measurements.md, 2026-12-05).
PYTHON ?= $(shell /usr/bin/python3.11 -c "import ensurepip, venv" >/dev/null 2>&1 \
            && echo /usr/bin/python3.11 || echo python3)
VENV := .venv
PY := $(VENV)/bin/python
HOST ?= 127.0.0.1
PORT ?= 8000
# Python keeps compiled bytecode here even where the environment turns it off: otherwise
# each test worker and app server compiles the project again, some 3 s a process.
unexport PYTHONDONTWRITEBYTECODE
PO_FILES := $(wildcard locale/*/LC_MESSAGES/django.po)
MO_FILES := $(PO_FILES:.po=.mo)

.PHONY: run test setup system-packages lint format test-sqlite test-postgres test-browser test-upgrade \
        test-soak soak fuzz messages bench bench-scale clean

# Mails and calendar links point at where the app serves, unless SITE_URL says otherwise.
SITE_URL ?= http://$(HOST):$(PORT)
SQLITE_WORKERS ?= -n 2 --dist worksteal

run: setup
	DEBUG=1 $(PY) manage.py migrate --noinput
	DEBUG=1 SITE_URL=$(SITE_URL) $(PY) manage.py load_demo
	@echo "Ledertrivsel kører på http://$(HOST):$(PORT)/ (stop med Ctrl+C)"
	DEBUG=1 SITE_URL=$(SITE_URL) $(PY) manage.py runserver $(HOST):$(PORT)

# The SQLite and PostgreSQL suites run side by side (one per core); then three that mostly
# wait, side by side: the browser tests (two at a time; they wait for Chromium), the
# upgrade from the previous release, and 30 seconds of the production topology under
# load and faults (the soak smoke checks correctness, not latency, so it may share).
test: setup system-packages lint
	$(MAKE) --no-print-directory --output-sync=target -j2 test-sqlite test-postgres SQLITE_WORKERS=
	$(MAKE) --no-print-directory --output-sync=target -j3 test-browser test-upgrade test-soak

BUILT_CSS := build/static/css/design-system.css
setup: $(VENV)/.installed node_modules/.installed $(MO_FILES) $(BUILT_CSS)

# Rebuilt when a template, the Python or a script changes: a new class name must keep
# its rule (scripts/purgecss.config.cjs).
CSS_SOURCES := $(shell find templates access api audit benchmark core dialogue followup groups \
	identity method organisations plans prioritymap scim ui ledertrivsel static/js \
	-name '*.html' -o -name '*.py' -o -name '*.js' 2>/dev/null)
$(BUILT_CSS): node_modules/.installed scripts/build_css.py scripts/purgecss.config.cjs $(CSS_SOURCES)
	python3 scripts/build_css.py node_modules/dkfds/dist/css/dkfds.min.css $@

$(VENV)/.installed: pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check --upgrade pip
	# Not compiled at install: Python compiles what is imported, a fraction of it, when it
	# is first imported (the benchmark's OpenDP and Polars alone took 10 s to compile).
	$(PY) -m pip install --quiet --disable-pip-version-check --no-compile -e ".[test]"
	touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

locale/%/LC_MESSAGES/django.mo: locale/%/LC_MESSAGES/django.po
	msgfmt --check -o $@ $<

# PostgreSQL, Chromium and gettext from Debian; installed when missing and run as root.
system-packages:
	scripts/ensure-system-packages.sh

lint: setup
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/lint-imports --no-cache
	TESTING=1 $(PY) manage.py makemigrations --check --dry-run --verbosity 0

format: setup
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

# `make test` runs it beside PostgreSQL, one process each; on its own it takes both cores.
# Both suites make their schema from the models. Every migration runs on PostgreSQL in
# the upgrade test (the previous release's on an empty database, then this code's on its
# data, as a deployment runs them) and in the soak; `makemigrations --check` (lint) keeps
# the migrations in step with the models.
test-sqlite: setup
	$(VENV)/bin/pytest -m "not browser" -q --nomigrations $(SQLITE_WORKERS)

test-postgres: setup system-packages
	scripts/with-postgres.sh $(VENV)/bin/pytest -m "not browser and not postgres_only" -q \
		--nomigrations

# A database filled by the previous release (CHANGELOG.md names its commit) upgraded to
# this code, on PostgreSQL. It runs beside the browser tests, which mostly wait.
test-upgrade: setup system-packages
	scripts/with-postgres.sh $(VENV)/bin/pytest -m postgres_only -q

test-browser: setup system-packages
	$(VENV)/bin/pytest -m browser -q -n 2 --dist worksteal

# nginx, two gunicorn app servers, the worker and PostgreSQL (deploy/), with locust users;
# one app server is killed and PostgreSQL restarted midway. See scripts/soak/run.py.
test-soak: setup system-packages
	PG_DURABLE=1 scripts/with-postgres.sh $(PY) scripts/soak/run.py \
		--users 10 --seconds 30 --leaders 500 --report test-artifacts/soak-smoke.json

SOAK_USERS ?= 50
SOAK_SECONDS ?= 180
SOAK_LEADERS ?= 20000
soak: setup system-packages
	PG_DURABLE=1 scripts/with-postgres.sh $(PY) scripts/soak/run.py --enforce-latency \
		--users $(SOAK_USERS) --seconds $(SOAK_SECONDS) --leaders $(SOAK_LEADERS)

# Before a release: the fuzz test from a fresh random seed, with enough examples for more
# than 10,000 requests on each database (about 148 addresses, a GET and a POST each).
FUZZ_EXAMPLES ?= 35
fuzz: setup system-packages
	FUZZ_RANDOM=1 FUZZ_EXAMPLES=$(FUZZ_EXAMPLES) $(VENV)/bin/pytest tests/core/test_fuzz.py \
		-q --nomigrations -n 2
	FUZZ_RANDOM=1 FUZZ_EXAMPLES=$(FUZZ_EXAMPLES) scripts/with-postgres.sh \
		$(VENV)/bin/pytest tests/core/test_fuzz.py -q -n 2

# Speed is measured here, not in timed tests.
bench: setup system-packages
	command -v wrk >/dev/null || (apt-get update -qq && apt-get install -y -qq --no-install-recommends wrk >/dev/null)
	$(PY) bench/prioritymap_bench.py
	$(PY) bench/pages_bench.py
	scripts/with-postgres.sh $(PY) bench/pages_bench.py
	test -x bench/lighthouse/node_modules/.bin/lighthouse || \
		npm ci --prefix bench/lighthouse --no-audit --no-fund --loglevel=error
	$(PY) bench/lighthouse_bench.py

# The largest organisations' size (SCALE_LEADERS, 20,000), on SQLite and then PostgreSQL:
# bulk jobs and every page a person can open, each against its goal.
SCALE_LEADERS ?= 20000
bench-scale: setup system-packages
	SCALE_LEADERS=$(SCALE_LEADERS) $(PY) bench/scale_bench.py
	SCALE_LEADERS=$(SCALE_LEADERS) scripts/with-postgres.sh $(PY) bench/scale_bench.py

# Updates the translation files after UI texts changed (Danish is the source language).
messages: setup
	TESTING=1 $(PY) manage.py makemessages --locale en --no-obsolete --add-location file \
		--ignore '.venv/*' --ignore 'node_modules/*' --ignore 'staticfiles/*' \
		--ignore 'bench/lighthouse/*'

clean:
	rm -rf $(VENV) node_modules staticfiles build db.sqlite3* $(MO_FILES)
